package io.zkinfer.model.graph;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.ModelException.Kind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Builds a {@link Graph} in topological order. Each {@link #node} call checks that its inputs
 * exist, infers its outputs' shapes ({@link ShapeInference}) and rejects what does not fit, so
 * errors name the node where they arise rather than surfacing later in evaluation.
 */
public final class GraphBuilder {
    private final List<TensorInfo> inputs = new ArrayList<>();
    private final Map<String, Tensor> initializers = new LinkedHashMap<>();
    private final List<Node> nodes = new ArrayList<>();
    private final List<TensorInfo> outputs = new ArrayList<>();
    private final Map<String, TensorInfo> infos = new LinkedHashMap<>();
    private final Set<String> nodeNames = new HashSet<>();

    GraphBuilder() {}

    /** Declares a runtime input. */
    public GraphBuilder input(String name, ElementType type, int[] shape) throws ModelException {
        define(new TensorInfo(name, type, shape), "input '" + name + "'");
        inputs.add(infos.get(name));
        return this;
    }

    /** Declares a constant. */
    public GraphBuilder initializer(String name, Tensor value) throws ModelException {
        define(value.info(name), "initializer '" + name + "'");
        initializers.put(name, value);
        return this;
    }

    /** Appends a node; returns the inferred infos of its outputs. */
    public List<TensorInfo> node(String name, Op op, List<String> in, List<String> out) throws ModelException {
        String where = Node.describe(name, op.type());
        if (nodeNames.contains(name)) {
            throw new ModelException(Kind.INVALID_MODEL, "duplicate node name", where, "give every node its own name");
        }
        List<TensorInfo> inInfos = new ArrayList<>();
        for (String s : in) {
            TensorInfo info = infos.get(s);
            if (info == null) {
                throw new ModelException(Kind.MALFORMED, "input '" + s + "' is not defined before its use", where,
                        "every input must be a graph input, an initializer or an output of an earlier node");
            }
            inInfos.add(info);
        }
        List<TensorInfo> outInfos = ShapeInference.infer(op, inInfos, out, where);
        for (TensorInfo o : outInfos) {
            define(o, where);
        }
        nodeNames.add(name);
        nodes.add(new Node(name, op, in, out));
        return outInfos;
    }

    /** Marks a defined tensor as a graph output. */
    public GraphBuilder output(String name) throws ModelException {
        TensorInfo info = infos.get(name);
        if (info == null) {
            throw new ModelException(Kind.MALFORMED, "graph output '" + name + "' is never computed", "",
                    "the output must be an input, an initializer or a node output");
        }
        outputs.add(info);
        return this;
    }

    /** Whether a tensor of this name is defined. */
    public boolean has(String name) {
        return infos.containsKey(name);
    }

    /** The info of a defined tensor. */
    public TensorInfo info(String name) {
        TensorInfo info = infos.get(name);
        if (info == null) {
            throw new IllegalArgumentException("no tensor '" + name + "'");
        }
        return info;
    }

    /** The graph. */
    public Graph build() throws ModelException {
        if (outputs.isEmpty()) {
            throw new ModelException(Kind.INVALID_MODEL, "the graph has no outputs", "", "declare at least one output");
        }
        return new Graph(inputs, initializers, nodes, outputs, infos);
    }

    private void define(TensorInfo info, String where) throws ModelException {
        if (infos.putIfAbsent(info.name(), info) != null) {
            throw new ModelException(Kind.MALFORMED, "tensor '" + info.name() + "' is defined twice", where,
                    "every tensor name must be assigned once (SSA form)");
        }
    }
}
