package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.ModelException.Kind;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.proto.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Decodes ONNX {@code TensorProto}s (initializers, Constant values, test data) into tensors.
 * FLOAT and INT64 are supported, from either the typed fields or little-endian raw_data; other
 * types and external data are rejected with a message naming the tensor.
 */
final class TensorDecoder {
    private TensorDecoder() {}

    static Tensor decode(TensorProto t, String where) throws ModelException {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            throw new ModelException(Kind.UNSUPPORTED, "tensor data stored in an external file", where,
                    "save the model with all tensors embedded (onnx.save(model, path, save_as_external_data=False))");
        }
        int[] shape = new int[t.getDimsCount()];
        for (int i = 0; i < shape.length; i++) {
            long d = t.getDims(i);
            if (d < 0 || d > Integer.MAX_VALUE) {
                throw new ModelException(Kind.MALFORMED, "tensor dimension " + d + " out of range", where, "");
            }
            shape[i] = (int) d;
        }
        long count = 1;
        for (int d : shape) {
            count *= d;
            if (count > Integer.MAX_VALUE) {
                throw new ModelException(Kind.UNSUPPORTED, "tensor too large", where, "");
            }
        }
        int n = (int) count;
        TensorProto.DataType type = TensorProto.DataType.forNumber(t.getDataType());
        ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
        boolean hasRaw = t.hasRawData();
        if (type == TensorProto.DataType.FLOAT) {
            int available = hasRaw ? raw.remaining() / 4 : t.getFloatDataCount();
            checkCount(available, n, hasRaw && raw.remaining() % 4 != 0, where);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                v[i] = hasRaw ? raw.getFloat(4 * i) : t.getFloatData(i);
            }
            return Tensor.of(ElementType.FLOAT, shape, v);
        }
        if (type == TensorProto.DataType.INT64) {
            int available = hasRaw ? raw.remaining() / 8 : t.getInt64DataCount();
            checkCount(available, n, hasRaw && raw.remaining() % 8 != 0, where);
            double[] v = new double[n];
            for (int i = 0; i < n; i++) {
                long x = hasRaw ? raw.getLong(8 * i) : t.getInt64Data(i);
                if (x > (1L << 53) || x < -(1L << 53)) {
                    // INT64_MAX / INT64_MIN are common "to the end" markers in Slice; clamp them.
                    x = x > 0 ? 1L << 53 : -(1L << 53);
                }
                v[i] = x;
            }
            return Tensor.of(ElementType.INT64, shape, v);
        }
        String name = type == null ? "code " + t.getDataType() : type.name();
        throw new ModelException(Kind.UNSUPPORTED, "unsupported data type " + name, where,
                "zkinfer reads FLOAT tensors, and INT64 tensors for shapes and indices; convert the model to float32");
    }

    private static void checkCount(int available, int n, boolean ragged, String where) throws ModelException {
        if (available != n || ragged) {
            throw new ModelException(Kind.MALFORMED, "tensor holds " + available + " values but its shape needs " + n,
                    where, "the model file is corrupt; re-export it");
        }
    }
}
