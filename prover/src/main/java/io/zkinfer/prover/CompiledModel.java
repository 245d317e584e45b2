package io.zkinfer.prover;

import io.zkinfer.model.quant.QGraph;
import io.zkinfer.sumcheck.circuit.Circuit;
import java.util.List;
import java.util.Map;

/**
 * A quantized model compiled to its layered circuit. The circuit depends on the model's public
 * structure only (architecture, shapes, scales, tables, public weights), so the verifier can
 * rebuild it from what the verifying key describes.
 */
public final class CompiledModel {
    private final QGraph graph;
    private final CompileOptions options;
    private final Circuit circuit;
    private final Map<String, Integer> ids;
    private final List<WeightGroup> weights;

    CompiledModel(QGraph graph, CompileOptions options, Circuit circuit, Map<String, Integer> ids,
            List<WeightGroup> weights) {
        this.graph = graph;
        this.options = options;
        this.circuit = circuit;
        this.ids = ids;
        this.weights = weights;
    }

    /**
     * Compiles {@code graph}.
     *
     * @throws IllegalArgumentException naming the node if an op's bounds exceed what its layer proves
     */
    public static CompiledModel compile(QGraph graph, CompileOptions options) {
        return CircuitCompiler.compile(graph, options);
    }

    public QGraph graph() {
        return graph;
    }

    public CompileOptions options() {
        return options;
    }

    public Circuit circuit() {
        return circuit;
    }

    /** The circuit tensor of a graph tensor (an input, a constant or a node's output). */
    int tensorId(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "' in the compiled model");
        }
        return id;
    }

    List<WeightGroup> weights() {
        return weights;
    }
}
