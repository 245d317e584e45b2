package io.zkinfer.cli;

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
import io.zkinfer.prover.CompileOptions;
import io.zkinfer.prover.CompiledModel;
import io.zkinfer.prover.ModelFile;
import io.zkinfer.prover.Visibility;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zkinfer compile}: ONNX model and calibration data to a compiled model file, with an accuracy report. */
@Command(name = "compile", mixinStandardHelpOptions = true,
        description = {"Imports an ONNX model, calibrates and quantizes it on the calibration samples, compiles it "
            + "to a circuit and writes the compiled model (.zkm; it holds the weights: keep it private).",
            "Prints the accuracy of the quantized model against the float model on the calibration samples."},
        footerHeading = "%nExample:%n",
        footer = {"  zkinfer compile fixtures/credit_mlp/model.onnx \\",
            "      --calibration fixtures/credit_mlp/applicants.csv -o credit.zkm"})
final class CompileCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.onnx", description = "the ONNX model (static shapes, one input)")
    Path onnx;

    @Option(names = "--calibration", required = true, paramLabel = "FILE",
            description = "calibration samples: CSV (a header line, one sample per row) or JSON "
                    + "{\"input_data\": [[...], ...]}, each sample the flattened input")
    Path calibration;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "OUT.zkm", description = "the compiled model to write")
    Path output;

    @Option(names = "--weight-bits", paramLabel = "N", description = "weights' signed width, 2 to 16 (default 8)")
    Integer weightBits;

    @Option(names = "--activation-bits", paramLabel = "N", description = "activations' signed width, 2 to 16 (default 10)")
    Integer activationBits;

    @Option(names = "--public-weights", description = "put the weights in the verifying key instead of committing to them")
    boolean publicWeights;

    @Option(names = "--public-input", description = "reveal the input in every proof's claim")
    boolean publicInput;

    @Option(names = "--json", description = "print the report as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Report.Progress progress = new Report.Progress(spec.commandLine().getErr());
        byte[] bytes = FileIo.read(onnx, "model");
        Graph graph = progress.step("import", () -> OnnxImporter.load(bytes, ImportOptions.defaults()));
        if (graph.inputs().size() != 1) {
            throw new UsageException("model " + onnx + ": " + graph.inputs().size()
                    + " inputs; the command line takes models with exactly one input for now");
        }
        TensorInfo in = graph.inputs().getFirst();
        List<double[]> rows = InputData.read(calibration, "calibration file", in.size());
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (double[] row : rows) {
            samples.add(Map.of(in.name(), Tensor.of(in.type(), in.shape(), row)));
        }
        QuantizationOptions qo = QuantizationOptions.defaults();
        try {
            if (weightBits != null) {
                qo = qo.withWeightBits(weightBits);
            }
            if (activationBits != null) {
                qo = qo.withActivationBits(activationBits);
            }
        } catch (IllegalArgumentException e) {
            throw new UsageException("--weight-bits/--activation-bits: " + e.getMessage());
        }
        QuantizationOptions options = qo;
        Calibration cal = progress.step("calibrate", () -> Calibration.run(graph, samples));
        QuantizedModel q = progress.step("quantize", () -> Quantizer.quantize(graph, cal, options));
        CompileOptions co = new CompileOptions(publicWeights ? Visibility.PUBLIC : Visibility.PRIVATE,
                publicInput ? Visibility.PUBLIC : Visibility.PRIVATE);
        CompiledModel compiled = progress.step("compile", () -> CompiledModel.compile(q.graph(), co));
        Map<String, Object> accuracy = progress.step("accuracy", () -> accuracy(graph, q, samples));
        byte[] file = new ModelFile(q, co).encode();
        FileIo.writePrivate(output, file, "compiled model", true); // it holds the weights; it is compiled again at will

        Report r = new Report();
        r.put("compiled_model", output.toString()).put("bytes", file.length);
        r.put("input", in.name() + " " + java.util.Arrays.toString(in.shape()));
        r.put("parameter_count", q.graph().parameterCount());
        r.put("weight_bits", options.weightBits()).put("activation_bits", options.activationBits());
        r.put("weights", co.weights().name().toLowerCase(java.util.Locale.ROOT));
        r.put("inputs", co.inputs().name().toLowerCase(java.util.Locale.ROOT));
        r.put("circuit_layers", compiled.circuit().layers().size());
        r.put("circuit_digest", java.util.HexFormat.of().formatHex(compiled.circuit().digest()));
        r.put("calibration_samples", samples.size());
        r.put("accuracy", accuracy);
        r.print(spec.commandLine().getOut(), json);
        return 0;
    }

    /** Per float output: the largest |quantized - float| over the samples, and the argmax agreement. */
    private static Map<String, Object> accuracy(Graph graph, QuantizedModel q, List<Map<String, Tensor>> samples)
            throws ModelException {
        Map<String, double[]> maxDiff = new LinkedHashMap<>();
        Map<String, int[]> agree = new LinkedHashMap<>();
        for (Map<String, Tensor> s : samples) {
            Map<String, Tensor> f = FloatEvaluator.evaluate(graph, s);
            Map<String, Tensor> d = q.dequantizeOutputs(IntegerEvaluator.evaluate(q.graph(), q.quantizeInputs(s)));
            for (Map.Entry<String, Tensor> e : d.entrySet()) {
                double[] a = f.get(e.getKey()).toDoubleArray();
                double[] b = e.getValue().toDoubleArray();
                double m = 0;
                for (int i = 0; i < a.length; i++) {
                    m = Math.max(m, Math.abs(a[i] - b[i]));
                }
                double[] cur = maxDiff.computeIfAbsent(e.getKey(), k -> new double[1]);
                cur[0] = Math.max(cur[0], m);
                if (a.length > 1) {
                    agree.computeIfAbsent(e.getKey(), k -> new int[1])[0] += argmax(a) == argmax(b) ? 1 : 0;
                }
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, double[]> e : maxDiff.entrySet()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("max_abs_diff", e.getValue()[0]);
            int[] a = agree.get(e.getKey());
            if (a != null) {
                o.put("argmax_agreement", (double) a[0] / samples.size());
            }
            out.put(e.getKey(), o);
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
}
