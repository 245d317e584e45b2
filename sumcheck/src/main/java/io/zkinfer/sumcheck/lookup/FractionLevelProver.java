package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.field.Multilinear;

/**
 * The rounds of one inner level of a LogUp fraction tree: eq(z, x) G over k variables with
 * G = P0 Q1 + P1 Q0 + lambda Q0 Q1, the children's halves (see {@link EqFactoredRounds}). The
 * halves are read in place from the level below (no copies); over F_p^2 the round sums run with
 * the limbs in locals. The factors are eq, P0, P1, Q0, Q1.
 */
public final class FractionLevelProver extends EqFactoredRounds {
    private final long[] lambda;
    /** P0, P1, Q0, Q1: interleaved extension values over the unbound variables, from {@link #offsets}. */
    private final long[][] tables;
    /** Each table's first element (not limb); nonzero only before the first fold. */
    private final int[] offsets;

    /**
     * A level over the children {@code p} and {@code q} (2^(k+1) extension values each, read,
     * never written): P_b(x) = p(x + b 2^k), Q_b(x) = q(x + b 2^k).
     */
    public FractionLevelProver(ExtensionField ext, long[] z, long[] lambda, long[] p, long[] q) {
        super(ext, z);
        this.lambda = lambda;
        int h = 1 << variables;
        if (p.length != 2 * h * d || q.length != p.length) {
            throw new IllegalArgumentException("a level of " + variables + " variables reads children of " + 2 * h
                    + " values, got " + p.length / d + " and " + q.length / d);
        }
        this.tables = new long[][] {p, p, q, q};
        this.offsets = new int[] {0, h, 0, h};
    }

    @Override
    long[] sumsAtZeroAndTwo() {
        return sumPairs((from, to) -> ext == Goldilocks2.FIELD ? quadraticRange(from, to)
                : genericRange(from, to, false));
    }

    @Override
    long[] sumAtOne() {
        return java.util.Arrays.copyOf(genericRange(0, half(), true), d);
    }

    /** G's sums over pairs [from, to): at 0 and 2, or at 1 alone ({@code atOne}). */
    private long[] genericRange(int from, int to, boolean atOne) {
        long[] v = new long[4 * d];
        long[] w = new long[4 * d];
        long[] g = new long[d];
        long[] t = new long[d];
        long[] acc = new long[2 * d];
        for (int y = from; y < to; y++) {
            for (int f = 0; f < 4; f++) {
                int a = (offsets[f] + 2 * y) * d;
                long[] tab = tables[f];
                if (atOne) {
                    System.arraycopy(tab, a + d, v, f * d, d);
                } else {
                    System.arraycopy(tab, a, v, f * d, d);
                    ext.add(w, f * d, tab, a + d, tab, a + d); // at 2: 2 hi - lo
                    ext.sub(w, f * d, w, f * d, tab, a);
                }
            }
            combine(g, v, t);
            ext.mulAdd(acc, 0, acc, 0, eqRest, y * d, g, 0);
            if (!atOne) {
                combine(g, w, t);
                ext.mulAdd(acc, d, acc, d, eqRest, y * d, g, 0);
            }
        }
        return acc;
    }

    /** G = P0 Q1 + Q0 (P1 + lambda Q1) at one point; v holds P0, P1, Q0, Q1. */
    private void combine(long[] out, long[] v, long[] t) {
        ext.mul(t, 0, lambda, 0, v, 3 * d);
        ext.add(t, 0, t, 0, v, d);
        ext.mul(t, 0, t, 0, v, 2 * d);
        ext.mulAdd(out, 0, t, 0, v, 0, v, 3 * d);
    }

    /** {@link #genericRange} at 0 and 2 over F_p^2 with the limbs in locals. */
    private long[] quadraticRange(int from, int to) {
        long[] pl = tables[0];
        long[] ph = tables[1];
        long[] ql = tables[2];
        long[] qh = tables[3];
        int p0 = 2 * offsets[0];
        int p1 = 2 * offsets[1];
        int q0 = 2 * offsets[2];
        int q1 = 2 * offsets[3];
        long l0 = lambda[0];
        long l1 = lambda[1];
        long[] eq = eqRest;
        long[] acc = new long[4];
        long[] g = new long[2];
        for (int y = from; y < to; y++) {
            int a = 4 * y;
            long e0 = eq[2 * y];
            long e1 = eq[2 * y + 1];
            long pa0 = pl[p0 + a];
            long pa1 = pl[p0 + a + 1];
            long pb0 = ph[p1 + a];
            long pb1 = ph[p1 + a + 1];
            long qa0 = ql[q0 + a];
            long qa1 = ql[q0 + a + 1];
            long qb0 = qh[q1 + a];
            long qb1 = qh[q1 + a + 1];
            levelAt(g, pa0, pa1, pb0, pb1, qa0, qa1, qb0, qb1, l0, l1);
            Fp2.mulAdd(acc, 0, e0, e1, g[0], g[1]);
            // at 2: 2 hi - lo
            levelAt(g, Fp2.atTwo(pa0, pl[p0 + a + 2]), Fp2.atTwo(pa1, pl[p0 + a + 3]), Fp2.atTwo(pb0, ph[p1 + a + 2]),
                    Fp2.atTwo(pb1, ph[p1 + a + 3]), Fp2.atTwo(qa0, ql[q0 + a + 2]), Fp2.atTwo(qa1, ql[q0 + a + 3]),
                    Fp2.atTwo(qb0, qh[q1 + a + 2]), Fp2.atTwo(qb1, qh[q1 + a + 3]), l0, l1);
            Fp2.mulAdd(acc, 2, e0, e1, g[0], g[1]);
        }
        return acc;
    }

    /** g = P0 Q1 + Q0 (P1 + lambda Q1) over F_p^2, P0 = pa, P1 = pb, Q0 = qa, Q1 = qb. */
    private static void levelAt(long[] g, long pa0, long pa1, long pb0, long pb1, long qa0, long qa1, long qb0,
            long qb1, long l0, long l1) {
        long t0 = io.zkinfer.field.Goldilocks.add(Fp2.mul0(l0, l1, qb0, qb1), pb0);
        long t1 = io.zkinfer.field.Goldilocks.add(Fp2.mul1(l0, l1, qb0, qb1), pb1);
        g[0] = io.zkinfer.field.Goldilocks.add(Fp2.mul0(t0, t1, qa0, qa1), Fp2.mul0(pa0, pa1, qb0, qb1));
        g[1] = io.zkinfer.field.Goldilocks.add(Fp2.mul1(t0, t1, qa0, qa1), Fp2.mul1(pa0, pa1, qb0, qb1));
    }

    @Override
    void foldTables(long[] r) {
        int half = half();
        for (int f = 0; f < 4; f++) {
            long[] out = new long[half * d];
            Multilinear.foldExtInto(ext, tables[f], offsets[f], half, r, 0, out);
            tables[f] = out;
            offsets[f] = 0;
        }
    }

    @Override
    long[][] tablePairs() {
        long[][] out = new long[4][];
        for (int f = 0; f < 4; f++) {
            out[f] = java.util.Arrays.copyOfRange(tables[f], offsets[f] * d, (offsets[f] + 2) * d);
        }
        return out;
    }
}
