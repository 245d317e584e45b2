package io.zkinfer.model.eval;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.ModelException.Kind;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The reference semantics of the float IR: evaluates a graph in double precision with plain
 * loops. It is what ONNX conformance is checked against, and later what the quantized integer
 * evaluator's error is measured against; it is written to be obviously right, not fast.
 *
 * <p>Inputs are untrusted: a missing, extra, misshapen or non-finite input raises a
 * {@link ModelException} of kind {@link Kind#INVALID_INPUT}.
 */
public final class FloatEvaluator {
    private FloatEvaluator() {}

    /**
     * Evaluates the graph.
     *
     * @param graph the model
     * @param inputs one tensor per graph input, by name, of exactly the declared type and shape
     * @return the graph's outputs, by name, in the graph's order
     */
    public static Map<String, Tensor> evaluate(Graph graph, Map<String, Tensor> inputs) throws ModelException {
        Map<String, Tensor> all = evaluateAll(graph, inputs);
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (TensorInfo o : graph.outputs()) {
            out.put(o.name(), all.get(o.name()));
        }
        return out;
    }

    /**
     * Evaluates the graph and returns every tensor: inputs, initializers and each node's outputs
     * (what calibration needs to see the range of every activation).
     */
    public static Map<String, Tensor> evaluateAll(Graph graph, Map<String, Tensor> inputs) throws ModelException {
        checkInputs(graph, inputs);
        Map<String, Tensor> values = new HashMap<>(graph.initializers());
        values.putAll(inputs);
        for (Node node : graph.nodes()) {
            List<Tensor> in = new ArrayList<>(node.inputs().size());
            for (String name : node.inputs()) {
                in.add(values.get(name));
            }
            List<Tensor> out = apply(node.op(), in);
            for (int i = 0; i < out.size(); i++) {
                values.put(node.outputs().get(i), out.get(i));
            }
        }
        return values;
    }

    /**
     * Applies one op to inputs that it accepts (as {@code ShapeInference} checks); the importer
     * uses this to fold constant subgraphs. Inputs that do not fit are a programmer error.
     */
    public static List<Tensor> apply(Op op, List<Tensor> in) {
        Tensor x = in.getFirst();
        Tensor t = switch (op) {
            case Op.Gemm g -> LinearKernels.gemm(g, x, in.get(1), in.size() > 2 ? in.get(2) : null);
            case Op.MatMul m -> LinearKernels.matMul(x, in.get(1));
            case Op.Conv c -> LinearKernels.conv(c, x, in.get(1), in.size() > 2 ? in.get(2) : null);
            case Op.Add o -> ElementwiseKernels.binary(op, x, in.get(1));
            case Op.Sub o -> ElementwiseKernels.binary(op, x, in.get(1));
            case Op.Mul o -> ElementwiseKernels.binary(op, x, in.get(1));
            case Op.Div o -> ElementwiseKernels.binary(op, x, in.get(1));
            case Op.AveragePool p -> PoolKernels.averagePool(p, x);
            case Op.MaxPool p -> PoolKernels.maxPool(p, x);
            case Op.GlobalAveragePool p -> PoolKernels.globalAveragePool(x);
            case Op.BatchNormalization b -> ReduceKernels.batchNorm(b, x, in.get(1), in.get(2), in.get(3), in.get(4));
            case Op.ReduceSum r -> ReduceKernels.reduce(ReduceKernels.Reduction.SUM, r.axes(), r.keepDims(), x);
            case Op.ReduceMean r -> ReduceKernels.reduce(ReduceKernels.Reduction.MEAN, r.axes(), r.keepDims(), x);
            case Op.ReduceMax r -> ReduceKernels.reduce(ReduceKernels.Reduction.MAX, r.axes(), r.keepDims(), x);
            case Op.ArgMax a -> ReduceKernels.argMax(a, x);
            case Op.Softmax s -> ReduceKernels.softmax(s, x);
            case Op.LayerNormalization l -> ReduceKernels.layerNorm(l, x, in.get(1), in.size() > 2 ? in.get(2) : null);
            case Op.Relu o -> ElementwiseKernels.unary(op, x);
            case Op.LeakyRelu o -> ElementwiseKernels.unary(op, x);
            case Op.Sigmoid o -> ElementwiseKernels.unary(op, x);
            case Op.Tanh o -> ElementwiseKernels.unary(op, x);
            case Op.Exp o -> ElementwiseKernels.unary(op, x);
            case Op.Erf o -> ElementwiseKernels.unary(op, x);
            case Op.Gelu o -> ElementwiseKernels.unary(op, x);
            case Op.Sqrt o -> ElementwiseKernels.unary(op, x);
            case Op.Pow o -> ElementwiseKernels.unary(op, x);
            case Op.Clip o -> ElementwiseKernels.unary(op, x);
            case Op.Cast o -> ElementwiseKernels.unary(op, x);
            case Op.Identity o -> x;
            case Op.Reshape r -> MovementKernels.reshape(r, x);
            case Op.Transpose tr -> MovementKernels.transpose(tr, x);
            case Op.Concat c -> MovementKernels.concat(c, in);
            case Op.Pad p -> MovementKernels.pad(p, x);
            case Op.Slice s -> MovementKernels.slice(s, x);
            case Op.Gather g -> MovementKernels.gather(g, x);
        };
        return List.of(t);
    }

    private static void checkInputs(Graph graph, Map<String, Tensor> inputs) throws ModelException {
        List<String> declared = new ArrayList<>();
        for (TensorInfo in : graph.inputs()) {
            declared.add(in.name() + Shapes.format(in.shape()));
        }
        for (TensorInfo in : graph.inputs()) {
            String where = "input '" + in.name() + "'";
            Tensor t = inputs.get(in.name());
            if (t == null) {
                throw new ModelException(Kind.INVALID_INPUT, "missing input", where,
                        "provide every graph input: " + declared);
            }
            if (t.type() != in.type() || !java.util.Arrays.equals(t.shape(), in.shape())) {
                throw new ModelException(Kind.INVALID_INPUT, "expected " + in.type() + Shapes.format(in.shape())
                        + ", got " + t.type() + Shapes.format(t.shape()), where,
                        "reshape the input, or import the model with other dimension sizes");
            }
            for (int i = 0; i < t.size(); i++) {
                if (!Double.isFinite(t.get(i))) {
                    throw new ModelException(Kind.INVALID_INPUT, "non-finite value " + t.get(i) + " at flat index " + i,
                            where, "inputs must be finite numbers");
                }
            }
        }
        for (String name : inputs.keySet()) {
            boolean known = graph.inputs().stream().anyMatch(i -> i.name().equals(name));
            if (!known) {
                throw new ModelException(Kind.INVALID_INPUT, "unknown input", "input '" + name + "'",
                        "the graph's inputs are " + declared);
            }
        }
    }
}
