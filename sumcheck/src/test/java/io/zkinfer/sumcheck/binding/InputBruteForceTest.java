package io.zkinfer.sumcheck.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.Shape;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A published input commitment to one 16-bit private value (an income, an age: low entropy)
 * against an attacker who tries all 2^16 values. For each candidate u the attacker computes the
 * residual D - u a (a the value's column of the public matrix), which for the true value is the
 * salt's digest A_s s, and ranks candidates by how many residual entries are small (|r| below
 * 2^54, as a salt-free or short residual would be). With the salt the true value ranks like a
 * random candidate; without it (the control) the attacker finds it every time.
 */
class InputBruteForceTest {
    private static final long SEED = 0xB2_07E_F0_2CEL;
    private static final int TRIALS = 12;
    private static final long SMALL = 1L << 54;

    /** Where the true value ranks among all 2^16 candidates, 0 best, ties shared: normalized to [0, 1). */
    static double rankOfSecret(long[] digest, long[] column, long secret) {
        int rows = column.length;
        long[] r = digest.clone();
        // Start at u = -2^15: r = D + 2^15 a.
        for (int i = 0; i < rows; i++) {
            r[i] = Goldilocks.add(r[i], Goldilocks.mul(1L << 15, column[i]));
        }
        int[] scores = new int[1 << 16];
        for (int u = 0; u < 1 << 16; u++) {
            int small = 0;
            for (int i = 0; i < rows; i++) {
                long x = r[i];
                small += Long.compareUnsigned(x, SMALL) < 0 || Long.compareUnsigned(Goldilocks.P - x, SMALL) < 0 ? 1 : 0;
                r[i] = Goldilocks.sub(x, column[i]);
            }
            scores[u] = small;
        }
        int mine = scores[(int) (secret + (1 << 15))];
        long better = 0;
        long ties = 0;
        for (int s : scores) {
            better += s > mine ? 1 : 0;
            ties += s == mine ? 1 : 0;
        }
        return (better + (ties - 1) / 2.0) / (1 << 16);
    }

    /** Trials of: a fresh secret, its commitment (with or without salt), and the attack's rank of the secret. */
    static double[] attack(boolean salted) {
        SisParameters params = SisParameters.forBits(16);
        Shape shape = Shape.of(1);
        long[] matrix = SisMatrix.columns(SisMatrix.Part.VALUES, params.rows(), params.chunkVariables());
        long[] column = java.util.Arrays.copyOf(matrix, params.rows()); // column 0: the value's
        SplittableRandom rng = new SplittableRandom(SEED);
        double[] ranks = new double[TRIALS];
        for (int t = 0; t < TRIALS; t++) {
            long secret = rng.nextInt(-(1 << 15), 1 << 15);
            Commitments.Committed c = Commitments.commit(shape, 16, new long[] {secret},
                    TensorCommitmentTest.salt(SEED + t));
            long[] salt = salted ? c.opening().salt() : new long[c.opening().salt().length];
            long[] digest = salted ? c.commitment().digest()
                    : Commitments.digest(params, shape, new TensorOpening(new long[] {secret}, salt));
            ranks[t] = rankOfSecret(java.util.Arrays.copyOf(digest, params.rows()), column, secret);
        }
        return ranks;
    }

    @Test
    void tryingAll2To16ValuesFindsNothingBetterThanChance() {
        System.out.println("InputBruteForceTest seed " + SEED);
        double[] ranks = attack(true);
        double mean = 0;
        int found = 0;
        for (double r : ranks) {
            mean += r / TRIALS;
            found += r < 1.0 / (1 << 16) ? 1 : 0;
        }
        System.out.println("salted: normalized ranks of the secret " + java.util.Arrays.toString(ranks) + ", mean " + mean);
        assertEquals(0, found, "the attack's best guess was the secret");
        // Uniform ranks: mean 0.5, standard deviation 0.083 over 12 trials; 3 sigma either way.
        assertTrue(mean > 0.25 && mean < 0.75, "mean normalized rank " + mean);
    }

    @Test
    void withoutTheSaltTheSameAttackFindsEverySecret() {
        double[] ranks = attack(false);
        for (double r : ranks) {
            assertEquals(0, r, 1e-9, "an unsalted digest gives the secret away");
        }
    }
}
