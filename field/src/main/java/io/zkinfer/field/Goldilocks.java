package io.zkinfer.field;

/**
 * Arithmetic in the Goldilocks field, p = 2^64 - 2^32 + 1.
 *
 * <p>An element is a bare {@code long} holding its canonical representative in [0, p), read as
 * an unsigned 64-bit integer. Every method here takes canonical inputs and returns canonical
 * outputs, except {@link #reduce(long)}, which accepts any 64-bit word. Add and sub are
 * branch-free selects; multiplication uses {@link Math#unsignedMultiplyHigh} and the identities
 * 2^64 = 2^32 - 1 and 2^96 = -1 (mod p).
 *
 * <p>Quantized model values embed as signed integers: v maps to v mod p
 * ({@link #fromSigned(long)}) and decodes back on (-p/2, p/2) ({@link #toSigned(long)}).
 *
 * <p>The byte encoding of an element is 8 bytes, big-endian, canonical (the EVM reads words
 * big-endian); {@link #decode} rejects a value of p or more.
 */
public final class Goldilocks {
    /** The modulus 2^64 - 2^32 + 1, as an unsigned 64-bit value. */
    public static final long P = 0xFFFF_FFFF_0000_0001L;
    /** 2^32 - 1, which equals 2^64 mod p. */
    static final long EPSILON = 0xFFFF_FFFFL;
    /** A generator of the multiplicative group (order p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537). */
    public static final long GENERATOR = 7;
    /** The largest power of two dividing p - 1. */
    public static final int TWO_ADICITY = 32;
    /** GENERATOR^((p-1)/2^32): a primitive 2^32-th root of unity. */
    public static final long ROOT_OF_UNITY_2_32 = 1753635133440165772L;
    /** Bytes in the canonical encoding of one element. */
    public static final int BYTES = 8;

    private Goldilocks() {}

    /** True when x, read unsigned, is a canonical representative (less than p). */
    public static boolean isCanonical(long x) {
        return Long.compareUnsigned(x, P) < 0;
    }

    /** Reduces any 64-bit word (read unsigned) to its canonical representative. */
    public static long reduce(long x) {
        return x - (Long.compareUnsigned(x, P) >= 0 ? P : 0);
    }

    public static long add(long a, long b) {
        long s = a + b;
        // A carry out of 64 bits means the true sum is s + 2^64 = s + EPSILON (mod p);
        // in that case s + EPSILON = a + b - p < p is already canonical.
        s += Long.compareUnsigned(s, a) < 0 ? EPSILON : 0;
        return s - (Long.compareUnsigned(s, P) >= 0 ? P : 0);
    }

    public static long sub(long a, long b) {
        long d = a - b;
        // On borrow the wrapped d is a - b + 2^64; a - b + p = d - EPSILON.
        return d - (Long.compareUnsigned(a, b) < 0 ? EPSILON : 0);
    }

    public static long neg(long a) {
        return a == 0 ? 0 : P - a;
    }

    public static long mul(long a, long b) {
        return reduce128(Math.unsignedMultiplyHigh(a, b), a * b);
    }

    public static long square(long a) {
        return mul(a, a);
    }

    /** Doubles a: 2a mod p. */
    public static long dbl(long a) {
        return add(a, a);
    }

    /**
     * Reduces the 128-bit value hi * 2^64 + lo modulo p. With hi = hh * 2^32 + hl:
     * value = lo + hl * (2^32 - 1) - hh (mod p).
     */
    static long reduce128(long hi, long lo) {
        long hh = hi >>> 32;
        long hl = hi & EPSILON;
        long t0 = lo - hh;
        t0 -= Long.compareUnsigned(lo, hh) < 0 ? EPSILON : 0;
        long t1 = hl * EPSILON;
        long t2 = t0 + t1;
        t2 += Long.compareUnsigned(t2, t1) < 0 ? EPSILON : 0;
        return t2 - (Long.compareUnsigned(t2, P) >= 0 ? P : 0);
    }

    /** 2^128 mod p (= -2^32), for reducing three-limb sums. */
    private static final long TWO_128 = mul(EPSILON, EPSILON);

    /**
     * sum_i a[ao + i] * b[bo + i] for i in [0, n), with one reduction at the end: the 128-bit
     * products are added into a three-limb accumulator, which costs a fraction of reducing each
     * product and each sum.
     */
    public static long dot(long[] a, int ao, long[] b, int bo, int n) {
        long lo = 0;
        long hi = 0;
        long top = 0;
        for (int i = 0; i < n; i++) {
            long x = a[ao + i];
            long y = b[bo + i];
            long pl = x * y;
            long ph = Math.unsignedMultiplyHigh(x, y); // at most 2^64 - 2: ph + carry fits
            long s = lo + pl;
            long h = hi + ph + (Long.compareUnsigned(s, lo) < 0 ? 1 : 0);
            top += Long.compareUnsigned(h, hi) < 0 ? 1 : 0;
            lo = s;
            hi = h;
        }
        return add(reduce128(hi, lo), mul(top, TWO_128));
    }

    /**
     * {@link #dot} of a0 and of a1 with the same b, in one pass over b: out[oo] = a0 . b and
     * out[oo + 1] = a1 . b (an extension element's two limbs against a base-field vector).
     */
    public static void dot2(long[] a0, long[] a1, int ao, long[] b, int bo, int n, long[] out, int oo) {
        long lo0 = 0;
        long hi0 = 0;
        long top0 = 0;
        long lo1 = 0;
        long hi1 = 0;
        long top1 = 0;
        for (int i = 0; i < n; i++) {
            long y = b[bo + i];
            long x0 = a0[ao + i];
            long s0 = lo0 + x0 * y;
            long h0 = hi0 + Math.unsignedMultiplyHigh(x0, y) + (Long.compareUnsigned(s0, lo0) < 0 ? 1 : 0);
            top0 += Long.compareUnsigned(h0, hi0) < 0 ? 1 : 0;
            lo0 = s0;
            hi0 = h0;
            long x1 = a1[ao + i];
            long s1 = lo1 + x1 * y;
            long h1 = hi1 + Math.unsignedMultiplyHigh(x1, y) + (Long.compareUnsigned(s1, lo1) < 0 ? 1 : 0);
            top1 += Long.compareUnsigned(h1, hi1) < 0 ? 1 : 0;
            lo1 = s1;
            hi1 = h1;
        }
        out[oo] = add(reduce128(hi0, lo0), mul(top0, TWO_128));
        out[oo + 1] = add(reduce128(hi1, lo1), mul(top1, TWO_128));
    }

    /** a^e for an exponent e read as an unsigned 64-bit integer. */
    public static long pow(long a, long e) {
        long result = 1;
        long base = a;
        while (e != 0) {
            if ((e & 1) != 0) {
                result = mul(result, base);
            }
            base = mul(base, base);
            e >>>= 1;
        }
        return result;
    }

    /**
     * The multiplicative inverse, by Fermat (a^(p-2)).
     *
     * @throws ArithmeticException if a is zero
     */
    public static long inverse(long a) {
        if (a == 0) {
            throw new ArithmeticException("zero has no inverse in Goldilocks");
        }
        return pow(a, P - 2);
    }

    /**
     * Inverts every element of {@code in} into {@code out} with one field inversion (Montgomery's
     * trick). {@code out} and {@code in} may be the same array.
     *
     * @throws ArithmeticException if any element is zero
     */
    public static void batchInverse(long[] out, long[] in) {
        int n = in.length;
        if (out.length < n) {
            throw new IllegalArgumentException("output shorter than input");
        }
        if (n == 0) {
            return;
        }
        long[] prefix = new long[n];
        long acc = 1;
        for (int i = 0; i < n; i++) {
            if (in[i] == 0) {
                throw new ArithmeticException("zero at index " + i + " has no inverse");
            }
            prefix[i] = acc;
            acc = mul(acc, in[i]);
        }
        long inv = inverse(acc);
        for (int i = n - 1; i >= 0; i--) {
            long x = in[i];
            out[i] = mul(inv, prefix[i]);
            inv = mul(inv, x);
        }
    }

    /**
     * A uniformly random element: 64-bit words from {@code rng}, rejecting the 2^32 - 1 that are
     * not canonical (rejection keeps the distribution exactly uniform; reduction would not).
     */
    public static long random(java.util.random.RandomGenerator rng) {
        long x;
        do {
            x = rng.nextLong();
        } while (!isCanonical(x));
        return x;
    }

    /** Embeds a signed integer: v maps to v mod p. Every long is accepted. */
    public static long fromSigned(long v) {
        // For v >= 0, v < 2^63 < p is canonical; for v < 0, p + v is in (p - 2^63, p).
        return v >= 0 ? v : P + v;
    }

    /** Decodes a canonical element onto (-p/2, p/2): elements above (p-1)/2 map to x - p. */
    public static long toSigned(long x) {
        return Long.compareUnsigned(x, (P - 1) >>> 1) > 0 ? x - P : x;
    }

    /** A primitive 2^logN-th root of unity, for 0 <= logN <= 32. */
    public static long rootOfUnity(int logN) {
        if (logN < 0 || logN > TWO_ADICITY) {
            throw new IllegalArgumentException("no root of unity of order 2^" + logN);
        }
        long r = ROOT_OF_UNITY_2_32;
        for (int i = logN; i < TWO_ADICITY; i++) {
            r = square(r);
        }
        return r;
    }

    /** Writes the canonical 8-byte big-endian encoding of x at {@code out[off..off+8)}. */
    public static void encode(long x, byte[] out, int off) {
        for (int i = 7; i >= 0; i--) {
            out[off + i] = (byte) x;
            x >>>= 8;
        }
    }

    /** The canonical 8-byte big-endian encoding of x. */
    public static byte[] encode(long x) {
        byte[] out = new byte[BYTES];
        encode(x, out, 0);
        return out;
    }

    /**
     * The 8-byte big-endian encodings of {@code xs}, concatenated: {@link #encode(long)} of each,
     * as one array (one bulk copy, fast even before the JIT compiles a caller's loop).
     */
    public static byte[] encode(long[] xs) {
        byte[] out = new byte[xs.length * BYTES];
        java.nio.ByteBuffer.wrap(out).asLongBuffer().put(xs);
        return out;
    }

    /**
     * Reads 8 big-endian bytes at {@code in[off..off+8)}.
     *
     * @throws NonCanonicalEncodingException if the value is p or more
     */
    public static long decode(byte[] in, int off) throws NonCanonicalEncodingException {
        long x = 0;
        for (int i = 0; i < 8; i++) {
            x = (x << 8) | (in[off + i] & 0xFF);
        }
        if (!isCanonical(x)) {
            throw new NonCanonicalEncodingException(
                    "field element at byte " + off + " is " + Long.toUnsignedString(x)
                            + ", not below p = " + Long.toUnsignedString(P));
        }
        return x;
    }
}
