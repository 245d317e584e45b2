package io.zkinfer.model.graph;

import java.util.List;
import java.util.Objects;

/**
 * One operation of a graph: what it computes ({@link Op}) and which tensors it reads and writes,
 * by name. Input order is the op's (e.g. Conv: X, W, optional B); optional trailing inputs are
 * simply absent.
 *
 * @param name a name unique in the graph (the ONNX node name, or one derived from it)
 * @param op the operation with its attributes
 * @param inputs names of the tensors read, in the op's order
 * @param outputs names of the tensors written
 */
public record Node(String name, Op op, List<String> inputs, List<String> outputs) {
    /** Checks and copies. */
    public Node {
        Objects.requireNonNull(name);
        Objects.requireNonNull(op);
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
    }

    /** The node's only (or first) output. */
    public String output() {
        return outputs.getFirst();
    }

    /** How this node is named in messages: {@code node 'conv1' (Conv)}. */
    public String describe() {
        return describe(name, op.type());
    }

    /** How a node is named in messages. */
    public static String describe(String name, String opType) {
        return "node '" + name + "' (" + opType + ")";
    }
}
