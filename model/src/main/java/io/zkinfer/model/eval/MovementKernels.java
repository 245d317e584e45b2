package io.zkinfer.model.eval;

import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import java.util.List;

/** Data movement: each output element is one input element (or a pad value). */
final class MovementKernels {
    private MovementKernels() {}

    static Tensor reshape(Op.Reshape r, Tensor x) {
        return Tensor.of(x.type(), r.shape(), x.toDoubleArray());
    }

    static Tensor transpose(Op.Transpose t, Tensor x) {
        int[] perm = t.perm();
        int[] xs = x.shape();
        int[] inStrides = Shapes.strides(xs);
        int[] shape = new int[perm.length];
        int[] strides = new int[perm.length];
        for (int i = 0; i < perm.length; i++) {
            shape[i] = xs[perm[i]];
            strides[i] = inStrides[perm[i]];
        }
        return gatherBy(x, shape, strides, 0);
    }

    static Tensor concat(Op.Concat c, List<Tensor> in) {
        int axis = c.axis();
        int[] shape = in.getFirst().shape();
        shape[axis] = 0;
        for (Tensor t : in) {
            shape[axis] += t.dim(axis);
        }
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= shape[d];
        }
        double[] out = new double[Shapes.size(shape)];
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (Tensor t : in) {
                int chunk = t.size() / Math.max(1, outer);
                for (int i = 0; i < chunk; i++) {
                    out[pos++] = t.get(o * chunk + i);
                }
            }
        }
        return Tensor.of(in.getFirst().type(), shape, out);
    }

    static Tensor pad(Op.Pad p, Tensor x) {
        int[] xs = x.shape();
        int n = xs.length;
        int[] pads = p.pads();
        int[] shape = new int[n];
        for (int d = 0; d < n; d++) {
            shape[d] = xs[d] + pads[d] + pads[n + d];
        }
        int[] inStrides = Shapes.strides(xs);
        double[] out = new double[Shapes.size(shape)];
        int[] c = new int[n];
        for (int i = 0; i < out.length; i++) {
            Index.unravel(i, shape, c);
            int off = 0;
            boolean inside = true;
            for (int d = 0; d < n && inside; d++) {
                int pos = c[d] - pads[d];
                if (pos < 0 || pos >= xs[d]) {
                    switch (p.mode()) {
                        case CONSTANT -> inside = false;
                        case EDGE -> pos = pos < 0 ? 0 : xs[d] - 1;
                        case REFLECT -> pos = pos < 0 ? -pos : 2 * (xs[d] - 1) - pos;
                    }
                }
                off += pos * inStrides[d];
            }
            out[i] = inside ? x.get(off) : p.value();
        }
        return Tensor.of(x.type(), shape, out);
    }

    static Tensor slice(Op.Slice s, Tensor x) {
        int[] starts = s.starts();
        int[] steps = s.steps();
        int[] inStrides = Shapes.strides(x.shape());
        int[] strides = new int[starts.length];
        int base = 0;
        for (int d = 0; d < starts.length; d++) {
            strides[d] = steps[d] * inStrides[d];
            base += s.sizes()[d] == 0 ? 0 : starts[d] * inStrides[d];
        }
        return gatherBy(x, s.sizes(), strides, base);
    }

    static Tensor gather(Op.Gather g, Tensor x) {
        int axis = g.axis();
        int[] xs = x.shape();
        int[] idx = g.indices();
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= xs[d];
        }
        int inner = 1;
        for (int d = axis + 1; d < xs.length; d++) {
            inner *= xs[d];
        }
        int[] idxShape = g.indicesShape();
        int[] shape = new int[xs.length - 1 + idxShape.length];
        System.arraycopy(xs, 0, shape, 0, axis);
        System.arraycopy(idxShape, 0, shape, axis, idxShape.length);
        System.arraycopy(xs, axis + 1, shape, axis + idxShape.length, xs.length - axis - 1);
        double[] out = new double[outer * idx.length * inner];
        int pos = 0;
        for (int o = 0; o < outer; o++) {
            for (int i : idx) {
                for (int j = 0; j < inner; j++) {
                    out[pos++] = x.get((o * xs[axis] + i) * inner + j);
                }
            }
        }
        return Tensor.of(x.type(), shape, out);
    }

    /** out[c] = x[base + sum c[d] * strides[d]] for every coordinate c of {@code shape}. */
    private static Tensor gatherBy(Tensor x, int[] shape, int[] strides, int base) {
        double[] out = new double[Shapes.size(shape)];
        int[] c = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            Index.unravel(i, shape, c);
            out[i] = x.get(base + Index.ravel(c, strides));
        }
        return Tensor.of(x.type(), shape, out);
    }
}
