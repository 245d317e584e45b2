package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Parallel;

/**
 * The hot loops of the fractional-sum GKR prover, as static kernels on interleaved extension
 * vectors (see {@link ExtensionField}); outputs come first. Offsets are in elements, not limbs.
 * Each kernel splits its range across cores with {@link Parallel} once it is long enough.
 */
final class FractionKernels {
    /** Pairs (or nodes) per piece below which a kernel stays on the calling thread. */
    static final int GRAIN = 1 << 12;

    private FractionKernels() {}

    /**
     * One tree layer from the layer below it (2 * half nodes): node i has children i and
     * i + half, and gets p = p_l q_r + p_r q_l, q = q_l q_r. {@code p} is read as {@code kind}
     * says (ignored for {@link Numerators#UNIT}); {@code pOut} and {@code qOut} are extension.
     */
    static void combine(ExtensionField ext, long[] pOut, long[] qOut, Numerators kind, long[] p, long[] q, int half) {
        int d = ext.degree();
        Parallel.forRange(half, GRAIN, (from, to) -> {
            long[] t = new long[d];
            for (int i = from; i < to; i++) {
                int o = i * d;
                int l = i * d;
                int r = (i + half) * d;
                switch (kind) {
                    case UNIT -> ext.add(pOut, o, q, l, q, r);
                    case BASE -> {
                        ext.mulBase(t, 0, q, r, p[i]);
                        ext.mulBase(pOut, o, q, l, p[i + half]);
                        ext.add(pOut, o, pOut, o, t, 0);
                    }
                    case EXTENSION -> {
                        ext.mul(t, 0, p, l, q, r);
                        ext.mulAdd(pOut, o, t, 0, p, r, q, l);
                    }
                }
                ext.mul(qOut, o, q, l, q, r);
            }
        });
    }

    /**
     * The sums a layer-sumcheck round needs, over pairs [0, half): with w_j = eq[j] and each
     * factor f restricted to the pair (f(2j), f(2j+1)) as a line f(X),
     *
     * <pre>
     *   A(X) = sum_j w_j (p_l(X) q_r(X) + p_r(X) q_l(X)),   B(X) = sum_j w_j q_l(X) q_r(X)
     * </pre>
     *
     * at X = 0 and at X = 2 ({@code atTwo}) or X = 1. Returns A(0), B(0), A(X), B(X), four
     * extension elements. The numerators p_l, p_r are read as {@code kind} says. In a layer's
     * first round the summands at X = 0 are the parent layer's nodes 2j, p and q: given
     * ({@code pParent}, {@code qParent}, extension), they are read instead of multiplied out.
     */
    static long[] roundSums(ExtensionField ext, Numerators kind, long[] pl, int plo, long[] pr, int pro, long[] ql,
            int qlo, long[] qr, int qro, long[] pParent, long[] qParent, long[] eq, int half, boolean atTwo) {
        int d = ext.degree();
        long[] sums = new long[4 * d];
        Parallel.forRange(half, GRAIN, (from, to) -> {
            long[] local = new long[4 * d];
            roundRange(ext, local, kind, pl, plo, pr, pro, ql, qlo, qr, qro, pParent, qParent, eq, from, to, atTwo);
            synchronized (sums) {
                for (int i = 0; i < 4 * d; i += d) {
                    ext.add(sums, i, sums, i, local, i);
                }
            }
        });
        return sums;
    }

    private static void roundRange(ExtensionField ext, long[] acc, Numerators kind, long[] pl, int plo, long[] pr,
            int pro, long[] ql, int qlo, long[] qr, int qro, long[] pParent, long[] qParent, long[] eq, int from, int to,
            boolean atTwo) {
        boolean parent = qParent != null;
        int d = ext.degree();
        long[] t = new long[d];
        long[] u = new long[d];
        // x: the factors' values at the second point, slots 0 (p_l), 1 (p_r), 2 (q_l), 3 (q_r).
        long[] x = new long[4 * d];
        int xpr = d;
        int xql = 2 * d;
        int xqr = 3 * d;
        // acc slots: A(0), B(0), A(X), B(X).
        int a0 = 0;
        int b0 = d;
        int aX = 2 * d;
        int bX = 3 * d;
        for (int j = from; j < to; j++) {
            int w = j * d;
            int iql = (qlo + 2 * j) * d;
            int iqr = (qro + 2 * j) * d;
            second(ext, x, xql, ql, iql, atTwo, t);
            second(ext, x, xqr, qr, iqr, atTwo, t);
            if (parent) {
                ext.mulAdd(acc, a0, acc, a0, eq, w, pParent, 2 * j * d);
                ext.mulAdd(acc, b0, acc, b0, eq, w, qParent, 2 * j * d);
            } else {
                ext.mul(t, 0, ql, iql, qr, iqr);
                ext.mulAdd(acc, b0, acc, b0, eq, w, t, 0);
            }
            ext.mul(t, 0, x, xql, x, xqr);
            ext.mulAdd(acc, bX, acc, bX, eq, w, t, 0);
            // t becomes A's summand at the second point, after A(0) is accumulated.
            switch (kind) {
                case UNIT -> {
                    if (!parent) {
                        ext.add(t, 0, ql, iql, qr, iqr);
                        ext.mulAdd(acc, a0, acc, a0, eq, w, t, 0);
                    }
                    ext.add(t, 0, x, xql, x, xqr);
                }
                case BASE -> {
                    int ipl = plo + 2 * j;
                    int ipr = pro + 2 * j;
                    long l0 = pl[ipl];
                    long r0 = pr[ipr];
                    if (!parent) {
                        ext.mulBase(t, 0, qr, iqr, l0);
                        ext.mulBase(u, 0, ql, iql, r0);
                        ext.add(t, 0, t, 0, u, 0);
                        ext.mulAdd(acc, a0, acc, a0, eq, w, t, 0);
                    }
                    long l1 = pl[ipl + 1];
                    long r1 = pr[ipr + 1];
                    if (atTwo) {
                        l1 = Goldilocks.add(l1, Goldilocks.sub(l1, l0));
                        r1 = Goldilocks.add(r1, Goldilocks.sub(r1, r0));
                    }
                    ext.mulBase(t, 0, x, xqr, l1);
                    ext.mulBase(u, 0, x, xql, r1);
                    ext.add(t, 0, t, 0, u, 0);
                }
                case EXTENSION -> {
                    int ipl = (plo + 2 * j) * d;
                    int ipr = (pro + 2 * j) * d;
                    if (!parent) {
                        ext.mul(t, 0, pl, ipl, qr, iqr);
                        ext.mulAdd(t, 0, t, 0, pr, ipr, ql, iql);
                        ext.mulAdd(acc, a0, acc, a0, eq, w, t, 0);
                    }
                    second(ext, x, 0, pl, ipl, atTwo, u);
                    second(ext, x, xpr, pr, ipr, atTwo, u);
                    ext.mul(t, 0, x, 0, x, xqr);
                    ext.mulAdd(t, 0, t, 0, x, xpr, x, xql);
                }
            }
            ext.mulAdd(acc, aX, acc, aX, eq, w, t, 0);
        }
    }

    /** out = f(2) = 2 f[a+d] - f[a] (atTwo) or f(1) = f[a+d], for the pair at limb a. */
    private static void second(ExtensionField ext, long[] out, int o, long[] f, int a, boolean atTwo, long[] scratch) {
        int d = ext.degree();
        if (atTwo) {
            ext.sub(scratch, 0, f, a + d, f, a);
            ext.add(out, o, f, a + d, scratch, 0);
        } else {
            System.arraycopy(f, a + d, out, o, d);
        }
    }

    /**
     * Binds the low variable of an extension vector to r: out[j] = f[2j] + r (f[2j+1] - f[2j])
     * for j in [0, half), reading f from element {@code off}. {@code out} must not overlap f.
     */
    static void foldExt(ExtensionField ext, long[] out, long[] f, int off, int half, long[] r) {
        int d = ext.degree();
        Parallel.forRange(half, GRAIN, (from, to) -> {
            long[] diff = new long[d];
            for (int j = from; j < to; j++) {
                int lo = (off + 2 * j) * d;
                ext.sub(diff, 0, f, lo + d, f, lo);
                ext.mulAdd(out, j * d, f, lo, r, 0, diff, 0);
            }
        });
    }

    /** {@link #foldExt} for a base-field vector f; the output is extension. */
    static void foldBase(ExtensionField ext, long[] out, long[] f, int off, int half, long[] r) {
        int d = ext.degree();
        Parallel.forRange(half, GRAIN, (from, to) -> {
            for (int j = from; j < to; j++) {
                int lo = off + 2 * j;
                ext.mulBase(out, j * d, r, 0, Goldilocks.sub(f[lo + 1], f[lo]));
                out[j * d] = Goldilocks.add(out[j * d], f[lo]);
            }
        });
    }

    /**
     * eq[j] = eq[2j] + eq[2j+1] for j in [0, half), in place: drops the low variable of an eq
     * table (its two weights sum to one). Sequential, since it reads what it overwrites.
     */
    static void sumPairs(ExtensionField ext, long[] eq, int half) {
        int d = ext.degree();
        for (int j = 0; j < half; j++) {
            ext.add(eq, j * d, eq, 2 * j * d, eq, (2 * j + 1) * d);
        }
    }
}
