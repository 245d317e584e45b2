package io.zkinfer.benchmarks;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.ModelException;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import io.zkinfer.model.onnx.NodeTestCase;
import io.zkinfer.model.onnx.OnnxImporter;
import io.zkinfer.model.quant.Calibration;
import io.zkinfer.model.quant.QuantizationOptions;
import io.zkinfer.model.quant.QuantizedModel;
import io.zkinfer.model.quant.Quantizer;
import io.zkinfer.prover.CommittedModel;
import io.zkinfer.prover.CompileOptions;
import io.zkinfer.prover.CompiledModel;
import io.zkinfer.prover.ModelProver;
import io.zkinfer.prover.ModelVerifier;
import io.zkinfer.sumcheck.circuit.ProofException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * The ONNX backend node tests (Debian's libonnx-testdata, ONNX 1.12) end to end: every case the
 * float conformance test runs, with the inputs that hold an op's weights bound as initializers
 * ({@link NodeTestCase#WEIGHT_INPUTS}), is calibrated on its own inputs, quantized with
 * {@link QuantizationOptions#defaults()}, compiled with {@link CompileOptions#defaults()} (private
 * weights bound to a model commitment, private inputs), proven with zero knowledge, verified, and
 * its dequantized outputs compared with the expected ones.
 *
 * <p><b>Tolerance.</b> An output of an integer type (ArgMax, for instance) must match exactly.
 * A float output passes when, at every position, |q - e| &lt;= {@value #TOL_STEPS} * 2^(1-b) * R,
 * where b is the narrower of the activation and weight widths (8 with the defaults: 10-bit
 * activations, 8-bit weights) and R is the case's range: the largest |value| among its float
 * inputs and expected outputs. 2^(1-b) * R bounds the relative rounding error of one b-bit value
 * at a power-of-two scale (the scale step is below 2^(2-b) times the calibrated range, and
 * rounding errs by half a step); the rule allows {@value #TOL_STEPS} such errors: the inputs' or
 * weights' rounding, a table or requantization step inside the op, and the output's. At 8 bits
 * that is 1/32 of the range. Measuring against the inputs' range too admits the
 * cancellation of a Sub or a Mean, whose output can be far smaller than its inputs.
 *
 * <p>A case is skipped when the float conformance test skips it (an op, data type or attribute
 * value the importer does not support) and when import folds an output to a constant (Shape,
 * Constant): there is no computation to prove.
 */
final class OnnxConformance {
    /** Where Debian's libonnx-testdata puts the node tests. */
    static final Path NODE_TESTS = Path.of("/usr/share/libonnx-testdata/data/node");
    /** Why a case whose output import folds to a constant (Shape, Constant) is skipped. */
    static final String CONSTANT_OUTPUT = "output constant after import: nothing to prove";
    /** The rounding errors the tolerance allows, each at most 2^(1-a) times the case's range. */
    static final int TOL_STEPS = 4;

    enum Status { PASSED, FAILED, SKIPPED }

    /** Where a failing case failed. */
    enum Stage { IMPORT, FLOAT, QUANTIZE, COMPILE, PROVE, VERIFY, TOLERANCE }

    /**
     * The outcome of one case.
     *
     * @param stage where it failed (null unless failed)
     * @param detail the failure's or the skip's reason, empty when passed
     * @param error the largest |q - e| over its outputs divided by the tolerance (NaN unless compared)
     * @param millis time spent on it, import to comparison
     */
    record Result(String name, String op, Status status, Stage stage, String detail, double error, long millis) {
        /** The reason in a few words, for the per-op table. */
        String reason() {
            if (status == Status.SKIPPED) {
                return detail;
            }
            if (stage == Stage.TOLERANCE) {
                return "outside tolerance";
            }
            // Group alike failures: no exception class, no trailing remedy, no large numbers.
            String d = detail.replaceFirst("^[a-z.]+\\.[A-Za-z]+(Exception|Error): ", "");
            int cut = d.indexOf(" (");
            if (cut > 0 && stage == Stage.QUANTIZE) {
                d = d.substring(0, cut);
            }
            int semi = d.indexOf("; ");
            if (semi > 0) {
                d = d.substring(0, semi);
            }
            return stage.name().toLowerCase() + ": " + d.replaceAll("(?<![.\\d])[+-]*\\d{4,}(?![.\\d])", "N");
        }
    }

    private OnnxConformance() {}

    /** Runs every test_* case under {@code dir} in name order; {@code progress} hears one line per case. */
    static List<Result> runAll(Path dir, QuantizationOptions options, Consumer<String> progress) throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(p -> p.getFileName().toString().startsWith("test_") && Files.isDirectory(p))
                    .sorted().toList();
        }
        Set<String> corpusOps = new HashSet<>(OnnxImporter.supportedOps());
        List<byte[]> models = new ArrayList<>();
        for (Path c : cases) {
            byte[] m = Files.readAllBytes(c.resolve("model.onnx"));
            models.add(m);
            corpusOps.addAll(NodeTestCase.opTypes(m));
        }
        List<Result> results = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            Result r = run(load(cases.get(i), models.get(i), corpusOps), options);
            results.add(r);
            if (r.status() != Status.SKIPPED) {
                progress.accept(String.format("%s %s (%d ms)%s", r.name(), r.status().name().toLowerCase(), r.millis(),
                        r.status() == Status.FAILED ? ": " + r.detail()
                                : ", max error " + fmt(r.error()) + " x tolerance"));
            }
        }
        return results;
    }

    /** One case folder, its weights bound as initializers ({@link NodeTestCase#WEIGHT_INPUTS}). */
    static NodeTestCase load(Path dir, byte[] model, Set<String> corpusOps) throws IOException {
        Path data = dir.resolve("test_data_set_0");
        return NodeTestCase.prepare(dir.getFileName().toString(), model, readAll(data, "input_"),
                readAll(data, "output_"), corpusOps, true);
    }

    /** One case through the pipeline. */
    static Result run(NodeTestCase c, QuantizationOptions options) {
        long t0 = System.nanoTime();
        return switch (c) {
            case NodeTestCase.Skipped s -> new Result(s.name(), s.op(), Status.SKIPPED, null, s.reason(), Double.NaN, 0);
            case NodeTestCase.Broken b -> new Result(b.name(), b.op(), Status.FAILED, Stage.IMPORT, b.reason(),
                    Double.NaN, millisSince(t0));
            case NodeTestCase.Ready r -> prove(r, options, t0);
        };
    }

    private static Result prove(NodeTestCase.Ready c, QuantizationOptions options, long t0) {
        Stage stage = Stage.FLOAT;
        try {
            Graph g = c.graph();
            if (g.outputs().size() != c.expected().size()) {
                return fail(c, Stage.FLOAT, g.outputs().size() + " outputs, expected " + c.expected().size(), t0);
            }
            FloatEvaluator.evaluate(g, c.feeds());
            for (TensorInfo out : g.outputs()) {
                if (g.initializers().containsKey(out.name())) {
                    return new Result(c.name(), c.op(), Status.SKIPPED, null, CONSTANT_OUTPUT, Double.NaN, 0);
                }
            }
            stage = Stage.QUANTIZE;
            QuantizedModel q = Quantizer.quantize(g, Calibration.run(g, List.of(c.feeds())), options);
            stage = Stage.COMPILE;
            CompiledModel compiled = CompiledModel.compile(q.graph(), CompileOptions.defaults());
            ModelProver prover = ModelProver.setup(CommittedModel.commit(compiled, ChaChaRandom.create()),
                    WhirParameters.provable100());
            stage = Stage.PROVE;
            ModelProver.Inference inf = prover.prove(q.quantizeInputs(c.feeds()));
            stage = Stage.VERIFY;
            ModelVerifier.verify(prover.verifyingKey(), inf.claim(), inf.proof());
            stage = Stage.TOLERANCE;
            Map<String, Tensor> actual = q.dequantizeOutputs(inf.claim().outputs());
            double range = range(c);
            double tol = tolerance(range, options);
            double worst = 0;
            String firstBad = null;
            for (int i = 0; i < g.outputs().size(); i++) {
                TensorInfo out = g.outputs().get(i);
                Tensor e = c.expected().get(i);
                Tensor a = actual.get(out.name());
                if (!Arrays.equals(a.shape(), e.shape())) {
                    return fail(c, stage, "output " + i + ": shape " + Arrays.toString(a.shape()) + ", expected "
                            + Arrays.toString(e.shape()), t0);
                }
                boolean exact = e.type() == ElementType.INT64;
                for (int k = 0; k < e.size(); k++) {
                    double err = Math.abs(a.get(k) - e.get(k));
                    double ratio = exact ? (err == 0 ? 0 : Double.POSITIVE_INFINITY) : tol > 0 ? err / tol
                            : (err == 0 ? 0 : Double.POSITIVE_INFINITY);
                    if (ratio > worst) {
                        worst = ratio;
                    }
                    if (ratio > 1 && firstBad == null) {
                        firstBad = String.format("output %d [%d]: %s, expected %s (%s)", i, k, fmt(a.get(k)),
                                fmt(e.get(k)), exact ? "integer output, exact match required"
                                        : "tolerance " + fmt(tol) + ", max error " + fmt(maxError(actual, c))
                                                + " = " + fmt(worstRatio(actual, c, tol)) + " x tolerance");
                    }
                }
            }
            if (firstBad != null) {
                return new Result(c.name(), c.op(), Status.FAILED, Stage.TOLERANCE, firstBad, worst, millisSince(t0));
            }
            return new Result(c.name(), c.op(), Status.PASSED, null, "", worst, millisSince(t0));
        } catch (ModelException e) {
            if (stage == Stage.FLOAT && e.kind() == ModelException.Kind.UNSUPPORTED) {
                return new Result(c.name(), c.op(), Status.SKIPPED, null, e.problem(), Double.NaN, 0);
            }
            return fail(c, stage, e.getMessage(), t0);
        } catch (ProofException e) {
            return fail(c, stage, e.getMessage(), t0);
        } catch (RuntimeException e) {
            return fail(c, stage, e.toString(), t0);
        }
    }

    /** {@value #TOL_STEPS} * 2^(1-b) * range, b the narrower of the activation and weight widths. */
    static double tolerance(double range, QuantizationOptions options) {
        return TOL_STEPS * Math.scalb(range, 1 - toleranceBits(options));
    }

    /** The width the tolerance counts steps of: the narrower of activations and weights. */
    static int toleranceBits(QuantizationOptions options) {
        return Math.min(options.activationBits(), options.weightBits());
    }

    private static Result fail(NodeTestCase c, Stage stage, String detail, long t0) {
        return new Result(c.name(), c.op(), Status.FAILED, stage, oneLine(detail), Double.NaN, millisSince(t0));
    }

    /** The largest |value| among the case's float inputs and expected outputs. */
    private static double range(NodeTestCase.Ready c) {
        double r = 0;
        for (Tensor t : c.feeds().values()) {
            r = Math.max(r, maxAbs(t));
        }
        for (Tensor t : c.expected()) {
            r = Math.max(r, maxAbs(t));
        }
        return r;
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (int i = 0; i < t.size(); i++) {
            m = Math.max(m, Math.abs(t.get(i)));
        }
        return m;
    }

    private static double maxError(Map<String, Tensor> actual, NodeTestCase.Ready c) {
        double m = 0;
        List<TensorInfo> outs = c.graph().outputs();
        for (int i = 0; i < outs.size(); i++) {
            Tensor a = actual.get(outs.get(i).name());
            Tensor e = c.expected().get(i);
            for (int k = 0; k < Math.min(a.size(), e.size()); k++) {
                m = Math.max(m, Math.abs(a.get(k) - e.get(k)));
            }
        }
        return m;
    }

    private static double worstRatio(Map<String, Tensor> actual, NodeTestCase.Ready c, double tol) {
        return tol > 0 ? maxError(actual, c) / tol : Double.POSITIVE_INFINITY;
    }

    private static List<byte[]> readAll(Path dir, String prefix) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve(prefix + i + ".pb")); i++) {
            out.add(Files.readAllBytes(dir.resolve(prefix + i + ".pb")));
        }
        return out;
    }

    private static long millisSince(long t0) {
        return (System.nanoTime() - t0) / 1_000_000;
    }

    static String fmt(double x) {
        return String.format("%.4g", x);
    }

    private static String oneLine(String s) {
        String t = s == null ? "" : s.replace('\n', ' ').replace("|", "/");
        return t.length() > 300 ? t.substring(0, 297) + "..." : t;
    }

    static long count(List<Result> rs, Status s) {
        return rs.stream().filter(r -> r.status() == s).count();
    }
}
