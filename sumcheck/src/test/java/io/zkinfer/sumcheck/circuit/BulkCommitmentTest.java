package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.whir.LinearClaim;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.layer.MatMul;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Bulk commitments ({@link ZkLayout}): a large weight matrix gets a commitment of its own,
 * masked by a random vector of its low variables. Completeness, tampering with every new part,
 * a changed weight, and zero knowledge tested both ways: the masked proof's messages (which now
 * carry the revealed values a = W^(z)) do not tell two weight matrices with the same output
 * apart, and with the bulk mask switched off the same test tells them apart.
 */
class BulkCommitmentTest {
    private static final long SEED = 0xB01C_2026L;
    /** 2^16 weights: the smallest bulk tensor. */
    private static final int N = 256;

    /** y = W x with W [N, N] and x [N, 1] committed, y revealed. */
    static Circuit circuit(int n) {
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.committedInput("w", Shape.of(n, n), 1L << 20);
        int x = cb.committedInput("x", Shape.of(n, 1), 1L << 8);
        cb.reveal(MatMul.add(cb, "y", w, false, x, false, -1));
        return cb.build();
    }

    /**
     * Openings priced as before format 7 (2^14 values), so that a 2^16 matrix goes apart: the
     * default price keeps models of up to a few million values in one opening.
     */
    @org.junit.jupiter.api.BeforeEach
    void cheapOpenings() {
        ZkLayout.OPENING_COST_FOR_TESTS.set(1L << 14);
    }

    @org.junit.jupiter.api.AfterEach
    void defaultOpenings() {
        ZkLayout.OPENING_COST_FOR_TESTS.remove();
    }

    static ZkLayout layout(Circuit c) {
        int slots = ZkEngine.slots(c);
        MaskPool pool = MaskPool.layout(CircuitHarness.PARAMS.extension(), LinearForm.POOL, slots);
        return ZkLayout.of(c, CircuitHarness.PARAMS, pool.variables());
    }

    /** W with random rows; the second witness reverses every row, so W x is the same for x = 1. */
    static long[][] witness(Circuit c, boolean reversed) {
        SplittableRandom rng = new SplittableRandom(SEED);
        long[] w = CircuitHarness.randomValues(rng, N * N, 1L << 20);
        if (reversed) {
            long[] r = new long[w.length];
            for (int i = 0; i < N; i++) {
                for (int j = 0; j < N; j++) {
                    r[i * N + j] = w[i * N + (N - 1 - j)];
                }
            }
            w = r;
        }
        long[] x = new long[N];
        java.util.Arrays.fill(x, 1);
        long[][] g = new long[c.tensorCount()][];
        g[0] = w;
        g[1] = x;
        return g;
    }

    @Test
    void theLargeMatrixGoesApartAndSmallOnesStay() {
        System.out.println("BulkCommitmentTest seed " + SEED);
        Circuit big = circuit(N);
        ZkLayout l = layout(big);
        assertEquals(List.of(0), l.bulk().stream().map(Tensor::id).toList());
        assertEquals(-1, l.mainIndex(0));
        assertEquals(0, l.bulkIndex(0));
        assertTrue(l.maskVariables(0) < 16, "the mask is a small vector of the low variables");
        assertEquals(CircuitHarness.PARAMS.plan(big.tensor(0).numVariables()).foldingFactor(0), l.firstFold(0),
                "the fresh-low check starts where round 0's folding ends");
        assertTrue(layout(circuit(64)).bulk().isEmpty(), "a 2^12 matrix stays in the main commitment");
    }

    @Test
    void provesVerifiesAndRejectsTampering() {
        Circuit c = circuit(N);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, witness(c, false), SEED);
        assertEquals(1, r.proof().bulkRoots().length);
        assertTrue(r.proof().bulkOpenings()[0].length > 0);
        CircuitHarness.assertTamperingRejected(r, SEED, 24);
    }

    /** Regression guard: a proof from the non-ZK path carries no bulk part, and adding one is refused. */
    @Test
    void aBulkRootIsRefusedWithoutZeroKnowledge() {
        Circuit c = circuit(8);
        ProvingKey key = ProvingKey.setup(c, CircuitHarness.PARAMS, false);
        CircuitHarness.Run r = CircuitHarness.proveWitness(key, c.evaluate(smallWitness(c)), SEED);
        CircuitProof p = r.proof();
        CircuitProof forged = new CircuitProof(p.root(), new byte[][] {new byte[32]}, p.messages(), p.opening(),
                new byte[][] {new byte[0]}, p.preprocessedOpening());
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), forged.encode());
    }

    private static long[][] smallWitness(Circuit c) {
        SplittableRandom rng = new SplittableRandom(SEED);
        long[][] g = new long[c.tensorCount()][];
        g[0] = CircuitHarness.randomValues(rng, 64, 1000);
        g[1] = CircuitHarness.randomValues(rng, 8, 100);
        return g;
    }

    /**
     * Regression (review finding): a key whose circuit holds a tensor the parameters cannot commit
     * alone (2^27 entries) made the verifier throw IllegalArgumentException while choosing the
     * layout; every failure on untrusted input must be a ProofException.
     */
    @Test
    void anUnplannableTensorGivesAProofExceptionNotACrash() {
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.committedInput("w", Shape.of(1 << 14, 1 << 13), 1);
        int x = cb.committedInput("x", Shape.of(1 << 13, 1), 1);
        cb.reveal(MatMul.add(cb, "y", w, false, x, false, -1));
        Circuit huge = cb.build();
        ProvingKey key = ProvingKey.setup(huge, CircuitHarness.PARAMS, true);
        assertTrue(layout(huge).bulk().isEmpty(), "a tensor the parameters cannot plan stays in the main stack");
        Circuit small = circuit(8);
        byte[] proof = CircuitHarness.proveAndVerify(small, smallWitness(small), SEED).proof().encode();
        long[][] pub = new long[huge.tensorCount()][];
        pub[2] = new long[1 << 14];
        CircuitHarness.assertRejects(key.verifyingKey(), pub, proof);
    }

    @Test
    void aChangedWeightIsRejected() {
        Circuit c = circuit(N);
        CircuitHarness.assertChangedElementRejected(c, witness(c, false), 0, 12345, SEED);
    }

    @Test
    void noWeightAppearsInTheProof() {
        Circuit c = circuit(N);
        long[][] g = witness(c, false);
        byte[] proof = CircuitHarness.proveAndVerify(c, g, SEED).proof().encode();
        int checked = 0;
        for (int i = 0; i < g[0].length; i += 97) {
            long v = g[0][i];
            if (Math.abs(v) >= 1 << 16) {
                assertFalse(ZeroKnowledgeTest.contains(proof, Goldilocks.encode(Goldilocks.fromSigned(v))),
                        "weight " + v + " appears in the proof");
                checked++;
            }
        }
        assertTrue(checked > 100);
    }

    @Test
    void theBulkMaskIsWhatHidesTheWeights() {
        Circuit c = circuit(N);
        long[][] w1 = witness(c, false);
        long[][] w2 = witness(c, true);
        assertFalse(java.util.Arrays.equals(w1[0], w2[0]));
        assertTrue(CircuitHarness.proveAndVerify(c, w1, SEED).publicValues()[2].length > 0);
        ZkEngine.UNMASKED_BULK.set(true);
        try {
            assertTrue(ZeroKnowledgeTest.distinguishable(c, w1, w2, true, 24),
                    "with the bulk mask off the revealed values a = W(z) tell the weights apart");
        } finally {
            ZkEngine.UNMASKED_BULK.remove();
        }
        assertFalse(ZeroKnowledgeTest.distinguishable(c, w1, w2, true, 100),
                "with the bulk mask on nothing tells the weights apart");
    }

    /**
     * Two claims that agree on the low coordinates from k_0 on would meet at one point of the
     * mask in round 0's sumcheck messages (or in the values a, when they differ only above the
     * low l coordinates): refused. Points differing in a coordinate from k_0 to l, or identical,
     * pass.
     */
    @Test
    void claimsThatWouldCancelTheMaskAreRefused() {
        int d = 2;
        int l = 12;
        int from = 4 * d;
        SplittableRandom rng = new SplittableRandom(SEED);
        long[] first = new long[20 * d];
        for (int i = 0; i < first.length; i++) {
            first[i] = Goldilocks.random(rng);
        }
        Tensor t = circuit(N).tensor(0);
        List<LinearClaim> earlier = List.of(new LinearClaim(
                List.of(new LinearClaim.Term(0, first, new long[] {1, 0})), new long[] {0, 0}));
        for (int coordinate = 0; coordinate < 20; coordinate++) {
            long[] other = first.clone();
            other[coordinate * d + 1] = Goldilocks.add(other[coordinate * d + 1], 1);
            long[] low = java.util.Arrays.copyOf(other, l * d);
            if (coordinate < 4 || coordinate >= l) {
                assertThrows(ProofException.class, () -> ZkEngine.requireFreshLow(earlier, from, low, other, t),
                        "points differing only in coordinate " + coordinate);
            } else {
                assertDoesNotThrow(() -> ZkEngine.requireFreshLow(earlier, from, low, other, t),
                        "points differing in coordinate " + coordinate);
            }
        }
        long[] lowFirst = java.util.Arrays.copyOf(first, l * d);
        assertDoesNotThrow(() -> ZkEngine.requireFreshLow(earlier, from, lowFirst, first, t), "a repeated claim");
    }
}
