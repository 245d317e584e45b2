package io.zkinfer.benchmarks;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.sumcheck.binding.Binding;
import io.zkinfer.sumcheck.binding.Commitments;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.layer.MatMul;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./bench commitment --weights N}: what binding a proof to a published model commitment
 * costs. The model is one dense layer y = W x with about N int8 weights, W [ceil(N / c), c] with
 * c the power of two at or above sqrt(N) (little padding on the hypercube), and a private int8
 * input; it is proven twice with zero knowledge, once alone and once bound to its commitment C_M
 * ({@link Binding}: salt, range checks, digest). Figures: commit_ms (making C_M, once per model),
 * bind_prove_ms, bind_verify_ms and proof_bytes (what the binding adds to each proof: the
 * differences of the medians), and the unbound proof's layers_prove_ms, layers_verify_ms and
 * layers_proof_bytes for scale.
 */
@Command(name = "commitment", description = "Per-proof cost of binding a model's weights to its published commitment.")
final class CommitmentBench implements Callable<Map<String, Object>> {
    @Mixin
    Bench.Help help;

    @Spec
    CommandSpec spec;

    @Option(names = "--weights", defaultValue = "1000000", description = "Number of weights (default: ${DEFAULT-VALUE}).")
    int weights;

    @Option(names = "--rounds", defaultValue = "3", description = "Timed rounds per variant (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Override
    public Map<String, Object> call() {
        if (weights < 4 || weights > 1 << 24) {
            throw new ParameterException(spec.commandLine(), "--weights must be 4 to 2^24, got " + weights);
        }
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least 1, got " + rounds);
        }
        // Columns a power of two and rows just enough: little padding on the hypercube.
        int cols = Integer.highestOneBit((int) Math.ceil(Math.sqrt(weights)) * 2 - 1);
        int rows = (weights + cols - 1) / cols;
        SplittableRandom rng = new SplittableRandom(20261121L);
        long[] w = new long[rows * cols];
        long[] x = new long[cols];
        for (int i = 0; i < w.length; i++) {
            w[i] = rng.nextInt(-128, 128);
        }
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(-128, 128);
        }
        Shape shape = Shape.of(rows, cols);

        Bench.progress("commitment: commit to " + w.length + " weights");
        ChaChaRandom salt = ChaChaRandom.create();
        Commitments.commit(shape, 8, w, salt); // warm-up: generates the public matrix once
        long[] commitNanos = new long[rounds];
        Commitments.Committed committed = null;
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            committed = Commitments.commit(shape, 8, w, salt);
            commitNanos[r] = System.nanoTime() - t0;
        }

        Circuit plain = circuit(shape, false);
        long[][] plainGiven = new long[plain.tensorCount()][];
        plainGiven[0] = w;
        plainGiven[1] = x;
        CircuitFigures.Timings layers = CircuitFigures.time("commitment: layers alone", plain, plainGiven, true, 1, rounds);

        Circuit bound = circuit(shape, true);
        long[][] boundGiven = new long[bound.tensorCount()][];
        Binding.find(bound, "w").give(boundGiven, committed.opening());
        boundGiven[1] = x;
        CircuitFigures.Timings all = CircuitFigures.time("commitment: layers bound to C_M", bound, boundGiven, true, 1,
                rounds);

        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "commitment");
        out.put("weights", w.length);
        out.put("commit_ms", Measure.round3(CircuitFigures.median(commitNanos) / 1e6));
        out.put("bind_prove_ms", Measure.round3((all.proveNanos() - layers.proveNanos()) / 1e6));
        out.put("bind_verify_ms", Measure.round3((all.verifyNanos() - layers.verifyNanos()) / 1e6));
        out.put("proof_bytes", all.proofBytes() - layers.proofBytes());
        out.put("layers_prove_ms", Measure.round3(layers.proveNanos() / 1e6));
        out.put("layers_verify_ms", Measure.round3(layers.verifyNanos() / 1e6));
        out.put("layers_proof_bytes", layers.proofBytes());
        out.put("commitment_bytes", committed.commitment().encode().length);
        out.put("zero_knowledge", true);
        out.put("threads", Runtime.getRuntime().availableProcessors());
        return out;
    }

    /** y = W x with W [rows, cols] (tensor 0) and x [cols, 1] (tensor 1) private int8, y revealed. */
    private static Circuit circuit(Shape shape, boolean bound) {
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.committedInput("w", shape, 128);
        int x = cb.committedInput("x", Shape.of(shape.dim(1), 1), 128);
        if (bound) {
            Binding.add(cb, w, 8);
        }
        cb.reveal(MatMul.add(cb, "y", w, false, x, false, -1));
        return cb.build();
    }
}
