package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.proto.Onnx.TensorProto;
import java.util.Arrays;
import java.util.List;

/** Converters for elementwise ops, matrix products, Softmax, Cast and the pass-through ops. */
final class ArithmeticImports {
    private ArithmeticImports() {}

    static void binary(ImportedNode n, Op op) throws ModelException {
        n.emit(op, List.of(n.input(0), n.input(1)));
    }

    static void unary(ImportedNode n, Op op) throws ModelException {
        n.emit(op, List.of(n.input(0)));
    }

    static void leakyRelu(ImportedNode n) throws ModelException {
        unary(n, new Op.LeakyRelu(n.attrs.getFloat("alpha", 0.01)));
    }

    /** Pow with a constant exponent that is the same for every element. */
    static void pow(ImportedNode n) throws ModelException {
        Tensor e = n.constantInput(1, "the exponent");
        int[] base = n.shape(0);
        if (!Arrays.equals(Shapes.broadcast(base, e.shape()), base)) {
            throw n.unsupported("exponent of shape " + Shapes.format(e.shape()) + " enlarges the base "
                    + Shapes.format(base), "use a scalar exponent");
        }
        for (int i = 1; i < e.size(); i++) {
            if (e.get(i) != e.get(0)) {
                throw n.unsupported("Pow with different exponents per element", "use a scalar exponent");
            }
        }
        if (e.size() == 0) {
            throw n.unsupported("Pow with an empty exponent", "use a scalar exponent");
        }
        unary(n, new Op.Pow(e.get(0)));
    }

    /** Clip: bounds are attributes before opset 11, optional constant inputs from 11. */
    static void clip(ImportedNode n) throws ModelException {
        double min = Double.NEGATIVE_INFINITY;
        double max = Double.POSITIVE_INFINITY;
        if (n.opset() < 11) {
            min = n.attrs.getFloat("min", min);
            max = n.attrs.getFloat("max", max);
        } else {
            if (n.hasInput(1)) {
                min = scalar(n, 1, "min");
            }
            if (n.hasInput(2)) {
                max = scalar(n, 2, "max");
            }
        }
        unary(n, new Op.Clip(min, max));
    }

    static void gemm(ImportedNode n) throws ModelException {
        Op.Gemm op = new Op.Gemm(n.attrs.getFloat("alpha", 1.0), n.attrs.getFloat("beta", 1.0),
                n.attrs.getBool("transA", false), n.attrs.getBool("transB", false));
        n.emit(op, n.hasInput(2) ? List.of(n.input(0), n.input(1), n.input(2)) : List.of(n.input(0), n.input(1)));
    }

    /**
     * Softmax. Before opset 13 it normalizes over all axes from {@code axis} on (default 1),
     * which the IR expresses as reshape to 2-D, softmax over the last axis, reshape back.
     */
    static void softmax(ImportedNode n) throws ModelException {
        int[] shape = n.shape(0);
        int rank = shape.length;
        if (n.opset() >= 13) {
            unary(n, new Op.Softmax(n.axis(n.attrs.getInt("axis", -1), rank)));
            return;
        }
        int axis = n.axis(n.attrs.getInt("axis", 1), Math.max(rank, 1));
        if (axis == rank - 1) {
            unary(n, new Op.Softmax(axis));
            return;
        }
        int outer = Shapes.size(Arrays.copyOfRange(shape, 0, axis));
        int inner = Shapes.size(Arrays.copyOfRange(shape, axis, rank));
        String flat = n.ctx.fresh(n.output(0) + "/2d");
        String soft = n.ctx.fresh(n.output(0) + "/softmax2d");
        n.ctx.emit(n.name + "/to2d", new Op.Reshape(new int[] {outer, inner}), List.of(n.input(0)), flat);
        n.ctx.emit(n.name, new Op.Softmax(1), List.of(flat), soft);
        n.ctx.emit(n.name + "/back", new Op.Reshape(shape), List.of(soft), n.output(0));
    }

    /** Cast between FLOAT and INT64; a cast to the same type forwards its input. */
    static void cast(ImportedNode n) throws ModelException {
        int to = n.attrs.getSmallInt("to", 0);
        ElementType target = switch (TensorProto.DataType.forNumber(to)) {
            case FLOAT -> ElementType.FLOAT;
            case INT64 -> ElementType.INT64;
            case null -> throw n.attrs.invalid("unknown data type code " + to);
            default -> throw n.unsupported("Cast to data type " + TensorProto.DataType.forNumber(to),
                    "zkinfer supports Cast between FLOAT and INT64");
        };
        if (n.info(0).type() == target) {
            forward(n);
        } else {
            unary(n, new Op.Cast(target));
        }
    }

    /** Identity, and Dropout in inference: the output is the input. */
    static void forward(ImportedNode n) throws ModelException {
        String out = n.output(0);
        if (n.ctx.isGraphOutput(out)) {
            n.emit(new Op.Identity(), List.of(n.input(0)));
        } else {
            n.ctx.alias(out, n.input(0), n.where);
        }
    }

    /** Dropout is the identity in inference; training mode and a used mask are refused. */
    static void dropout(ImportedNode n) throws ModelException {
        n.attrs.getFloat("ratio", 0.5);
        n.attrs.getInt("seed", 0);
        n.attrs.getInt("is_test", 1);
        if (n.hasInput(2)) {
            Tensor training = n.constantInput(2, "training_mode");
            if (training.size() != 1 || training.get(0) != 0) {
                throw n.unsupported("Dropout in training mode", "export the model in eval mode");
            }
        }
        if (n.hasInput(1)) {
            n.constantInput(1, "ratio");
        }
        n.requireUnusedOutputsFrom(1, "mask");
        forward(n);
    }

    /** Constant: its value becomes a constant tensor of the import. */
    static void constant(ImportedNode n) throws ModelException {
        Tensor value = n.attrs.getTensor("value");
        if (value == null && n.attrs.has("value_float")) {
            value = Tensor.scalar(n.attrs.getFloat("value_float", 0));
        }
        if (value == null && n.attrs.has("value_floats")) {
            float[] f = n.attrs.getFloats("value_floats");
            value = Tensor.ofFloats(new int[] {f.length}, f);
        }
        if (value == null && n.attrs.has("value_int")) {
            value = Tensor.ofLongs(new int[0], n.attrs.getInt("value_int", 0));
        }
        if (value == null && n.attrs.has("value_ints")) {
            long[] v = n.attrs.getInts("value_ints");
            value = Tensor.ofLongs(new int[] {v.length}, v);
        }
        if (value == null) {
            throw n.unsupported("Constant without a tensor, float or int value", "use a dense float or int64 value");
        }
        n.ctx.defineConstant(n.output(0), value, n.where);
    }

    private static double scalar(ImportedNode n, int i, String role) throws ModelException {
        Tensor t = n.constantInput(i, role);
        if (t.size() != 1) {
            throw n.attrs.invalid(role + " must be a scalar, got shape " + Shapes.format(t.shape()));
        }
        return t.get(0);
    }
}
