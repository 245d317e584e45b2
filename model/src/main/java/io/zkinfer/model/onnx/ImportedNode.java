package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.ModelException.Kind;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import io.zkinfer.model.onnx.proto.Onnx.NodeProto;
import java.util.List;

/** One ONNX node being converted: its inputs, outputs and attributes, with helpers for converters. */
final class ImportedNode {
    final NodeProto proto;
    final String name;
    final String where;
    final Attributes attrs;
    final ImportContext ctx;

    ImportedNode(NodeProto proto, String name, ImportContext ctx) {
        this.proto = proto;
        this.name = name;
        this.where = io.zkinfer.model.graph.Node.describe(name, proto.getOpType());
        this.attrs = new Attributes(proto, where);
        this.ctx = ctx;
    }

    int opset() {
        return ctx.opset;
    }

    /** Whether optional input i is given (present and not the empty name). */
    boolean hasInput(int i) {
        return i < proto.getInputCount() && !proto.getInput(i).isEmpty();
    }

    /** The name of input i, which must be given. */
    String input(int i) throws ModelException {
        if (!hasInput(i)) {
            throw new ModelException(Kind.MALFORMED, "missing input " + i, where, "the op requires this input");
        }
        return proto.getInput(i);
    }

    TensorInfo info(int i) throws ModelException {
        return ctx.info(input(i), where);
    }

    int[] shape(int i) throws ModelException {
        return info(i).shape();
    }

    int rank(int i) throws ModelException {
        return info(i).shape().length;
    }

    /** The value of input i, which must be a constant (an initializer, or computed from them). */
    Tensor constantInput(int i, String role) throws ModelException {
        Tensor t = ctx.constant(input(i));
        if (t == null) {
            throw new ModelException(Kind.UNSUPPORTED, "input " + i + " (" + role + ") is computed at run time",
                    where, "zkinfer needs " + role + " to be a constant: store it as an initializer");
        }
        return t;
    }

    /** Input i as constant integers (INT64 tensor), e.g. axes or a shape. */
    long[] constantInts(int i, String role) throws ModelException {
        Tensor t = constantInput(i, role);
        if (t.type() != ElementType.INT64) {
            throw new ModelException(Kind.INVALID_MODEL, role + " must be INT64, got " + t.type(), where, "");
        }
        return t.toLongArray();
    }

    /** Output i's name ("" when the node leaves it unnamed). */
    String output(int i) {
        return i < proto.getOutputCount() ? proto.getOutput(i) : "";
    }

    /** Rejects a node whose optional outputs from index {@code from} on are read by anything. */
    void requireUnusedOutputsFrom(int from, String what) throws ModelException {
        for (int i = from; i < proto.getOutputCount(); i++) {
            if (ctx.isUsed(output(i))) {
                throw new ModelException(Kind.UNSUPPORTED, "output " + i + " (" + what + ") is used", where,
                        "zkinfer computes only the first output of this op");
            }
        }
    }

    /** Emits the IR node for this ONNX node, writing output 0. */
    void emit(Op op, List<String> inputs) throws ModelException {
        ctx.emit(name, op, inputs, output(0));
    }

    /** An axis attribute or input in [-rank, rank), made non-negative. */
    int axis(long axis, int rank) throws ModelException {
        if (axis < -rank || axis >= rank) {
            throw attrs.invalid("axis " + axis + " out of range for rank " + rank);
        }
        return (int) (axis < 0 ? axis + rank : axis);
    }

    /** Axes made non-negative, sorted, checked distinct. */
    int[] axes(long[] axes, int rank) throws ModelException {
        int[] a = new int[axes.length];
        for (int i = 0; i < a.length; i++) {
            a[i] = axis(axes[i], rank);
        }
        java.util.Arrays.sort(a);
        for (int i = 1; i < a.length; i++) {
            if (a[i] == a[i - 1]) {
                throw attrs.invalid("axis " + a[i] + " repeated");
            }
        }
        return a;
    }

    ModelException unsupported(String problem, String remedy) {
        return attrs.unsupported(problem, remedy);
    }
}
