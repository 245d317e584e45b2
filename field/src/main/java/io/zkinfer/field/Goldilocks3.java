package io.zkinfer.field;

/**
 * The cubic extension F_p[u] / (u^3 - 7) of Goldilocks (7 is not a cube, and 3 divides p - 1,
 * so the binomial is irreducible), about 2^192 elements. Elements are three limbs
 * (c0, c1, c2) = c0 + c1 u + c2 u^2; see {@link ExtensionField}.
 */
public final class Goldilocks3 {
    /** u^3 = W. */
    public static final long W = 7;
    /** This field as an {@link ExtensionField}. */
    public static final ExtensionField FIELD = new Field();

    private Goldilocks3() {}

    public static void add(long[] out, int o, long[] a, int ao, long[] b, int bo) {
        out[o] = Goldilocks.add(a[ao], b[bo]);
        out[o + 1] = Goldilocks.add(a[ao + 1], b[bo + 1]);
        out[o + 2] = Goldilocks.add(a[ao + 2], b[bo + 2]);
    }

    public static void sub(long[] out, int o, long[] a, int ao, long[] b, int bo) {
        out[o] = Goldilocks.sub(a[ao], b[bo]);
        out[o + 1] = Goldilocks.sub(a[ao + 1], b[bo + 1]);
        out[o + 2] = Goldilocks.sub(a[ao + 2], b[bo + 2]);
    }

    /**
     * Schoolbook product reduced by u^3 = 7:
     * c0 = a0 b0 + 7 (a1 b2 + a2 b1), c1 = a0 b1 + a1 b0 + 7 a2 b2, c2 = a0 b2 + a1 b1 + a2 b0.
     */
    public static void mul(long[] out, int o, long[] a, int ao, long[] b, int bo) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2];
        long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2];
        long c0 = Goldilocks.add(Goldilocks.mul(a0, b0), Goldilocks2.mulW(Goldilocks.add(Goldilocks.mul(a1, b2), Goldilocks.mul(a2, b1))));
        long c1 = Goldilocks.add(Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0)), Goldilocks2.mulW(Goldilocks.mul(a2, b2)));
        long c2 = Goldilocks.add(Goldilocks.add(Goldilocks.mul(a0, b2), Goldilocks.mul(a1, b1)), Goldilocks.mul(a2, b0));
        out[o] = c0;
        out[o + 1] = c1;
        out[o + 2] = c2;
    }

    public static void mulBase(long[] out, int o, long[] a, int ao, long s) {
        out[o] = Goldilocks.mul(a[ao], s);
        out[o + 1] = Goldilocks.mul(a[ao + 1], s);
        out[o + 2] = Goldilocks.mul(a[ao + 2], s);
    }

    /**
     * The adjugate of multiplication by a, divided by the norm:
     * t0 = a0^2 - 7 a1 a2, t1 = 7 a2^2 - a0 a1, t2 = a1^2 - a0 a2,
     * N = a0 t0 + 7 (a2 t1 + a1 t2), a^-1 = (t0, t1, t2) / N.
     */
    public static void inverse(long[] out, int o, long[] a, int ao) {
        long a0 = a[ao], a1 = a[ao + 1], a2 = a[ao + 2];
        long t0 = Goldilocks.sub(Goldilocks.mul(a0, a0), Goldilocks2.mulW(Goldilocks.mul(a1, a2)));
        long t1 = Goldilocks.sub(Goldilocks2.mulW(Goldilocks.mul(a2, a2)), Goldilocks.mul(a0, a1));
        long t2 = Goldilocks.sub(Goldilocks.mul(a1, a1), Goldilocks.mul(a0, a2));
        long norm = Goldilocks.add(Goldilocks.mul(a0, t0), Goldilocks2.mulW(Goldilocks.add(Goldilocks.mul(a2, t1), Goldilocks.mul(a1, t2))));
        long inv = Goldilocks.inverse(norm);
        out[o] = Goldilocks.mul(t0, inv);
        out[o + 1] = Goldilocks.mul(t1, inv);
        out[o + 2] = Goldilocks.mul(t2, inv);
    }

    static final class Field implements ExtensionField {
        private Field() {}

        @Override
        public int degree() {
            return 3;
        }

        @Override
        public void add(long[] out, int o, long[] a, int ao, long[] b, int bo) {
            Goldilocks3.add(out, o, a, ao, b, bo);
        }

        @Override
        public void sub(long[] out, int o, long[] a, int ao, long[] b, int bo) {
            Goldilocks3.sub(out, o, a, ao, b, bo);
        }

        @Override
        public void mul(long[] out, int o, long[] a, int ao, long[] b, int bo) {
            Goldilocks3.mul(out, o, a, ao, b, bo);
        }

        @Override
        public void mulBase(long[] out, int o, long[] a, int ao, long s) {
            Goldilocks3.mulBase(out, o, a, ao, s);
        }

        @Override
        public void inverse(long[] out, int o, long[] a, int ao) {
            Goldilocks3.inverse(out, o, a, ao);
        }

        @Override
        public void addScaledBase(long[] acc, long[] s, long[] v) {
            long s0 = s[0], s1 = s[1], s2 = s[2];
            for (int i = 0; i < v.length; i++) {
                long x = v[i];
                acc[3 * i] = Goldilocks.add(acc[3 * i], Goldilocks.mul(s0, x));
                acc[3 * i + 1] = Goldilocks.add(acc[3 * i + 1], Goldilocks.mul(s1, x));
                acc[3 * i + 2] = Goldilocks.add(acc[3 * i + 2], Goldilocks.mul(s2, x));
            }
        }

        @Override
        public void mulAdd(long[] out, int o, long[] a, int ao, long[] s, int so, long[] b, int bo) {
            long s0 = s[so], s1 = s[so + 1], s2 = s[so + 2];
            long b0 = b[bo], b1 = b[bo + 1], b2 = b[bo + 2];
            long c0 = Goldilocks.add(Goldilocks.mul(s0, b0),
                    Goldilocks2.mulW(Goldilocks.add(Goldilocks.mul(s1, b2), Goldilocks.mul(s2, b1))));
            long c1 = Goldilocks.add(Goldilocks.add(Goldilocks.mul(s0, b1), Goldilocks.mul(s1, b0)),
                    Goldilocks2.mulW(Goldilocks.mul(s2, b2)));
            long c2 = Goldilocks.add(Goldilocks.add(Goldilocks.mul(s0, b2), Goldilocks.mul(s1, b1)),
                    Goldilocks.mul(s2, b0));
            out[o] = Goldilocks.add(a[ao], c0);
            out[o + 1] = Goldilocks.add(a[ao + 1], c1);
            out[o + 2] = Goldilocks.add(a[ao + 2], c2);
        }

        @Override
        public String toString() {
            return "Goldilocks^3";
        }
    }
}
