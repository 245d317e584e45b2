package io.zkinfer.field;

/**
 * The quadratic extension F_p[u] / (u^2 - 7) of Goldilocks (7 is a quadratic non-residue), about
 * 2^128 elements. Elements are two limbs (c0, c1) = c0 + c1 u, in interleaved {@code long[]}
 * slots; see {@link ExtensionField}.
 */
public final class Goldilocks2 {
    /** u^2 = W. */
    public static final long W = 7;
    /** This field as an {@link ExtensionField}. */
    public static final ExtensionField FIELD = new Field();

    private Goldilocks2() {}

    public static void add(long[] out, int o, long[] a, int ao, long[] b, int bo) {
        out[o] = Goldilocks.add(a[ao], b[bo]);
        out[o + 1] = Goldilocks.add(a[ao + 1], b[bo + 1]);
    }

    public static void sub(long[] out, int o, long[] a, int ao, long[] b, int bo) {
        out[o] = Goldilocks.sub(a[ao], b[bo]);
        out[o + 1] = Goldilocks.sub(a[ao + 1], b[bo + 1]);
    }

    /** (a0 + a1 u)(b0 + b1 u) = a0 b0 + 7 a1 b1 + (a0 b1 + a1 b0) u, Karatsuba: three products. */
    public static void mul(long[] out, int o, long[] a, int ao, long[] b, int bo) {
        long a0 = a[ao], a1 = a[ao + 1], b0 = b[bo], b1 = b[bo + 1];
        long p0 = Goldilocks.mul(a0, b0);
        long p1 = Goldilocks.mul(a1, b1);
        long cross = Goldilocks.mul(Goldilocks.add(a0, a1), Goldilocks.add(b0, b1));
        out[o] = Goldilocks.add(p0, mulW(p1));
        out[o + 1] = Goldilocks.sub(Goldilocks.sub(cross, p0), p1);
    }

    public static void mulBase(long[] out, int o, long[] a, int ao, long s) {
        out[o] = Goldilocks.mul(a[ao], s);
        out[o + 1] = Goldilocks.mul(a[ao + 1], s);
    }

    /** (a0 - a1 u) / (a0^2 - 7 a1^2). */
    public static void inverse(long[] out, int o, long[] a, int ao) {
        long a0 = a[ao], a1 = a[ao + 1];
        long norm = Goldilocks.sub(Goldilocks.mul(a0, a0), mulW(Goldilocks.mul(a1, a1)));
        long inv = Goldilocks.inverse(norm);
        out[o] = Goldilocks.mul(a0, inv);
        out[o + 1] = Goldilocks.neg(Goldilocks.mul(a1, inv));
    }

    /** 7x as 8x - x, with two modular additions instead of a multiplication. */
    public static long mulW(long x) {
        long x2 = Goldilocks.add(x, x);
        long x4 = Goldilocks.add(x2, x2);
        return Goldilocks.add(Goldilocks.add(x4, x2), x);
    }

    static final class Field implements ExtensionField {
        private Field() {}

        @Override
        public int degree() {
            return 2;
        }

        @Override
        public void add(long[] out, int o, long[] a, int ao, long[] b, int bo) {
            Goldilocks2.add(out, o, a, ao, b, bo);
        }

        @Override
        public void sub(long[] out, int o, long[] a, int ao, long[] b, int bo) {
            Goldilocks2.sub(out, o, a, ao, b, bo);
        }

        @Override
        public void mul(long[] out, int o, long[] a, int ao, long[] b, int bo) {
            Goldilocks2.mul(out, o, a, ao, b, bo);
        }

        @Override
        public void mulBase(long[] out, int o, long[] a, int ao, long s) {
            Goldilocks2.mulBase(out, o, a, ao, s);
        }

        @Override
        public void inverse(long[] out, int o, long[] a, int ao) {
            Goldilocks2.inverse(out, o, a, ao);
        }

        @Override
        public void mulAdd(long[] out, int o, long[] a, int ao, long[] s, int so, long[] b, int bo) {
            long s0 = s[so], s1 = s[so + 1], b0 = b[bo], b1 = b[bo + 1];
            long p0 = Goldilocks.mul(s0, b0);
            long p1 = Goldilocks.mul(s1, b1);
            long cross = Goldilocks.mul(Goldilocks.add(s0, s1), Goldilocks.add(b0, b1));
            out[o] = Goldilocks.add(a[ao], Goldilocks.add(p0, mulW(p1)));
            out[o + 1] = Goldilocks.add(a[ao + 1], Goldilocks.sub(Goldilocks.sub(cross, p0), p1));
        }

        @Override
        public void addScaledBase(long[] acc, long[] s, long[] v) {
            long s0 = s[0], s1 = s[1];
            for (int i = 0; i < v.length; i++) {
                long x = v[i];
                acc[2 * i] = Goldilocks.add(acc[2 * i], Goldilocks.mul(s0, x));
                acc[2 * i + 1] = Goldilocks.add(acc[2 * i + 1], Goldilocks.mul(s1, x));
            }
        }

        @Override
        public String toString() {
            return "Goldilocks^2";
        }
    }
}
