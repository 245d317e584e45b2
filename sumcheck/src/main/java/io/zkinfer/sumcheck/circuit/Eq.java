package io.zkinfer.sumcheck.circuit;

import io.zkinfer.field.ExtensionField;

/** The equality polynomial eq(a, b) = prod_i (a_i b_i + (1 - a_i)(1 - b_i)) at two extension points. */
public final class Eq {
    private Eq() {}

    /** eq(a, b) for points of the same number of variables (interleaved limbs). */
    public static long[] evaluate(ExtensionField ext, long[] a, long[] b) {
        int d = ext.degree();
        if (a.length != b.length) {
            throw new IllegalArgumentException("points of " + a.length / d + " and " + b.length / d + " variables");
        }
        long[] acc = ext.one();
        long[] one = ext.one();
        for (int i = 0; i < a.length; i += d) {
            long[] ai = java.util.Arrays.copyOfRange(a, i, i + d);
            long[] bi = java.util.Arrays.copyOfRange(b, i, i + d);
            long[] ab = ext.mul(ai, bi);
            // a b + (1 - a)(1 - b) = 1 - a - b + 2 a b
            long[] term = ext.add(ext.sub(ext.sub(one, ai), bi), ext.add(ab, ab));
            acc = ext.mul(acc, term);
        }
        return acc;
    }

    /**
     * sum_{x < count} eq(a, x) over indices x of the variables of {@code a}, in O(variables):
     * the weight of a prefix of the hypercube (a tensor dimension without its padding).
     */
    public static long[] prefixSum(ExtensionField ext, long[] a, int count) {
        int d = ext.degree();
        int m = a.length / d;
        if (count < 0 || (m < 31 && count > (1 << m))) {
            throw new IllegalArgumentException("prefix of " + count + " in 2^" + m);
        }
        // Walk from the top variable: below a full half the sum of eq is 1.
        long[] acc = ext.zero();
        long[] scale = ext.one();
        long[] one = ext.one();
        int rest = count;
        for (int j = m - 1; j >= 0; j--) {
            long[] aj = java.util.Arrays.copyOfRange(a, j * d, j * d + d);
            int half = 1 << j;
            if (rest >= half) {
                acc = ext.add(acc, ext.mul(scale, ext.sub(one, aj)));
                scale = ext.mul(scale, aj);
                rest -= half;
            } else {
                scale = ext.mul(scale, ext.sub(one, aj));
            }
        }
        return rest == 1 ? ext.add(acc, scale) : acc;
    }

    /** sum of eq(a, x) over the logical (unpadded) entries x of {@code shape}. */
    public static long[] logicalSum(ExtensionField ext, Shape shape, long[] a) {
        int d = ext.degree();
        long[] acc = ext.one();
        for (int k = 0; k < shape.rank(); k++) {
            int off = shape.variableOffset(k);
            long[] sub = java.util.Arrays.copyOfRange(a, off * d, (off + shape.log(k)) * d);
            acc = ext.mul(acc, prefixSum(ext, sub, shape.dim(k)));
        }
        return acc;
    }

    /** The coordinates of {@code point} for variables [from, from + count). */
    public static long[] slice(ExtensionField ext, long[] point, int from, int count) {
        int d = ext.degree();
        return java.util.Arrays.copyOfRange(point, from * d, (from + count) * d);
    }

    /** Concatenates points: the first holds the lowest variables. */
    public static long[] concat(long[]... parts) {
        int n = 0;
        for (long[] p : parts) {
            n += p.length;
        }
        long[] out = new long[n];
        int o = 0;
        for (long[] p : parts) {
            System.arraycopy(p, 0, out, o, p.length);
            o += p.length;
        }
        return out;
    }
}
