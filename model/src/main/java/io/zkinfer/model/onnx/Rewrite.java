package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.GraphBuilder;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Shared helpers of the import passes, which rewrite an immutable graph into a new one. */
final class Rewrite {
    private Rewrite() {}

    /**
     * A graph with g's inputs and outputs, these nodes, and those of these initializers that a
     * node or output reads. Rebuilding re-runs shape inference, so a pass cannot break shapes.
     */
    static Graph rebuild(Graph g, Map<String, Tensor> initializers, List<Node> nodes) throws ModelException {
        Set<String> read = new HashSet<>();
        for (Node n : nodes) {
            read.addAll(n.inputs());
        }
        for (TensorInfo o : g.outputs()) {
            read.add(o.name());
        }
        GraphBuilder b = Graph.builder();
        for (TensorInfo in : g.inputs()) {
            b.input(in.name(), in.type(), in.shape());
        }
        for (Map.Entry<String, Tensor> e : initializers.entrySet()) {
            if (read.contains(e.getKey())) {
                b.initializer(e.getKey(), e.getValue());
            }
        }
        for (Node n : nodes) {
            b.node(n.name(), n.op(), n.inputs(), n.outputs());
        }
        for (TensorInfo o : g.outputs()) {
            b.output(o.name());
        }
        return b.build();
    }

    /** The only node reading this tensor, if exactly one does and it is not a graph output. */
    static Optional<Node> soleConsumer(Graph g, String tensor) {
        List<Node> c = g.consumers(tensor);
        if (c.size() != 1 || g.isOutput(tensor) || c.getFirst().inputs().indexOf(tensor)
                != c.getFirst().inputs().lastIndexOf(tensor)) {
            return Optional.empty();
        }
        return Optional.of(c.getFirst());
    }

    /** The value of a constant scalar (an initializer with one element), or NaN. */
    static double scalar(Graph g, String tensor) {
        Tensor t = g.initializers().get(tensor);
        return t != null && t.size() == 1 ? t.get(0) : Double.NaN;
    }

    /** A tensor name not in g, derived from base. */
    static String fresh(Graph g, Set<String> taken, String base) {
        String name = base;
        for (int i = 1; g.contains(name) || taken.contains(name); i++) {
            name = base + "_" + i;
        }
        taken.add(name);
        return name;
    }
}
