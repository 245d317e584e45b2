package io.zkinfer.model.onnx;

import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.proto.Onnx.AttributeProto;
import io.zkinfer.model.onnx.proto.Onnx.GraphProto;
import io.zkinfer.model.onnx.proto.Onnx.ModelProto;
import io.zkinfer.model.onnx.proto.Onnx.NodeProto;
import io.zkinfer.model.onnx.proto.Onnx.OperatorSetIdProto;
import io.zkinfer.model.onnx.proto.Onnx.TensorProto;
import io.zkinfer.model.onnx.proto.Onnx.TensorShapeProto;
import io.zkinfer.model.onnx.proto.Onnx.TypeProto;
import io.zkinfer.model.onnx.proto.Onnx.ValueInfoProto;
import java.util.List;

/** A small fluent builder of ONNX models for tests, over the generated protobuf builders. */
final class OnnxModels {
    private final GraphProto.Builder graph = GraphProto.newBuilder().setName("test");
    private final int opset;

    private OnnxModels(int opset) {
        this.opset = opset;
    }

    static OnnxModels opset(int opset) {
        return new OnnxModels(opset);
    }

    /** A FLOAT input; a dimension given as a String is symbolic, as null it is unknown. */
    OnnxModels input(String name, Object... dims) {
        graph.addInput(valueInfo(name, dims));
        return this;
    }

    OnnxModels output(String name, Object... dims) {
        graph.addOutput(valueInfo(name, dims));
        return this;
    }

    OnnxModels initializer(String name, Tensor t) {
        graph.addInitializer(TestTensors.toProto(name, t));
        return this;
    }

    OnnxModels initializer(TensorProto t) {
        graph.addInitializer(t);
        return this;
    }

    OnnxModels node(String op, List<String> in, List<String> out, AttributeProto... attrs) {
        return node(op + "_" + graph.getNodeCount(), op, in, out, attrs);
    }

    OnnxModels node(String name, String op, List<String> in, List<String> out, AttributeProto... attrs) {
        graph.addNode(NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(in).addAllOutput(out)
                .addAllAttribute(List.of(attrs)));
        return this;
    }

    ModelProto build() {
        return ModelProto.newBuilder().setIrVersion(8).setGraph(graph)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(opset)).build();
    }

    byte[] bytes() {
        return build().toByteArray();
    }

    static AttributeProto attr(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INT).setI(v).build();
    }

    static AttributeProto attr(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.FLOAT).setF(v).build();
    }

    static AttributeProto attr(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.STRING)
                .setS(com.google.protobuf.ByteString.copyFromUtf8(v)).build();
    }

    static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeProto.AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    private static ValueInfoProto valueInfo(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder db = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof Integer i) {
                db.setDimValue(i);
            } else if (d instanceof String s) {
                db.setDimParam(s);
            }
            shape.addDim(db);
        }
        TypeProto.Tensor.Builder type = TypeProto.Tensor.newBuilder().setElemType(TensorProto.DataType.FLOAT_VALUE);
        if (dims.length > 0) {
            type.setShape(shape); // no dims: shape left undeclared
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder().setTensorType(type)).build();
    }
}
