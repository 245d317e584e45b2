package io.zkinfer.model.quant;

import java.util.List;

/**
 * Data movement: every op here copies entries, expressed as a strided gather (each output
 * coordinate reads one input offset) or a strided scatter.
 */
final class IntMovementKernels {
    private IntMovementKernels() {}

    /** Row-major strides of a shape. */
    static int[] strides(int[] shape) {
        int[] s = new int[shape.length];
        int n = 1;
        for (int i = shape.length - 1; i >= 0; i--) {
            s[i] = n;
            n *= shape[i];
        }
        return s;
    }

    /** y[k] = x[base + sum_i c_i strides[i]], for the k-th coordinate c of shape in row-major order. */
    static void gather(long[] y, long[] x, int[] shape, int[] strides, int base) {
        if (shape.length == 0) {
            y[0] = x[base];
            return;
        }
        int last = shape.length - 1;
        int n = shape[last];
        int s = strides[last];
        int[] c = new int[shape.length];
        int off = base;
        for (int k = 0;;) {
            for (int j = 0, p = off; j < n; j++, p += s) {
                y[k++] = x[p];
            }
            if (advance(c, shape, last - 1) < 0) {
                return;
            }
            off = base + offset(c, strides);
        }
    }

    /** y[base + sum_i c_i strides[i]] += x[k], for the k-th coordinate c of shape in row-major order. */
    static void scatterAdd(long[] y, long[] x, int[] shape, int[] strides, int base) {
        if (shape.length == 0) {
            y[base] += x[0];
            return;
        }
        int last = shape.length - 1;
        int n = shape[last];
        int s = strides[last];
        int[] c = new int[shape.length];
        int off = base;
        for (int k = 0;;) {
            for (int j = 0, p = off; j < n; j++, p += s) {
                y[p] += x[k++];
            }
            if (advance(c, shape, last - 1) < 0) {
                return;
            }
            off = base + offset(c, strides);
        }
    }

    /** Odometer step over axes 0..from; returns the axis advanced, or -1 when all wrapped. */
    private static int advance(int[] c, int[] shape, int from) {
        for (int a = from; a >= 0; a--) {
            if (++c[a] < shape[a]) {
                return a;
            }
            c[a] = 0;
        }
        return -1;
    }

    private static int offset(int[] c, int[] strides) {
        int off = 0;
        for (int i = 0; i < c.length; i++) {
            off += c[i] * strides[i];
        }
        return off;
    }

    /** Output axis i is input axis perm[i]. */
    static void transpose(long[] y, long[] x, int[] xs, int[] perm) {
        int[] in = strides(xs);
        int[] shape = new int[perm.length];
        int[] s = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            shape[i] = xs[perm[i]];
            s[i] = in[perm[i]];
        }
        gather(y, x, shape, s, 0);
    }

    /** y[c] = x[start + c step] per axis. */
    static void slice(long[] y, long[] x, int[] xs, int[] start, int[] step, int[] size) {
        int[] in = strides(xs);
        int[] s = new int[xs.length];
        int base = 0;
        for (int i = 0; i < xs.length; i++) {
            s[i] = in[i] * step[i];
            base += start[i] * in[i];
        }
        gather(y, x, size, s, base);
    }

    /** Zero padding into a zeroed y [ys]: x's entry c lands at c + before. */
    static void pad(long[] y, long[] x, int[] xs, int[] before, int[] ys) {
        int[] out = strides(ys);
        int base = 0;
        for (int i = 0; i < xs.length; i++) {
            base += before[i] * out[i];
        }
        scatterAdd(y, x, xs, out, base);
    }

    /** numpy broadcasting of x [xs] to ys (same rank; each dimension of xs 1 or equal). */
    static void broadcast(long[] y, long[] x, int[] xs, int[] ys) {
        int[] s = strides(xs);
        for (int i = 0; i < xs.length; i++) {
            if (xs[i] == 1) {
                s[i] = 0;
            }
        }
        gather(y, x, ys, s, 0);
    }

    /** Entries of {@code axis} picked by indices. */
    static void gather(long[] y, long[] x, int[] xs, int axis, int[] indices) {
        int len = xs[axis];
        int inner = 1;
        for (int i = axis + 1; i < xs.length; i++) {
            inner *= xs[i];
        }
        int outer = x.length / (len * inner);
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < indices.length; j++) {
                System.arraycopy(x, (o * len + indices[j]) * inner, y, (o * indices.length + j) * inner, inner);
            }
        }
    }

    /** The inputs joined along {@code axis}. */
    static void concat(long[] y, List<long[]> parts, List<int[]> shapes, int axis) {
        int[] s0 = shapes.getFirst();
        int inner = 1;
        for (int i = axis + 1; i < s0.length; i++) {
            inner *= s0[i];
        }
        int outer = 1;
        for (int i = 0; i < axis; i++) {
            outer *= s0[i];
        }
        int k = 0;
        for (int o = 0; o < outer; o++) {
            for (int t = 0; t < parts.size(); t++) {
                int block = shapes.get(t)[axis] * inner;
                System.arraycopy(parts.get(t), o * block, y, k, block);
                k += block;
            }
        }
    }
}
