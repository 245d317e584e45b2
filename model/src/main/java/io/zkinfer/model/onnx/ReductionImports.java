package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import java.util.List;

/** Converters for reductions (ReduceSum, ReduceMean, ReduceMax, ArgMax) and LayerNormalization. */
final class ReductionImports {
    private ReductionImports() {}

    enum Reduce { SUM, MEAN, MAX }

    /**
     * A reduction. Axes come from the attribute, or (ReduceSum from opset 13) an optional
     * constant input; none means all axes, unless noop_with_empty_axes makes it the identity.
     */
    static void reduce(ImportedNode n, Reduce kind) throws ModelException {
        int rank = n.rank(0);
        boolean keep = n.attrs.getBool("keepdims", true);
        boolean axesAsInput = kind == Reduce.SUM && n.opset() >= 13;
        long[] axes = axesAsInput ? (n.hasInput(1) ? n.constantInts(1, "axes") : null) : n.attrs.getInts("axes");
        boolean noop = axesAsInput && n.attrs.getBool("noop_with_empty_axes", false);
        if (axes == null || axes.length == 0) {
            if (noop) {
                ArithmeticImports.forward(n);
                return;
            }
            axes = new long[rank];
            for (int i = 0; i < rank; i++) {
                axes[i] = i;
            }
        }
        int[] a = n.axes(axes, rank);
        Op op = switch (kind) {
            case SUM -> new Op.ReduceSum(a, keep);
            case MEAN -> new Op.ReduceMean(a, keep);
            case MAX -> new Op.ReduceMax(a, keep);
        };
        n.emit(op, List.of(n.input(0)));
    }

    static void argMax(ImportedNode n) throws ModelException {
        int rank = n.rank(0);
        int axis = n.axis(n.attrs.getInt("axis", 0), rank);
        boolean keep = n.attrs.getBool("keepdims", true);
        boolean last = n.attrs.getBool("select_last_index", false);
        n.emit(new Op.ArgMax(axis, keep, last), List.of(n.input(0)));
    }

    /**
     * LayerNormalization (opset 17). Its optional Mean and InvStdDev outputs, when read, are
     * computed by separate IR nodes (ReduceMean, Sub, Mul, Add, Sqrt, Div) so that the IR's
     * LayerNormalization keeps one output.
     */
    static void layerNorm(ImportedNode n) throws ModelException {
        int rank = n.rank(0);
        int axis = n.axis(n.attrs.getInt("axis", -1), rank);
        double eps = n.attrs.getFloat("epsilon", 1e-5);
        n.attrs.getInt("stash_type", 1);
        if (!(eps > 0)) {
            throw n.attrs.invalid("epsilon " + eps + " must be positive");
        }
        List<String> in = n.hasInput(2) ? List.of(n.input(0), n.input(1), n.input(2)) : List.of(n.input(0), n.input(1));
        n.emit(new Op.LayerNormalization(axis, eps), in);
        if (!n.ctx.isUsed(n.output(1)) && !n.ctx.isUsed(n.output(2))) {
            return;
        }
        int[] axes = new int[rank - axis];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = axis + i;
        }
        ImportContext ctx = n.ctx;
        String x = n.input(0);
        String mean = ctx.isUsed(n.output(1)) ? n.output(1) : ctx.fresh(n.output(0) + "/mean");
        ctx.emit(n.name + "/mean", new Op.ReduceMean(axes, true), List.of(x), mean);
        if (!ctx.isUsed(n.output(2))) {
            return;
        }
        String dev = ctx.fresh(n.output(0) + "/deviation");
        String sq = ctx.fresh(n.output(0) + "/square");
        String var = ctx.fresh(n.output(0) + "/variance");
        String epsName = ctx.fresh(n.output(0) + "/epsilon");
        String shifted = ctx.fresh(n.output(0) + "/variance_eps");
        String std = ctx.fresh(n.output(0) + "/stddev");
        String one = ctx.fresh(n.output(0) + "/one");
        ctx.defineConstant(epsName, Tensor.scalar(eps), n.where);
        ctx.defineConstant(one, Tensor.scalar(1), n.where);
        ctx.emit(n.name + "/deviation", new Op.Sub(), List.of(x, mean), dev);
        ctx.emit(n.name + "/square", new Op.Mul(), List.of(dev, dev), sq);
        ctx.emit(n.name + "/variance", new Op.ReduceMean(axes, true), List.of(sq), var);
        ctx.emit(n.name + "/variance_eps", new Op.Add(), List.of(var, epsName), shifted);
        ctx.emit(n.name + "/stddev", new Op.Sqrt(), List.of(shifted), std);
        ctx.emit(n.name + "/inv_stddev", new Op.Div(), List.of(one, std), n.output(2));
    }
}
