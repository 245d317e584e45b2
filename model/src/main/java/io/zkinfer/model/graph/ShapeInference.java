package io.zkinfer.model.graph;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.ModelException.Kind;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Output types and static shapes of every op, with the checks that make an op applicable to its
 * inputs (ranks, matching dimensions, indices in range). The evaluator relies on these checks:
 * once a node is in a graph, its kernel cannot index out of bounds.
 */
public final class ShapeInference {
    private ShapeInference() {}

    /**
     * The outputs of {@code op} applied to inputs of these types and shapes.
     *
     * @param outNames the output names to give
     * @param where the node, for messages
     * @throws ModelException INVALID_MODEL when the op does not apply to such inputs
     */
    public static List<TensorInfo> infer(Op op, List<TensorInfo> in, List<String> outNames, String where)
            throws ModelException {
        Check c = new Check(where);
        int outputsExpected = 1;
        c.require(outNames.size() == outputsExpected, "expects " + outputsExpected + " output, got " + outNames.size());
        int[][] s = new int[in.size()][];
        for (int i = 0; i < s.length; i++) {
            s[i] = in.get(i).shape();
        }
        ElementType type = in.isEmpty() ? ElementType.FLOAT : in.getFirst().type();
        int[] out = switch (op) {
            case Op.Gemm g -> gemm(g, s, c);
            case Op.MatMul m -> matMul(s, c);
            case Op.Conv conv -> conv(conv, s, c);
            case Op.Add a -> binary(in, s, c);
            case Op.Sub a -> binary(in, s, c);
            case Op.Mul a -> binary(in, s, c);
            case Op.Div a -> binary(in, s, c);
            case Op.AveragePool p -> pool(p.kernel(), p.strides(), p.pads(), ones(p.kernel().length), p.ceilMode(), s, c);
            case Op.MaxPool p -> pool(p.kernel(), p.strides(), p.pads(), p.dilations(), p.ceilMode(), s, c);
            case Op.GlobalAveragePool g -> globalPool(s, c);
            case Op.BatchNormalization b -> batchNorm(s, c);
            case Op.ReduceSum r -> reduce(r.axes(), r.keepDims(), s, c);
            case Op.ReduceMean r -> reduce(r.axes(), r.keepDims(), s, c);
            case Op.ReduceMax r -> reduce(r.axes(), r.keepDims(), s, c);
            case Op.ArgMax a -> {
                type = ElementType.INT64;
                yield reduce(new int[] {a.axis()}, a.keepDims(), s, c);
            }
            case Op.Relu o -> unary(s, c);
            case Op.LeakyRelu o -> unary(s, c);
            case Op.Sigmoid o -> unary(s, c);
            case Op.Tanh o -> unary(s, c);
            case Op.Exp o -> unary(s, c);
            case Op.Erf o -> unary(s, c);
            case Op.Gelu o -> unary(s, c);
            case Op.Sqrt o -> unary(s, c);
            case Op.Pow o -> unary(s, c);
            case Op.Clip o -> unary(s, c);
            case Op.Identity o -> unary(s, c);
            case Op.Cast cast -> {
                type = cast.to();
                yield unary(s, c);
            }
            case Op.Reshape r -> reshape(r.shape(), s, c);
            case Op.Transpose t -> transpose(t.perm(), s, c);
            case Op.Concat cat -> concat(cat.axis(), in, s, c);
            case Op.Pad p -> pad(p, s, c);
            case Op.Slice sl -> slice(sl, s, c);
            case Op.Gather g -> gather(g, s, c);
            case Op.Softmax sm -> {
                c.arity(s, 1, 1);
                c.axis(sm.axis(), s[0].length);
                yield s[0];
            }
            case Op.LayerNormalization ln -> layerNorm(ln, s, c);
        };
        if (!(op instanceof Op.Cast || op instanceof Op.Identity || op instanceof Op.Concat
                || op instanceof Op.Reshape || op instanceof Op.Transpose || op instanceof Op.Slice
                || op instanceof Op.Gather || op instanceof Op.Pad || isArithmetic(op))) {
            for (TensorInfo t : in) {
                c.require(t.type() == ElementType.FLOAT, "input '" + t.name() + "' is " + t.type() + ", expected FLOAT");
            }
        }
        return List.of(new TensorInfo(outNames.getFirst(), type, out));
    }

    private static boolean isArithmetic(Op op) {
        return op instanceof Op.Add || op instanceof Op.Sub || op instanceof Op.Mul || op instanceof Op.Div;
    }

    private static int[] unary(int[][] s, Check c) throws ModelException {
        c.arity(s, 1, 1);
        return s[0];
    }

    private static int[] binary(List<TensorInfo> in, int[][] s, Check c) throws ModelException {
        c.arity(s, 2, 2);
        c.require(in.get(0).type() == in.get(1).type(), "operand types differ: " + in.get(0) + " and " + in.get(1));
        int[] out = Shapes.broadcast(s[0], s[1]);
        c.require(out != null, "shapes " + Shapes.format(s[0]) + " and " + Shapes.format(s[1]) + " do not broadcast");
        return out;
    }

    private static int[] gemm(Op.Gemm g, int[][] s, Check c) throws ModelException {
        c.arity(s, 2, 3);
        c.require(s[0].length == 2 && s[1].length == 2, "A and B must be matrices, got "
                + Shapes.format(s[0]) + " and " + Shapes.format(s[1]));
        int m = g.transA() ? s[0][1] : s[0][0];
        int k = g.transA() ? s[0][0] : s[0][1];
        int kb = g.transB() ? s[1][1] : s[1][0];
        int n = g.transB() ? s[1][0] : s[1][1];
        c.require(k == kb, "inner dimensions differ: " + k + " and " + kb);
        int[] out = {m, n};
        if (s.length == 3) {
            c.require(Arrays.equals(Shapes.broadcast(s[2], out), out),
                    "C " + Shapes.format(s[2]) + " does not broadcast to " + Shapes.format(out));
        }
        return out;
    }

    private static int[] matMul(int[][] s, Check c) throws ModelException {
        c.arity(s, 2, 2);
        int[] a = s[0].length == 1 ? new int[] {1, s[0][0]} : s[0];
        int[] b = s[1].length == 1 ? new int[] {s[1][0], 1} : s[1];
        c.require(a.length >= 2 && b.length >= 2, "operands must have rank at least 1");
        c.require(a[a.length - 1] == b[b.length - 2], "inner dimensions differ: "
                + Shapes.format(s[0]) + " x " + Shapes.format(s[1]));
        int[] batch = Shapes.broadcast(Arrays.copyOf(a, a.length - 2), Arrays.copyOf(b, b.length - 2));
        c.require(batch != null, "batch dimensions do not broadcast: " + Shapes.format(s[0]) + " x " + Shapes.format(s[1]));
        List<Integer> out = new ArrayList<>();
        for (int d : batch) {
            out.add(d);
        }
        if (s[0].length > 1) {
            out.add(a[a.length - 2]);
        }
        if (s[1].length > 1) {
            out.add(b[b.length - 1]);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] conv(Op.Conv conv, int[][] s, Check c) throws ModelException {
        c.arity(s, 2, 3);
        int[] x = s[0];
        int[] w = s[1];
        int n = conv.kernel().length;
        c.require(x.length == n + 2 && w.length == n + 2, "X " + Shapes.format(x) + " and W " + Shapes.format(w)
                + " must have rank " + (n + 2) + " for a " + n + "-d kernel");
        c.require(w[1] * conv.group() == x[1], "W has " + w[1] + " input channels per group, X has " + x[1]
                + " channels in " + conv.group() + " groups");
        c.require(w[0] % conv.group() == 0, "output channels " + w[0] + " not divisible by group " + conv.group());
        c.require(Arrays.equals(Arrays.copyOfRange(w, 2, w.length), conv.kernel()),
                "kernel_shape " + Shapes.format(conv.kernel()) + " differs from W " + Shapes.format(w));
        if (s.length == 3) {
            c.require(Arrays.equals(s[2], new int[] {w[0]}), "bias B must have shape [" + w[0] + "]");
        }
        int[] out = new int[n + 2];
        out[0] = x[0];
        out[1] = w[0];
        int[] spatial = windows(conv.kernel(), conv.strides(), conv.pads(), conv.dilations(), false, x, c);
        System.arraycopy(spatial, 0, out, 2, n);
        return out;
    }

    private static int[] pool(int[] k, int[] st, int[] pads, int[] dil, boolean ceil, int[][] s, Check c)
            throws ModelException {
        c.arity(s, 1, 1);
        c.require(s[0].length == k.length + 2, "X " + Shapes.format(s[0]) + " must have rank " + (k.length + 2));
        int[] out = s[0].clone();
        int[] spatial = windows(k, st, pads, dil, ceil, s[0], c);
        System.arraycopy(spatial, 0, out, 2, k.length);
        return out;
    }

    /** Output sizes of a sliding window over the spatial axes (2..) of x. */
    static int[] windows(int[] k, int[] st, int[] pads, int[] dil, boolean ceil, int[] x, Check c)
            throws ModelException {
        int n = k.length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int in = x[i + 2];
            int span = dil[i] * (k[i] - 1) + 1;
            int room = in + pads[i] + pads[n + i] - span;
            c.require(room >= 0, "window " + span + " larger than padded input " + (in + pads[i] + pads[n + i])
                    + " on spatial axis " + i);
            int o = (ceil ? Math.ceilDiv(room, st[i]) : room / st[i]) + 1;
            if (ceil && (o - 1) * st[i] >= in + pads[i]) {
                o--; // the last window would start in the end padding
            }
            out[i] = o;
        }
        return out;
    }

    private static int[] globalPool(int[][] s, Check c) throws ModelException {
        c.arity(s, 1, 1);
        c.require(s[0].length >= 3, "X must be [N, C, spatial...], got " + Shapes.format(s[0]));
        int[] out = s[0].clone();
        Arrays.fill(out, 2, out.length, 1);
        return out;
    }

    private static int[] batchNorm(int[][] s, Check c) throws ModelException {
        c.arity(s, 5, 5);
        c.require(s[0].length >= 2, "X must be [N, C, ...], got " + Shapes.format(s[0]));
        for (int i = 1; i < 5; i++) {
            c.require(Arrays.equals(s[i], new int[] {s[0][1]}), "parameter " + i + " must have shape [" + s[0][1]
                    + "], got " + Shapes.format(s[i]));
        }
        return s[0];
    }

    private static int[] reduce(int[] axes, boolean keep, int[][] s, Check c) throws ModelException {
        c.arity(s, 1, 1);
        int[] x = s[0];
        List<Integer> out = new ArrayList<>();
        for (int a : axes) {
            c.axis(a, x.length);
        }
        for (int d = 0; d < x.length; d++) {
            boolean reduced = Arrays.binarySearch(axes, d) >= 0;
            if (!reduced) {
                out.add(x[d]);
            } else {
                c.require(x[d] > 0, "cannot reduce over the empty axis " + d);
                if (keep) {
                    out.add(1);
                }
            }
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    private static int[] reshape(int[] shape, int[][] s, Check c) throws ModelException {
        c.arity(s, 1, 1);
        for (int d : shape) {
            c.require(d >= 0, "negative dimension in target shape " + Shapes.format(shape));
        }
        c.require(Shapes.size(shape) == Shapes.size(s[0]), "cannot reshape " + Shapes.format(s[0]) + " to "
                + Shapes.format(shape));
        return shape;
    }

    private static int[] transpose(int[] perm, int[][] s, Check c) throws ModelException {
        c.arity(s, 1, 1);
        c.require(perm.length == s[0].length, "perm " + Shapes.format(perm) + " for rank " + s[0].length);
        boolean[] seen = new boolean[perm.length];
        int[] out = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            c.require(perm[i] >= 0 && perm[i] < perm.length && !seen[perm[i]], "perm " + Shapes.format(perm)
                    + " is not a permutation");
            seen[perm[i]] = true;
            out[i] = s[0][perm[i]];
        }
        return out;
    }

    private static int[] concat(int axis, List<TensorInfo> in, int[][] s, Check c) throws ModelException {
        c.arity(s, 1, Integer.MAX_VALUE);
        int[] out = s[0].clone();
        c.axis(axis, out.length);
        for (int i = 1; i < s.length; i++) {
            c.require(in.get(i).type() == in.getFirst().type(), "inputs of different types");
            c.require(s[i].length == out.length, "inputs of different ranks");
            for (int d = 0; d < out.length; d++) {
                c.require(d == axis || s[i][d] == out[d], "input " + i + " " + Shapes.format(s[i])
                        + " does not match " + Shapes.format(s[0]) + " off axis " + axis);
            }
            out[axis] += s[i][axis];
        }
        return out;
    }

    private static int[] pad(Op.Pad p, int[][] s, Check c) throws ModelException {
        c.arity(s, 1, 1);
        int[] x = s[0];
        int[] pads = p.pads();
        c.require(pads.length == 2 * x.length, "pads " + Shapes.format(pads) + " for rank " + x.length);
        int[] out = new int[x.length];
        for (int d = 0; d < x.length; d++) {
            out[d] = x[d] + pads[d] + pads[x.length + d];
            c.require(out[d] >= 0, "pads crop more than axis " + d + " holds");
            if (p.mode() == Op.PadMode.REFLECT) {
                c.require(pads[d] < x[d] && pads[x.length + d] < x[d], "reflect pads must be smaller than the axis");
            } else if (p.mode() == Op.PadMode.EDGE) {
                c.require(x[d] > 0 || out[d] == 0, "edge padding of an empty axis");
            }
        }
        return out;
    }

    private static int[] slice(Op.Slice sl, int[][] s, Check c) throws ModelException {
        c.arity(s, 1, 1);
        int[] x = s[0];
        int[] starts = sl.starts();
        int[] steps = sl.steps();
        int[] sizes = sl.sizes();
        c.require(starts.length == x.length, "slice of rank " + starts.length + " for input rank " + x.length);
        for (int d = 0; d < x.length; d++) {
            c.require(sizes[d] >= 0 && steps[d] != 0, "bad slice on axis " + d);
            if (sizes[d] > 0) {
                long last = starts[d] + (long) (sizes[d] - 1) * steps[d];
                c.require(starts[d] >= 0 && starts[d] < x[d] && last >= 0 && last < x[d],
                        "slice leaves axis " + d + " of size " + x[d]);
            }
        }
        return sizes;
    }

    private static int[] gather(Op.Gather g, int[][] s, Check c) throws ModelException {
        c.arity(s, 1, 1);
        int[] x = s[0];
        c.axis(g.axis(), x.length);
        int[] idxShape = g.indicesShape();
        c.require(Shapes.size(idxShape) == g.indices().length, "indices do not fill their shape");
        for (int i : g.indices()) {
            c.require(i >= 0 && i < x[g.axis()], "index " + i + " out of range for axis of size " + x[g.axis()]);
        }
        int[] out = new int[x.length - 1 + idxShape.length];
        System.arraycopy(x, 0, out, 0, g.axis());
        System.arraycopy(idxShape, 0, out, g.axis(), idxShape.length);
        System.arraycopy(x, g.axis() + 1, out, g.axis() + idxShape.length, x.length - g.axis() - 1);
        return out;
    }

    private static int[] layerNorm(Op.LayerNormalization ln, int[][] s, Check c) throws ModelException {
        c.arity(s, 2, 3);
        int[] x = s[0];
        c.axis(ln.axis(), x.length);
        int[] normalized = Arrays.copyOfRange(x, ln.axis(), x.length);
        for (int i = 1; i < s.length; i++) {
            c.require(Arrays.equals(Shapes.broadcast(s[i], normalized), normalized), "parameter " + i + " "
                    + Shapes.format(s[i]) + " does not broadcast to " + Shapes.format(normalized));
        }
        return x;
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }

    /** Raises INVALID_MODEL errors located at one node. */
    record Check(String where) {
        void require(boolean ok, String problem) throws ModelException {
            if (!ok) {
                throw new ModelException(Kind.INVALID_MODEL, problem, where, "fix the model or its input shapes");
            }
        }

        void arity(int[][] s, int min, int max) throws ModelException {
            require(s.length >= min && s.length <= max, "expects " + (min == max ? min : min + " to " + max)
                    + " inputs, got " + s.length);
        }

        void axis(int axis, int rank) throws ModelException {
            require(axis >= 0 && axis < rank, "axis " + axis + " out of range for rank " + rank);
        }
    }
}
