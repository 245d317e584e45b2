package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.sumcheck.SubClaim;
import java.util.Arrays;

/**
 * The interactive verifier of the fractional-sum GKR (no transcript; see {@link FractionalSum}
 * and {@link FractionalSumProver} for the protocol). It holds the claims p_k(rho) and q_k(rho)
 * on the current layer; per layer it turns them into the layer sumcheck's claim
 * lambda p_k(rho) + q_k(rho), checks the sumcheck's sub-claim against the prover's p_l, p_r,
 * q_l, q_r, and moves to the next layer at (sigma, c). It ends with claims on the leaves.
 *
 * <p>Every input must already be shape-checked (lengths, canonical limbs): the caller does so
 * before any arithmetic.
 */
final class FractionalSumVerifier {
    private final ExtensionField ext;
    private final int d;
    private final int n;
    private final long[] root;
    private int layer;
    private long[] point;
    private long[] vp;
    private long[] vq;
    private long[] lambda;
    private long[] sigma;
    private long[] children;

    /** @param root P and Q, two extension elements */
    FractionalSumVerifier(ExtensionField ext, int numVariables, long[] root) {
        this.ext = ext;
        this.d = ext.degree();
        this.n = numVariables;
        if (root.length != 2 * d) {
            throw new IllegalArgumentException("a root is two extension elements");
        }
        this.root = root.clone();
        this.point = new long[0];
        this.vp = Arrays.copyOfRange(root, 0, d);
        this.vq = Arrays.copyOfRange(root, d, 2 * d);
    }

    int layer() {
        return layer;
    }

    /** Takes lambda for the current layer; returns the layer sumcheck's claim. */
    long[] startLayer(long[] lambda) {
        if (layer == n || this.lambda != null) {
            throw new IllegalStateException("no layer to start at layer " + layer + " of " + n);
        }
        this.lambda = lambda.clone();
        return ext.add(ext.mul(lambda, vp), vq);
    }

    /**
     * Checks the layer sumcheck's sub-claim: eq(rho, sigma) [lambda (p_l q_r + p_r q_l) + q_l q_r]
     * must equal its expected value, for the prover's children p_l, p_r, q_l, q_r at sigma.
     *
     * @throws LookupException if it does not
     */
    void receiveChildren(SubClaim sub, long[] children) throws LookupException {
        if (lambda == null || this.children != null) {
            throw new IllegalStateException("children outside a layer");
        }
        long[] s = sub.point();
        if (s.length != point.length || children.length != 4 * d) {
            throw new IllegalArgumentException("sub-claim or children of the wrong shape");
        }
        long[] eq = ext.one();
        long[] one = ext.one();
        for (int j = 0; j < layer; j++) {
            long[] r = Arrays.copyOfRange(point, j * d, j * d + d);
            long[] x = Arrays.copyOfRange(s, j * d, j * d + d);
            // eq(r, x) = r x + (1 - r)(1 - x)
            long[] e = ext.add(ext.mul(r, x), ext.mul(ext.sub(one, r), ext.sub(one, x)));
            eq = ext.mul(eq, e);
        }
        long[] pl = slot(children, 0);
        long[] pr = slot(children, 1);
        long[] ql = slot(children, 2);
        long[] qr = slot(children, 3);
        long[] sum = ext.add(ext.mul(pl, qr), ext.mul(pr, ql));
        long[] value = ext.mul(eq, ext.add(ext.mul(lambda, sum), ext.mul(ql, qr)));
        if (!Arrays.equals(value, sub.expectedValue())) {
            throw new LookupException("layer " + layer + ": the children do not match the layer sumcheck");
        }
        this.sigma = s;
        this.children = children.clone();
    }

    /** Moves to layer k+1 at (sigma, c): p(sigma, c) = p_l + c (p_r - p_l), and q alike. */
    void split(long[] c) {
        if (children == null) {
            throw new IllegalStateException("split before the children are checked");
        }
        vp = ext.add(slot(children, 0), ext.mul(c, ext.sub(slot(children, 1), slot(children, 0))));
        vq = ext.add(slot(children, 2), ext.mul(c, ext.sub(slot(children, 3), slot(children, 2))));
        point = Arrays.copyOf(sigma, sigma.length + d);
        System.arraycopy(c, 0, point, sigma.length, d);
        lambda = null;
        sigma = null;
        children = null;
        layer++;
    }

    /** What is left once every layer is done: claims on the leaf MLEs, and the root they prove. */
    FractionalSumClaim claim() {
        if (layer != n) {
            throw new IllegalStateException((n - layer) + " layers left");
        }
        return new FractionalSumClaim(Arrays.copyOfRange(root, 0, d), Arrays.copyOfRange(root, d, 2 * d), point, vp,
                vq);
    }

    private long[] slot(long[] v, int i) {
        return Arrays.copyOfRange(v, i * d, i * d + d);
    }
}
