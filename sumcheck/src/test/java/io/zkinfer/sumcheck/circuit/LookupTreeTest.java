package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.sumcheck.layer.Activation;
import io.zkinfer.sumcheck.layer.RangeCheck;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Zero-knowledge lookups of large sets (2^12 rows and more) through the masked fraction tree
 * (`Lookup`, docs/SECURITY.md): completeness, tampering, a false row, and zero knowledge, with
 * the tree's masks shown to be what hides the rows.
 */
class LookupTreeTest {
    private static final long SEED = 0x7EE_2026L;

    /** x [100, 90] int8 (padded to 128 x 128: 2^14 rows, padding included) range-checked. */
    static Circuit rangeCircuit() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(100, 90), 128);
        RangeCheck.signed(cb, "x/range", 8, x);
        return cb.build();
    }

    static long[][] int8(Circuit c, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        long[] x = new long[9000];
        for (int i = 0; i < x.length; i++) {
            x[i] = rng.nextInt(-128, 128);
        }
        long[][] g = new long[c.tensorCount()][];
        g[0] = x;
        return g;
    }

    @Test
    void aLargeRangeCheckProvesAndRejectsTampering() {
        System.out.println("LookupTreeTest seed " + SEED);
        Circuit c = rangeCircuit();
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, int8(c, SEED), SEED);
        assertTrue(r.vk().zeroKnowledge());
        CircuitHarness.assertTamperingRejected(r, SEED, 60);
    }

    /** One row changed after the multiplicities were counted: the lookup identity fails. */
    @Test
    void aRowOutsideTheTableIsRejected() {
        Circuit c = rangeCircuit();
        long[][] g = int8(c, SEED + 1);
        g[0][4321] = 127;
        CircuitHarness.assertChangedElementRejected(c, g, 0, c.tensor(0).shape().index(48, 1), SEED); // 127 -> 128
        CircuitHarness.assertChangedElementRejected(c, g, 0, 5, SEED);
    }

    /** y = relu(x) over 64 x 64 rows of a 2^8-row two-column table, y revealed. */
    static Circuit reluCircuit() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(64, 64), 128);
        cb.reveal(Activation.add(cb, "y", x, "relu", v -> Math.max(0, v), 8));
        return cb.build();
    }

    /** Two inputs with the same relu: the negative entries differ. */
    static long[][] reluWitness(Circuit c, boolean second) {
        SplittableRandom rng = new SplittableRandom(SEED + 7);
        long[] x = new long[4096];
        for (int i = 0; i < x.length; i++) {
            int v = rng.nextInt(-128, 128);
            int other = -1 - rng.nextInt(128);
            x[i] = v < 0 && second ? other : v;
        }
        long[][] g = new long[c.tensorCount()][];
        g[0] = x;
        return g;
    }

    @Test
    void aLargeActivationProvesAndRejectsTampering() {
        Circuit c = reluCircuit();
        CircuitHarness.Run a = CircuitHarness.proveAndVerify(c, reluWitness(c, false), SEED);
        CircuitHarness.Run b = CircuitHarness.proveAndVerify(c, reluWitness(c, true), SEED);
        int y = c.revealed().get(0).id();
        assertArrayEquals(a.publicValues()[y], b.publicValues()[y], "the two inputs have one output");
        CircuitHarness.assertTamperingRejected(a, SEED, 40);
    }

    @Test
    void theTreeRevealsNothingAboutTheRows() {
        Circuit c = reluCircuit();
        assertFalse(ZeroKnowledgeTest.distinguishable(c, reluWitness(c, false), reluWitness(c, true), true, 60),
                "with the tree's masks the two inputs' proofs are indistinguishable");
    }

    @Test
    void withoutTheTreeMasksTheRowsShow() {
        Circuit c = reluCircuit();
        ZkSumcheck.UNMASKED_INTERMEDIATES.set(true);
        try {
            assertTrue(ZeroKnowledgeTest.distinguishable(c, reluWitness(c, false), reluWitness(c, true), true, 30),
                    "the tree's levels, unmasked, tell the inputs apart");
        } finally {
            ZkSumcheck.UNMASKED_INTERMEDIATES.remove();
        }
    }

    /**
     * Padding rows with a nonzero pad: y = f(x) with f(0) = 3 over 70 x 60 (padded to 2^13 rows),
     * whose padding is looked up as the row (0, 3); a changed x or y is rejected.
     */
    @Test
    void paddingRowsWithANonzeroPad() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(70, 60), 128);
        int y = Activation.add(cb, "y", x, "shift", v -> Math.max(0, v) + 3, 8);
        cb.reveal(y);
        Circuit c = cb.build();
        SplittableRandom rng = new SplittableRandom(SEED + 11);
        long[][] g = new long[c.tensorCount()][];
        g[x] = new long[4200];
        for (int i = 0; i < g[x].length; i++) {
            g[x][i] = rng.nextInt(-128, 128);
        }
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        CircuitHarness.assertTamperingRejected(r, SEED, 20);
        CircuitHarness.assertChangedElementRejected(c, g, x, c.tensor(x).shape().index(69, 59), SEED);
    }

    /** One lookup argument over sets of 2^14, 2^12, 2^4 rows and one entry (replicated to four rows). */
    @Test
    void largeAndSmallSetsInOneLookup() {
        CircuitBuilder cb = new CircuitBuilder();
        Shape[] shapes = {Shape.of(100, 90), Shape.of(64, 64), Shape.of(5, 3), Shape.of(1)};
        int[] ids = new int[shapes.length];
        for (int i = 0; i < shapes.length; i++) {
            ids[i] = cb.committedInput("t" + i, shapes[i], 128);
        }
        RangeCheck.signed(cb, "range", 8, ids);
        Circuit c = cb.build();
        SplittableRandom rng = new SplittableRandom(SEED + 12);
        long[][] g = new long[c.tensorCount()][];
        for (int i = 0; i < shapes.length; i++) {
            g[ids[i]] = new long[(int) shapes[i].logicalSize()];
            for (int j = 0; j < g[ids[i]].length; j++) {
                g[ids[i]][j] = rng.nextInt(-128, 128);
            }
        }
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        CircuitHarness.assertTamperingRejected(r, SEED, 30);
        for (int i = 0; i < shapes.length; i++) {
            CircuitHarness.assertChangedElementRejected(c, g, ids[i], 0, SEED);
        }
    }

    /**
     * Three lookups in one batch of trees: a 1-bit range (a two-row table, replicated to four),
     * a 4-bit range and an 8-bit range, over sets of two entries to 2^12; trees of depth 2 to 12
     * start together and drop out at their own leaves. A false row in any of them is rejected.
     */
    @Test
    void lookupsOfEveryDepthInOneBatch() {
        CircuitBuilder cb = new CircuitBuilder();
        int bit = cb.committedInput("bit", Shape.of(2), 1);
        int nibble = cb.committedInput("nibble", Shape.of(7, 3), 8);
        int wide = cb.committedInput("wide", Shape.of(64, 64), 128);
        int one = cb.committedInput("one", Shape.of(1), 8);
        RangeCheck.signed(cb, "bit", 1, bit);
        RangeCheck.signed(cb, "nibble", 4, nibble, one);
        RangeCheck.signed(cb, "wide", 8, wide);
        Circuit c = cb.build();
        SplittableRandom rng = new SplittableRandom(SEED + 13);
        long[][] g = new long[c.tensorCount()][];
        g[bit] = new long[] {-1, 0};
        g[nibble] = new long[21];
        for (int j = 0; j < 21; j++) {
            g[nibble][j] = rng.nextInt(-8, 8);
        }
        g[one] = new long[] {7};
        g[wide] = new long[4096];
        for (int j = 0; j < g[wide].length; j++) {
            g[wide][j] = rng.nextInt(-128, 128);
        }
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        CircuitHarness.assertTamperingRejected(r, SEED, 30);
        for (int t : new int[] {bit, nibble, one, wide}) {
            CircuitHarness.assertChangedElementRejected(c, g, t, 0, SEED);
        }
    }
}
