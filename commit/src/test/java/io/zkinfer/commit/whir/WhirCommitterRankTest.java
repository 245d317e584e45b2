package io.zkinfer.commit.whir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.random.RandomGenerator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Zero knowledge of a {@link Masking#COMMITTER} opening, checked exactly. With every challenge
 * fixed, the values an opening reveals (claimed values, mu, sumcheck messages, opened leaves,
 * final polynomial) are a linear function of the committed polynomial T^ = T + R and of G_1. The
 * opening hides T exactly when the masks reach everything the polynomial does: the rank of the
 * revealed values over (R, G_1) equals their rank over (T, G_1). Then for any two T with the same
 * public data a bijection of the masks maps one transcript onto the other (docs/SECURITY.md,
 * "Bulk commitments"); where the ranks differ, some combination of revealed values is a function
 * of T alone.
 *
 * <p>The rank is computed column by column: one opening per unit vector of T and of G_1, under
 * low-security parameters (8 bits, so that each opening is small; the structure of the messages
 * does not depend on the query count). R ranges over the vectors of the low l variables
 * repeated across T, with l the engine's choice for the given claims. Two controls must find a
 * leak: a mask one variable short, and two claims that share their coordinates from k_0 on
 * (the engine refuses such claims).
 */
class WhirCommitterRankTest {
    private static final int VARIABLES = 10;

    @ParameterizedTest(name = "{0}: degree {1}, {2} claims, final variables {3}, l {4}, shared from {5}")
    @CsvSource({
        "one claim, 2, 1, 3, +0, -1, true",
        "three claims, 2, 3, 3, +0, -1, true",
        "cubic extension, 3, 2, 3, +0, -1, true",
        "a single WHIR round, 2, 1, 6, +0, -1, true",
        "control: mask one variable short, 2, 1, 3, -1, -1, false",
        "control: claims sharing coordinates from k_0 on, 2, 2, 3, +0, 4, false",
    })
    void theMasksReachEverythingTheOpeningReveals(String name, int degree, int claims, int finalVariables,
            int lDelta, int sharedFrom, boolean hiding) {
        WhirParameters params = WhirParameters.of(8, 1, 4, finalVariables, 0, 2, degree, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING);
        WhirPlan plan = params.plan(VARIABLES);
        ExtensionField ext = plan.extension();
        int d = ext.degree();
        int need = WhirProver.committerMaskedValues(params, VARIABLES) + d * claims;
        int l = 32 - Integer.numberOfLeadingZeros(need - 1) + lDelta;
        assertTrue(l < VARIABLES, "the mask must be smaller than the polynomial: l = " + l);

        SplittableRandom rng = new SplittableRandom(20261121L + claims);
        List<long[]> points = new ArrayList<>();
        for (int c = 0; c < claims; c++) {
            long[] p = WhirTestSupport.point(rng, ext, VARIABLES);
            if (sharedFrom >= 0 && c > 0) {
                System.arraycopy(points.get(0), sharedFrom * d, p, sharedFrom * d, (l - sharedFrom) * d);
            }
            points.add(p);
        }

        int n = 1 << VARIABLES;
        int gLength = d << (VARIABLES - plan.foldingFactor(0));
        Basis all = new Basis();
        Basis masks = new Basis();
        for (int i = 0; i < gLength; i++) {
            long[] g = new long[gLength];
            g[i] = 1;
            long[] column = revealed(params, new long[n], g, points);
            all.add(column);
            masks.add(column);
        }
        long[][] tColumns = new long[n][];
        for (int i = 0; i < n; i++) {
            long[] t = new long[n];
            t[i] = 1;
            tColumns[i] = revealed(params, t, new long[gLength], points);
            all.add(tColumns[i]);
        }
        for (int j = 0; j < 1 << l; j++) {
            long[] column = new long[tColumns[0].length];
            for (int i = j; i < n; i += 1 << l) {
                for (int x = 0; x < column.length; x++) {
                    column[x] = Goldilocks.add(column[x], tColumns[i][x]);
                }
            }
            masks.add(column);
        }
        System.out.printf("WhirCommitterRankTest %s: %s, l %d, %d revealed values, rank over (T, G_1) %d, over (R, G_1) %d%n",
                name, plan, l, tColumns[0].length, all.rank(), masks.rank());
        if (hiding) {
            assertEquals(all.rank(), masks.rank(), "revealed combinations the masks do not reach");
        } else {
            assertTrue(masks.rank() < all.rank(), "the control found no leak");
        }
    }

    /**
     * The same for a mask block: one polynomial P of 9 variables beside the block, claimed at
     * generic points. The opening hides P when every combination of revealed values that the
     * masks (block and G_1) cannot reach is fixed by P's claimed values: the rank over (P, block,
     * G_1) exceeds the rank over (block, G_1) by exactly the rank of the claims. Controls: the
     * same count without G_1's columns, or without the block's, must find more.
     */
    @ParameterizedTest(name = "mask block: degree {0}, {1} claims at {2} points, masks {3}")
    @CsvSource({
        "2, 1, generic, all, true",
        "2, 3, generic, all, true",
        "3, 5, generic, all, true",
        "2, 1, base-field, all, true",
        "2, 2, Boolean, all, true",
        "2, 1, generic, no G_1, false",
        "2, 1, generic, no block, false",
    })
    void theMaskBlockReachesEverythingButTheClaims(int degree, int claims, String pointKind, String masks,
            boolean hiding) {
        WhirParameters params = WhirParameters.of(8, 1, 4, 3, 0, 2, degree, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING);
        int pVars = 9;
        StackLayout layout = Protocol.layout(params, new int[] {pVars}, Masking.BLOCK);
        WhirPlan plan = params.plan(layout.numVariables());
        ExtensionField ext = plan.extension();
        int d = ext.degree();
        int blockSize = 1 << layout.maskLog();
        int gLength = d << (layout.numVariables() - plan.foldingFactor(0));
        SplittableRandom rng = new SplittableRandom(20261122L + claims);
        List<long[]> points = new ArrayList<>();
        for (int c = 0; c < claims; c++) {
            long[] point = WhirTestSupport.point(rng, ext, pVars);
            for (int j = 0; j < pVars && !pointKind.equals("generic"); j++) {
                for (int l = 1; l < d; l++) {
                    point[j * d + l] = 0;
                }
                if (pointKind.equals("Boolean")) {
                    point[j * d] = rng.nextInt(2);
                }
            }
            points.add(point);
        }
        int n = 1 << pVars;
        Basis maskSpan = new Basis();
        if (!masks.equals("no block")) {
            for (int i = 0; i < blockSize; i++) {
                long[] fed = new long[blockSize + gLength];
                fed[i] = 1;
                maskSpan.add(revealedWithBlock(params, new long[n], fed, points));
            }
        }
        if (!masks.equals("no G_1")) {
            for (int i = 0; i < gLength; i++) {
                long[] fed = new long[blockSize + gLength];
                fed[blockSize + i] = 1;
                maskSpan.add(revealedWithBlock(params, new long[n], fed, points));
            }
        }
        Basis all = maskSpan.copy();
        Basis claimed = new Basis();
        for (int i = 0; i < n; i++) {
            long[] p = new long[n];
            p[i] = 1;
            long[] column = revealedWithBlock(params, p, new long[blockSize + gLength], points);
            all.add(column);
            claimed.add(Arrays.copyOf(column, claims * d));
        }
        int unreached = all.rank() - maskSpan.rank();
        System.out.printf("WhirCommitterRankTest mask block (%s): %s, block 2^%d, rank over masks %d, with P %d, claims %d%n",
                masks, plan, layout.maskLog(), maskSpan.rank(), all.rank(), claimed.rank());
        if (hiding) {
            assertEquals(claimed.rank(), unreached, "revealed combinations beyond the claims that the masks do not reach");
        } else {
            assertTrue(unreached > claimed.rank(), "the control found no leak");
        }
    }

    /** Everything a mask-block opening reveals for P = p, with the block's values and G_1 fed. */
    private static long[] revealedWithBlock(WhirParameters params, long[] p, long[] fed, List<long[]> points) {
        WhirWitness w = WhirProver.commit(params, List.of(p), Masking.BLOCK, new Feed(fed));
        List<EvaluationClaim> claims = new ArrayList<>();
        for (long[] point : points) {
            claims.add(WhirProver.claim(w, 0, point));
        }
        return revealed(params, w, claims);
    }

    /** Everything an opening reveals, for T^ = t and G_1 = g (fed through the generator). */
    private static long[] revealed(WhirParameters params, long[] t, long[] g, List<long[]> points) {
        WhirWitness w = WhirProver.commit(params, List.of(t), Masking.COMMITTER, new Feed(g));
        List<EvaluationClaim> claims = new ArrayList<>();
        for (long[] p : points) {
            claims.add(WhirProver.claim(w, 0, p));
        }
        return revealed(params, w, claims);
    }

    private static long[] revealed(WhirParameters params, WhirWitness w, List<EvaluationClaim> claims) {
        return WhirTestSupport.revealedUnderFixedChallenges(params, w, claims, 777);
    }

    /** A generator that returns given values, then zeros: G_1's limbs first, then the salts. */
    private static final class Feed implements RandomGenerator {
        private final long[] values;
        private int next;

        Feed(long[] values) {
            this.values = values;
        }

        @Override
        public long nextLong() {
            return next < values.length ? values[next++] : 0L;
        }
    }

    /** An incremental row-echelon basis over Goldilocks. */
    private static final class Basis {
        private final List<long[]> rows = new ArrayList<>();
        private final List<Integer> pivots = new ArrayList<>();

        void add(long[] vector) {
            long[] v = vector.clone();
            for (int b = 0; b < rows.size(); b++) {
                int p = pivots.get(b);
                if (v[p] != 0) {
                    long f = v[p];
                    long[] r = rows.get(b);
                    for (int j = p; j < v.length; j++) {
                        if (r[j] != 0) {
                            v[j] = Goldilocks.sub(v[j], Goldilocks.mul(f, r[j]));
                        }
                    }
                }
            }
            int p = 0;
            while (p < v.length && v[p] == 0) {
                p++;
            }
            if (p == v.length) {
                return;
            }
            long inv = Goldilocks.inverse(v[p]);
            for (int j = p; j < v.length; j++) {
                v[j] = Goldilocks.mul(v[j], inv);
            }
            rows.add(v);
            pivots.add(p);
        }

        int rank() {
            return rows.size();
        }

        Basis copy() {
            Basis b = new Basis();
            b.rows.addAll(rows);
            b.pivots.addAll(pivots);
            return b;
        }
    }
}
