package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.layer.MatMul;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Public weights: a weight matrix fixed by the circuit and committed once in its key (a
 * preprocessed tensor), with a private input and zero knowledge on. The weights' values at the
 * points the layer's sumcheck reaches are public: the verifier evaluates a small matrix itself
 * and checks a large one's values against the key's opening; the input stays hidden.
 */
class PublicWeightsTest {
    private static final long SEED = 0x9B11_C0DEL;
    private static final int N = 64;

    /** y = W x with W [N, N] public in the key, x [N, 1] private, y revealed. */
    static Circuit circuit(long[] weights) {
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.preprocessed("w", Shape.of(N, N), weights);
        int x = cb.committedInput("x", Shape.of(N, 1), 1L << 40);
        cb.reveal(MatMul.add(cb, "y", w, false, x, false, -1));
        return cb.build();
    }

    static long[] weights(long seed) {
        return CircuitHarness.randomValues(new SplittableRandom(seed), N * N, 127);
    }

    static long[][] given(Circuit c, long seed) {
        long[][] g = new long[c.tensorCount()][];
        g[1] = CircuitHarness.randomValues(new SplittableRandom(seed), N, 1L << 40);
        return g;
    }

    @Test
    void provesWithZeroKnowledgeAndRejectsTampering() {
        System.out.println("PublicWeightsTest seed " + SEED);
        Circuit c = circuit(weights(SEED));
        assertTrue(ProvingKey.zeroKnowledgeAvailable(c));
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, given(c, SEED + 1), SEED);
        assertTrue(r.vk().zeroKnowledge());
        assertTrue(r.proof().preprocessedOpening().length == 0, "a 64x64 weight matrix is evaluated by the verifier");
        CircuitHarness.assertTamperingRejected(r, SEED, 40);
    }

    /** Weights beyond 2^16 entries (here 512 x 256) stay in the key's commitment and are proven by its opening. */
    @Test
    void largeWeightsAreProvenByTheKeysOpening() {
        SplittableRandom rng = new SplittableRandom(SEED + 9);
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.preprocessed("w", Shape.of(512, 256), CircuitHarness.randomValues(rng, 512 * 256, 127));
        int x = cb.committedInput("x", Shape.of(256, 1), 1L << 40);
        cb.reveal(MatMul.add(cb, "y", w, false, x, false, -1));
        Circuit c = cb.build();
        long[][] g = new long[c.tensorCount()][];
        g[x] = CircuitHarness.randomValues(rng, 256, 1L << 40);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertTrue(r.proof().preprocessedOpening().length > 0, "the weights' values are proven by the key's opening");
        CircuitHarness.assertTamperingRejected(r, SEED, 20);
    }

    /** The prover keeps the honest key but computes with one weight changed: the key's opening fails. */
    @Test
    void aChangedWeightUnderTheHonestKeyIsRejected() {
        Circuit c = circuit(weights(SEED));
        CircuitHarness.assertChangedElementRejected(c, given(c, SEED + 1), 0, N + 3, SEED);
    }

    /** A proof under another circuit's weights does not verify against this key. */
    @Test
    void aProofWithOtherWeightsIsRejected() {
        long[] w = weights(SEED);
        long[] other = w.clone();
        other[N + 3] += 1;
        Circuit c = circuit(w);
        Circuit changed = circuit(other);
        CircuitHarness.Run honest = CircuitHarness.proveAndVerify(c, given(c, SEED + 1), SEED);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(changed, given(changed, SEED + 1), SEED);
        CircuitHarness.assertRejects(honest.vk(), r.publicValues(), r.proof().encode());
    }

    /**
     * With the challenges fixed, two inputs with the same output (W has a zero column, and the
     * inputs differ only there) give indistinguishable messages with zero knowledge, and
     * distinguishable ones without.
     */
    @Test
    void twoInputsWithTheSameOutputCannotBeToldApart() {
        long[] w = weights(SEED);
        for (int i = 0; i < N; i++) {
            w[i * N + 5] = 0;
        }
        Circuit c = circuit(w);
        long[][] g1 = given(c, SEED + 3);
        long[][] g2 = given(c, SEED + 3);
        g2[1][5] = g1[1][5] + 12345;
        CircuitHarness.Run r1 = CircuitHarness.proveAndVerify(c, g1, SEED);
        CircuitHarness.Run r2 = CircuitHarness.proveAndVerify(c, g2, SEED);
        org.junit.jupiter.api.Assertions.assertArrayEquals(r1.publicValues()[2], r2.publicValues()[2]);
        assertTrue(ZeroKnowledgeTest.distinguishable(c, g1, g2, false, 30), "without masking the input shows");
        assertFalse(ZeroKnowledgeTest.distinguishable(c, g1, g2, true, 100), "with masking it must not");
    }

    @Test
    void theInputDoesNotAppearInTheProof() {
        Circuit c = circuit(weights(SEED));
        long[][] g = given(c, SEED + 2);
        byte[] proof = CircuitHarness.proveAndVerify(c, g, SEED).proof().encode();
        int checked = 0;
        for (long v : g[1]) {
            if (Math.abs(v) >= 1 << 16) {
                assertFalse(ZeroKnowledgeTest.contains(proof, Goldilocks.encode(Goldilocks.fromSigned(v))),
                        "input value " + v + " appears in the proof");
                checked++;
            }
        }
        assertTrue(checked > 50);
    }
}
