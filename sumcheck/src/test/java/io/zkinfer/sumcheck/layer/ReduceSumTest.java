package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.sumcheck.circuit.AccumulatorOverflowException;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.Shape;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sums over axes: completeness against plain sums, keepdims, soundness, bounds; zero knowledge on
 * wherever the input has a variable, and the plain protocol too.
 */
class ReduceSumTest {
    private static final long SEED = 0x5E_D0CEL;

    /** out = reducesum(x) with x committed (id 0) and out revealed (id 1). */
    static Circuit circuit(int[] dims, int[] axes, boolean keepDims, long bound) {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(dims), bound);
        int y = ReduceSum.add(cb, "y", x, axes, keepDims);
        cb.reveal(y);
        return cb.build();
    }

    /** The plain sums, logical row-major over the kept dimensions. */
    static long[] reference(int[] dims, int[] axes, long[] x) {
        boolean[] reduced = new boolean[dims.length];
        for (int a : axes) {
            reduced[a < 0 ? a + dims.length : a] = true;
        }
        int outSize = 1;
        for (int k = 0; k < dims.length; k++) {
            outSize *= reduced[k] ? 1 : dims[k];
        }
        long[] y = new long[outSize];
        int[] c = new int[dims.length];
        for (long v : x) {
            int o = 0;
            for (int k = 0; k < dims.length; k++) {
                if (!reduced[k]) {
                    o = o * dims[k] + c[k];
                }
            }
            y[o] += v;
            for (int k = dims.length - 1; k >= 0; k--) {
                if (++c[k] < dims[k]) {
                    break;
                }
                c[k] = 0;
            }
        }
        return y;
    }

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(new int[] {1}, new int[] {0}, false),
                Arguments.of(new int[] {7}, new int[] {0}, true),
                Arguments.of(new int[] {2, 5, 7, 6}, new int[] {2, 3}, false),
                Arguments.of(new int[] {2, 5, 7, 6}, new int[] {-1, -2}, true),
                Arguments.of(new int[] {3, 9, 5}, new int[] {1}, false),
                Arguments.of(new int[] {3, 9, 5}, new int[] {0, 2}, true),
                Arguments.of(new int[] {4, 3, 5}, new int[] {0, 1, 2}, false),
                Arguments.of(new int[] {1, 16, 1, 1}, new int[] {2, 3}, false),
                Arguments.of(new int[] {5, 1, 3}, new int[] {0}, false));
    }

    @ParameterizedTest(name = "{0} over {1}, keepdims {2}")
    @MethodSource("cases")
    void provesAndMatchesPlainSums(int[] dims, int[] axes, boolean keepDims) {
        System.out.println("ReduceSumTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED + Arrays.hashCode(dims) * 31L + Arrays.hashCode(axes));
        Circuit c = circuit(dims, axes, keepDims, 127);
        long size = Shape.of(dims).logicalSize();
        long[][] g = {CircuitHarness.randomValues(rng, (int) size, 127), null};
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertArrayEquals(reference(dims, axes, g[0]), Circuit.logical(c.tensor(1), r.witness().values(1)));
        assertEquals(keepDims ? dims.length : dims.length - axes.length, c.tensor(1).shape().rank());
        assertTrue(r.vk().zeroKnowledge()); // a one-entry input is a linear claim, no sumcheck
    }

    @Test
    void int8ExtremesAndZeros() {
        int[] dims = {2, 3, 7, 5};
        int[] axes = {2, 3};
        Circuit c = circuit(dims, axes, true, 128);
        long[] x = new long[2 * 3 * 7 * 5];
        Arrays.fill(x, -128);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, new long[][] {x, null}, SEED);
        assertArrayEquals(reference(dims, axes, x), Circuit.logical(c.tensor(1), r.witness().values(1)));
        Arrays.fill(x, 127);
        CircuitHarness.proveAndVerify(c, new long[][] {x, null}, SEED);
        CircuitHarness.proveAndVerify(c, new long[][] {new long[x.length], null}, SEED);
    }

    @Test
    void globalAveragePoolingFeedsAnotherLayer() {
        // [N, C, H, W] summed over H, W, then a matrix product on the [N, C] sums.
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(3, 6, 5, 5), 127);
        int w = cb.committedInput("w", Shape.of(4, 6), 127);
        int s = ReduceSum.add(cb, "gap", x, new int[] {2, 3}, false);
        int y = MatMul.add(cb, "y", s, false, w, true, -1);
        cb.reveal(y);
        Circuit c = cb.build();
        SplittableRandom rng = new SplittableRandom(SEED);
        long[][] g = {CircuitHarness.randomValues(rng, 3 * 6 * 25, 127), CircuitHarness.randomValues(rng, 24, 127),
                null, null};
        assertTrue(CircuitHarness.proveAndVerify(c, g, SEED).vk().zeroKnowledge());
        assertEquals(25, ((ReduceSum) c.layers().get(0)).reducedCount());
    }

    @Test
    void tamperingIsRejected() {
        int[] dims = {2, 5, 7, 6};
        Circuit c = circuit(dims, new int[] {1, 3}, false, 127);
        long[][] g = {CircuitHarness.randomValues(new SplittableRandom(SEED), 2 * 5 * 7 * 6, 127), null};
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertTrue(r.vk().zeroKnowledge());
        CircuitHarness.assertTamperingRejected(r, SEED, 64);
    }

    /** The protocol without zero knowledge (claims reduced from the output) still proves and rejects tampering. */
    @Test
    void plainProofVerifiesAndRejectsTampering() {
        Circuit c = circuit(new int[] {2, 5, 7, 6}, new int[] {1, 3}, false, 127);
        long[][] g = {CircuitHarness.randomValues(new SplittableRandom(SEED), 2 * 5 * 7 * 6, 127), null};
        ProvingKey key = ProvingKey.setup(c, CircuitHarness.PARAMS, false);
        CircuitHarness.Run r = CircuitHarness.proveWitness(key, c.evaluate(g), SEED);
        CircuitHarness.assertAccepts(r);
        CircuitHarness.assertTamperingRejected(r, SEED, 64);
    }

    @Test
    void zeroKnowledgeProofsShareNoMessageLimb() {
        Circuit c = circuit(new int[] {3, 9, 5}, new int[] {0, 2}, true, 127);
        long[][] g = {CircuitHarness.randomValues(new SplittableRandom(SEED), 3 * 9 * 5, 127), null};
        CircuitHarness.Run first = CircuitHarness.proveAndVerify(c, g, SEED);
        Conv2dTest.assertNoSharedLimb(first, CircuitHarness.proveAndVerify(c, g, SEED + 1));
        Conv2dTest.assertMessageTamperingRejected(first, 200);
    }

    /** One changed element of the input or the output: the proof must fail. */
    @ParameterizedTest(name = "change tensor {0}")
    @MethodSource("changedTensors")
    void changedWitnessIsRejected(int tensor) {
        int[] dims = {3, 5, 6};
        Circuit c = circuit(dims, new int[] {1}, true, 127);
        long[][] g = {CircuitHarness.randomValues(new SplittableRandom(SEED + tensor), 90, 127), null};
        int idx = c.tensor(tensor).shape().logicalIndices()[5];
        CircuitHarness.Run r = CircuitHarness.assertChangedElementRejected(c, g, tensor, idx, SEED);
        assertTrue(r.vk().zeroKnowledge());
    }

    static Stream<Integer> changedTensors() {
        return Stream.of(0, 1);
    }

    @Test
    void badAxesAndOverflowAreRejected() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(4, 8), 1L << 61);
        assertThrows(IllegalArgumentException.class, () -> ReduceSum.add(cb, "y", x, new int[] {}, false));
        assertThrows(IllegalArgumentException.class, () -> ReduceSum.add(cb, "y", x, new int[] {2}, false));
        assertThrows(IllegalArgumentException.class, () -> ReduceSum.add(cb, "y", x, new int[] {1, -1}, false));
        assertThrows(AccumulatorOverflowException.class, () -> ReduceSum.add(cb, "y", x, new int[] {1}, false));
    }
}
