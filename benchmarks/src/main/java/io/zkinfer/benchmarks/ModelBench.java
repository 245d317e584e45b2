package io.zkinfer.benchmarks;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.ModelException;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import io.zkinfer.model.onnx.ImportOptions;
import io.zkinfer.model.onnx.OnnxImporter;
import io.zkinfer.model.quant.Calibration;
import io.zkinfer.model.quant.IntegerEvaluator;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./bench model FILE.onnx}: a model through the whole pipeline, zero knowledge on, private
 * weights bound to a model commitment, private input. Figures: float_ms and int_ms (one inference
 * with the float reference evaluator and the exact integer evaluator, medians), compile_ms
 * (calibrate, quantize, compile to the circuit), commit_ms (C_M and the proving key), prove_ms
 * (median), verify_ms (a verifier that keeps running: the median of repeated verifications of one
 * proof after a warm-up), verify_first_ms (the median of each proof's first verification, right
 * after proving it), proof_bytes, peak_mb (heap, proving), and argmax_agreement (the quantized
 * model's argmax against the float model's over the bundled held-out inputs, when the model's
 * folder has them: fixtures/README.md; otherwise null, and calibration uses random inputs; null
 * too for a model with one output value, whose argmax always agrees). {@code --claim} and
 * {@code --batch N} prove a claim (docs/CLAIMS.md) of N held-out rows per proof.
 */
@Command(name = "model", description = "An ONNX model end to end: import, quantize, compile, commit, prove, verify.")
final class ModelBench implements Callable<Map<String, Object>> {
    @Mixin
    Bench.Help help;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE.onnx", description = "The model (a fixture folder's data is used when present).")
    Path file;

    @Option(names = "--proofs", defaultValue = "3", description = "Timed proofs after a warm-up one (default: ${DEFAULT-VALUE}).")
    int proofs;

    @Option(names = "--verifications", defaultValue = "50",
            description = "Timed verifications of the last proof, after 10 untimed ones (default: ${DEFAULT-VALUE}).")
    int verifications;

    @Option(names = "--claim", defaultValue = "full",
            description = "What the proofs reveal: full, argmax:OUT, threshold:OUT[k]>=T, band:OUT[k]:t1,... (docs/CLAIMS.md; default: ${DEFAULT-VALUE}).")
    String claim;

    @Option(names = "--batch", defaultValue = "1",
            description = "Held-out rows per proof, the claim holding per row (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--input-commitment",
            description = "Bind each proof's rows to a data owner's input commitment (one over the batch), as zkinfer "
                + "prove --input-secret does.")
    boolean bindInput;

    @Option(names = "--rows", defaultValue = "1000000", description = "Held-out rows for the agreement, at most (default: all).")
    int rows;

    @Option(names = "--log-inverse-rate", defaultValue = "1",
            description = "WHIR code rate 1/2^k, proven 100 bits either way (default: ${DEFAULT-VALUE}).")
    int logInverseRate;

    @Override
    public Map<String, Object> call() throws IOException, ModelException, ProofException {
        if (proofs < 1 || rows < 1 || verifications < 1 || batch < 1 || logInverseRate < 1 || logInverseRate > 4) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(),
                    "--proofs, --verifications, --batch and --rows must be at least 1 and --log-inverse-rate 1 to 4");
        }
        io.zkinfer.prover.ClaimSpec claimSpec;
        try {
            claimSpec = io.zkinfer.prover.ClaimSpec.parse(claim);
        } catch (IllegalArgumentException e) {
            throw new picocli.CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        if (!Files.isRegularFile(file)) {
            throw new IllegalArgumentException(file + " is not a file; give the path of an .onnx model");
        }
        Bench.progress("model: import " + file);
        Graph graph = OnnxImporter.load(Files.readAllBytes(file), ImportOptions.defaults());
        TensorInfo input = graph.inputs().getFirst();
        FixtureSet data = FixtureSet.beside(file, input.shape());
        List<Tensor> calibration = data != null && !data.calibration().isEmpty() ? data.calibration() : random(input.shape());
        List<Tensor> test = data != null && !data.test().isEmpty() ? data.test() : calibration;
        test = test.subList(0, Math.min(rows, test.size()));

        Bench.progress("model: calibrate on " + calibration.size() + " inputs, quantize, compile");
        long t0 = System.nanoTime();
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (Tensor x : calibration) {
            samples.add(Map.of(input.name(), x));
        }
        QuantizedModel q = Quantizer.quantize(graph, Calibration.run(graph, samples), QuantizationOptions.defaults());
        CompiledModel compiled = CompiledModel.compile(q.graph(), CompileOptions.defaults());
        long compileNanos = System.nanoTime() - t0;

        Bench.progress("model: commit (" + q.graph().parameterCount() + " weights) and set up the key");
        t0 = System.nanoTime();
        WhirParameters whir = logInverseRate == 1 ? WhirParameters.provable100()
                : WhirParameters.of(100, logInverseRate, 4, 9, 16, 2, 2, io.zkinfer.commit.hash.HashProfile.SHA256,
                        io.zkinfer.commit.whir.SoundnessAssumption.UNIQUE_DECODING);
        ModelProver prover = ModelProver.setup(CommittedModel.commit(compiled, ChaChaRandom.create()), whir);
        long commitNanos = System.nanoTime() - t0;

        Bench.progress("model: float and integer inference over " + test.size() + " inputs");
        String out = graph.outputs().getFirst().name();
        String qOut = q.outputNames().get(out);
        long[] floatNanos = new long[test.size()];
        long[] intNanos = new long[test.size()];
        int agree = 0;
        for (int i = 0; i < test.size(); i++) {
            Map<String, Tensor> x = Map.of(input.name(), test.get(i));
            long a = System.nanoTime();
            Tensor f = FloatEvaluator.evaluate(graph, x).get(out);
            long b = System.nanoTime();
            Map<String, long[]> qx = q.quantizeInputs(x);
            long c = System.nanoTime();
            long[] y = IntegerEvaluator.evaluate(q.graph(), qx).get(qOut);
            long d = System.nanoTime();
            floatNanos[i] = b - a;
            intNanos[i] = d - c;
            agree += argmax(f.toDoubleArray()) == argmax(y) ? 1 : 0;
        }

        Bench.progress("model: prove and verify (" + (proofs + 1) + " proofs, the first a warm-up)");
        // The graph's names for a claim: the float output's name stands for its integer tensor.
        io.zkinfer.prover.ClaimSpec proven = claimSpec.renamed(n -> q.outputNames().getOrDefault(n, n));
        List<Map<String, long[]>> batchRows = new ArrayList<>();
        for (int r = 0; r < batch; r++) {
            batchRows.add(q.quantizeInputs(Map.of(input.name(), test.get(r % test.size()))));
        }
        io.zkinfer.prover.CommittedInput committedRows = bindInput ? io.zkinfer.prover.CommittedInput.commit(
                compiled, batchRows, ChaChaRandom.create()) : null;
        io.zkinfer.prover.InputCommitment inputCommitment = bindInput ? committedRows.commitment() : null;
        long[] prove = new long[proofs];
        long[] verify = new long[proofs];
        int bytes = 0;
        ModelProver.Inference last = null;
        CircuitFigures.resetPeaks();
        for (int r = -1; r < proofs; r++) {
            long a = System.nanoTime();
            ModelProver.Inference inf = bindInput ? prover.prove(committedRows, proven) : prover.prove(batchRows, proven);
            long b = System.nanoTime();
            ModelVerifier.verify(prover.verifyingKey(), inf.claim(), inf.proof(), inputCommitment);
            long c = System.nanoTime();
            if (r >= 0) {
                prove[r] = b - a;
                verify[r] = c - b;
            }
            bytes = inf.proof().encode().length;
            last = inf;
        }
        long peak = CircuitFigures.peakHeapBytes();
        Bench.progress("model: verify the last proof " + (verifications + 10) + " times, the first 10 a warm-up");
        long[] steady = new long[verifications];
        for (int r = -10; r < verifications; r++) {
            long a = System.nanoTime();
            ModelVerifier.verify(prover.verifyingKey(), last.claim(), last.proof(), inputCommitment);
            if (r >= 0) {
                steady[r] = System.nanoTime() - a;
            }
        }

        Map<String, Object> fig = new LinkedHashMap<>();
        fig.put("bench", "model");
        fig.put("model", file.getFileName().toString());
        fig.put("parameters", q.graph().parameterCount());
        fig.put("float_ms", Measure.round3(CircuitFigures.median(floatNanos) / 1e6));
        fig.put("int_ms", Measure.round3(CircuitFigures.median(intNanos) / 1e6));
        fig.put("compile_ms", Measure.round3(compileNanos / 1e6));
        fig.put("commit_ms", Measure.round3(commitNanos / 1e6));
        fig.put("prove_ms", Measure.round3(CircuitFigures.median(prove) / 1e6));
        fig.put("verify_ms", Measure.round3(CircuitFigures.median(steady) / 1e6));
        fig.put("verify_first_ms", Measure.round3(CircuitFigures.median(verify) / 1e6));
        fig.put("proof_bytes", bytes);
        fig.put("peak_mb", peak / (1 << 20));
        // One output value has one argmax: agreement would say nothing (a score model: null).
        boolean scalarOutput = graph.outputs().getFirst().size() == 1;
        fig.put("argmax_agreement", data == null || scalarOutput ? null : Measure.round3((double) agree / test.size()));
        fig.put("rows", test.size());
        fig.put("claim", claimSpec.text());
        fig.put("batch", batch);
        fig.put("input_commitment", bindInput);
        fig.put("zero_knowledge", true);
        fig.put("threads", Runtime.getRuntime().availableProcessors());
        return fig;
    }

    private static List<Tensor> random(int[] shape) {
        SplittableRandom rng = new SplittableRandom(20261122L);
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        List<Tensor> out = new ArrayList<>();
        for (int s = 0; s < 16; s++) {
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = rng.nextGaussian();
            }
            out.add(Tensor.of(shape, v));
        }
        return out;
    }

    private static int argmax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    private static int argmax(long[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }
}
