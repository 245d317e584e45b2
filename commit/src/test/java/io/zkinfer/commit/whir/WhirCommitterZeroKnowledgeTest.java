package io.zkinfer.commit.whir;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.api.Test;

/**
 * Zero knowledge of a {@link Masking#COMMITTER} opening, tested on its distribution: with the
 * challenges and query positions fixed, every field element an opening reveals (the claimed
 * value, mu, the sumcheck messages, the opened leaves of every round, the final polynomial and
 * the final sumcheck) is collected over many runs for two different polynomials, and the two
 * samples are compared limb by limb. The committer masks round 0 with a random vector r of the
 * low l variables, as the proving engine does; the opening masks the rest with G_1.
 *
 * <p>With both masks the samples cannot be told apart. Each mask has a control that must tell
 * them apart: without r the round-0 leaves are the polynomial's own codeword symbols; without
 * G_1 the final polynomial's coefficients on the variables r does not reach are fixed by the
 * polynomial.
 */
class WhirCommitterZeroKnowledgeTest {
    private static final long SEED = 20261121L;
    private static final int VARIABLES = 14;
    private static final WhirParameters PARAMS = WhirParameters.provable100();

    /** Always 0: a generator that switches G_1 (and the salts) off. */
    private static final RandomGenerator ZEROS = () -> 0L;

    @Test
    void withBothMasksTheRevealedValuesTellNothing() {
        System.out.println("WhirCommitterZeroKnowledgeTest seed " + SEED);
        assertFalse(distinguishable(true, true, 120), "the masked openings of two polynomials differ in distribution");
    }

    @Test
    void withoutTheCommittersMaskTheLeavesGiveThePolynomialAway() {
        assertTrue(distinguishable(false, true, 30), "the detector missed unmasked round-0 leaves");
    }

    @Test
    void withoutG1TheLaterRoundsGiveThePolynomialAway() {
        assertTrue(distinguishable(true, false, 30), "the detector missed an opening without G_1");
    }

    /** Whether some revealed limb's low 3 bits are distributed differently for the two polynomials. */
    private static boolean distinguishable(boolean committerMask, boolean g1, int runs) {
        SplittableRandom rng = new SplittableRandom(SEED);
        long[] p1 = WhirTestSupport.polynomial(rng, VARIABLES);
        long[] p2 = WhirTestSupport.polynomial(rng, VARIABLES);
        ExtensionField ext = PARAMS.extension();
        long[] point = WhirTestSupport.point(rng, ext, VARIABLES);
        List<long[]> first = new ArrayList<>();
        List<long[]> second = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            first.add(revealed(p1, point, SEED + 2L * r, committerMask, g1));
            second.add(revealed(p2, point, SEED + 2L * r + 1, committerMask, g1));
        }
        int limbs = first.get(0).length;
        for (int i = 0; i < limbs; i++) {
            int[] h1 = new int[8];
            int[] h2 = new int[8];
            for (int r = 0; r < runs; r++) {
                h1[(int) (first.get(r)[i] & 7)]++;
                h2[(int) (second.get(r)[i] & 7)]++;
            }
            // 7 degrees of freedom; 50 is p ~ 1.4e-8, under 1e-4 false alarms over ~6,000 limbs.
            double chi2 = chiSquare(h1, h2);
            if (chi2 > 50) {
                System.out.println("limb " + i + " of " + limbs + " tells the polynomials apart: chi^2 " + chi2);
                return true;
            }
        }
        return false;
    }

    /** The claimed value and every field element of one opening, under fixed challenges. */
    private static long[] revealed(long[] p, long[] point, long maskSeed, boolean committerMask, boolean g1) {
        SplittableRandom masks = new SplittableRandom(maskSeed);
        int d = PARAMS.extensionDegree();
        int l = 32 - Integer.numberOfLeadingZeros(WhirProver.committerMaskedValues(PARAMS, VARIABLES) + d - 1);
        long[] masked = p.clone();
        if (committerMask) {
            long[] r = WhirTestSupport.polynomial(masks, l);
            for (int i = 0; i < masked.length; i++) {
                masked[i] = Goldilocks.add(masked[i], r[i & ((1 << l) - 1)]);
            }
        }
        WhirWitness w = WhirProver.commit(PARAMS, List.of(masked), Masking.COMMITTER, g1 ? masks : ZEROS);
        EvaluationClaim claim = WhirProver.claim(w, 0, point);
        return WhirTestSupport.revealedUnderFixedChallenges(PARAMS, w, List.of(claim), SEED ^ 0x5A5A);
    }

    private static double chiSquare(int[] a, int[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            int n = a[k] + b[k];
            if (n > 0) {
                double diff = a[k] - b[k];
                s += diff * diff / n;
            }
        }
        return s;
    }
}
