package io.zkinfer.model.quant;

/** Reductions: sums over axes, and the maximum or its first index over one axis. */
final class IntReduceKernels {
    private static final long MIN16 = -(1L << 15);
    private static final long MAX16 = 1L << 15;

    private IntReduceKernels() {}

    /** y = the sum of x [shape] over the sorted {@code axes}, into a zeroed y (kept dims or dropped: one layout). */
    static void reduceSum(long[] y, long[] x, int[] shape, int[] axes) {
        int[] kept = shape.clone();
        for (int a : axes) {
            kept[a] = 1;
        }
        int[] strides = IntMovementKernels.strides(kept);
        for (int a : axes) {
            strides[a] = 0;
        }
        IntMovementKernels.scatterAdd(y, x, shape, strides, 0);
    }

    /**
     * y = the maximum of x [shape] over {@code axis}, or, when {@code index}, the index of its first
     * maximum (ties go to the lowest index).
     *
     * @throws IllegalArgumentException if an input leaves [-2^15, 2^15)
     */
    static void reduceMax(long[] y, long[] x, int[] shape, int axis, boolean index) {
        checkComparable(x);
        int len = shape[axis];
        int inner = 1;
        for (int i = axis + 1; i < shape.length; i++) {
            inner *= shape[i];
        }
        int outer = y.length / inner;
        for (int o = 0; o < outer; o++) {
            int base = o * len * inner;
            for (int i = 0; i < inner; i++) {
                long m = x[base + i];
                int at = 0;
                for (int j = 1, p = base + inner + i; j < len; j++, p += inner) {
                    if (x[p] > m) {
                        m = x[p];
                        at = j;
                    }
                }
                y[o * inner + i] = index ? at : m;
            }
        }
    }

    /**
     * Checks that every entry is a 16-bit signed value, as the proof's comparisons require.
     *
     * @throws IllegalArgumentException if one is not
     */
    static void checkComparable(long[] x) {
        for (int i = 0; i < x.length; i++) {
            if (x[i] < MIN16 || x[i] >= MAX16) {
                throw new IllegalArgumentException("input " + x[i] + " at index " + i
                        + " leaves the compared range [-32768, 32768)");
            }
        }
    }
}
