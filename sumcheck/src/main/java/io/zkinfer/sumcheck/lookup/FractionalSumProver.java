package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import java.util.Arrays;

/**
 * The interactive prover of the fractional-sum GKR (no transcript; see {@link FractionalSum}).
 *
 * <p>The leaves p/q over n variables are the bottom layer of a binary tree: layer k has 2^k
 * nodes, node x of layer k has children x (left) and x + 2^k (right) in layer k+1, so the new
 * variable is the top index bit, and p = p_l q_r + p_r q_l, q = q_l q_r. The root (layer 0) is
 * the fraction P/Q = sum_x p(x)/q(x). For each layer k = 0..n-1 the protocol is: the verifier
 * sends lambda ({@link #startLayer}); a layer sumcheck of k rounds ({@link #roundMessage},
 * {@link #bind}); the prover sends p_l, p_r, q_l, q_r at the sumcheck point sigma
 * ({@link #children}); the verifier sends c ({@link #split}) and the claims move to layer k+1 at
 * (sigma, c).
 */
final class FractionalSumProver {
    private final ExtensionField ext;
    private final int d;
    private final int n;
    private final Numerators leafKind;
    /** p[k], q[k]: layer k; p[n] is the leaf numerators as {@code leafKind} says. */
    private final long[][] p;
    private final long[][] q;
    private int layer;
    private long[] point;
    private long[] vp;
    private long[] vq;
    private LayerProver sumcheck;

    private FractionalSumProver(ExtensionField ext, Numerators kind, long[] leafP, long[] leafQ) {
        this.ext = ext;
        this.d = ext.degree();
        if (leafQ.length % d != 0 || leafQ.length == 0 || Integer.bitCount(leafQ.length / d) != 1) {
            throw new IllegalArgumentException("denominators: 2^n extension elements, got " + leafQ.length + " limbs");
        }
        this.n = Integer.numberOfTrailingZeros(leafQ.length / d);
        int leaves = 1 << n;
        int pLength = switch (kind) {
            case UNIT -> -1;
            case BASE -> leaves;
            case EXTENSION -> leaves * d;
        };
        if (kind != Numerators.UNIT && leafP.length != pLength) {
            throw new IllegalArgumentException("numerators: " + pLength + " limbs expected, got " + leafP.length);
        }
        checkCanonical(leafQ, "denominator");
        if (leafP != null) {
            checkCanonical(leafP, "numerator");
        }
        this.leafKind = kind;
        this.p = new long[n + 1][];
        this.q = new long[n + 1][];
        p[n] = leafP;
        q[n] = leafQ;
        for (int k = n - 1; k >= 0; k--) {
            int half = 1 << k;
            p[k] = new long[half * d];
            q[k] = new long[half * d];
            FractionKernels.combine(ext, p[k], q[k], k == n - 1 ? kind : Numerators.EXTENSION, p[k + 1], q[k + 1], half);
        }
        this.point = new long[0];
        this.vp = rootNumerator();
        this.vq = Arrays.copyOf(q[0], d);
    }

    /** Leaves 1/q(x): q is 2^n extension elements (interleaved). The arrays are not copied. */
    static FractionalSumProver unit(ExtensionField ext, long[] q) {
        return new FractionalSumProver(ext, Numerators.UNIT, null, q);
    }

    /** Leaves p(x)/q(x) with base-field numerators. */
    static FractionalSumProver base(ExtensionField ext, long[] p, long[] q) {
        return new FractionalSumProver(ext, Numerators.BASE, p, q);
    }

    /** Leaves p(x)/q(x) with extension numerators (interleaved). */
    static FractionalSumProver extension(ExtensionField ext, long[] p, long[] q) {
        return new FractionalSumProver(ext, Numerators.EXTENSION, p, q);
    }

    private long[] rootNumerator() {
        if (n > 0 || leafKind == Numerators.EXTENSION) {
            return Arrays.copyOf(p[0], d);
        }
        return ext.fromBase(leafKind == Numerators.UNIT ? 1 : p[0][0]);
    }

    int numVariables() {
        return n;
    }

    /** The root fraction P, Q (two extension elements): the prover's first message. */
    long[] root() {
        long[] out = new long[2 * d];
        System.arraycopy(rootNumerator(), 0, out, 0, d);
        System.arraycopy(q[0], 0, out, d, d);
        return out;
    }

    /** The layer whose claim is held: 0 at the root, n at the leaves. */
    int layer() {
        return layer;
    }

    /** Starts the sumcheck of the current layer; returns its claim lambda p(rho) + q(rho). */
    long[] startLayer(long[] lambda) {
        if (layer == n || sumcheck != null) {
            throw new IllegalStateException("no layer to start at layer " + layer + " of " + n);
        }
        long[] claim = ext.add(ext.mul(lambda, vp), vq);
        Numerators kind = layer + 1 == n ? leafKind : Numerators.EXTENSION;
        sumcheck = new LayerProver(ext, point, lambda, claim, kind, p[layer + 1], q[layer + 1], p[layer], q[layer]);
        return claim;
    }

    long[] roundMessage() {
        return active().roundMessage();
    }

    void bind(long[] r) {
        active().bind(r);
    }

    /** p_l, p_r, q_l, q_r at the sumcheck point, after the layer's rounds. */
    long[] children() {
        return active().children();
    }

    /** Moves to layer k+1 at (sigma, c): p(sigma, c) = p_l + c (p_r - p_l), and q alike. */
    void split(long[] c) {
        long[] ch = active().children();
        long[] sigma = sumcheck.point();
        vp = line(ch, 0, 1, c);
        vq = line(ch, 2, 3, c);
        point = Arrays.copyOf(sigma, sigma.length + d);
        System.arraycopy(c, 0, point, sigma.length, d);
        sumcheck = null;
        layer++;
    }

    private long[] line(long[] ch, int l, int r, long[] c) {
        long[] out = new long[d];
        long[] diff = new long[d];
        ext.sub(diff, 0, ch, r * d, ch, l * d);
        ext.mulAdd(out, 0, ch, l * d, c, 0, diff, 0);
        return out;
    }

    private LayerProver active() {
        if (sumcheck == null) {
            throw new IllegalStateException("no layer started");
        }
        return sumcheck;
    }

    /** The leaf point, once every layer is done. */
    long[] point() {
        requireDone();
        return point.clone();
    }

    /** The leaf numerators' multilinear extension at {@link #point()}. */
    long[] numerator() {
        requireDone();
        return vp.clone();
    }

    /** The leaf denominators' multilinear extension at {@link #point()}. */
    long[] denominator() {
        requireDone();
        return vq.clone();
    }

    private void requireDone() {
        if (layer != n) {
            throw new IllegalStateException((n - layer) + " layers left");
        }
    }

    private static void checkCanonical(long[] v, String what) {
        for (int i = 0; i < v.length; i++) {
            if (!Goldilocks.isCanonical(v[i])) {
                throw new IllegalArgumentException(what + " limb " + i + " is not canonical");
            }
        }
    }
}
