package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;

/**
 * The sumcheck prover of one fractional-sum layer: over x in {0,1}^k it proves
 *
 * <pre>
 *   sum_x eq(rho, x) [lambda (p_l(x) q_r(x) + p_r(x) q_l(x)) + q_l(x) q_r(x)] = claim
 * </pre>
 *
 * where p_l, q_l (p_r, q_r) are the first (second) half of the child layer. Its messages are
 * exactly those of {@link io.zkinfer.sumcheck.SumcheckProver} on the same degree-3 polynomial
 * (h(0), h(2), h(3) per round, variable 0 bound first), so {@link io.zkinfer.sumcheck.SumcheckVerifier}
 * checks them; it is faster because it never folds eq.
 *
 * <p>In round i, eq(rho, x) = C eq(rho_i, X) E(x_{>i}) with C = prod_{j<i} eq(rho_j, r_j), so
 * h(X) = C e(X) s(X) for the linear e(X) = eq(rho_i, X) and a quadratic s; the prover sums s(0)
 * and s(2) over the pairs, weighted by the suffix table E, and gets s(1) from the running claim
 * h(0) + h(1) (directly, in the negligible case C rho_i = 0). Numerators may be implicitly one
 * (the whole layer) or base-field (the first round); they are extension once folded.
 */
final class LayerProver {
    private static final long INV2 = Goldilocks.inverse(2);

    private final ExtensionField ext;
    private final int d;
    private final int vars;
    private final long[] rho;
    private final long[] lambda;
    private long[] claim;
    private long[] scale;
    private final long[] eq;
    private Numerators kind;
    /** Factors p_l, p_r, q_l, q_r: arrays, element offsets, and spare buffers to fold into. */
    private final long[][] cur = new long[4][];
    private final int[] off = new int[4];
    private final long[][] spare = new long[4][];
    private int len;
    private int round;
    private final long[] point;
    private long[] s0;
    private long[] s1;
    private long[] s2;
    /** The parent layer (p, q at every node), read in the first round only; null after. */
    private long[] pParent;
    private long[] qParent;

    /**
     * @param rho the layer's point, k coordinates (interleaved)
     * @param claim lambda p(rho) + q(rho), the value being proved
     * @param kind how {@code pChild} is stored (ignored if {@link Numerators#UNIT})
     * @param pChild, qChild the child layer, 2^(k+1) nodes
     * @param pParent, qParent this layer, 2^k extension nodes, or null (then the first round
     *     multiplies the children out)
     */
    LayerProver(ExtensionField ext, long[] rho, long[] lambda, long[] claim, Numerators kind, long[] pChild,
            long[] qChild, long[] pParent, long[] qParent) {
        this.ext = ext;
        this.d = ext.degree();
        this.vars = rho.length / d;
        this.rho = rho.clone();
        this.lambda = lambda.clone();
        this.claim = claim.clone();
        this.scale = ext.one();
        this.kind = kind;
        int half = 1 << vars;
        cur[0] = pChild;
        cur[1] = pChild;
        cur[2] = qChild;
        cur[3] = qChild;
        off[1] = half;
        off[3] = half;
        this.len = half;
        this.pParent = pParent;
        this.qParent = qParent;
        this.point = new long[vars * d];
        this.eq = vars == 0 ? null : Multilinear.eqTable(ext, java.util.Arrays.copyOfRange(rho, d, rho.length));
    }

    int remainingRounds() {
        return vars - round;
    }

    /** This round's message h(0), h(2), h(3), three extension elements interleaved. */
    long[] roundMessage() {
        if (round == vars) {
            throw new IllegalStateException("all " + vars + " rounds are done");
        }
        int half = len / 2;
        long[] sums = sums(half, true);
        s0 = ext.add(ext.mul(lambda, slot(sums, 0)), slot(sums, 1));
        s2 = ext.add(ext.mul(lambda, slot(sums, 2)), slot(sums, 3));
        long[] r = slot(rho, round);
        long[] e0 = ext.sub(ext.one(), r);
        long[] den = ext.mul(scale, r);
        if (!ext.isZero(den, 0)) {
            // h(1) = claim - h(0) = C rho_i s(1).
            s1 = ext.mul(ext.sub(claim, ext.mul(ext.mul(scale, e0), s0)), ext.inverse(den));
        } else {
            long[] atOne = sums(half, false);
            s1 = ext.add(ext.mul(lambda, slot(atOne, 2)), slot(atOne, 3));
        }
        // s(3) = s(0) - 3 s(1) + 3 s(2); e(2) = 3 rho - 1, e(3) = 5 rho - 2.
        long[] s3 = ext.add(s0, ext.mulBase(ext.sub(s2, s1), 3));
        long[] e2 = ext.sub(ext.mulBase(r, 3), ext.one());
        long[] e3 = ext.sub(ext.mulBase(r, 5), ext.fromBase(2));
        long[] message = new long[3 * d];
        ext.mul(message, 0, ext.mul(scale, e0), 0, s0, 0);
        ext.mul(message, d, ext.mul(scale, e2), 0, s2, 0);
        ext.mul(message, 2 * d, ext.mul(scale, e3), 0, s3, 0);
        return message;
    }

    private long[] sums(int half, boolean atTwo) {
        return FractionKernels.roundSums(ext, kind, cur[0], off[0], cur[1], off[1], cur[2], off[2], cur[3], off[3],
                pParent, qParent, eq, half, atTwo);
    }

    /** Binds this round's variable to r: the claim becomes h(r), and every factor is folded. */
    void bind(long[] r) {
        if (s0 == null) {
            throw new IllegalStateException("bind before roundMessage");
        }
        if (r.length != d) {
            throw new IllegalArgumentException("a challenge is one extension element");
        }
        // s(r) by Lagrange on 0, 1, 2: s0 (r-1)(r-2)/2 - s1 r(r-2) + s2 r(r-1)/2.
        long[] rm1 = ext.sub(r, ext.one());
        long[] rm2 = ext.sub(r, ext.fromBase(2));
        long[] sr = ext.mulBase(ext.mul(s0, ext.mul(rm1, rm2)), INV2);
        sr = ext.sub(sr, ext.mul(s1, ext.mul(r, rm2)));
        sr = ext.add(sr, ext.mulBase(ext.mul(s2, ext.mul(r, rm1)), INV2));
        // e(r) = 1 - rho_i + r (2 rho_i - 1).
        long[] rhoI = slot(rho, round);
        long[] er = ext.add(ext.sub(ext.one(), rhoI), ext.mul(r, ext.sub(ext.mulBase(rhoI, 2), ext.one())));
        scale = ext.mul(scale, er);
        claim = ext.mul(scale, sr);

        int half = len / 2;
        for (int f = kind == Numerators.UNIT ? 2 : 0; f < 4; f++) {
            long[] dst = spare[f] != null && spare[f].length >= half * d ? spare[f] : new long[half * d];
            if (kind == Numerators.BASE && f < 2) {
                FractionKernels.foldBase(ext, dst, cur[f], off[f], half, r);
            } else {
                FractionKernels.foldExt(ext, dst, cur[f], off[f], half, r);
            }
            // In round 0 the factors are views of the child layer, which is not ours to reuse.
            spare[f] = round == 0 ? null : cur[f];
            cur[f] = dst;
            off[f] = 0;
        }
        if (kind == Numerators.BASE) {
            kind = Numerators.EXTENSION;
        }
        FractionKernels.sumPairs(ext, eq, half / 2);
        pParent = null;
        qParent = null;
        System.arraycopy(r, 0, point, round * d, d);
        len = half;
        round++;
        s0 = s1 = s2 = null;
    }

    /** The challenges bound so far (sigma), interleaved. */
    long[] point() {
        return java.util.Arrays.copyOf(point, round * d);
    }

    /** p_l, p_r, q_l, q_r at sigma, once every round is bound: the prover's next message. */
    long[] children() {
        if (round != vars) {
            throw new IllegalStateException(remainingRounds() + " rounds left");
        }
        long[] out = new long[4 * d];
        for (int f = 0; f < 4; f++) {
            if (f < 2 && kind == Numerators.UNIT) {
                out[f * d] = 1;
            } else if (f < 2 && kind == Numerators.BASE) {
                out[f * d] = cur[f][off[f]];
            } else {
                System.arraycopy(cur[f], off[f] * d, out, f * d, d);
            }
        }
        return out;
    }

    private long[] slot(long[] v, int i) {
        return java.util.Arrays.copyOfRange(v, i * d, i * d + d);
    }
}
