package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.layer.MatMul;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Zero knowledge, tested: masked messages differ across runs on the same statement, no private
 * value appears in a proof, and, with the layers' challenges fixed, two different witnesses of
 * one statement give message distributions a statistical test cannot tell apart, while the
 * same test tells them apart at once with masking off.
 */
class ZeroKnowledgeTest {
    private static final long SEED = 0x2E80_4A1L;

    /** y = W x with W [2, 4] and x [4, 1] committed, y revealed. */
    static Circuit circuit() {
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.committedInput("w", Shape.of(2, 4), 1L << 40);
        int x = cb.committedInput("x", Shape.of(4, 1), 1L << 20);
        int y = MatMul.add(cb, "y", w, false, x, false, -1);
        cb.reveal(y);
        return cb.build();
    }

    /** Two weight matrices with the same output on x = (1, 1, 1, 1): rows with equal sums. */
    static long[][] witness(boolean second) {
        long[] w = second ? new long[] {10, 20, 30, 40, 5, 6, 7, 8} : new long[] {40, 30, 20, 10, 8, 7, 6, 5};
        return new long[][] {w, {1, 1, 1, 1}, null};
    }

    static long[] messages(Circuit c, long[][] given, boolean zk, long maskSeed, long challengeSeed) {
        ProvingKey key = ProvingKey.setup(c, CircuitHarness.PARAMS, zk);
        ProverContext.FIXED_CHALLENGES.set(challengeSeed);
        try {
            return CircuitProver.prove(key, c.evaluate(given), CircuitHarness.testRandom(maskSeed)).messages();
        } finally {
            ProverContext.FIXED_CHALLENGES.remove();
        }
    }

    @Test
    void maskedMessagesDifferAcrossRuns() {
        System.out.println("ZeroKnowledgeTest seed " + SEED);
        Circuit c = circuit();
        CircuitHarness.Run a = CircuitHarness.proveAndVerify(c, witness(false), SEED);
        CircuitHarness.Run b = CircuitHarness.proveAndVerify(c, witness(false), SEED + 1);
        assertTrue(a.vk().zeroKnowledge());
        long[] ma = a.proof().messages();
        long[] mb = b.proof().messages();
        assertEquals(ma.length, mb.length);
        int same = 0;
        for (int i = 0; i < ma.length; i++) {
            same += ma[i] == mb[i] ? 1 : 0;
        }
        assertEquals(0, same, "limbs repeated across two proofs of the same statement");
    }

    @Test
    void noPrivateValueAppearsInTheProof() {
        Circuit c = circuit();
        SplittableRandom rng = new SplittableRandom(SEED);
        long[][] g = {CircuitHarness.randomValues(rng, 8, 1L << 40), CircuitHarness.randomValues(rng, 4, 1L << 20), null};
        byte[] proof = CircuitHarness.proveAndVerify(c, g, SEED).proof().encode();
        for (long[] values : new long[][] {g[0], g[1]}) {
            for (long v : values) {
                if (Math.abs(v) < 1 << 16) {
                    continue; // short values occur by chance in any byte string
                }
                byte[] enc = Goldilocks.encode(Goldilocks.fromSigned(v));
                assertFalse(contains(proof, enc), "private value " + v + " appears in the proof");
            }
        }
    }

    static boolean contains(byte[] hay, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= hay.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (hay[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    /**
     * With the challenges fixed, collects each message limb over many mask seeds for both
     * witnesses and compares the two samples' distributions of the limb's low 3 bits.
     */
    static boolean distinguishable(boolean zk, int runs) {
        return distinguishable(circuit(), witness(false), witness(true), zk, runs);
    }

    static boolean distinguishable(Circuit c, long[][] w1, long[][] w2, boolean zk, int runs) {
        long challengeSeed = SEED ^ 0x5A5A;
        List<long[]> first = new ArrayList<>();
        List<long[]> second = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            first.add(messages(c, w1, zk, SEED + 2L * r, challengeSeed));
            second.add(messages(c, w2, zk, SEED + 2L * r + 1, challengeSeed));
        }
        int limbs = first.get(0).length;
        for (int i = 0; i < limbs; i++) {
            int[] h1 = new int[8];
            int[] h2 = new int[8];
            for (int r = 0; r < runs; r++) {
                h1[(int) (first.get(r)[i] & 7)]++;
                h2[(int) (second.get(r)[i] & 7)]++;
            }
            // 7 degrees of freedom; 37 is p ~ 5e-6, a 0.001 false-alarm rate over ~200 limbs (Bonferroni);
            // each 2 ln(limbs / 200) more divides the tail by limbs / 200, keeping that rate for more limbs.
            if (chiSquare(h1, h2) > 37 + 2 * Math.log(Math.max(1.0, limbs / 200.0))) {
                System.out.println("limb " + i + " of " + limbs + " tells the witnesses apart: chi^2 " + chiSquare(h1, h2));
                return true;
            }
        }
        return false;
    }

    static double chiSquare(int[] a, int[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            int n = a[k] + b[k];
            if (n > 0) {
                double d = a[k] - b[k];
                s += d * d / n;
            }
        }
        return s;
    }

    @Test
    void maskingOffIsDetected() {
        assertTrue(distinguishable(false, 40), "without masking the two witnesses' messages must differ");
    }

    @Test
    void maskingOnIsIndistinguishable() {
        assertFalse(distinguishable(true, 100), "masked messages must not tell the witnesses apart");
    }

    @Test
    void bothWitnessesProveTheSameStatement() {
        Circuit c = circuit();
        long[] y1 = CircuitHarness.proveAndVerify(c, witness(false), SEED).publicValues()[2];
        long[] y2 = CircuitHarness.proveAndVerify(c, witness(true), SEED).publicValues()[2];
        assertArrayEquals(y1, y2);
        assertFalse(Arrays.equals(witness(false)[0], witness(true)[0]));
    }

    /** y = relu(x) by lookup in a 2^5-row table; x = (-5, 3, -7, 2) and (-1, 3, -16, 2) give the same y. */
    static Circuit reluCircuit() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(4), 16);
        int y = io.zkinfer.sumcheck.layer.Activation.add(cb, "y", x, "relu", v -> Math.max(0, v), 5);
        cb.reveal(y);
        return cb.build();
    }

    static long[][] reluWitness(Circuit c, long... x) {
        long[][] g = new long[c.tensorCount()][];
        g[0] = x;
        return g;
    }

    @Test
    void lookupsAreZeroKnowledge() {
        Circuit c = reluCircuit();
        assertTrue(ProvingKey.zeroKnowledgeAvailable(c));
        long[][] w1 = reluWitness(c, -5, 3, -7, 2);
        long[][] w2 = reluWitness(c, -1, 3, -16, 2);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, w1, SEED);
        assertTrue(r.vk().zeroKnowledge());
        CircuitHarness.assertTamperingRejected(r, SEED, 60);
        assertTrue(distinguishable(c, w1, w2, false, 30), "without masking the lookup reveals the difference");
        assertFalse(distinguishable(c, w1, w2, true, 120), "with masking it must not");
    }

    /**
     * A layer other than a lookup reading a key table (public weights): once refused, since such a
     * claim had nowhere to go; now its value is revealed and proven by the key's opening.
     */
    @Test
    void aPreprocessedOperandOutsideLookupsProvesWithZeroKnowledge() {
        CircuitBuilder cb = new CircuitBuilder();
        int a = cb.committedInput("a", Shape.of(4), 10);
        int b = cb.preprocessed("b", Shape.of(4), new long[] {1, 2, 3, 4});
        cb.reveal(io.zkinfer.sumcheck.layer.Hadamard.add(cb, "y", a, b));
        Circuit c = cb.build();
        assertTrue(ProvingKey.zeroKnowledgeAvailable(c));
        long[][] g = new long[c.tensorCount()][];
        g[a] = new long[] {5, -5, 0, 1};
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertTrue(r.vk().zeroKnowledge());
        CircuitHarness.assertTamperingRejected(r, SEED, 60);
    }
}
