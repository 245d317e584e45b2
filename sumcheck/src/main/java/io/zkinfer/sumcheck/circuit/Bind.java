package io.zkinfer.sumcheck.circuit;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;

/**
 * Partial evaluation of a base-field multilinear table at an extension point on a block of its
 * variables: the kernels that turn "W at (rho_rows, k)" into a table over k. Both run in time
 * linear in the table and use both cores.
 */
public final class Bind {
    private Bind() {}

    /**
     * Binds the high variables: out[j] = sum_i eq(point, i) values[i * 2^low + j], an extension
     * table over the {@code low} lowest variables.
     */
    public static long[] high(ExtensionField ext, long[] values, int low, long[] point) {
        int d = ext.degree();
        int width = 1 << low;
        int rows = values.length >>> low;
        if ((long) rows * width != values.length || point.length != d * Integer.numberOfTrailingZeros(rows)) {
            throw new IllegalArgumentException("point of " + point.length / d + " variables for a table of "
                    + values.length + " with " + low + " low variables");
        }
        long[][] eq = limbs(ext, Multilinear.eqTable(ext, point), rows);
        long[] out = new long[width * d];
        Parallel.forRange(width, 256, (from, to) -> {
            for (int i = 0; i < rows; i++) {
                int base = i * width;
                for (int l = 0; l < d; l++) {
                    long e = eq[l][i];
                    if (e == 0) {
                        continue;
                    }
                    for (int j = from; j < to; j++) {
                        long v = values[base + j];
                        if (v != 0) {
                            int o = j * d + l;
                            out[o] = Goldilocks.add(out[o], Goldilocks.mul(e, v));
                        }
                    }
                }
            }
        });
        return out;
    }

    /**
     * Binds the low variables: out[i] = sum_j eq(point, j) values[i * 2^low + j], an extension
     * table over the remaining high variables.
     */
    public static long[] low(ExtensionField ext, long[] values, int low, long[] point) {
        int d = ext.degree();
        int width = 1 << low;
        int rows = values.length >>> low;
        if ((long) rows * width != values.length || point.length != d * low) {
            throw new IllegalArgumentException("point of " + point.length / d + " variables for " + low
                    + " low variables");
        }
        long[][] eq = limbs(ext, Multilinear.eqTable(ext, point), width);
        long[] out = new long[rows * d];
        Parallel.forRange(rows, Math.max(1, (1 << 14) / width), (from, to) -> {
            for (int i = from; i < to; i++) {
                for (int l = 0; l < d; l++) {
                    out[i * d + l] = Goldilocks.dot(eq[l], 0, values, i * width, width);
                }
            }
        });
        return out;
    }

    /** An interleaved extension vector of n elements split into d limb arrays. */
    static long[][] limbs(ExtensionField ext, long[] v, int n) {
        int d = ext.degree();
        long[][] out = new long[d][n];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < d; l++) {
                out[l][i] = v[i * d + l];
            }
        }
        return out;
    }
}
