package io.zkinfer.model.quant;

import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An input's per-feature normalization, x' = (x - offset) / divisor or (x - offset) * factor
 * entry by entry, taken out of the graph and applied before the input is quantized.
 *
 * <p>Why: a model exported with its scaler inside (Sub a mean, Div a standard deviation, as a
 * credit model over raw amounts, ages and 0/1 flags is) has one input tensor whose features span
 * five orders of magnitude. One fixed-point scale for that tensor rounds every small feature to
 * zero, and one 8-bit scale for the 1/std constants rounds the large features' factors to zero:
 * the quantized model would ignore its input. Normalized first, the input is one well-scaled
 * tensor. The proof then starts at the normalized, quantized input: whoever commits to or reveals
 * an input does so to that (the data owner's tool applies the same normalization).
 *
 * @param input the graph input it applies to
 * @param offset per entry of the input (broadcast out), subtracted first (zeros when absent)
 * @param scale per entry, the divisor or the factor (ones when absent)
 * @param divide whether {@code scale} divides (ONNX Div) or multiplies (Mul)
 * @param folded the names of the nodes it replaces, in order
 * @param output the float tensor that the normalized input stands for
 */
public record InputNormalization(String input, double[] offset, double[] scale, boolean divide, List<String> folded,
        String output) {
    public InputNormalization {
        offset = offset.clone();
        scale = scale.clone();
        folded = List.copyOf(folded);
        if (offset.length != scale.length) {
            throw new IllegalArgumentException("offset and scale differ in length");
        }
    }

    @Override
    public double[] offset() {
        return offset.clone();
    }

    @Override
    public double[] scale() {
        return scale.clone();
    }

    /** Entry i of the input, normalized. */
    public double apply(int i, double x) {
        double v = x - offset[i];
        return divide ? v / scale[i] : v * scale[i];
    }

    /**
     * The normalization at the head of {@code input}'s path, or null: the input's only consumer is
     * a Sub of a constant, a Div or Mul by a constant, or a Sub followed by one of those (each the
     * only consumer of the tensor before it), with constants that broadcast to the input's shape,
     * the shape unchanged, no graph output in between, and a finite, non-zero scale.
     */
    static InputNormalization find(Graph g, TensorInfo input) {
        int[] shape = input.shape();
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] offset = new double[size];
        double[] scale = new double[size];
        Arrays.fill(scale, 1);
        boolean divide = false;
        List<String> folded = new ArrayList<>();
        String at = input.name();
        boolean subSeen = false;
        while (folded.size() < 2) {
            List<Node> consumers = g.consumers(at);
            if (consumers.size() != 1 || g.isOutput(at)) {
                break;
            }
            Node n = consumers.getFirst();
            boolean sub = n.op() instanceof Op.Sub;
            boolean scaling = n.op() instanceof Op.Div || n.op() instanceof Op.Mul;
            if (!(sub && !subSeen && folded.isEmpty() || scaling) || n.inputs().size() != 2
                    || !n.inputs().get(0).equals(at) || !g.initializers().containsKey(n.inputs().get(1))
                    || !Arrays.equals(g.info(n.output()).shape(), shape)) {
                break;
            }
            double[] values = broadcast(g.initializers().get(n.inputs().get(1)), shape);
            if (values == null) {
                break;
            }
            if (sub) {
                offset = values;
                subSeen = true;
            } else {
                for (double v : values) {
                    if (!Double.isFinite(v) || v == 0) {
                        return null;
                    }
                }
                scale = values;
                divide = n.op() instanceof Op.Div;
            }
            folded.add(n.name());
            at = n.output();
            if (scaling) {
                break;
            }
        }
        if (folded.isEmpty() || g.consumers(at).isEmpty() || g.isOutput(at)) {
            return null;
        }
        return new InputNormalization(input.name(), offset, scale, divide, folded, at);
    }

    /** A constant broadcast (numpy rules) to {@code shape}, flat; null when it does not broadcast. */
    private static double[] broadcast(Tensor c, int[] shape) {
        int[] cs = c.shape();
        if (cs.length > shape.length) {
            return null;
        }
        for (int k = 0; k < cs.length; k++) {
            int d = cs[cs.length - 1 - k];
            if (d != 1 && d != shape[shape.length - 1 - k]) {
                return null;
            }
        }
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] out = new double[size];
        int[] coords = new int[shape.length];
        for (int i = 0; i < size; i++) {
            int ci = 0;
            for (int k = 0; k < cs.length; k++) {
                int axis = shape.length - cs.length + k;
                ci = ci * cs[k] + (cs[k] == 1 ? 0 : coords[axis]);
            }
            out[i] = c.get(ci);
            for (int k = shape.length - 1; k >= 0; k--) {
                if (++coords[k] < shape[k]) {
                    break;
                }
                coords[k] = 0;
            }
        }
        return out;
    }
}
