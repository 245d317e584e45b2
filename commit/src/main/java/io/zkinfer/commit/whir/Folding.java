package io.zkinfer.commit.whir;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Ntt;
import io.zkinfer.field.Parallel;

/**
 * Evaluation domains, leaf layout and folding, shared by prover and verifier.
 *
 * <p>Round i's codeword lives on the coset L_i = 7 * &lt;w&gt; of size N_i = 2^logN (7 generates
 * the multiplicative group, so no point of L_i, nor any of its powers x^(2^j), is 0 or 1; the
 * hiding mask relies on that). With folding factor k (K = 2^k), leaf j holds the K points
 * x_0 w_K^t, t in [0, K), with x_0 = 7 w^j: the points whose K-th powers coincide, so one leaf
 * determines the fold at y = x_0^K.
 */
final class Folding {
    /** The coset shift of every evaluation domain. */
    static final long SHIFT = Goldilocks.GENERATOR;

    private Folding() {}

    /** The codeword of a coefficient vector (width 1 or d) on L of size 2^logN. */
    static long[] encode(long[] coefficients, int width, int logN) {
        return Ntt.extend(coefficients, width, logN, SHIFT);
    }

    /** Rearranges a codeword (width limbs per symbol) into leaves of K symbols each. */
    static long[] leaves(long[] codeword, int width, int logN, int k) {
        long[] out = new long[codeword.length];
        leavesInto(codeword, width, logN, k, out, width << k, 0);
        return out;
    }

    /**
     * {@link #leaves} written into rows of {@code rowWidth} limbs of {@code out}, leaf j's K
     * symbols from limb {@code offset} of row j (the rest of each row is left as it is).
     */
    static void leavesInto(long[] codeword, int width, int logN, int k, long[] out, int rowWidth, int offset) {
        int n = 1 << logN;
        int leafCount = n >>> k;
        int kk = 1 << k;
        Parallel.forRange(leafCount, 1 << 10, (from, to) -> {
            for (int j = from; j < to; j++) {
                for (int t = 0; t < kk; t++) {
                    System.arraycopy(codeword, (j + t * leafCount) * width, out, j * rowWidth + offset + t * width,
                            width);
                }
            }
        });
    }

    /** x_0 = 7 w_N^j, the first point of leaf j on a domain of size 2^logN. */
    static long leafPoint(int logN, int j) {
        return Goldilocks.mul(SHIFT, Goldilocks.pow(Goldilocks.rootOfUnity(logN), j));
    }

    /**
     * The fold of a codeword at y = x_0^K from one leaf's K values (extension, interleaved):
     * an inverse DFT of size K gives x_0^r f_r(y), where f(X) = sum_r X^r f_r(X^K); dividing by
     * x_0^r gives the monomial coefficients of f(alpha, .) restricted to the folded variables,
     * which are then evaluated at alpha.
     */
    static long[] foldLeaf(ExtensionField f, long[] leafValues, int k, long x0, long[] alphas) {
        int d = f.degree();
        int kk = 1 << k;
        long[] v = java.util.Arrays.copyOf(leafValues, kk * d);
        Ntt.inverse(v, d);
        long x0Inv = Goldilocks.inverse(x0);
        long s = 1;
        for (int r = 0; r < kk; r++) {
            f.mulBase(v, r * d, v, r * d, s);
            s = Goldilocks.mul(s, x0Inv);
        }
        Multilinear.toEvaluations(v, d);
        return Multilinear.evaluateExt(f, v, alphas);
    }

    /** (y, y^2, y^4, ..., y^(2^(m-1))): the point at which a multilinear f equals f^(y). */
    static long[] powers(long y, int m) {
        long[] p = new long[m];
        long x = y;
        for (int j = 0; j < m; j++) {
            p[j] = x;
            x = Goldilocks.square(x);
        }
        return p;
    }
}
