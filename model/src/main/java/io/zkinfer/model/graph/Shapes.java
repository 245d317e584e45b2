package io.zkinfer.model.graph;

import java.util.Arrays;

/**
 * Small helpers on shapes ({@code int[]}, outermost dimension first), shared by the importer, the
 * shape inference and the evaluator so that all three agree on sizes, strides and broadcasting.
 */
public final class Shapes {
    private Shapes() {}

    /** The number of elements: the product of the dimensions (1 for a scalar). */
    public static int size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new ArithmeticException("tensor too large: " + Arrays.toString(shape));
            }
        }
        return (int) n;
    }

    /** Row-major strides: {@code strides[i]} is the product of the dimensions after i. */
    public static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int acc = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= shape[i];
        }
        return s;
    }

    /**
     * The numpy broadcast of two shapes (align on the right; each pair of dimensions must be equal
     * or one of them 1), or null when they do not broadcast.
     */
    public static int[] broadcast(int[] a, int[] b) {
        int rank = Math.max(a.length, b.length);
        int[] out = new int[rank];
        for (int i = 0; i < rank; i++) {
            int da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            int db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da != db && da != 1 && db != 1) {
                return null;
            }
            out[i] = da == 1 ? db : da;
        }
        return out;
    }

    /**
     * Strides to read a tensor of shape {@code from} as if broadcast to {@code to}: 0 along the
     * dimensions it repeats. {@code to} must be a broadcast of {@code from}.
     */
    public static int[] broadcastStrides(int[] from, int[] to) {
        int[] own = strides(from);
        int[] s = new int[to.length];
        int offset = to.length - from.length;
        for (int i = offset; i < to.length; i++) {
            s[i] = from[i - offset] == 1 ? 0 : own[i - offset];
        }
        return s;
    }

    /** The shape as text, e.g. {@code [1, 3, 224, 224]}. */
    public static String format(int[] shape) {
        return Arrays.toString(shape);
    }
}
