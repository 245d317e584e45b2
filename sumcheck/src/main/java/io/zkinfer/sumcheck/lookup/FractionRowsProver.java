package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;

/**
 * The rounds of the rows' level of a LogUp fraction tree (see {@link EqFactoredRounds}): the
 * rows' numerators are 1, so over k variables G = Q0 + Q1 + lambda Q0 Q1 with
 * Q_b(x) = alpha - sum_j beta^j c_j(x + b 2^k), the looked-up columns c_j (base field, read in
 * place). Expanded, G = (2 alpha + lambda alpha^2) - (1 + lambda alpha) sum_j beta^j (c_j0 + c_j1)
 * + lambda sum_(j, j') beta^(j + j') c_j0 c_j'1, so round 0, the largest, sums each monomial of
 * the base columns against eq in base-field arithmetic and applies the extension coefficients
 * once (sum_y eq(z_(>0), y) = 1 takes the constant). Later rounds run on the folded columns.
 * The factors are eq, then the columns' low halves c_j0, then their high halves c_j1.
 */
public final class FractionRowsProver extends EqFactoredRounds {
    private final long[] alpha;
    /** beta^0, beta^1, ...: the columns' weights. */
    private final long[][] betas;
    private final long[] lambda;
    private final int width;
    /** The columns over k + 1 variables (base field), read in round 0 only. */
    private final long[][] columns;
    /** After round 0: the folded low halves, then the high halves (interleaved extension values). */
    private long[][] tables;

    /**
     * The rows' level over {@code columns} (2^(k+1) base values each, read, never written), with
     * the lookup's challenges {@code alpha} and {@code betas} (beta^0 = 1, beta^1, ...).
     */
    public FractionRowsProver(ExtensionField ext, long[] z, long[] lambda, long[] alpha, long[][] betas,
            long[][] columns) {
        super(ext, z);
        if (betas.length != columns.length || columns.length == 0) {
            throw new IllegalArgumentException(columns.length + " columns and " + betas.length + " weights");
        }
        for (long[] c : columns) {
            if (c.length != 2 << variables) {
                throw new IllegalArgumentException("a rows level of " + variables + " variables reads columns of "
                        + (2 << variables) + " values, got " + c.length);
            }
        }
        this.alpha = alpha;
        this.betas = betas.clone();
        this.lambda = lambda;
        this.width = columns.length;
        this.columns = columns.clone();
    }

    @Override
    long[] sumsAtZeroAndTwo() {
        if (round == 0) {
            return baseSums(false);
        }
        boolean fast = ext == Goldilocks2.FIELD && width == 1 && isOne(betas[0]);
        return sumPairs((from, to) -> fast ? quadraticRange(from, to) : genericRange(from, to, false));
    }

    @Override
    long[] sumAtOne() {
        return round == 0 ? baseSums(true) : java.util.Arrays.copyOf(genericRange(0, half(), true), d);
    }

    private boolean isOne(long[] v) {
        return java.util.Arrays.equals(v, ext.one());
    }

    /**
     * Round 0 from the base columns: S(0) and S(2), or S(1) alone ({@code atOne}). Monomial m at
     * point index e accumulates in acc[(2 m + e) d ..]: first the w sums c_j0 + c_j1, then the
     * w^2 products c_j0 c_j'1.
     */
    private long[] baseSums(boolean atOne) {
        int w = width;
        int monomials = w + w * w;
        long[] acc = new long[2 * monomials * d];
        Parallel.forRange(half(), GRAIN, (from, to) -> {
            long[] local = baseRange(from, to, atOne, monomials);
            synchronized (acc) {
                for (int i = 0; i < acc.length; i++) {
                    acc[i] = Goldilocks.add(acc[i], local[i]);
                }
            }
        });
        long[] constant = ext.add(ext.add(alpha, alpha), ext.mul(lambda, ext.mul(alpha, alpha)));
        long[] linear = ext.neg(ext.add(ext.one(), ext.mul(lambda, alpha)));
        long[] out = new long[2 * d];
        for (int e = 0; e < (atOne ? 1 : 2); e++) {
            long[] s = constant.clone();
            for (int j = 0; j < w; j++) {
                s = ext.add(s, ext.mul(ext.mul(linear, betas[j]), ext.get(acc, 2 * j + e)));
                for (int j2 = 0; j2 < w; j2++) {
                    long[] c = ext.mul(lambda, ext.mul(betas[j], betas[j2]));
                    s = ext.add(s, ext.mul(c, ext.get(acc, 2 * (w + j * w + j2) + e)));
                }
            }
            System.arraycopy(s, 0, out, e * d, d);
        }
        return out;
    }

    private long[] baseRange(int from, int to, boolean atOne, int monomials) {
        int w = width;
        int h = 1 << variables; // where the high halves start
        long[] acc = new long[2 * monomials * d];
        long[] lo = new long[2 * w]; // column j at point e: lo[2 j + e]
        long[] hi = new long[2 * w];
        int points = atOne ? 1 : 2;
        for (int y = from; y < to; y++) {
            for (int j = 0; j < w; j++) {
                long[] c = columns[j];
                long l0 = c[2 * y];
                long l1 = c[2 * y + 1];
                long h0 = c[h + 2 * y];
                long h1 = c[h + 2 * y + 1];
                if (atOne) {
                    lo[2 * j] = l1;
                    hi[2 * j] = h1;
                } else {
                    lo[2 * j] = l0;
                    hi[2 * j] = h0;
                    lo[2 * j + 1] = Fp2.atTwo(l0, l1);
                    hi[2 * j + 1] = Fp2.atTwo(h0, h1);
                }
            }
            int eq = y * d;
            for (int e = 0; e < points; e++) {
                for (int j = 0; j < w; j++) {
                    addScaled(acc, (2 * j + e) * d, eqRest, eq, Goldilocks.add(lo[2 * j + e], hi[2 * j + e]));
                    for (int j2 = 0; j2 < w; j2++) {
                        addScaled(acc, (2 * (w + j * w + j2) + e) * d, eqRest, eq,
                                Goldilocks.mul(lo[2 * j + e], hi[2 * j2 + e]));
                    }
                }
            }
        }
        return acc;
    }

    /** acc[o..o+d) += v[vo..vo+d) s, limb by limb (s in the base field). */
    private void addScaled(long[] acc, int o, long[] v, int vo, long s) {
        for (int l = 0; l < d; l++) {
            acc[o + l] = Goldilocks.add(acc[o + l], Goldilocks.mul(v[vo + l], s));
        }
    }

    /** G's sums over pairs [from, to) of the folded columns: at 0 and 2, or at 1 alone. */
    private long[] genericRange(int from, int to, boolean atOne) {
        long[] q0 = new long[d];
        long[] q1 = new long[d];
        long[] v = new long[d];
        long[] g = new long[d];
        long[] acc = new long[2 * d];
        int w = width;
        for (int y = from; y < to; y++) {
            for (int e = 0; e < (atOne ? 1 : 2); e++) {
                System.arraycopy(alpha, 0, q0, 0, d);
                System.arraycopy(alpha, 0, q1, 0, d);
                for (int j = 0; j < w; j++) {
                    valueAt(v, tables[j], y, atOne ? 1 : 2 * e);
                    ext.mul(v, 0, v, 0, betas[j], 0);
                    ext.sub(q0, 0, q0, 0, v, 0);
                    valueAt(v, tables[w + j], y, atOne ? 1 : 2 * e);
                    ext.mul(v, 0, v, 0, betas[j], 0);
                    ext.sub(q1, 0, q1, 0, v, 0);
                }
                ext.mul(g, 0, q0, 0, q1, 0);
                ext.mul(g, 0, g, 0, lambda, 0);
                ext.add(g, 0, g, 0, q0, 0);
                ext.add(g, 0, g, 0, q1, 0);
                ext.mulAdd(acc, e * d, acc, e * d, eqRest, y * d, g, 0);
            }
        }
        return acc;
    }

    /** A folded table's pair y at X = 0, 1 or 2. */
    private void valueAt(long[] out, long[] table, int y, int x) {
        int a = 2 * y * d;
        switch (x) {
            case 0 -> System.arraycopy(table, a, out, 0, d);
            case 1 -> System.arraycopy(table, a + d, out, 0, d);
            default -> {
                ext.add(out, 0, table, a + d, table, a + d);
                ext.sub(out, 0, out, 0, table, a);
            }
        }
    }

    /** {@link #genericRange} at 0 and 2 for one column over F_p^2 with beta^0 = 1: Q_b = alpha - c_b. */
    private long[] quadraticRange(int from, int to) {
        long[] lo = tables[0];
        long[] hi = tables[1];
        long a0 = alpha[0];
        long a1 = alpha[1];
        long l0 = lambda[0];
        long l1 = lambda[1];
        long[] eq = eqRest;
        long[] acc = new long[4];
        long[] g = new long[2];
        for (int y = from; y < to; y++) {
            int a = 4 * y;
            long e0 = eq[2 * y];
            long e1 = eq[2 * y + 1];
            rowAt(g, Goldilocks.sub(a0, lo[a]), Goldilocks.sub(a1, lo[a + 1]), Goldilocks.sub(a0, hi[a]),
                    Goldilocks.sub(a1, hi[a + 1]), l0, l1);
            Fp2.mulAdd(acc, 0, e0, e1, g[0], g[1]);
            rowAt(g, Goldilocks.sub(a0, Fp2.atTwo(lo[a], lo[a + 2])), Goldilocks.sub(a1, Fp2.atTwo(lo[a + 1], lo[a + 3])),
                    Goldilocks.sub(a0, Fp2.atTwo(hi[a], hi[a + 2])), Goldilocks.sub(a1, Fp2.atTwo(hi[a + 1], hi[a + 3])),
                    l0, l1);
            Fp2.mulAdd(acc, 2, e0, e1, g[0], g[1]);
        }
        return acc;
    }

    /** g = Q0 + Q1 + lambda Q0 Q1 over F_p^2. */
    private static void rowAt(long[] g, long q00, long q01, long q10, long q11, long l0, long l1) {
        long p0 = Fp2.mul0(q00, q01, q10, q11);
        long p1 = Fp2.mul1(q00, q01, q10, q11);
        g[0] = Goldilocks.add(Fp2.mul0(l0, l1, p0, p1), Goldilocks.add(q00, q10));
        g[1] = Goldilocks.add(Fp2.mul1(l0, l1, p0, p1), Goldilocks.add(q01, q11));
    }

    @Override
    void foldTables(long[] r) {
        int half = half();
        long[][] next = new long[2 * width][];
        for (int f = 0; f < 2 * width; f++) {
            next[f] = new long[half * d];
            if (round == 0) {
                Multilinear.foldBaseInto(ext, columns[f % width], f < width ? 0 : 1 << variables, half, r, 0, next[f]);
            } else {
                Multilinear.foldExtInto(ext, tables[f], half, r, 0, next[f]);
            }
        }
        tables = next;
    }

    @Override
    long[][] tablePairs() {
        long[][] out = new long[2 * width][];
        for (int f = 0; f < 2 * width; f++) {
            if (round == 0) {
                int at = f < width ? 0 : 1 << variables;
                out[f] = new long[2 * d];
                out[f][0] = columns[f % width][at];
                out[f][d] = columns[f % width][at + 1];
            } else {
                out[f] = java.util.Arrays.copyOf(tables[f], 2 * d);
            }
        }
        return out;
    }
}
