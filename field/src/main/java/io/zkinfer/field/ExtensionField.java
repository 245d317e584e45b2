package io.zkinfer.field;

/**
 * A binomial extension of Goldilocks, F_p[u] / (u^d - 7), for d = 2 ({@link Goldilocks2}) or
 * d = 3 ({@link Goldilocks3}).
 *
 * <p>An element is d canonical base-field limbs (c0, c1[, c2]) meaning c0 + c1 u (+ c2 u^2).
 * Vectors of elements are interleaved {@code long[]}: element i occupies
 * {@code [i*d, i*d + d)}. Element operations read and write such slots at given offsets; the
 * output slot may alias an input slot. Base-field elements embed as (c, 0[, 0]).
 *
 * <p>The interface lets protocol code run over either degree; each implementation keeps its
 * arithmetic in static methods so that hot loops inline.
 */
public sealed interface ExtensionField permits Goldilocks2.Field, Goldilocks3.Field {
    /** The extension degree d. */
    int degree();

    /** log2 of the field size, rounded down: the bits a uniform element carries. */
    default int bits() {
        return 64 * degree() - 1;
    }

    void add(long[] out, int o, long[] a, int ao, long[] b, int bo);

    void sub(long[] out, int o, long[] a, int ao, long[] b, int bo);

    void mul(long[] out, int o, long[] a, int ao, long[] b, int bo);

    /** out = a * s for a base-field scalar s. */
    void mulBase(long[] out, int o, long[] a, int ao, long s);

    /** out = a^-1; throws ArithmeticException for zero. */
    void inverse(long[] out, int o, long[] a, int ao);

    /** out = a + s * b (the multiply-accumulate of folding and linear combinations). */
    default void mulAdd(long[] out, int o, long[] a, int ao, long[] s, int so, long[] b, int bo) {
        int d = degree();
        long[] t = new long[d];
        mul(t, 0, s, so, b, bo);
        add(out, o, a, ao, t, 0);
    }

    /**
     * acc[i] += s * v[i] for every i: an extension vector plus an extension scalar times a
     * base-field vector (the weight updates of WHIR and the sumcheck).
     */
    default void addScaledBase(long[] acc, long[] s, long[] v) {
        int d = degree();
        long[] t = new long[d];
        for (int i = 0; i < v.length; i++) {
            mulBase(t, 0, s, 0, v[i]);
            add(acc, i * d, acc, i * d, t, 0);
        }
    }

    // ---- conveniences on standalone elements (long[d]) ----

    default long[] zero() {
        return new long[degree()];
    }

    default long[] one() {
        long[] r = new long[degree()];
        r[0] = 1;
        return r;
    }

    default long[] fromBase(long c) {
        long[] r = new long[degree()];
        r[0] = c;
        return r;
    }

    default long[] add(long[] a, long[] b) {
        long[] r = new long[degree()];
        add(r, 0, a, 0, b, 0);
        return r;
    }

    default long[] sub(long[] a, long[] b) {
        long[] r = new long[degree()];
        sub(r, 0, a, 0, b, 0);
        return r;
    }

    default long[] mul(long[] a, long[] b) {
        long[] r = new long[degree()];
        mul(r, 0, a, 0, b, 0);
        return r;
    }

    default long[] mulBase(long[] a, long s) {
        long[] r = new long[degree()];
        mulBase(r, 0, a, 0, s);
        return r;
    }

    default long[] inverse(long[] a) {
        long[] r = new long[degree()];
        inverse(r, 0, a, 0);
        return r;
    }

    default long[] neg(long[] a) {
        return sub(zero(), a);
    }

    default long[] pow(long[] a, long e) {
        long[] result = one();
        long[] base = a.clone();
        while (e != 0) {
            if ((e & 1) != 0) {
                result = mul(result, base);
            }
            base = mul(base, base);
            e >>>= 1;
        }
        return result;
    }

    /** True when the element slot holds zero. */
    default boolean isZero(long[] a, int ao) {
        for (int i = 0; i < degree(); i++) {
            if (a[ao + i] != 0) {
                return false;
            }
        }
        return true;
    }

    /** The element at slot i of an interleaved vector, as a fresh long[d]. */
    default long[] get(long[] vec, int i) {
        int d = degree();
        long[] r = new long[d];
        System.arraycopy(vec, i * d, r, 0, d);
        return r;
    }

    /** Stores element x at slot i of an interleaved vector. */
    default void set(long[] vec, int i, long[] x) {
        System.arraycopy(x, 0, vec, i * degree(), degree());
    }

    /** The extension field of the given degree (2 or 3). */
    static ExtensionField ofDegree(int degree) {
        return switch (degree) {
            case 2 -> Goldilocks2.FIELD;
            case 3 -> Goldilocks3.FIELD;
            default -> throw new IllegalArgumentException("no Goldilocks extension of degree " + degree);
        };
    }
}
