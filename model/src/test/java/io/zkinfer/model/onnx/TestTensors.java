package io.zkinfer.model.onnx;

import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.proto.Onnx.TensorProto;

/** Converts test tensors to ONNX TensorProtos (for initializers built in tests). */
final class TestTensors {
    private TestTensors() {}

    static TensorProto toProto(String name, Tensor t) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name);
        for (int d : t.shape()) {
            b.addDims(d);
        }
        if (t.type() == ElementType.INT64) {
            b.setDataType(TensorProto.DataType.INT64_VALUE);
            for (long v : t.toLongArray()) {
                b.addInt64Data(v);
            }
        } else {
            b.setDataType(TensorProto.DataType.FLOAT_VALUE);
            for (float v : t.toFloatArray()) {
                b.addFloatData(v);
            }
        }
        return b.build();
    }
}
