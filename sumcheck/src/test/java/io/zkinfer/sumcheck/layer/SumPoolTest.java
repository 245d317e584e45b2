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
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Sum pooling: completeness against plain window sums, soundness, bounds, average-pool divisors;
 * zero knowledge on wherever the input has a variable, and the plain protocol too.
 */
class SumPoolTest {
    private static final long SEED = 0x9001L;

    /** One pooling instance: input [n, c, h, w], window kh x kw of geometry g. */
    record Case(int n, int c, int h, int w, int kh, int kw, Conv2d.Geometry g) {
        @Override
        public String toString() {
            return "x[" + n + "," + c + "," + h + "," + w + "] window " + kh + "x" + kw + " " + g.canonical();
        }
    }

    /** out = sumpool(x) with x committed (id 0) and out revealed (id 1). */
    static Circuit circuit(Case k, long bound) {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(k.n, k.c, k.h, k.w), bound);
        int y = SumPool.add(cb, "y", x, k.kh, k.kw, k.g);
        cb.reveal(y);
        return cb.build();
    }

    static long[] reference(Case k, long[] x) {
        Conv2d.Geometry g = k.g;
        int ho = g.outputHeight(k.h, k.kh);
        int wo = g.outputWidth(k.w, k.kw);
        long[] y = new long[k.n * k.c * ho * wo];
        for (int p = 0; p < k.n * k.c; p++) {
            for (int oy = 0; oy < ho; oy++) {
                for (int ox = 0; ox < wo; ox++) {
                    long s = 0;
                    for (int ky = 0; ky < k.kh; ky++) {
                        for (int kx = 0; kx < k.kw; kx++) {
                            int u = oy * g.strideH() + ky * g.dilationH() - g.padTop();
                            int v = ox * g.strideW() + kx * g.dilationW() - g.padLeft();
                            if (u >= 0 && u < k.h && v >= 0 && v < k.w) {
                                s += x[(p * k.h + u) * k.w + v];
                            }
                        }
                    }
                    y[(p * ho + oy) * wo + ox] = s;
                }
            }
        }
        return y;
    }

    static Stream<Case> cases() {
        Conv2d.Geometry one = Conv2d.Geometry.DEFAULT;
        return Stream.of(new Case(1, 1, 1, 1, 1, 1, one),
                new Case(1, 3, 8, 8, 2, 2, Conv2d.Geometry.of(2, 0)),
                new Case(2, 5, 7, 9, 3, 3, Conv2d.Geometry.of(2, 1)),
                new Case(3, 2, 6, 5, 3, 2, one.withDilation(2, 2).withPadding(1, 0, 2, 1)),
                new Case(1, 4, 5, 7, 5, 7, one),
                new Case(2, 3, 10, 11, 3, 3, new Conv2d.Geometry(3, 2, 1, 2, 0, 2, 1, 1)),
                new Case(1, 2, 3, 3, 2, 2, one.withPadding(3)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void provesAndMatchesPlainWindowSums(Case k) {
        System.out.println("SumPoolTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED + k.toString().hashCode());
        Circuit c = circuit(k, 127);
        long[][] g = {CircuitHarness.randomValues(rng, k.n * k.c * k.h * k.w, 127), null};
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertArrayEquals(reference(k, g[0]), Circuit.logical(c.tensor(1), r.witness().values(1)));
        assertTrue(r.vk().zeroKnowledge()); // a one-entry input is a linear claim, no sumcheck
    }

    @Test
    void int8ExtremesAndZeros() {
        Case k = new Case(2, 3, 7, 6, 3, 3, Conv2d.Geometry.of(2, 1));
        Circuit c = circuit(k, 128);
        long[] x = new long[2 * 3 * 7 * 6];
        for (int i = 0; i < x.length; i++) {
            x[i] = i % 3 == 0 ? -128 : i % 3 == 1 ? 127 : 0;
        }
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, new long[][] {x, null}, SEED);
        assertArrayEquals(reference(k, x), Circuit.logical(c.tensor(1), r.witness().values(1)));
        CircuitHarness.proveAndVerify(c, new long[][] {new long[x.length], null}, SEED);
    }

    @Test
    void tamperingIsRejected() {
        Circuit c = circuit(new Case(2, 3, 6, 5, 3, 2, Conv2d.Geometry.of(1, 1)), 127);
        long[][] g = {CircuitHarness.randomValues(new SplittableRandom(SEED), 2 * 3 * 6 * 5, 127), null};
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertTrue(r.vk().zeroKnowledge());
        CircuitHarness.assertTamperingRejected(r, SEED, 64);
    }

    /** The protocol without zero knowledge (claims reduced from the output) still proves and rejects tampering. */
    @Test
    void plainProofVerifiesAndRejectsTampering() {
        Circuit c = circuit(new Case(2, 3, 6, 5, 3, 2, Conv2d.Geometry.of(1, 1)), 127);
        long[][] g = {CircuitHarness.randomValues(new SplittableRandom(SEED), 2 * 3 * 6 * 5, 127), null};
        ProvingKey key = ProvingKey.setup(c, CircuitHarness.PARAMS, false);
        CircuitHarness.Run r = CircuitHarness.proveWitness(key, c.evaluate(g), SEED);
        CircuitHarness.assertAccepts(r);
        CircuitHarness.assertTamperingRejected(r, SEED, 64);
    }

    @Test
    void zeroKnowledgeProofsShareNoMessageLimb() {
        Circuit c = circuit(new Case(2, 5, 7, 9, 3, 3, Conv2d.Geometry.of(2, 1)), 127);
        long[][] g = {CircuitHarness.randomValues(new SplittableRandom(SEED), 2 * 5 * 7 * 9, 127), null};
        CircuitHarness.Run first = CircuitHarness.proveAndVerify(c, g, SEED);
        Conv2dTest.assertNoSharedLimb(first, CircuitHarness.proveAndVerify(c, g, SEED + 1));
        Conv2dTest.assertMessageTamperingRejected(first, 200);
    }

    /** One changed element of the input or the output: the proof must fail. */
    @ParameterizedTest(name = "change tensor {0}")
    @MethodSource("changedTensors")
    void changedWitnessIsRejected(int tensor) {
        Circuit c = circuit(new Case(2, 3, 7, 6, 3, 3, Conv2d.Geometry.of(2, 1)), 127);
        long[][] g = {CircuitHarness.randomValues(new SplittableRandom(SEED + tensor), 2 * 3 * 7 * 6, 127), null};
        int idx = c.tensor(tensor).shape().logicalIndices()[5];
        CircuitHarness.Run r = CircuitHarness.assertChangedElementRejected(c, g, tensor, idx, SEED);
        assertTrue(r.vk().zeroKnowledge());
    }

    static Stream<Integer> changedTensors() {
        return Stream.of(0, 1);
    }

    @Test
    void averagePoolingDivisors() {
        Conv2d.Geometry g = Conv2d.Geometry.of(2, 1);
        // 3x3 windows over 5x4, stride 2, pad 1: 3 rows and 2 columns of outputs.
        int[] taps = SumPool.insideTaps(5, 4, 3, 3, g);
        assertArrayEquals(new int[] {4, 6, 6, 9, 4, 6}, taps);
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(1, 1, 5, 4), 127);
        int y = SumPool.add(cb, "y", x, 3, 3, g);
        cb.reveal(y);
        SumPool pool = (SumPool) cb.build().layers().get(0);
        assertEquals(9, pool.windowSize());
    }

    @Test
    void badWindowsAndOverflowAreRejected() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(1, 1, 4, 4), 1L << 62);
        int flat = cb.committedInput("flat", Shape.of(4, 4), 127);
        assertThrows(AccumulatorOverflowException.class, () -> SumPool.add(cb, "y", x, 2, 2, Conv2d.Geometry.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> SumPool.add(cb, "y", flat, 2, 2, Conv2d.Geometry.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> SumPool.add(cb, "y", x, 5, 1, Conv2d.Geometry.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> SumPool.add(cb, "y", x, 0, 1, Conv2d.Geometry.DEFAULT));
    }
}
