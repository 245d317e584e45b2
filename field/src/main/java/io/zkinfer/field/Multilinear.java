package io.zkinfer.field;

/**
 * Multilinear polynomials over Goldilocks in evaluation form: a vector of 2^m values on the
 * Boolean hypercube.
 *
 * <p><b>Variable order.</b> Variable j corresponds to bit j of the index (little-endian):
 * {@code evals[i] = f(b_0, ..., b_{m-1})} with {@code i = sum b_j 2^j}. A point is
 * {@code (z_0, ..., z_{m-1})}; {@code f(z) = sum_i evals[i] * eq(i, z)} where
 * {@code eq(i, z) = prod_j (b_j z_j + (1 - b_j)(1 - z_j))}. Folding binds variable 0 first, so
 * folding pairs adjacent entries (2i, 2i+1).
 *
 * <p>The monomial (coefficient) form uses the same bit order: coefficient i multiplies
 * {@code prod_{j : b_j = 1} x_j}. Read as a univariate polynomial, coefficient i multiplies X^i,
 * so {@code f(X, X^2, X^4, ..., X^(2^(m-1)))} is that univariate polynomial: this is how the
 * WHIR commitment encodes a multilinear polynomial.
 *
 * <p>Base-field vectors are plain {@code long[]}; extension vectors and points are interleaved
 * as described in {@link ExtensionField}.
 */
public final class Multilinear {
    private Multilinear() {}

    /** The number of variables of a vector of {@code length} evaluations (a power of two). */
    public static int numVariables(int length) {
        if (length <= 0 || Integer.bitCount(length) != 1) {
            throw new IllegalArgumentException("a multilinear polynomial has 2^m evaluations, got " + length);
        }
        return Integer.numberOfTrailingZeros(length);
    }

    /** eq(i, z) for all i in [0, 2^m), z a base-field point of m coordinates. */
    public static long[] eqTable(long[] point) {
        int m = point.length;
        long[] t = new long[1 << m];
        t[0] = 1;
        for (int j = 0; j < m; j++) {
            int size = 1 << j;
            long z = point[j];
            for (int i = 0; i < size; i++) {
                long hi = Goldilocks.mul(t[i], z);
                t[i + size] = hi;
                t[i] = Goldilocks.sub(t[i], hi);
            }
        }
        return t;
    }

    /**
     * eq(i, z) for all i in [0, 2^m), z an extension-field point of m coordinates (interleaved,
     * length m * d), as an interleaved extension vector.
     */
    public static long[] eqTable(ExtensionField f, long[] point) {
        int d = f.degree();
        checkWidth(point.length, d, "point");
        int m = point.length / d;
        long[] t = new long[d << m];
        t[0] = 1;
        for (int j = 0; j < m; j++) {
            int size = 1 << j;
            int jj = j;
            // Each doubling splits entry i into i (times 1 - p_j) and i + size (times p_j); large ones run on all cores.
            Parallel.forRange(size, 1 << 12, (from, to) -> {
                long[] hi = new long[d];
                for (int i = from; i < to; i++) {
                    f.mul(hi, 0, t, i * d, point, jj * d);
                    System.arraycopy(hi, 0, t, (i + size) * d, d);
                    f.sub(t, i * d, t, i * d, hi, 0);
                }
            });
        }
        return t;
    }

    /** f(z) for base-field evaluations and a base-field point. */
    public static long evaluate(long[] evals, long[] point) {
        checkPoint(evals.length, point.length);
        long[] cur = evals.clone();
        int len = cur.length;
        for (long z : point) {
            len >>= 1;
            for (int i = 0; i < len; i++) {
                long lo = cur[2 * i];
                cur[i] = Goldilocks.add(lo, Goldilocks.mul(z, Goldilocks.sub(cur[2 * i + 1], lo)));
            }
        }
        return cur[0];
    }

    /** f(z) for base-field evaluations and an extension-field point; returns long[d]. */
    public static long[] evaluate(ExtensionField f, long[] evals, long[] point) {
        int d = f.degree();
        checkWidth(point.length, d, "point");
        checkPoint(evals.length, point.length / d);
        if (evals.length == 1) {
            return f.fromBase(evals[0]);
        }
        long[] cur = foldBase(f, evals, point, 0);
        for (int j = 1; j < point.length / d; j++) {
            cur = foldExt(f, cur, point, j * d);
        }
        return f.get(cur, 0);
    }

    /** f(z) for extension-field evaluations (interleaved) and an extension-field point. */
    public static long[] evaluateExt(ExtensionField f, long[] evals, long[] point) {
        int d = f.degree();
        checkWidth(point.length, d, "point");
        checkWidth(evals.length, d, "evaluation vector");
        checkPoint(evals.length / d, point.length / d);
        long[] cur = evals;
        for (int j = 0; j < point.length / d; j++) {
            cur = foldExt(f, cur, point, j * d);
        }
        return f.get(cur, 0);
    }

    /**
     * Binds variable 0 of base-field evaluations to the extension element at {@code r[ro..]}:
     * out[i] = e[2i] + r (e[2i+1] - e[2i]), as an interleaved extension vector of half length.
     */
    public static long[] foldBase(ExtensionField f, long[] evals, long[] r, int ro) {
        long[] out = new long[evals.length / 2 * f.degree()];
        foldBaseInto(f, evals, evals.length / 2, r, ro, out);
        return out;
    }

    /**
     * {@link #foldBase} into {@code out}, for the first {@code half} pairs of {@code evals}: lets
     * a caller reuse buffers (both arrays may be longer than needed; they must not overlap).
     */
    public static void foldBaseInto(ExtensionField f, long[] evals, int half, long[] r, int ro, long[] out) {
        foldBaseInto(f, evals, 0, half, r, ro, out);
    }

    /** {@link #foldBaseInto} of the pairs that start at element {@code start} of {@code evals}. */
    public static void foldBaseInto(ExtensionField f, long[] evals, int start, int half, long[] r, int ro, long[] out) {
        int d = f.degree();
        Parallel.forRange(half, Parallel.DEFAULT_GRAIN, (from, to) -> {
            long[] diff = new long[d];
            for (int i = from; i < to; i++) {
                long lo = evals[start + 2 * i];
                f.mulBase(diff, 0, r, ro, Goldilocks.sub(evals[start + 2 * i + 1], lo));
                diff[0] = Goldilocks.add(diff[0], lo);
                System.arraycopy(diff, 0, out, i * d, d);
            }
        });
    }

    /** Binds variable 0 of extension evaluations (interleaved) to {@code r[ro..ro+d)}. */
    public static long[] foldExt(ExtensionField f, long[] evals, long[] r, int ro) {
        int half = evals.length / f.degree() / 2;
        long[] out = new long[half * f.degree()];
        foldExtInto(f, evals, half, r, ro, out);
        return out;
    }

    /** {@link #foldExt} into {@code out}, for the first {@code half} pairs (no overlap). */
    public static void foldExtInto(ExtensionField f, long[] evals, int half, long[] r, int ro, long[] out) {
        foldExtInto(f, evals, 0, half, r, ro, out);
    }

    /** {@link #foldExtInto} of the pairs that start at element (not limb) {@code start} of {@code evals}. */
    public static void foldExtInto(ExtensionField f, long[] evals, int start, int half, long[] r, int ro, long[] out) {
        int d = f.degree();
        if (f == Goldilocks2.FIELD) {
            foldQuadraticInto(evals, 2 * start, half, r[ro], r[ro + 1], out);
            return;
        }
        Parallel.forRange(half, Parallel.DEFAULT_GRAIN, (from, to) -> {
            long[] diff = new long[d];
            for (int i = from; i < to; i++) {
                int lo = (start + 2 * i) * d;
                f.sub(diff, 0, evals, lo + d, evals, lo);
                f.mulAdd(out, i * d, evals, lo, r, ro, diff, 0);
            }
        });
    }

    /**
     * {@link #foldExtInto} over F_p^2 with the limbs in locals: out = a + r (b - a) with
     * (r0 + r1 u)(d0 + d1 u) = r0 d0 + 7 r1 d1 + (r0 d1 + r1 d0) u, the hot loop of every
     * sumcheck round on extension values.
     */
    private static void foldQuadraticInto(long[] evals, int startLimb, int half, long r0, long r1, long[] out) {
        Parallel.forRange(half, Parallel.DEFAULT_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                int lo = startLimb + 4 * i;
                long a0 = evals[lo];
                long a1 = evals[lo + 1];
                long d0 = Goldilocks.sub(evals[lo + 2], a0);
                long d1 = Goldilocks.sub(evals[lo + 3], a1);
                long m0 = Goldilocks.mul(r0, d0);
                long m1 = Goldilocks.mul(r1, d1);
                long cross = Goldilocks.mul(Goldilocks.add(r0, r1), Goldilocks.add(d0, d1));
                out[2 * i] = Goldilocks.add(a0, Goldilocks.add(m0, Goldilocks2.mulW(m1)));
                out[2 * i + 1] = Goldilocks.add(a1, Goldilocks.sub(Goldilocks.sub(cross, m0), m1));
            }
        });
    }

    /**
     * Evaluations to monomial coefficients, in place (the Moebius transform over the subset
     * lattice of index bits): O(m 2^m) subtractions. {@code width} is 1 for base-field vectors
     * and d for interleaved extension vectors.
     */
    public static void toCoefficients(long[] v, int width) {
        subsetTransform(v, width, false);
    }

    /** Monomial coefficients to evaluations, in place: the inverse of {@link #toCoefficients}. */
    public static void toEvaluations(long[] v, int width) {
        subsetTransform(v, width, true);
    }

    /**
     * For each bit, v[i with bit] (+/-)= v[i without bit]: summing over subsets (zeta) or its
     * inverse (Moebius).
     */
    private static void subsetTransform(long[] v, int width, boolean add) {
        int n = v.length / width;
        numVariables(n);
        for (int bit = 1; bit < n; bit <<= 1) {
            int b = bit;
            Parallel.forRange(n, Parallel.DEFAULT_GRAIN, 2 * b, (from, to) -> {
                for (int base = from; base < to; base += 2 * b) {
                    int lo = base * width;
                    int hi = (base + b) * width;
                    int len = b * width;
                    for (int k = 0; k < len; k++) {
                        v[hi + k] = add ? Goldilocks.add(v[hi + k], v[lo + k]) : Goldilocks.sub(v[hi + k], v[lo + k]);
                    }
                }
            });
        }
    }

    private static void checkWidth(int length, int d, String what) {
        if (length % d != 0) {
            throw new IllegalArgumentException(what + " has " + length + " limbs, not a multiple of the degree " + d);
        }
    }

    private static void checkPoint(int evalCount, int coordinates) {
        int m = numVariables(evalCount);
        if (coordinates != m) {
            throw new IllegalArgumentException(
                    "point has " + coordinates + " coordinates, polynomial has " + m + " variables");
        }
    }
}
