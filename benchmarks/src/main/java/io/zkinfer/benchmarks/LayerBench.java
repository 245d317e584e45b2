package io.zkinfer.benchmarks;

import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.layer.Activation;
import io.zkinfer.sumcheck.layer.Conv2d;
import io.zkinfer.sumcheck.layer.MatMul;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./bench layer matmul|conv|lookup [options]}: proves one layer relation end to end (zero
 * knowledge on unless {@code --no-zk}) beside the same computation done plainly on integers with
 * both cores. Figures: prove_ms, verify_ms, proof_bytes, plain_ms, peak_mb.
 */
@Command(name = "layer", description = "One layer relation: prove and verify, beside the plain integer computation.")
final class LayerBench implements Callable<Map<String, Object>> {
    @Mixin
    Bench.Help help;

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "KIND", description = "matmul, conv or lookup.")
    String kind;

    @Option(names = "--rows", defaultValue = "1024", description = "matmul: output features (default: ${DEFAULT-VALUE}).")
    int rows;

    @Option(names = "--cols", defaultValue = "1024", description = "matmul: input features (default: ${DEFAULT-VALUE}).")
    int cols;

    @Option(names = "--batch", defaultValue = "1", description = "matmul: input vectors (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--channels", defaultValue = "32", description = "conv: input and output channels (default: ${DEFAULT-VALUE}).")
    int channels;

    @Option(names = "--size", defaultValue = "32", description = "conv: image height and width (default: ${DEFAULT-VALUE}).")
    int size;

    @Option(names = "--kernel", defaultValue = "3", description = "conv: kernel height and width (default: ${DEFAULT-VALUE}).")
    int kernel;

    @Option(names = "--count", defaultValue = "65536", description = "lookup: number of lookups (default: ${DEFAULT-VALUE}).")
    int count;

    @Option(names = "--no-zk", description = "Turn zero knowledge off (plain, non-hiding commitment).")
    boolean noZk;

    @Override
    public Map<String, Object> call() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "layer");
        out.put("kind", kind);
        switch (kind) {
            case "matmul" -> {
                positive("--rows", rows);
                positive("--cols", cols);
                positive("--batch", batch);
                out.put("rows", rows);
                out.put("cols", cols);
                out.put("batch", batch);
                out.putAll(matmul());
            }
            case "conv" -> {
                positive("--channels", channels);
                positive("--size", size);
                positive("--kernel", kernel);
                out.put("channels", channels);
                out.put("size", size);
                out.put("kernel", kernel);
                out.putAll(conv());
            }
            case "lookup" -> {
                positive("--count", count);
                out.put("count", count);
                out.putAll(lookup());
            }
            default -> throw new ParameterException(spec.commandLine(), "unknown layer kind '" + kind
                    + "'; expected matmul, conv or lookup");
        }
        return out;
    }

    private void positive(String option, int v) {
        if (v < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1, got " + v);
        }
    }

    /** Y = X W^T with X [batch, cols] and W [rows, cols] int8, both committed; Y revealed. */
    private Map<String, Object> matmul() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(batch, cols), 128);
        int w = cb.committedInput("w", Shape.of(rows, cols), 128);
        int y = MatMul.add(cb, "y", x, false, w, true, -1);
        cb.reveal(y);
        Circuit c = cb.build();
        SplittableRandom rng = new SplittableRandom(20261121L);
        byte[] xb = new byte[batch * cols];
        byte[] wb = new byte[rows * cols];
        rng.nextBytes(xb);
        rng.nextBytes(wb);
        long[][] given = new long[c.tensorCount()][];
        given[x] = widen(xb);
        given[w] = widen(wb);
        int[] result = new int[batch * rows];
        boolean big = (long) rows * cols * batch > 1L << 24;
        return CircuitFigures.measure("matmul", c, given, !noZk, () -> PlainKernels.matmul(xb, wb, result, batch,
                rows, cols), big ? 1 : 2, big ? 3 : 5);
    }

    /** A same-padded KxK convolution, C to C channels over SxS, int8 input and weights; output revealed. */
    private Map<String, Object> conv() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(1, channels, size, size), 128);
        int w = cb.committedInput("w", Shape.of(channels, channels, kernel, kernel), 128);
        int y = Conv2d.add(cb, "y", x, w, -1, Conv2d.Geometry.of(1, kernel / 2));
        cb.reveal(y);
        Circuit c = cb.build();
        SplittableRandom rng = new SplittableRandom(20261121L);
        byte[] xb = new byte[channels * size * size];
        byte[] wb = new byte[channels * channels * kernel * kernel];
        rng.nextBytes(xb);
        rng.nextBytes(wb);
        long[][] given = new long[c.tensorCount()][];
        given[x] = widen(xb);
        given[w] = widen(wb);
        int[] result = new int[channels * size * size];
        return CircuitFigures.measure("conv", c, given, !noZk,
                () -> PlainKernels.conv(xb, wb, result, channels, size, kernel), 2, 5);
    }

    /**
     * {@code count} ReLU lookups: x int16 (committed), y = relu(x) by lookup in the 2^16-row table
     * (x, relu(x)); y revealed. The plain baseline applies max(0, x) to the same values.
     */
    private Map<String, Object> lookup() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(count), 32768);
        int y = Activation.add(cb, "y", x, "relu", v -> Math.max(0, v), 16);
        cb.reveal(y);
        Circuit c = cb.build();
        SplittableRandom rng = new SplittableRandom(20261121L);
        long[] xs = new long[count];
        short[] plainX = new short[count];
        for (int i = 0; i < count; i++) {
            plainX[i] = (short) rng.nextInt(-32768, 32768);
            xs[i] = plainX[i];
        }
        long[][] given = new long[c.tensorCount()][];
        given[x] = xs;
        short[] result = new short[count];
        return CircuitFigures.measure("lookup", c, given, !noZk, () -> PlainKernels.relu(plainX, result), 2, 5);
    }

    static long[] widen(byte[] b) {
        long[] out = new long[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i];
        }
        return out;
    }
}
