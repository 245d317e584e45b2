package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.TensorInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Drops nodes and initializers that no graph output depends on (a Dropout mask, a branch left
 * behind by folding), so that the circuit compiler never sees work whose result nobody reads.
 */
final class DeadCodeElimination {
    private DeadCodeElimination() {}

    static Graph apply(Graph g) throws ModelException {
        Set<String> needed = new HashSet<>();
        for (TensorInfo o : g.outputs()) {
            needed.add(o.name());
        }
        List<Node> kept = new ArrayList<>();
        List<Node> nodes = g.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.outputs().stream().anyMatch(needed::contains)) {
                kept.add(n);
                needed.addAll(n.inputs());
            }
        }
        if (kept.size() == nodes.size() && needed.containsAll(g.initializers().keySet())) {
            return g;
        }
        Collections.reverse(kept);
        return Rewrite.rebuild(g, g.initializers(), kept);
    }
}
