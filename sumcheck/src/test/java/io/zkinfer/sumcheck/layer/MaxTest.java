package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.AccumulatorOverflowException;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Witness;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Max over an axis, argmax (first index on ties) and max pooling: completeness and soundness. */
class MaxTest {
    private static final long SEED = 0x3A7_4A11L;

    /** x (committed, 16-bit) with its max and its argmax (and that max) over one axis, all revealed. */
    record Built(Circuit circuit, Max.Result max, Max.Result arg) {}

    static Built circuit(Shape shape, int axis, boolean keepDims) {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", shape, Max.INPUT_BOUND);
        Max.Result max = Max.reduce(cb, "max", x, axis, keepDims);
        Max.Result arg = Max.argMax(cb, "argmax", x, axis, keepDims);
        cb.reveal(max.max());
        cb.reveal(arg.max());
        cb.reveal(arg.index());
        return new Built(cb.build(), max, arg);
    }

    /** Per line along {@code axis} (in row-major order of the other coordinates): {max, first argmax}. */
    static long[][] reference(int[] dims, int axis, long[] x) {
        int outer = 1;
        int inner = 1;
        for (int k = 0; k < dims.length; k++) {
            if (k < axis) {
                outer *= dims[k];
            } else if (k > axis) {
                inner *= dims[k];
            }
        }
        int n = dims[axis];
        long[] max = new long[outer * inner];
        long[] arg = new long[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int in = 0; in < inner; in++) {
                int best = 0;
                for (int i = 1; i < n; i++) {
                    if (x[(o * n + i) * inner + in] > x[(o * n + best) * inner + in]) {
                        best = i;
                    }
                }
                max[o * inner + in] = x[(o * n + best) * inner + in];
                arg[o * inner + in] = best;
            }
        }
        return new long[][] {max, arg};
    }

    static long[] values(String kind, SplittableRandom rng, int n) {
        long[] v = new long[n];
        long[] extremes = {-32768, 32767, -32767, 0, 32766};
        for (int i = 0; i < n; i++) {
            v[i] = switch (kind) {
                case "random" -> rng.nextLong(-32768, 32768);
                case "all-equal" -> 77;
                case "all-minimum" -> -32768;
                case "few-values" -> rng.nextLong(-1, 2);
                case "extremes" -> extremes[rng.nextInt(extremes.length)];
                case "negative" -> rng.nextLong(-32768, 0);
                default -> throw new IllegalArgumentException(kind);
            };
        }
        return v;
    }

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(Shape.of(1), 0, false, "random"),
                Arguments.of(Shape.of(7), 0, true, "all-equal"),
                Arguments.of(Shape.of(3, 5), -1, false, "random"),
                Arguments.of(Shape.of(4, 6), 0, true, "extremes"),
                Arguments.of(Shape.of(2, 3, 5), 1, false, "few-values"),
                Arguments.of(Shape.of(2, 9), 1, true, "negative"),
                Arguments.of(Shape.of(5, 3), 1, false, "all-minimum"),
                Arguments.of(Shape.of(3, 1), 1, true, "random"));
    }

    @ParameterizedTest(name = "{0} axis {1} keepdims {2} {3}")
    @MethodSource("cases")
    void provesMaxAndFirstArgMax(Shape shape, int axis, boolean keepDims, String kind) {
        System.out.println("MaxTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED + shape.hashCode() + kind.hashCode());
        Built b = circuit(shape, axis, keepDims);
        Circuit c = b.circuit();
        long[][] g = new long[c.tensorCount()][];
        g[0] = values(kind, rng, (int) shape.logicalSize());
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        long[][] want = reference(shape.dims(), axis < 0 ? axis + shape.rank() : axis, g[0]);
        assertArrayEquals(want[0], logical(c, r.witness(), b.max().max()));
        assertArrayEquals(want[0], logical(c, r.witness(), b.arg().max()));
        assertArrayEquals(want[1], logical(c, r.witness(), b.arg().index()));
    }

    static long[] logical(Circuit c, Witness w, int tensor) {
        return Circuit.logical(c.tensor(tensor), w.values(tensor));
    }

    /** One pooling instance: input [n, ch, h, w], window kh x kw of geometry g, values in [lo, hi]. */
    record PoolCase(int n, int ch, int h, int w, int kh, int kw, Conv2d.Geometry g, long lo, long hi) {
        @Override
        public String toString() {
            return "x[" + n + "," + ch + "," + h + "," + w + "] in [" + lo + "," + hi + "] window " + kh + "x" + kw
                    + " " + g.canonical();
        }
    }

    static long[] poolReference(PoolCase k, long[] x) {
        Conv2d.Geometry g = k.g;
        int ho = g.outputHeight(k.h, k.kh);
        int wo = g.outputWidth(k.w, k.kw);
        long[] y = new long[k.n * k.ch * ho * wo];
        for (int p = 0; p < k.n * k.ch; p++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    long m = Long.MIN_VALUE;
                    for (int ky = 0; ky < k.kh; ky++) {
                        for (int kx = 0; kx < k.kw; kx++) {
                            int u = oy * g.strideH() + ky * g.dilationH() - g.padTop();
                            int v = ox * g.strideW() + kx * g.dilationW() - g.padLeft();
                            if (u >= 0 && u < k.h && v >= 0 && v < k.w) {
                                m = Math.max(m, x[(p * k.h + u) * k.w + v]);
                            }
                        }
                    }
                    y[(p * ho + oy) * wo + ox] = m;
                }
            }
        }
        return y;
    }

    static Stream<PoolCase> poolCases() {
        Conv2d.Geometry one = Conv2d.Geometry.DEFAULT;
        return Stream.of(new PoolCase(1, 1, 4, 4, 2, 2, Conv2d.Geometry.of(2, 0), -32768, 32767),
                new PoolCase(2, 3, 7, 6, 3, 3, Conv2d.Geometry.of(2, 1), -32768, -1),
                new PoolCase(1, 2, 6, 5, 3, 2, one.withDilation(2, 2).withPadding(1, 0, 2, 1), -5, 5));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("poolCases")
    void provesMaxPoolingWherePaddingNeverWins(PoolCase k) {
        System.out.println("MaxTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED + k.toString().hashCode());
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(k.n, k.ch, k.h, k.w), Max.INPUT_BOUND);
        Max.Result pooled = Max.pool(cb, "pool", x, k.kh, k.kw, k.g);
        cb.reveal(pooled.max());
        Circuit c = cb.build();
        long[][] g = new long[c.tensorCount()][];
        g[x] = new long[k.n * k.ch * k.h * k.w];
        for (int i = 0; i < g[x].length; i++) {
            g[x][i] = rng.nextLong(k.lo, k.hi + 1);
        }
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertArrayEquals(poolReference(k, g[x]), logical(c, r.witness(), pooled.max()));
    }

    @Test
    void tamperingIsRejected() {
        Built b = circuit(Shape.of(3, 5), 1, true);
        long[][] g = new long[b.circuit().tensorCount()][];
        g[0] = values("few-values", new SplittableRandom(SEED), 15);
        CircuitHarness.assertTamperingRejected(CircuitHarness.proveAndVerify(b.circuit(), g, SEED), SEED, 40);
    }

    /** Line 0 has its maximum 9 three times (at 1, 3 and 5); every line is [4, 6] along axis 1. */
    private static final long[] TIES = {3, 9, -2, 9, 0, 9, 1, 2, 3, 4, 5, 6, -7, -7, -7, -7, -7, -7, 0, 0, 0, 0, 1, 0};

    /**
     * Witnesses a cheating prover could try, each breaking one relation: the other layers'
     * values are recomputed from the doctored ones, so only that relation can catch it.
     */
    @ParameterizedTest(name = "doctor {0}")
    @MethodSource("doctored")
    void doctoredWitnessIsRejected(String what) {
        Built b = circuit(Shape.of(4, 6), 1, false);
        Circuit c = b.circuit();
        long[][] g = new long[c.tensorCount()][];
        g[0] = TIES.clone();
        int m = b.max().max();
        int s = b.max().selector();
        int p = b.arg().prefix();
        int[] changed = what.startsWith("argmax") ? new int[] {b.arg().max(), p} : new int[] {m, s};
        Witness w = doctor(c, g, changed, v -> {
            switch (what) {
                case "max that is not the maximum" -> {
                    v.values(m)[0] = Goldilocks.fromSigned(3);
                    v.values(s)[1] = 0;
                    v.values(s)[0] = 1;
                }
                case "max larger than every entry" -> v.values(m)[0] = Goldilocks.fromSigned(10);
                case "selector with two ones" -> v.values(s)[3] = 1;
                case "selector with no one" -> v.values(s)[1] = 0;
                case "argmax pointing to a later tie" -> {
                    // P = [0, 0, 0, 1, 1, 1] selects the 9 at index 3 instead of the one at 1.
                    v.values(p)[1] = 0;
                    v.values(p)[2] = 0;
                }
                case "argmax pointing to a smaller entry" -> v.values(p)[0] = 1;
                default -> throw new IllegalArgumentException(what);
            }
        });
        CircuitHarness.Run run = CircuitHarness.proveWitness(CircuitHarness.setup(c), w, SEED);
        CircuitHarness.assertRejects(run.vk(), run.publicValues(), run.proof().encode());
    }

    /** The control: the doctoring machinery with no change gives a proof that verifies. */
    @Test
    void undoctoredWitnessIsAccepted() {
        Built b = circuit(Shape.of(4, 6), 1, false);
        Circuit c = b.circuit();
        long[][] g = new long[c.tensorCount()][];
        g[0] = TIES.clone();
        Witness w = doctor(c, g, new int[] {b.max().max(), b.max().selector()}, v -> {});
        CircuitHarness.assertAccepts(CircuitHarness.proveWitness(CircuitHarness.setup(c), w, SEED));
    }

    static Stream<String> doctored() {
        return Stream.of("max that is not the maximum", "max larger than every entry", "selector with two ones",
                "selector with no one", "argmax pointing to a later tie", "argmax pointing to a smaller entry");
    }

    /**
     * The honest witness with {@code change} applied to the tensors {@code changed}, then every
     * layer that writes none of them recomputed; a lookup whose rows left its table keeps its
     * honest multiplicities.
     */
    static Witness doctor(Circuit c, long[][] given, int[] changed, Consumer<Witness> change) {
        Witness w = c.evaluate(given);
        change.accept(w);
        for (Layer layer : c.layers()) {
            boolean writesChanged = false;
            for (int o : layer.outputs()) {
                for (int t : changed) {
                    writesChanged |= o == t;
                }
            }
            if (!writesChanged) {
                try {
                    layer.compute(w);
                } catch (IllegalArgumentException e) {
                    // The lookup cannot count a row outside its table: the cheating prover keeps the old counts.
                }
            }
        }
        return w;
    }

    @Test
    void wideInputIsRejectedAtBuildTime() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(4), Max.INPUT_BOUND + 1);
        assertThrows(AccumulatorOverflowException.class, () -> Max.reduce(cb, "max", x, 0, true));
    }

    @Test
    void windowInsideThePaddingIsRejected() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(1, 1, 3, 3), 127);
        assertThrows(IllegalArgumentException.class, () -> Max.pool(cb, "pool", x, 1, 1, Conv2d.Geometry.of(1, 1)));
    }
}
