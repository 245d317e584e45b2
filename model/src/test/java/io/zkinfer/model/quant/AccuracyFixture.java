package io.zkinfer.model.quant;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.ImportOptions;
import io.zkinfer.model.onnx.OnnxImporter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One of the real-network fixtures of {@code fixtures/} (see its README): the imported float
 * model, its calibration and held-out inputs exactly as training preprocessed them, the held-out
 * labels, and the float versus quantized comparison the accuracy tests and report print.
 */
record AccuracyFixture(String name, byte[] onnx, Graph graph, List<Tensor> calibration, List<Tensor> test,
        int[] labels) {

    static final List<String> ALL = List.of("lenet5", "digits_mlp", "digits_transformer");

    /** The fixtures folder, searched upwards from the working directory. */
    static Path root() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.isRegularFile(p.resolve("fixtures/README.md"))) {
                return p.resolve("fixtures");
            }
        }
        throw new IllegalStateException("no fixtures/ folder above " + Path.of("").toAbsolutePath());
    }

    static AccuracyFixture load(String name) throws IOException, ModelException {
        Path dir = root().resolve(name);
        byte[] onnx = Files.readAllBytes(dir.resolve("model.onnx"));
        Graph g = OnnxImporter.load(onnx, ImportOptions.defaults());
        int[] shape = g.inputs().getFirst().shape();
        byte[] y = Files.readAllBytes(dir.resolve("test_y.u8"));
        int[] labels = new int[y.length];
        for (int i = 0; i < y.length; i++) {
            labels[i] = y[i] & 0xFF;
        }
        return new AccuracyFixture(name, onnx, g, read(dir, "calib_x", shape), read(dir, "test_x", shape), labels);
    }

    /** The inputs of a split: MNIST bytes scaled by 1/255f and zero-padded to 32x32, or float32 rows. */
    private static List<Tensor> read(Path dir, String split, int[] shape) throws IOException {
        List<Tensor> out = new ArrayList<>();
        if (Files.exists(dir.resolve(split + ".u8"))) {
            byte[] raw = Files.readAllBytes(dir.resolve(split + ".u8"));
            for (int n = 0; n < raw.length / 784; n++) {
                float[] x = new float[32 * 32];
                for (int i = 0; i < 28; i++) {
                    for (int j = 0; j < 28; j++) {
                        x[(i + 2) * 32 + j + 2] = (raw[n * 784 + i * 28 + j] & 0xFF) / 255f;
                    }
                }
                out.add(Tensor.ofFloats(shape, x));
            }
            return out;
        }
        FloatBuffer f = ByteBuffer.wrap(Files.readAllBytes(dir.resolve(split + ".f32"))).order(ByteOrder.LITTLE_ENDIAN)
                .asFloatBuffer();
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        while (f.remaining() >= size) {
            float[] x = new float[size];
            f.get(x);
            out.add(Tensor.ofFloats(shape, x));
        }
        return out;
    }

    String input() {
        return graph.inputs().getFirst().name();
    }

    String output() {
        return graph.outputs().getFirst().name();
    }

    Calibration calibrate() throws ModelException {
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (Tensor t : calibration) {
            samples.add(Map.of(input(), t));
        }
        return Calibration.run(graph, samples);
    }

    /** Float predictions (argmax of the float evaluator's logits) on the held-out split. */
    int[] floatPredictions() throws ModelException {
        int[] p = new int[test.size()];
        for (int i = 0; i < p.length; i++) {
            p[i] = argMax(FloatEvaluator.evaluate(graph, Map.of(input(), test.get(i))).get(output()).toDoubleArray());
        }
        return p;
    }

    /** Quantized predictions (argmax of the integer evaluator's logits) on the held-out split. */
    int[] integerPredictions(QuantizedModel q) {
        int[] p = new int[test.size()];
        String out = q.outputNames().get(output());
        for (int i = 0; i < p.length; i++) {
            long[] y = IntegerEvaluator.evaluate(q.graph(), Map.of(input(), q.quantizeInput(input(), test.get(i))))
                    .get(out);
            double[] d = new double[y.length];
            for (int k = 0; k < y.length; k++) {
                d[k] = y[k];
            }
            p[i] = argMax(d);
        }
        return p;
    }

    /** The fraction of rows where the labels or predictions agree. */
    static double agreement(int[] a, int[] b) {
        int n = 0;
        for (int i = 0; i < a.length; i++) {
            n += a[i] == b[i] ? 1 : 0;
        }
        return (double) n / a.length;
    }

    /** The first index of the largest value (the quantized ArgMax's tie rule). */
    static int argMax(double[] v) {
        int best = 0;
        for (int i = 1; i < v.length; i++) {
            if (v[i] > v[best]) {
                best = i;
            }
        }
        return best;
    }

    static AccuracyFixture loadUnchecked(String name) {
        try {
            return load(name);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (ModelException e) {
            throw new IllegalStateException(e);
        }
    }
}
