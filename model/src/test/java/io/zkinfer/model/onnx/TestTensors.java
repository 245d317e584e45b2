package io.zkinfer.model.onnx;

import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.proto.Onnx.TensorProto;

/** Converts test tensors to ONNX TensorProtos (for initializers built in tests). */
final class TestTensors {
    private TestTensors() {}

    static TensorProto toProto(String name, Tensor t) {
        return NodeTests.toProto(name, t);
    }
}
