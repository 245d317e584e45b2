package io.zkinfer.model.graph;

/**
 * The element types a tensor of the float IR can have. Activations and weights are real numbers
 * (ONNX FLOAT, held in double precision); INT64 appears only where ONNX uses integers as data:
 * the output of ArgMax or of a Cast to int64, and constants such as shapes and indices before the
 * importer folds them into op attributes.
 */
public enum ElementType {
    /** A real number; ONNX FLOAT (data type 1). */
    FLOAT(1),
    /** A 64-bit integer, held exactly as long as |value| is at most 2^53; ONNX INT64 (type 7). */
    INT64(7);

    private final int onnxCode;

    ElementType(int onnxCode) {
        this.onnxCode = onnxCode;
    }

    /** The ONNX {@code TensorProto.DataType} code. */
    public int onnxCode() {
        return onnxCode;
    }
}
