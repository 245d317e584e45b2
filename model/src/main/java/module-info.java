/**
 * The float graph IR, ONNX import, the float reference evaluator, and the quantized IR. The classes generated
 * from {@code onnx.proto} stay inside: callers see only the IR.
 */
module io.zkinfer.model {
    requires com.google.protobuf;

    exports io.zkinfer.model;
    exports io.zkinfer.model.graph;
    exports io.zkinfer.model.onnx;
    exports io.zkinfer.model.eval;
    exports io.zkinfer.model.quant;
}
