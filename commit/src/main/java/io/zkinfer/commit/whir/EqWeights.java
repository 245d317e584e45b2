package io.zkinfer.commit.whir;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The weight polynomial of a few claims, W = sum_c kappa_c eq(p_c, .), kept as its terms
 * through the first sumcheck rounds instead of as a table of 2^M extension values. The round
 * polynomial of sum_b f(b) W(b) with variables before s bound to alpha is
 * sum_c kappa_c eq(p_c[&lt;s], alpha) eq(p_c,s, X) S_c(X), where S_c(X) = sum_b f(X, b)
 * eq(p_c[&gt;s], b); that eq factors into two tables of about 2^((M - s) / 2) entries each, so a
 * round reads f once and no 2^M weight table is built or folded. {@link #table} then builds the
 * (much smaller) table of the bound weights for the rounds that follow.
 */
final class EqWeights {
    /** Above this many terms the table is cheaper (4 claims, plus a mask block's two). */
    static final int MAX_TERMS = 4 + Protocol.BLOCK_CLAIMS;

    private final ExtensionField ext;
    private final int m;
    private final List<long[]> coefficients = new ArrayList<>();
    private final List<long[]> points = new ArrayList<>();
    /** Bound variables so far. */
    private int bound;

    EqWeights(ExtensionField ext, int m) {
        this.ext = ext;
        this.m = m;
    }

    /** Adds kappa eq(point, .), point over all M variables. */
    void add(long[] kappa, long[] point) {
        coefficients.add(kappa.clone());
        points.add(point.clone());
    }

    int terms() {
        return coefficients.size();
    }

    /**
     * (c0, c2) of the current round's polynomial for sum_b f(b) W(alpha, b), f over the M - s
     * unbound variables (base field when {@code fBase}, else extension).
     */
    long[] roundCoefficients(long[] f, boolean fBase) {
        int d = ext.degree();
        long[] out = new long[2 * d];
        int rest = m - bound - 1;
        int lo = rest / 2;
        for (int c = 0; c < coefficients.size(); c++) {
            long[] p = points.get(c);
            long[] eLo = Multilinear.eqTable(ext, Arrays.copyOfRange(p, (bound + 1) * d, (bound + 1 + lo) * d));
            long[] eHi = Multilinear.eqTable(ext, Arrays.copyOfRange(p, (bound + 1 + lo) * d, m * d));
            long[][] s = partialSums(f, fBase, eLo, eHi, lo);
            long[] pj = ext.get(p, bound);
            long[] k = coefficients.get(c);
            // eq(p_j, X) = (1 - p_j) + (2 p_j - 1) X and S(X) = S0 + (S1 - S0) X.
            long[] c0 = ext.mul(k, ext.mul(ext.sub(ext.one(), pj), s[0]));
            long[] c2 = ext.mul(k, ext.mul(ext.sub(ext.add(pj, pj), ext.one()), ext.sub(s[1], s[0])));
            ext.add(out, 0, out, 0, c0, 0);
            ext.add(out, d, out, d, c2, 0);
        }
        return out;
    }

    /** Binds the current variable to alpha: each coefficient takes the factor eq(p_c,s, alpha). */
    void bind(long[] alpha) {
        int d = ext.degree();
        for (int c = 0; c < coefficients.size(); c++) {
            long[] pj = ext.get(points.get(c), bound);
            // eq(p, a) = 1 - p - a + 2 p a
            long[] pa = ext.mul(pj, alpha);
            long[] e = ext.add(ext.sub(ext.sub(ext.one(), pj), alpha), ext.add(pa, pa));
            coefficients.set(c, ext.mul(coefficients.get(c), e));
        }
        bound++;
    }

    /** The weights over the unbound variables, as a table of 2^(M - bound) extension values. */
    long[] table() {
        int d = ext.degree();
        long[] w = new long[d << (m - bound)];
        for (int c = 0; c < coefficients.size(); c++) {
            long[] eq = Multilinear.eqTable(ext, Arrays.copyOfRange(points.get(c), bound * d, m * d));
            long[] k = coefficients.get(c);
            Parallel.forRange(eq.length / d, Parallel.DEFAULT_GRAIN, (from, to) -> {
                for (int i = from; i < to; i++) {
                    ext.mulAdd(w, i * d, w, i * d, k, 0, eq, i * d);
                }
            });
        }
        return w;
    }

    /**
     * S(0) and S(1): sum over (lo, hi) of f(X, lo, hi) eLo(lo) eHi(hi), the first unbound
     * variable being X (the lowest index bit of f).
     */
    private long[][] partialSums(long[] f, boolean fBase, long[] eLo, long[] eHi, int lo) {
        int d = ext.degree();
        int nLo = 1 << lo;
        int nHi = eHi.length / d;
        long[] total = new long[2 * d];
        Parallel.forRange(nHi, 1, (from, to) -> {
            long[] acc = new long[2 * d];
            long[] inner = new long[2 * d];
            long[] t = new long[d];
            for (int h = from; h < to; h++) {
                Arrays.fill(inner, 0);
                int base = h * nLo;
                for (int l = 0; l < nLo; l++) {
                    int i = 2 * (base + l);
                    if (fBase) {
                        ext.mulBase(t, 0, eLo, l * d, f[i]);
                        ext.add(inner, 0, inner, 0, t, 0);
                        ext.mulBase(t, 0, eLo, l * d, f[i + 1]);
                        ext.add(inner, d, inner, d, t, 0);
                    } else {
                        ext.mulAdd(inner, 0, inner, 0, eLo, l * d, f, i * d);
                        ext.mulAdd(inner, d, inner, d, eLo, l * d, f, (i + 1) * d);
                    }
                }
                ext.mulAdd(acc, 0, acc, 0, eHi, h * d, inner, 0);
                ext.mulAdd(acc, d, acc, d, eHi, h * d, inner, d);
            }
            synchronized (total) {
                ext.add(total, 0, total, 0, acc, 0);
                ext.add(total, d, total, d, acc, d);
            }
        });
        return new long[][] {Arrays.copyOfRange(total, 0, d), Arrays.copyOfRange(total, d, 2 * d)};
    }
}
