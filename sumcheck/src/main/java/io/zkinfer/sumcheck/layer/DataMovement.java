package io.zkinfer.sumcheck.layer;

import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Shape;
import java.util.Arrays;

/** The common data-movement operations as {@link Wiring} index maps. */
public final class DataMovement {
    private DataMovement() {}

    /** Same entries in row-major order, new dimensions (same logical size). */
    public static int reshape(CircuitBuilder cb, String name, int x, Shape shape) {
        Shape in = cb.get(x).shape();
        if (in.logicalSize() != shape.logicalSize()) {
            throw new IllegalArgumentException(name + ": cannot reshape " + in + " to " + shape);
        }
        int[] inIdx = in.logicalIndices();
        return Wiring.add(cb, name, "reshape", new int[] {x}, shape, c -> new int[] {0, inIdx[flat(shape, c)]});
    }

    /** Output dimension k is input dimension perm[k]. */
    public static int transpose(CircuitBuilder cb, String name, int x, int... perm) {
        Shape in = cb.get(x).shape();
        if (perm.length != in.rank()) {
            throw new IllegalArgumentException(name + ": permutation " + Arrays.toString(perm) + " for rank "
                    + in.rank());
        }
        int[] dims = new int[perm.length];
        for (int k = 0; k < perm.length; k++) {
            dims[k] = in.dim(perm[k]);
        }
        return Wiring.add(cb, name, "transpose", new int[] {x}, Shape.of(dims), c -> {
            int[] src = new int[c.length];
            for (int k = 0; k < c.length; k++) {
                src[perm[k]] = c[k];
            }
            return new int[] {0, in.index(src)};
        });
    }

    /** Joins tensors along {@code axis}; the other dimensions must agree. */
    public static int concat(CircuitBuilder cb, String name, int axis, int... xs) {
        Shape first = cb.get(xs[0]).shape();
        int[] dims = first.dims();
        int[] starts = new int[xs.length + 1];
        for (int i = 0; i < xs.length; i++) {
            Shape s = cb.get(xs[i]).shape();
            for (int k = 0; k < dims.length; k++) {
                if (k != axis && s.dim(k) != first.dim(k)) {
                    throw new IllegalArgumentException(name + ": cannot concatenate " + first + " and " + s
                            + " on axis " + axis);
                }
            }
            starts[i + 1] = starts[i] + s.dim(axis);
        }
        dims[axis] = starts[xs.length];
        return Wiring.add(cb, name, "concat", xs, Shape.of(dims), c -> {
            int i = 0;
            while (c[axis] >= starts[i + 1]) {
                i++;
            }
            int[] src = c.clone();
            src[axis] -= starts[i];
            return new int[] {i, cb.get(xs[i]).shape().index(src)};
        });
    }

    /** Entries start[k] + step[k] * t for t below the output size, per dimension. */
    public static int slice(CircuitBuilder cb, String name, int x, int[] start, int[] step, int[] size) {
        Shape in = cb.get(x).shape();
        for (int k = 0; k < in.rank(); k++) {
            long last = start[k] + (long) step[k] * (size[k] - 1);
            if (start[k] < 0 || start[k] >= in.dim(k) || last < 0 || last >= in.dim(k) || size[k] < 1) {
                throw new IllegalArgumentException(name + ": slice leaves dimension " + k + " of " + in);
            }
        }
        return Wiring.add(cb, name, "slice", new int[] {x}, Shape.of(size), c -> {
            int[] src = new int[c.length];
            for (int k = 0; k < c.length; k++) {
                src[k] = start[k] + step[k] * c[k];
            }
            return new int[] {0, in.index(src)};
        });
    }

    /** Zero padding: before[k] zeros ahead of dimension k and after[k] behind it. */
    public static int pad(CircuitBuilder cb, String name, int x, int[] before, int[] after) {
        Shape in = cb.get(x).shape();
        int[] dims = new int[in.rank()];
        for (int k = 0; k < dims.length; k++) {
            if (before[k] < 0 || after[k] < 0) {
                throw new IllegalArgumentException(name + ": negative padding");
            }
            dims[k] = in.dim(k) + before[k] + after[k];
        }
        return Wiring.add(cb, name, "pad", new int[] {x}, Shape.of(dims), c -> {
            int[] src = new int[c.length];
            for (int k = 0; k < c.length; k++) {
                src[k] = c[k] - before[k];
                if (src[k] < 0 || src[k] >= in.dim(k)) {
                    return null;
                }
            }
            return new int[] {0, in.index(src)};
        });
    }

    /** Picks entries along {@code axis} by constant indices (negative ones count from the end). */
    public static int gather(CircuitBuilder cb, String name, int x, int axis, int[] indices) {
        Shape in = cb.get(x).shape();
        int[] dims = in.dims();
        dims[axis] = indices.length;
        int[] idx = new int[indices.length];
        for (int i = 0; i < indices.length; i++) {
            idx[i] = indices[i] < 0 ? indices[i] + in.dim(axis) : indices[i];
            if (idx[i] < 0 || idx[i] >= in.dim(axis)) {
                throw new IllegalArgumentException(name + ": gather index " + indices[i] + " outside " + in.dim(axis));
            }
        }
        return Wiring.add(cb, name, "gather", new int[] {x}, Shape.of(dims), c -> {
            int[] src = c.clone();
            src[axis] = idx[c[axis]];
            return new int[] {0, in.index(src)};
        });
    }

    /** Repeats a tensor to a larger shape (numpy rules: dimensions of 1 repeat, leading ones added). */
    public static int broadcast(CircuitBuilder cb, String name, int x, Shape shape) {
        Shape in = cb.get(x).shape();
        int lead = shape.rank() - in.rank();
        for (int k = 0; k < in.rank(); k++) {
            if (lead < 0 || (in.dim(k) != 1 && in.dim(k) != shape.dim(lead + k))) {
                throw new IllegalArgumentException(name + ": cannot broadcast " + in + " to " + shape);
            }
        }
        return Wiring.add(cb, name, "broadcast", new int[] {x}, shape, c -> {
            int[] src = new int[in.rank()];
            for (int k = 0; k < src.length; k++) {
                src[k] = in.dim(k) == 1 ? 0 : c[lead + k];
            }
            return new int[] {0, in.index(src)};
        });
    }

    private static int flat(Shape s, int[] c) {
        int f = 0;
        for (int k = 0; k < c.length; k++) {
            f = f * s.dim(k) + c[k];
        }
        return f;
    }
}
