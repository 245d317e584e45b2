package io.zkinfer.model.quant;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.TensorInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lowers a float graph to the quantized IR: fixed point with power-of-two scales chosen from a
 * {@link Calibration}, one or more {@link QOp}s per float op, every bound checked as the graph is
 * built. The rules per op live in the {@code Lowering*} classes; this class walks the graph in
 * order and turns what cannot be quantized into a {@link ModelException} naming the node.
 */
public final class Quantizer {
    private Quantizer() {}

    /**
     * Quantizes a float graph.
     *
     * @param graph the float model
     * @param calibration ranges of the model's tensors on sample inputs
     * @param options bit widths
     * @throws ModelException of kind {@link ModelException.Kind#UNSUPPORTED} if a node cannot be quantized
     *     (the message names the node and what to change)
     */
    public static QuantizedModel quantize(Graph graph, Calibration calibration, QuantizationOptions options)
            throws ModelException {
        LoweringContext ctx = new LoweringContext(graph, calibration, options);
        Map<String, Integer> inputBits = new LinkedHashMap<>();
        Map<String, InputNormalization> normalizations = new LinkedHashMap<>();
        for (TensorInfo in : graph.inputs()) {
            for (int d : in.shape()) {
                if (d < 1) {
                    throw new ModelException(ModelException.Kind.UNSUPPORTED, "an empty input (a dimension of "
                            + d + " in " + java.util.Arrays.toString(in.shape()) + ")", "input '" + in.name() + "'",
                            "give the input at least one entry: a proof of nothing has nothing to prove");
                }
            }
            // A scaler at the input's head is applied before quantizing (InputNormalization says why):
            // the integer input then stands for the normalized tensor, at its width and scale.
            InputNormalization norm = in.type() == ElementType.INT64 ? null : InputNormalization.find(graph, in);
            String stands = norm == null ? in.name() : norm.output();
            int bits = ctx.targetBits(stands);
            int frac = in.type() == ElementType.INT64 ? 0 : ctx.targetFrac(stands);
            ctx.builder.input(in.name(), in.shape().length == 0 ? new int[] {1} : in.shape(), 1L << (bits - 1), frac);
            ctx.map(in.name(), in.name());
            if (norm != null) {
                ctx.map(norm.output(), in.name());
                for (Node n : graph.nodes()) {
                    if (norm.folded().contains(n.name())) {
                        ctx.markFused(n);
                    }
                }
                normalizations.put(in.name(), norm);
            }
            inputBits.put(in.name(), bits);
        }
        for (Node node : graph.nodes()) {
            if (ctx.isFused(node)) {
                continue;
            }
            try {
                lower(ctx, node);
            } catch (IllegalArgumentException | ArithmeticException e) {
                boolean empty = e.getMessage() != null && e.getMessage().contains("dimension 0");
                throw new ModelException(ModelException.Kind.UNSUPPORTED, "cannot quantize: " + e.getMessage(),
                        node.describe(), empty ? "a tensor with no entries cannot be proven; remove the empty branch"
                                : "calibrate on more representative data, or change the bit widths in "
                                        + "QuantizationOptions");
            }
        }
        Map<String, String> outputs = new LinkedHashMap<>();
        java.util.Set<String> marked = new java.util.HashSet<>();
        for (TensorInfo o : graph.outputs()) {
            if (graph.initializers().containsKey(o.name())) {
                throw new ModelException(ModelException.Kind.UNSUPPORTED, "cannot quantize a constant output",
                        "output '" + o.name() + "'", "remove the constant output");
            }
            String q = ctx.q(o.name());
            outputs.put(o.name(), q);
            if (marked.add(q)) {
                ctx.builder.output(q);
            }
        }
        return new QuantizedModel(ctx.builder.build(), graph, ctx.names(), inputBits, outputs, options, normalizations);
    }

    private static void lower(LoweringContext ctx, Node node) throws ModelException {
        switch (node.op()) {
            case Op.Gemm g -> LoweringLinear.gemm(ctx, node, g);
            case Op.MatMul m -> LoweringLinear.matMul(ctx, node);
            case Op.Conv c -> LoweringLinear.conv(ctx, node, c);
            case Op.Add a -> LoweringElementwise.add(ctx, node, 1);
            case Op.Sub s -> LoweringElementwise.add(ctx, node, -1);
            case Op.Mul m -> LoweringElementwise.mul(ctx, node, false);
            case Op.Div d -> LoweringElementwise.mul(ctx, node, true);
            case Op.BatchNormalization b -> LoweringElementwise.batchNorm(ctx, node, b);
            case Op.AveragePool p -> LoweringReduce.averagePool(ctx, node, p);
            case Op.GlobalAveragePool p -> LoweringReduce.globalAveragePool(ctx, node);
            case Op.MaxPool p -> LoweringReduce.maxPool(ctx, node, p);
            case Op.ReduceSum r -> LoweringReduce.reduceSum(ctx, node, r.axes(), r.keepDims(), false);
            case Op.ReduceMean r -> LoweringReduce.reduceSum(ctx, node, r.axes(), r.keepDims(), true);
            case Op.ReduceMax r -> LoweringReduce.reduceMax(ctx, node, r.axes(), r.keepDims());
            case Op.ArgMax a -> LoweringReduce.argMax(ctx, node, a);
            case Op.Softmax s -> LoweringComposite.softmax(ctx, node, s);
            case Op.LayerNormalization l -> LoweringComposite.layerNorm(ctx, node, l);
            case Op.Relu o -> LoweringElementwise.table(ctx, node);
            case Op.LeakyRelu o -> LoweringElementwise.table(ctx, node);
            case Op.Sigmoid o -> LoweringElementwise.table(ctx, node);
            case Op.Tanh o -> LoweringElementwise.table(ctx, node);
            case Op.Exp o -> LoweringElementwise.table(ctx, node);
            case Op.Erf o -> LoweringElementwise.table(ctx, node);
            case Op.Gelu o -> LoweringElementwise.table(ctx, node);
            case Op.Sqrt o -> LoweringElementwise.table(ctx, node);
            case Op.Pow o -> LoweringElementwise.table(ctx, node);
            case Op.Clip o -> LoweringElementwise.table(ctx, node);
            case Op.Cast o -> LoweringMovement.lower(ctx, node);
            case Op.Identity o -> LoweringMovement.lower(ctx, node);
            case Op.Reshape o -> LoweringMovement.lower(ctx, node);
            case Op.Transpose o -> LoweringMovement.lower(ctx, node);
            case Op.Concat o -> LoweringMovement.lower(ctx, node);
            case Op.Pad o -> LoweringMovement.lower(ctx, node);
            case Op.Slice o -> LoweringMovement.lower(ctx, node);
            case Op.Gather o -> LoweringMovement.lower(ctx, node);
        }
    }
}
