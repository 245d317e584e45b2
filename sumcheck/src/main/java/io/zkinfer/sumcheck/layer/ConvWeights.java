package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;

/**
 * Weight tables of the convolution family (convolution, pooling, reductions): the weight a
 * sumcheck over an input tensor multiplies it by is a product of one small table per dimension,
 * so the prover builds it as an outer product and the verifier evaluates it dimension by
 * dimension.
 */
final class ConvWeights {
    private ConvWeights() {}

    /**
     * The outer product of per-dimension extension tables: {@code tables[0]} belongs to the
     * highest dimension (the first of a shape), the last to the lowest variables, as in
     * {@link io.zkinfer.sumcheck.circuit.Shape}. Each table has a power-of-two length.
     */
    static long[] kron(ExtensionField ext, long[]... tables) {
        int d = ext.degree();
        long[] acc = tables[tables.length - 1];
        for (int k = tables.length - 2; k >= 0; k--) {
            long[] high = tables[k];
            long[] low = acc;
            int lowSize = low.length / d;
            int highSize = high.length / d;
            long[] next = new long[high.length * lowSize];
            int lowLog = Integer.numberOfTrailingZeros(lowSize);
            Parallel.forRange(highSize * lowSize, 1 << 12, (from, to) -> {
                for (int idx = from; idx < to; idx++) {
                    ext.mul(next, idx * d, high, (idx >>> lowLog) * d, low, (idx & (lowSize - 1)) * d);
                }
            });
            acc = next;
        }
        return acc;
    }

    /** eq(point, x) for x below {@code count}, zero above: eq restricted to a dimension's logical part. */
    static long[] maskedEq(ExtensionField ext, long[] point, int count) {
        long[] t = Multilinear.eqTable(ext, point);
        java.util.Arrays.fill(t, Math.min(t.length, count * ext.degree()), t.length, 0);
        return t;
    }

    /** The table over {@code log} variables that is one below {@code count} and zero above. */
    static long[] indicator(ExtensionField ext, int log, int count) {
        int d = ext.degree();
        long[] t = new long[d << log];
        for (int i = 0; i < Math.min(count, 1 << log); i++) {
            t[i * d] = 1;
        }
        return t;
    }

    /**
     * sum_{x < count} eq(a, x) eq(b, x): the multilinear extension of {@link #maskedEq}(a, count)
     * at b, in O(variables). The summand factors per bit as g_j(x_j) with g_j(1) = a_j b_j and
     * g_j(0) = (1 - a_j)(1 - b_j); a prefix of the hypercube splits into, for every set bit j of
     * count, the block that agrees with count above j, has x_j = 0 and is free below j.
     */
    static long[] maskedEqAt(ExtensionField ext, long[] a, long[] b, int count) {
        int d = ext.degree();
        int m = a.length / d;
        if (a.length != b.length || count < 0 || (m < 31 && count > (1 << m))) {
            throw new IllegalArgumentException("prefix of " + count + " for points of " + m + " and "
                    + b.length / d + " variables");
        }
        long[] one = ext.one();
        long[][] g0 = new long[m][];
        long[][] g1 = new long[m][];
        // full[j]: the sum over a free block of the j lowest bits, prod_{i < j} (g_i(0) + g_i(1)).
        long[][] full = new long[m + 1][];
        full[0] = one;
        for (int j = 0; j < m; j++) {
            long[] aj = ext.get(a, j);
            long[] bj = ext.get(b, j);
            g1[j] = ext.mul(aj, bj);
            g0[j] = ext.mul(ext.sub(one, aj), ext.sub(one, bj));
            full[j + 1] = ext.mul(full[j], ext.add(g0[j], g1[j]));
        }
        if (m < 31 && count == 1 << m) {
            return full[m];
        }
        long[] acc = ext.zero();
        long[] scale = one;
        for (int j = m - 1; j >= 0; j--) {
            if (((count >>> j) & 1) == 1) {
                acc = ext.add(acc, ext.mul(scale, ext.mul(g0[j], full[j])));
                scale = ext.mul(scale, g1[j]);
            } else {
                scale = ext.mul(scale, g0[j]);
            }
        }
        return acc;
    }
}
