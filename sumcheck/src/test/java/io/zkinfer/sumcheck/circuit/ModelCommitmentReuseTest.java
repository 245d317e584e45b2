package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.sumcheck.binding.Binding;
import io.zkinfer.sumcheck.binding.Commitments;
import io.zkinfer.sumcheck.binding.ModelCommitment;
import io.zkinfer.sumcheck.layer.MatMul;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * "Commit once, prove many times, reveal nothing": 100 proofs with 100 different (public)
 * inputs against one model commitment, every challenge fixed so that each message limb is the
 * same function of the witness and the masks in every proof. With fresh masks per proof each
 * limb's low bits stay uniform across the 100 proofs; with the masks reused (one long-lived
 * masking, as a commitment opened by every proof would have) the limbs that depend on the
 * weights alone repeat, and the same test catches them.
 */
class ModelCommitmentReuseTest {
    private static final long SEED = 0x5EED_CAFEL;
    private static final int PROOFS = 100;
    private static final int ROWS = 8;
    private static final int COLS = 16;
    /** chi^2 with 7 degrees of freedom above 50 has probability 1.3e-8: no false alarm over thousands of limbs. */
    private static final double THRESHOLD = 50;

    record Setup(Circuit circuit, int x, int y, Binding weights) {}

    static Setup setup() {
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.committedInput("w", Shape.of(ROWS, COLS), 128);
        int x = cb.publicInput("x", Shape.of(COLS, 1), 128);
        Binding.add(cb, w, 8);
        int y = MatMul.add(cb, "y", w, false, x, false, -1);
        cb.reveal(y);
        Circuit c = cb.build();
        return new Setup(c, x, y, Binding.find(c, "w"));
    }

    /** The message limbs of {@link #PROOFS} proofs; masks from seed s + i, or all from s when {@code reuseMasks}. */
    static List<long[]> proofs(boolean reuseMasks) throws Exception {
        Setup s = setup();
        SplittableRandom rng = new SplittableRandom(SEED);
        long[] weights = CommitmentBindingTest.int8(rng, ROWS * COLS);
        Commitments.Committed cm = Commitments.commit(Shape.of(ROWS, COLS), 8, weights, CircuitHarness.testRandom(SEED));
        ModelCommitment published = ModelCommitment.of(s.circuit(), Map.of("w", cm.commitment()));
        ProvingKey key = CircuitHarness.setup(s.circuit());
        List<long[]> out = new ArrayList<>();
        ProverContext.FIXED_CHALLENGES.set(SEED ^ 0xC4A1);
        try {
            for (int i = 0; i < PROOFS; i++) {
                long[][] given = new long[s.circuit().tensorCount()][];
                s.weights().give(given, cm.opening());
                given[s.x()] = CommitmentBindingTest.int8(rng, COLS);
                Witness w = s.circuit().evaluate(given);
                CircuitProof proof = CircuitProver.prove(key, w, CircuitHarness.testRandom(reuseMasks ? SEED : SEED + 1 + i));
                if (i < 3) { // the verifier's view: C_M, the input and the output
                    long[][] pub = new long[s.circuit().tensorCount()][];
                    published.publish(s.circuit(), pub);
                    pub[s.x()] = w.values(s.x()).clone();
                    pub[s.y()] = w.values(s.y()).clone();
                    ProverContext.FIXED_CHALLENGES.remove();
                    CircuitHarness.assertAccepts(new CircuitHarness.Run(key, w, pub,
                            CircuitProver.prove(key, w, CircuitHarness.testRandom(SEED + 1 + i))));
                    ProverContext.FIXED_CHALLENGES.set(SEED ^ 0xC4A1);
                }
                out.add(proof.messages());
            }
        } finally {
            ProverContext.FIXED_CHALLENGES.remove();
        }
        return out;
    }

    /** The largest per-limb chi^2 statistic of the low 3 bits against uniform, over all limbs. */
    static double worstLimb(List<long[]> proofs) {
        int limbs = proofs.get(0).length;
        double worst = 0;
        int at = -1;
        for (int l = 0; l < limbs; l++) {
            int[] h = new int[8];
            for (long[] p : proofs) {
                h[(int) (p[l] & 7)]++;
            }
            double e = proofs.size() / 8.0;
            double chi = 0;
            for (int k : h) {
                chi += (k - e) * (k - e) / e;
            }
            if (chi > worst) {
                worst = chi;
                at = l;
            }
        }
        System.out.println("worst limb " + at + " of " + limbs + ": chi^2 " + worst);
        return worst;
    }

    @Test
    void aHundredProofsAgainstOneCommitmentRevealNothing() throws Exception {
        System.out.println("ModelCommitmentReuseTest seed " + SEED);
        assertFalse(worstLimb(proofs(false)) > THRESHOLD,
                "with fresh masks every revealed limb stays uniform across the proofs");
    }

    @Test
    void reusedMasksAreCaught() throws Exception {
        assertTrue(worstLimb(proofs(true)) > THRESHOLD,
                "with the masks reused, limbs that depend on the weights alone repeat across proofs");
    }
}
