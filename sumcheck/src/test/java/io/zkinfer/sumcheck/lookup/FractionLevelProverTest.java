package io.zkinfer.sumcheck.lookup;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.field.Goldilocks3;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.RoundProver;
import io.zkinfer.sumcheck.SumcheckProver;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The eq-factored level and rows provers against the generic product-sum prover: the same messages and last pairs, round by round. */
class FractionLevelProverTest {
    private static final long SEED = 0xF4AC_7107L;

    static long[] random(SplittableRandom rng, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = Goldilocks.random(rng);
        }
        return v;
    }

    @ParameterizedTest(name = "degree {0}, {1} variables, zero coordinate {2}")
    @CsvSource({"2, 1, -1", "2, 2, -1", "2, 7, -1", "3, 5, -1", "2, 6, 0", "2, 6, 3", "3, 4, 2"})
    void messagesMatchTheGenericProver(int degree, int k, int zeroAt) {
        System.out.println("FractionLevelProverTest seed " + SEED);
        ExtensionField ext = degree == 2 ? Goldilocks2.FIELD : Goldilocks3.FIELD;
        int d = ext.degree();
        SplittableRandom rng = new SplittableRandom(SEED + 31L * k + zeroAt);
        long[] z = random(rng, k * d);
        if (zeroAt >= 0) {
            java.util.Arrays.fill(z, zeroAt * d, zeroAt * d + d, 0); // exercises the direct S(1)
        }
        long[] lambda = random(rng, d);
        long[][] t = new long[4][];
        for (int f = 0; f < 4; f++) {
            t[f] = random(rng, (1 << k) * d);
        }
        ProductSum.Builder ps = ProductSum.builder(ext, k);
        int e = ps.addExtension(Multilinear.eqTable(ext, z));
        int p0 = ps.addExtension(t[0]);
        int p1 = ps.addExtension(t[1]);
        int q0 = ps.addExtension(t[2]);
        int q1 = ps.addExtension(t[3]);
        ProductSum f = ps.term(e, p0, q1).term(e, p1, q0).term(lambda, e, q0, q1).build();
        FractionLevelProver level = new FractionLevelProver(ext, z, lambda, concat(t[0], t[1]), concat(t[2], t[3]));
        sameRounds(ext, f, level, k, rng);
    }

    @ParameterizedTest(name = "degree {0}, {1} variables, {2} columns, zero coordinate {3}")
    @CsvSource({"2, 1, 1, -1", "2, 2, 1, -1", "2, 7, 1, -1", "2, 6, 1, 0", "2, 6, 1, 4", "2, 5, 2, -1", "2, 5, 3, 0",
        "3, 5, 1, -1", "3, 4, 2, 2", "3, 4, 1, 0"})
    void rowsMatchTheGenericProver(int degree, int k, int w, int zeroAt) {
        System.out.println("FractionLevelProverTest seed " + SEED);
        ExtensionField ext = degree == 2 ? Goldilocks2.FIELD : Goldilocks3.FIELD;
        int d = ext.degree();
        SplittableRandom rng = new SplittableRandom(SEED + 131L * k + 7L * w + zeroAt);
        long[] z = random(rng, k * d);
        if (zeroAt >= 0) {
            java.util.Arrays.fill(z, zeroAt * d, zeroAt * d + d, 0);
        }
        long[] lambda = random(rng, d);
        long[] alpha = random(rng, d);
        long[] beta = random(rng, d);
        long[][] betas = new long[w][];
        long[][] columns = new long[w][];
        betas[0] = ext.one();
        for (int j = 0; j < w; j++) {
            betas[j] = j == 0 ? ext.one() : ext.mul(betas[j - 1], beta);
            columns[j] = new long[2 << k];
            for (int x = 0; x < columns[j].length; x++) {
                columns[j][x] = Goldilocks.fromSigned(rng.nextInt(-300, 300)); // small signed values, as lookups see
            }
        }
        // eq (Q0 + Q1 + lambda Q0 Q1), Q_b = alpha - sum_j beta^j c_jb, expanded into products of factors.
        ProductSum.Builder ps = ProductSum.builder(ext, k);
        int e = ps.addExtension(Multilinear.eqTable(ext, z));
        int[] lo = new int[w];
        int[] hi = new int[w];
        for (int j = 0; j < w; j++) {
            lo[j] = ps.addBase(java.util.Arrays.copyOfRange(columns[j], 0, 1 << k));
        }
        for (int j = 0; j < w; j++) {
            hi[j] = ps.addBase(java.util.Arrays.copyOfRange(columns[j], 1 << k, 2 << k));
        }
        ps.term(ext.add(ext.add(alpha, alpha), ext.mul(lambda, ext.mul(alpha, alpha))), e);
        long[] linear = ext.neg(ext.add(ext.one(), ext.mul(lambda, alpha)));
        for (int j = 0; j < w; j++) {
            ps.term(ext.mul(linear, betas[j]), e, lo[j]).term(ext.mul(linear, betas[j]), e, hi[j]);
            for (int j2 = 0; j2 < w; j2++) {
                ps.term(ext.mul(lambda, ext.mul(betas[j], betas[j2])), e, lo[j], hi[j2]);
            }
        }
        FractionRowsProver rows = new FractionRowsProver(ext, z, lambda, alpha, betas, columns);
        sameRounds(ext, ps.build(), rows, k, rng);
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    /** Runs both provers through every round with the same random challenges: equal messages, equal last pairs. */
    private static void sameRounds(ExtensionField ext, ProductSum f, io.zkinfer.sumcheck.RoundProver fast, int k,
            SplittableRandom rng) {
        int d = ext.degree();
        SumcheckProver generic = new SumcheckProver(f);
        RoundProver level = fast;
        long[] claim = f.sum();
        for (int i = 0; i < k - 1; i++) {
            long[] expected = generic.roundMessage();
            assertArrayEquals(expected, level.roundMessage(claim), "round " + i);
            long[] r = random(rng, d);
            // next claim: h(r) from h(0), h(1) = claim - h(0), h(2), h(3)
            long[] h = new long[4 * d];
            System.arraycopy(expected, 0, h, 0, d);
            System.arraycopy(ext.sub(claim, java.util.Arrays.copyOf(expected, d)), 0, h, d, d);
            System.arraycopy(expected, d, h, 2 * d, 2 * d);
            claim = interpolate(ext, h, r);
            generic.bind(r);
            level.bind(r);
        }
        long[][] a = generic.lastRoundPairs();
        long[][] b = level.lastRoundPairs();
        for (int j = 0; j < a.length; j++) {
            assertArrayEquals(a[j], b[j], "last pair of factor " + j);
        }
    }

    /** The cubic through (x, h(x)) for x = 0..3, at r (Lagrange). */
    static long[] interpolate(ExtensionField ext, long[] h, long[] r) {
        int d = ext.degree();
        long[] out = ext.zero();
        for (int i = 0; i < 4; i++) {
            long[] term = java.util.Arrays.copyOfRange(h, i * d, i * d + d);
            long denominator = 1;
            for (int j = 0; j < 4; j++) {
                if (j != i) {
                    term = ext.mul(term, ext.sub(r, ext.fromBase(j)));
                    denominator = Goldilocks.mul(denominator, Goldilocks.fromSigned(i - j));
                }
            }
            out = ext.add(out, ext.mulBase(term, Goldilocks.inverse(denominator)));
        }
        return out;
    }
}
