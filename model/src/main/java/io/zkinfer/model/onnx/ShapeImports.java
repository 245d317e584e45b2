package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Converters for data-movement ops. Their shape and index arguments (attributes in older opsets,
 * constant INT64 inputs in newer ones) are resolved into the IR's explicit records: Flatten,
 * Squeeze and Unsqueeze become Reshape, Split becomes one Slice per output, Shape a constant.
 */
final class ShapeImports {
    private ShapeImports() {}

    static void reshape(ImportedNode n) throws ModelException {
        int[] in = n.shape(0);
        long[] target = n.constantInts(1, "the target shape");
        boolean allowZero = n.attrs.getBool("allowzero", false);
        int[] shape = new int[target.length];
        int inferred = -1;
        long known = 1;
        for (int i = 0; i < target.length; i++) {
            long t = target[i];
            if (t == 0 && !allowZero) {
                if (i >= in.length) {
                    throw n.attrs.invalid("shape entry 0 at " + i + " copies a dimension the input lacks");
                }
                t = in[i];
            }
            if (t == -1) {
                if (inferred >= 0) {
                    throw n.attrs.invalid("more than one -1 in shape " + Arrays.toString(target));
                }
                inferred = i;
                continue;
            }
            if (t < 0 || t > Integer.MAX_VALUE) {
                throw n.attrs.invalid("bad shape entry " + t + " in " + Arrays.toString(target));
            }
            shape[i] = (int) t;
            known *= t;
        }
        if (inferred >= 0) {
            if (known == 0 || Shapes.size(in) % known != 0) {
                throw n.attrs.invalid("cannot infer -1 reshaping " + Shapes.format(in) + " to " + Arrays.toString(target));
            }
            shape[inferred] = (int) (Shapes.size(in) / known);
        }
        n.emit(new Op.Reshape(shape), List.of(n.input(0)));
    }

    static void flatten(ImportedNode n) throws ModelException {
        int[] in = n.shape(0);
        long axis = n.attrs.getInt("axis", 1);
        if (axis < -in.length || axis > in.length) {
            throw n.attrs.invalid("axis " + axis + " out of range for rank " + in.length);
        }
        int a = (int) (axis < 0 ? axis + in.length : axis);
        int outer = Shapes.size(Arrays.copyOfRange(in, 0, a));
        n.emit(new Op.Reshape(new int[] {outer, Shapes.size(in) / Math.max(1, outer)}), List.of(n.input(0)));
    }

    /** Squeeze: axes attribute before opset 13, optional input from 13; none means all 1s. */
    static void squeeze(ImportedNode n) throws ModelException {
        int[] in = n.shape(0);
        long[] axes = n.opset() < 13 ? n.attrs.getInts("axes")
                : n.hasInput(1) ? n.constantInts(1, "axes") : null;
        List<Integer> out = new ArrayList<>();
        int[] a = axes == null ? null : n.axes(axes, in.length);
        for (int d = 0; d < in.length; d++) {
            boolean squeezed = a == null ? in[d] == 1 : Arrays.binarySearch(a, d) >= 0;
            if (squeezed && in[d] != 1) {
                throw n.attrs.invalid("cannot squeeze axis " + d + " of size " + in[d]);
            }
            if (!squeezed) {
                out.add(in[d]);
            }
        }
        n.emit(new Op.Reshape(toInts(out)), List.of(n.input(0)));
    }

    /** Unsqueeze: axes attribute before opset 13, input from 13, relative to the output rank. */
    static void unsqueeze(ImportedNode n) throws ModelException {
        int[] in = n.shape(0);
        long[] axes = n.opset() < 13 ? n.attrs.getInts("axes") : n.constantInts(1, "axes");
        if (axes == null) {
            throw n.attrs.invalid("missing axes");
        }
        int rank = in.length + axes.length;
        int[] a = n.axes(axes, rank);
        int[] out = new int[rank];
        for (int d = 0, j = 0; d < rank; d++) {
            out[d] = Arrays.binarySearch(a, d) >= 0 ? 1 : in[j++];
        }
        n.emit(new Op.Reshape(out), List.of(n.input(0)));
    }

    static void transpose(ImportedNode n) throws ModelException {
        int rank = n.rank(0);
        int[] perm = n.attrs.getSmallInts("perm");
        if (perm == null) {
            perm = new int[rank];
            for (int i = 0; i < rank; i++) {
                perm[i] = rank - 1 - i;
            }
        }
        n.emit(new Op.Transpose(perm), List.of(n.input(0)));
    }

    static void concat(ImportedNode n) throws ModelException {
        if (!n.attrs.has("axis")) {
            throw n.attrs.invalid("missing axis");
        }
        int axis = n.axis(n.attrs.getInt("axis", 0), n.rank(0));
        List<String> in = new ArrayList<>();
        for (int i = 0; i < n.proto.getInputCount(); i++) {
            in.add(n.input(i));
        }
        n.emit(new Op.Concat(axis), in);
    }

    /** Slice: attributes before opset 10, constant inputs (starts, ends, axes, steps) from 10. */
    static void slice(ImportedNode n) throws ModelException {
        int[] in = n.shape(0);
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (n.opset() < 10) {
            starts = n.attrs.getInts("starts");
            ends = n.attrs.getInts("ends");
            axes = n.attrs.getInts("axes");
        } else {
            starts = n.constantInts(1, "starts");
            ends = n.constantInts(2, "ends");
            axes = n.hasInput(3) ? n.constantInts(3, "axes") : null;
            steps = n.hasInput(4) ? n.constantInts(4, "steps") : null;
        }
        if (starts == null || ends == null || starts.length != ends.length
                || (axes != null && axes.length != starts.length) || (steps != null && steps.length != starts.length)) {
            throw n.attrs.invalid("starts, ends, axes and steps must have equal lengths");
        }
        int[] outStarts = new int[in.length];
        int[] outSteps = new int[in.length];
        int[] sizes = in.clone();
        Arrays.fill(outSteps, 1);
        boolean[] seen = new boolean[in.length];
        for (int i = 0; i < starts.length; i++) {
            int axis = n.axis(axes == null ? i : axes[i], in.length);
            if (seen[axis]) {
                throw n.attrs.invalid("axis " + axis + " sliced twice");
            }
            seen[axis] = true;
            long step = steps == null ? 1 : steps[i];
            if (step == 0 || Math.abs(step) > Integer.MAX_VALUE) {
                throw n.attrs.invalid("step " + step + " out of range");
            }
            long dim = in[axis];
            long s = starts[i] < 0 ? starts[i] + dim : starts[i];
            long e = ends[i] < 0 ? ends[i] + dim : ends[i];
            long size;
            if (step > 0) {
                s = Math.clamp(s, 0, dim);
                e = Math.clamp(e, 0, dim);
                size = e > s ? (e - s + step - 1) / step : 0;
            } else {
                s = Math.clamp(s, 0, dim - 1);
                e = Math.clamp(e, -1, dim - 1);
                size = s > e ? (s - e - step - 1) / -step : 0;
            }
            outStarts[axis] = size == 0 ? 0 : (int) s;
            outSteps[axis] = (int) step;
            sizes[axis] = (int) size;
        }
        n.emit(new Op.Slice(outStarts, outSteps, sizes), List.of(n.input(0)));
    }

    /** Gather with constant indices (negative ones count from the end). */
    static void gather(ImportedNode n) throws ModelException {
        int[] in = n.shape(0);
        int axis = n.axis(n.attrs.getInt("axis", 0), in.length);
        Tensor idx = n.constantInput(1, "the indices");
        if (idx.type() != ElementType.INT64) {
            throw n.unsupported("indices of type " + idx.type(), "use INT64 indices");
        }
        int[] indices = new int[idx.size()];
        for (int i = 0; i < indices.length; i++) {
            long v = (long) idx.get(i);
            if (v < -in[axis] || v >= in[axis]) {
                throw n.attrs.invalid("index " + v + " out of range for axis " + axis + " of size " + in[axis]);
            }
            indices[i] = (int) (v < 0 ? v + in[axis] : v);
        }
        n.emit(new Op.Gather(axis, indices, idx.shape()), List.of(n.input(0)));
    }

    /** Split into one Slice per output: sizes from the attribute (before 13), input, or equal parts. */
    static void split(ImportedNode n) throws ModelException {
        int[] in = n.shape(0);
        int axis = n.axis(n.attrs.getInt("axis", 0), in.length);
        int outputs = n.proto.getOutputCount();
        long[] split = n.opset() < 13 ? n.attrs.getInts("split") : n.hasInput(1) ? n.constantInts(1, "split") : null;
        if (split == null) {
            if (outputs == 0 || in[axis] % outputs != 0) {
                throw n.attrs.invalid("axis of size " + in[axis] + " does not split into " + outputs + " equal parts");
            }
            split = new long[outputs];
            Arrays.fill(split, in[axis] / outputs);
        }
        long total = 0;
        for (long s : split) {
            if (s < 0) {
                throw n.attrs.invalid("negative split size " + s);
            }
            total += s;
        }
        if (split.length != outputs || total != in[axis]) {
            throw n.attrs.invalid("split " + Arrays.toString(split) + " does not cover axis " + axis + " of size "
                    + in[axis] + " with " + outputs + " outputs");
        }
        int offset = 0;
        for (int i = 0; i < outputs; i++) {
            int[] starts = new int[in.length];
            int[] steps = new int[in.length];
            int[] sizes = in.clone();
            Arrays.fill(steps, 1);
            starts[axis] = split[i] == 0 ? 0 : offset;
            sizes[axis] = (int) split[i];
            n.ctx.emit(n.name + "/" + i, new Op.Slice(starts, steps, sizes), List.of(n.input(0)), n.output(i));
            offset += (int) split[i];
        }
    }

    /** Pad: attributes before opset 11, constant inputs (pads, constant_value) from 11. */
    static void pad(ImportedNode n) throws ModelException {
        int rank = n.rank(0);
        String mode = n.attrs.getString("mode", "constant");
        int[] pads;
        double value = 0;
        if (n.opset() < 11) {
            pads = n.attrs.getSmallInts("pads");
            value = n.attrs.getFloat("value", 0);
        } else {
            long[] p = n.constantInts(1, "pads");
            pads = new int[p.length];
            for (int i = 0; i < p.length; i++) {
                pads[i] = (int) Math.clamp(p[i], Integer.MIN_VALUE, Integer.MAX_VALUE);
            }
            if (n.hasInput(2)) {
                Tensor v = n.constantInput(2, "constant_value");
                if (v.size() != 1) {
                    throw n.attrs.invalid("constant_value must be a scalar");
                }
                value = v.get(0);
            }
            if (n.hasInput(3)) {
                throw n.unsupported("Pad with an axes input", "pad all axes");
            }
        }
        if (pads == null || pads.length != 2 * rank) {
            throw n.attrs.invalid("pads must have " + 2 * rank + " entries");
        }
        Op.PadMode m = switch (mode) {
            case "constant" -> Op.PadMode.CONSTANT;
            case "reflect" -> Op.PadMode.REFLECT;
            case "edge" -> Op.PadMode.EDGE;
            default -> throw n.unsupported("Pad mode '" + mode + "'", "use constant, reflect or edge");
        };
        n.emit(new Op.Pad(pads, m, value), List.of(n.input(0)));
    }

    /** Shape: shapes are static, so the result is a constant (start and end from opset 15). */
    static void shape(ImportedNode n) throws ModelException {
        int[] in = n.shape(0);
        int rank = in.length;
        long start = n.attrs.getInt("start", 0);
        long end = n.attrs.getInt("end", rank);
        start = Math.clamp(start < 0 ? start + rank : start, 0, rank);
        end = Math.clamp(end < 0 ? end + rank : end, 0, rank);
        long[] dims = new long[(int) Math.max(0, end - start)];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = in[(int) start + i];
        }
        n.ctx.defineConstant(n.output(0), Tensor.ofLongs(new int[] {dims.length}, dims), n.where);
    }

    private static int[] toInts(List<Integer> l) {
        int[] a = new int[l.size()];
        for (int i = 0; i < a.length; i++) {
            a[i] = l.get(i);
        }
        return a;
    }
}
