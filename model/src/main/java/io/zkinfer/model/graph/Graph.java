package io.zkinfer.model.graph;

import io.zkinfer.model.ModelException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A model in the float IR: named inputs with static shapes, constant initializers (weights),
 * nodes in topological order, and named outputs. Immutable; built with {@link #builder()}, which
 * infers and checks every tensor's shape as nodes are added, so a {@code Graph} is always
 * consistent: every name a node reads is defined before it, and every tensor has a known
 * {@link TensorInfo}.
 */
public final class Graph {
    private final List<TensorInfo> inputs;
    private final Map<String, Tensor> initializers;
    private final List<Node> nodes;
    private final List<TensorInfo> outputs;
    private final Map<String, TensorInfo> infos;

    Graph(List<TensorInfo> inputs, Map<String, Tensor> initializers, List<Node> nodes,
            List<TensorInfo> outputs, Map<String, TensorInfo> infos) {
        this.inputs = List.copyOf(inputs);
        this.initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        this.nodes = List.copyOf(nodes);
        this.outputs = List.copyOf(outputs);
        this.infos = Collections.unmodifiableMap(new LinkedHashMap<>(infos));
    }

    /** A builder for a new graph. */
    public static GraphBuilder builder() {
        return new GraphBuilder();
    }

    /** The runtime inputs, in order. */
    public List<TensorInfo> inputs() {
        return inputs;
    }

    /** The constant tensors (weights, biases), by name, in definition order. */
    public Map<String, Tensor> initializers() {
        return initializers;
    }

    /** The nodes in topological order. */
    public List<Node> nodes() {
        return nodes;
    }

    /** The outputs, in order. */
    public List<TensorInfo> outputs() {
        return outputs;
    }

    /** The type and shape of any tensor of the graph (input, initializer, node output). */
    public TensorInfo info(String tensorName) {
        TensorInfo info = infos.get(tensorName);
        if (info == null) {
            throw new IllegalArgumentException("no tensor '" + tensorName + "' in this graph");
        }
        return info;
    }

    /** Whether the graph has a tensor of this name. */
    public boolean contains(String tensorName) {
        return infos.containsKey(tensorName);
    }

    /** The node that writes this tensor, if any (inputs and initializers have none). */
    public Optional<Node> producer(String tensorName) {
        for (Node n : nodes) {
            if (n.outputs().contains(tensorName)) {
                return Optional.of(n);
            }
        }
        return Optional.empty();
    }

    /** The nodes that read this tensor, in order. */
    public List<Node> consumers(String tensorName) {
        List<Node> out = new ArrayList<>();
        for (Node n : nodes) {
            if (n.inputs().contains(tensorName)) {
                out.add(n);
            }
        }
        return out;
    }

    /** Whether this tensor is one of the graph's outputs. */
    public boolean isOutput(String tensorName) {
        for (TensorInfo o : outputs) {
            if (o.name().equals(tensorName)) {
                return true;
            }
        }
        return false;
    }

    /**
     * A builder that starts from this graph's inputs, initializers and nodes (not its outputs),
     * for passes that rewrite a graph.
     */
    public GraphBuilder toBuilder() throws ModelException {
        GraphBuilder b = new GraphBuilder();
        for (TensorInfo in : inputs) {
            b.input(in.name(), in.type(), in.shape());
        }
        for (Map.Entry<String, Tensor> e : initializers.entrySet()) {
            b.initializer(e.getKey(), e.getValue());
        }
        for (Node n : nodes) {
            b.node(n.name(), n.op(), n.inputs(), n.outputs());
        }
        return b;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("Graph(inputs=").append(inputs)
                .append(", initializers=").append(initializers.keySet()).append(")\n");
        for (Node n : nodes) {
            sb.append("  ").append(n.name()).append(": ").append(n.op()).append(' ')
                    .append(n.inputs()).append(" -> ").append(n.outputs()).append('\n');
        }
        return sb.append("  outputs=").append(outputs).toString();
    }
}
