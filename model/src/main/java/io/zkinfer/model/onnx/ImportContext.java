package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.ModelException.Kind;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.GraphBuilder;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.ShapeInference;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one import: the graph built so far, the tensors known to be constant, and the
 * names that an ONNX node forwards to another tensor (Identity, Dropout). Converters emit IR
 * nodes through {@link #emit}, which folds a node whose inputs are all constant into a new
 * constant, so constant subgraphs (shape arithmetic, PyTorch's Shape-Gather-Concat chains)
 * vanish at import.
 */
final class ImportContext {
    final int opset;
    private final GraphBuilder builder;
    private final Map<String, Tensor> constants = new HashMap<>();
    private final Map<String, String> aliases = new HashMap<>();
    private final Set<String> materialized = new HashSet<>();
    private final Set<String> used;
    private final Set<String> graphOutputs;
    private final Set<String> nodeNames = new HashSet<>();

    ImportContext(int opset, GraphBuilder builder, Set<String> used, Set<String> graphOutputs) {
        this.opset = opset;
        this.builder = builder;
        this.used = used;
        this.graphOutputs = graphOutputs;
    }

    /** The tensor a name stands for, after Identity and Dropout forwarding. */
    String resolve(String name) {
        String r = name;
        while (aliases.containsKey(r)) {
            r = aliases.get(r);
        }
        return r;
    }

    boolean isDefined(String name) {
        String r = resolve(name);
        return constants.containsKey(r) || builder.has(r);
    }

    /** The value of a constant tensor, or null if the tensor is computed at run time. */
    Tensor constant(String name) {
        return constants.get(resolve(name));
    }

    /** The type and shape of a defined tensor. */
    TensorInfo info(String name, String where) throws ModelException {
        String r = resolve(name);
        Tensor c = constants.get(r);
        if (c != null) {
            return c.info(r);
        }
        if (!builder.has(r)) {
            throw new ModelException(Kind.MALFORMED, "input '" + name + "' is not defined before its use", where,
                    "every input must be a graph input, an initializer or an output of an earlier node"
                            + " (nodes must be in topological order)");
        }
        return builder.info(r);
    }

    /** Whether any node or graph output reads this tensor. */
    boolean isUsed(String name) {
        return !name.isEmpty() && used.contains(name);
    }

    boolean isGraphOutput(String name) {
        return graphOutputs.contains(name);
    }

    void defineConstant(String name, Tensor value, String where) throws ModelException {
        if (constants.containsKey(name) || builder.has(name) || aliases.containsKey(name)) {
            throw new ModelException(Kind.MALFORMED, "tensor '" + name + "' is defined twice", where,
                    "every tensor name must be assigned once");
        }
        constants.put(name, value);
    }

    /** Makes {@code name} stand for {@code target} (a node that only forwards its input). */
    void alias(String name, String target, String where) throws ModelException {
        if (isDefined(name)) {
            throw new ModelException(Kind.MALFORMED, "tensor '" + name + "' is defined twice", where, "");
        }
        aliases.put(name, resolve(target));
    }

    /** A tensor name not yet used, derived from {@code base}. */
    String fresh(String base) {
        String name = base;
        for (int i = 1; isDefined(name) || used.contains(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }

    /**
     * Adds one IR node, or folds it into a constant when all its inputs are constant. Input names
     * are resolved; constant inputs of a runtime node become graph initializers.
     */
    void emit(String nodeName, Op op, List<String> inputs, String output) throws ModelException {
        String name = uniqueNodeName(nodeName);
        String where = Node.describe(name, op.type());
        List<String> resolved = new ArrayList<>();
        List<TensorInfo> infos = new ArrayList<>();
        boolean allConstant = true;
        for (String in : inputs) {
            String r = resolve(in);
            infos.add(info(r, where));
            resolved.add(r);
            allConstant &= constants.containsKey(r);
        }
        if (allConstant && !inputs.isEmpty()) {
            ShapeInference.infer(op, infos, List.of(output), where);
            List<Tensor> values = new ArrayList<>();
            for (String r : resolved) {
                values.add(constants.get(r));
            }
            defineConstant(output, FloatEvaluator.apply(op, values).getFirst(), where);
            return;
        }
        for (String r : resolved) {
            Tensor c = constants.get(r);
            if (c != null && materialized.add(r)) {
                builder.initializer(r, c);
            }
        }
        builder.node(name, op, resolved, List.of(output));
    }

    /** Makes sure a graph output that is a constant is in the graph as an initializer. */
    void materialize(String name) throws ModelException {
        String r = resolve(name);
        Tensor c = constants.get(r);
        if (c != null && materialized.add(r)) {
            builder.initializer(r, c);
        }
    }

    private String uniqueNodeName(String base) {
        String name = base;
        for (int i = 1; !nodeNames.add(name); i++) {
            name = base + "_" + i;
        }
        return name;
    }
}
