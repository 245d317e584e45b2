package io.zkinfer.model.quant;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The exact integer semantics of a {@link QGraph}, as {@link QOp} specifies them: what the proof
 * proves, bit for bit. Tensors are row-major {@code long[]}s; a rank-0 result is one entry.
 *
 * <p>Arithmetic is plain {@code long} arithmetic without overflow checks: the graph's bounds,
 * inferred soundly from the inputs' declared bounds (which {@link #evaluateAll} enforces), keep
 * every value and every partial sum below 2^62. Each node's output is checked against its
 * inferred bound all the same, so that a flaw in the inference cannot pass silently.
 *
 * <p>The checks an honest run can fail (a table input outside its domain, a divisor outside its
 * declared range, a quotient beyond 16 bits, a comparison input of +2^15) raise an
 * {@link IllegalArgumentException} that names the node; the proof could not be made for them.
 */
public final class IntegerEvaluator {
    private IntegerEvaluator() {}

    /**
     * Evaluates the graph.
     *
     * @param g the model
     * @param inputs one tensor per graph input, by name, row-major, within the input's bound
     * @return the graph's outputs by name, in the graph's order
     * @throws IllegalArgumentException if an input is missing, extra, misshapen or out of bounds,
     *     or a node's runtime check fails (the message names the input or the node)
     */
    public static Map<String, long[]> evaluate(QGraph g, Map<String, long[]> inputs) {
        Map<String, long[]> all = evaluateAll(g, inputs);
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String name : g.outputs()) {
            out.put(name, all.get(name));
        }
        return out;
    }

    /**
     * Evaluates the graph and returns every tensor: the inputs (copied), the constants, then each
     * node's output, in that order; what the prover commits to.
     *
     * @throws IllegalArgumentException as {@link #evaluate} does
     */
    public static Map<String, long[]> evaluateAll(QGraph g, Map<String, long[]> inputs) {
        checkInputs(g, inputs);
        Map<String, long[]> values = new LinkedHashMap<>();
        for (QInfo in : g.inputs()) {
            values.put(in.name(), inputs.get(in.name()).clone());
        }
        for (QGraph.QConstant c : g.constants().values()) {
            values.put(c.info().name(), c.values());
        }
        for (QNode node : g.nodes()) {
            long[] y;
            try {
                y = apply(g, node, values);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException(node.describe() + ": " + e.getMessage(), e);
            }
            checkBound(node, y, g.info(node.output()).bound());
            values.put(node.output(), y);
        }
        return values;
    }

    private static void checkInputs(QGraph g, Map<String, long[]> inputs) {
        for (QInfo in : g.inputs()) {
            long[] v = inputs.get(in.name());
            if (v == null) {
                throw new IllegalArgumentException("input '" + in.name() + "' is missing (expected "
                        + Arrays.toString(in.shape()) + ")");
            }
            if (v.length != in.size()) {
                throw new IllegalArgumentException("input '" + in.name() + "' has " + v.length + " values; its shape "
                        + Arrays.toString(in.shape()) + " needs " + in.size());
            }
            for (int i = 0; i < v.length; i++) {
                if (v[i] < -in.bound() || v[i] > in.bound()) {
                    throw new IllegalArgumentException("input '" + in.name() + "': value " + v[i] + " at index " + i
                            + " exceeds the declared bound " + in.bound());
                }
            }
        }
        if (inputs.size() != g.inputs().size()) {
            List<String> extra = new ArrayList<>(inputs.keySet());
            for (QInfo in : g.inputs()) {
                extra.remove(in.name());
            }
            throw new IllegalArgumentException("unexpected input(s) " + extra + "; the graph takes "
                    + g.inputs().stream().map(QInfo::name).toList());
        }
    }

    private static void checkBound(QNode node, long[] y, long bound) {
        for (int i = 0; i < y.length; i++) {
            if (y[i] < -bound || y[i] > bound) {
                throw new IllegalStateException(node.describe() + ": value " + y[i] + " at index " + i
                        + " exceeds the inferred bound " + bound + " (a flaw in the bound inference)");
            }
        }
    }

    private static long[] apply(QGraph g, QNode node, Map<String, long[]> v) {
        List<String> in = node.inputs();
        long[] x = v.get(in.get(0));
        int[] xs = g.info(in.get(0)).shape();
        int[] ys = g.info(node.output()).shape();
        long[] y = new long[g.info(node.output()).size()];
        switch (node.op()) {
            case QOp.MatMul m -> {
                long[] bias = in.size() == 3 ? v.get(in.get(2)) : null;
                int inner = m.transA() ? xs[0] : xs[1];
                IntLinearKernels.matMul(y, x, v.get(in.get(1)), bias, ys[0], inner, ys[1], m.transA(), m.transB());
            }
            case QOp.Conv c -> {
                long[] bias = in.size() == 3 ? v.get(in.get(2)) : null;
                IntLinearKernels.conv(y, x, v.get(in.get(1)), bias, xs, g.info(in.get(1)).shape(), c.window(), ys);
            }
            case QOp.Requantize r -> IntElementwiseKernels.requantize(y, x, r);
            case QOp.Table t -> IntElementwiseKernels.table(y, x, t);
            case QOp.Linear l -> {
                long[][] xsAll = new long[in.size()][];
                for (int i = 0; i < xsAll.length; i++) {
                    xsAll[i] = v.get(in.get(i));
                }
                IntElementwiseKernels.linear(y, xsAll, l.coefficients(), l.constant());
            }
            case QOp.Hadamard _ -> IntElementwiseKernels.hadamard(y, x, v.get(in.get(1)));
            case QOp.Division d -> IntElementwiseKernels.division(y, x, v.get(in.get(1)), d.minDivisor());
            case QOp.SumPool p -> IntPoolKernels.sumPool(y, x, xs, p.kernelH(), p.kernelW(), p.window(), ys);
            case QOp.MaxPool p -> IntPoolKernels.maxPool(y, x, xs, p.kernelH(), p.kernelW(), p.window(), ys);
            case QOp.ReduceSum r -> IntReduceKernels.reduceSum(y, x, xs, r.axes());
            case QOp.ReduceMax r -> IntReduceKernels.reduceMax(y, x, xs, r.axis(), false);
            case QOp.ArgMax r -> IntReduceKernels.reduceMax(y, x, xs, r.axis(), true);
            case QOp.Reshape _ -> System.arraycopy(x, 0, y, 0, y.length);
            case QOp.Transpose t -> IntMovementKernels.transpose(y, x, xs, t.perm());
            case QOp.Concat c -> {
                List<long[]> parts = new ArrayList<>(in.size());
                List<int[]> shapes = new ArrayList<>(in.size());
                for (String name : in) {
                    parts.add(v.get(name));
                    shapes.add(g.info(name).shape());
                }
                IntMovementKernels.concat(y, parts, shapes, c.axis());
            }
            case QOp.Slice s -> IntMovementKernels.slice(y, x, xs, s.start(), s.step(), s.size());
            case QOp.Pad p -> IntMovementKernels.pad(y, x, xs, p.before(), ys);
            case QOp.Gather ga -> IntMovementKernels.gather(y, x, xs, ga.axis(), ga.indices());
            case QOp.Broadcast b -> IntMovementKernels.broadcast(y, x, xs, ys);
        }
        return y;
    }
}
