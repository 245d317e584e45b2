package io.zkinfer.model.quant;

import java.util.List;
import java.util.Objects;

/**
 * One operation of a quantized graph: what it computes and the tensors it reads (in the op's
 * order) and writes.
 */
public record QNode(String name, QOp op, List<String> inputs, String output) {
    /** Checks and copies. */
    public QNode {
        Objects.requireNonNull(name);
        Objects.requireNonNull(op);
        Objects.requireNonNull(output);
        inputs = List.copyOf(inputs);
    }

    /** How this node is named in messages: {@code node 'fc1/requant' (Requantize)}. */
    public String describe() {
        return "node '" + name + "' (" + op.type() + ")";
    }
}
