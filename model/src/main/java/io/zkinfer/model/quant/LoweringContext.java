package io.zkinfer.model.quant;

import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The state of one float-to-integer lowering: the graph being built, which integer tensor stands
 * for each float tensor, which float nodes were already fused into an earlier one, and each float
 * tensor's target width. Its primitives ({@link #rescale}, {@link #narrow}, constants, reshapes)
 * are the only places that choose multipliers and shifts, so every op's lowering obeys the same
 * bound rules.
 */
final class LoweringContext {
    /** Requantization quotients, table-free comparisons and divisions all live in 16 signed bits. */
    static final long QUOTIENT_LIMIT = 1L << 15;

    final Graph graph;
    final Calibration calibration;
    final QuantizationOptions options;
    final QGraph.Builder builder = QGraph.builder();
    private final Map<String, String> names = new LinkedHashMap<>();
    private final Set<String> fused = new HashSet<>();
    private final Map<String, Integer> bits = new HashMap<>();
    private final Set<String> nodeNames = new HashSet<>();

    LoweringContext(Graph graph, Calibration calibration, QuantizationOptions options) {
        this.graph = graph;
        this.calibration = calibration;
        this.options = options;
        planWidths();
    }

    // ---- the float-to-integer name map ---------------------------------------------------------

    /** Records that the integer tensor {@code q} stands for the float tensor {@code f}. */
    void map(String f, String q) {
        names.put(f, q);
    }

    /** The integer tensor standing for a lowered float tensor. */
    String q(String f) {
        String q = names.get(f);
        if (q == null) {
            throw new IllegalArgumentException("tensor '" + f + "' has no quantized counterpart (it was fused away"
                    + " or is a constant where an activation is needed)");
        }
        return q;
    }

    Map<String, String> names() {
        return names;
    }

    QInfo info(String q) {
        return builder.info(q);
    }

    void markFused(Node n) {
        fused.add(n.name());
    }

    boolean isFused(Node n) {
        return fused.contains(n.name());
    }

    boolean isConstant(String f) {
        return graph.initializers().containsKey(f);
    }

    Tensor constant(String f) {
        return graph.initializers().get(f);
    }

    int[] floatShape(String f) {
        return graph.info(f).shape();
    }

    /**
     * A name for a new intermediate integer tensor: unused so far, and no float tensor's name either
     * (that name is kept for the float tensor's own counterpart, see {@link #own}).
     */
    String fresh(String base) {
        if (!builder.contains(base) && !graph.contains(base)) {
            return base;
        }
        for (int i = 1; ; i++) {
            String s = base + "#" + i;
            if (!builder.contains(s) && !graph.contains(s)) {
                return s;
            }
        }
    }

    /**
     * The name for the integer tensor standing for float tensor (or quantized constant) {@code f}:
     * f itself when still free, so that the two graphs read alike.
     */
    String own(String f) {
        return builder.contains(f) ? fresh(f) : f;
    }

    private String nodeName(String base) {
        String s = base;
        for (int i = 1; !nodeNames.add(s); i++) {
            s = base + "#" + i;
        }
        return s;
    }

    // ---- widths and scales ---------------------------------------------------------------------

    /** The signed width a float tensor is quantized to. */
    int targetBits(String f) {
        return bits.getOrDefault(f, options.activationBits());
    }

    /** The scale exponent calibration gives a float tensor at its target width. */
    int targetFrac(String f) {
        return Calibration.fracFor(calibration.maxAbs(f), targetBits(f));
    }

    static long lo(int bits) {
        return -(1L << (bits - 1));
    }

    static long hi(int bits) {
        return (1L << (bits - 1)) - 1;
    }

    /** The smallest table width whose domain holds every value of |v| <= bound. */
    static int bitsFor(long bound) {
        return Math.max(1, 65 - Long.numberOfLeadingZeros(Math.max(0, bound - 1)));
    }

    /**
     * Outputs get {@code outputBits}; the inputs of softmax and layer normalization get their wider
     * widths, and so do tensors read only by sums (additions, reductions, average pools: no table
     * and no product reads them, so width costs nothing there); a width wanted after a pure data
     * movement is wanted before it too.
     */
    private void planWidths() {
        for (TensorInfo o : graph.outputs()) {
            bits.merge(o.name(), options.outputBits(), Math::max);
        }
        for (Node n : graph.nodes()) {
            if (n.op() instanceof Op.Softmax) {
                bits.merge(n.inputs().getFirst(), options.softmaxInputBits(), Math::max);
            } else if (n.op() instanceof Op.LayerNormalization) {
                bits.merge(n.inputs().getFirst(), options.layerNormInputBits(), Math::max);
            }
        }
        List<String> tensors = new java.util.ArrayList<>();
        graph.inputs().forEach(i -> tensors.add(i.name()));
        graph.nodes().forEach(n -> tensors.addAll(n.outputs()));
        for (String t : tensors) {
            List<Node> readers = graph.consumers(t);
            if (!readers.isEmpty() && readers.stream().allMatch(r -> isSum(r.op()))) {
                bits.merge(t, options.sumInputBits(), Math::max);
            }
        }
        List<Node> nodes = graph.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.op().kind() == io.zkinfer.model.graph.OpKind.MOVEMENT || n.op() instanceof Op.Cast) {
                Integer b = bits.get(n.output());
                if (b != null) {
                    for (String in : n.inputs()) {
                        bits.merge(in, b, Math::max);
                    }
                }
            }
        }
    }

    /** Ops that only add their inputs' values (no table, no product, no comparison). */
    private static boolean isSum(Op op) {
        return op instanceof Op.Add || op instanceof Op.Sub || op instanceof Op.ReduceSum || op instanceof Op.ReduceMean
                || op instanceof Op.GlobalAveragePool || op instanceof Op.AveragePool;
    }

    // ---- emitting nodes ------------------------------------------------------------------------

    /** Appends a node and returns its output's name. */
    String node(String name, QOp op, List<String> inputs, String out, int frac) {
        builder.node(nodeName(name), op, inputs, out, frac);
        return out;
    }

    /** Adds a constant of given integers under a fresh name derived from {@code base}. */
    String constant(String base, int[] shape, int frac, long[] values) {
        String name = graph.initializers().containsKey(base) ? own(base) : fresh(base);
        builder.constant(name, shape, frac, values);
        return name;
    }

    /** Rounds reals to integers at scale 2^-frac, clamped to the signed width {@code bits}. */
    static long[] quantize(double[] values, int frac, int bits) {
        long[] q = new long[values.length];
        for (int i = 0; i < q.length; i++) {
            long v = Math.round(Math.scalb(values[i], frac));
            q[i] = Math.min(hi(bits), Math.max(lo(bits), v));
        }
        return q;
    }

    /** Rounds reals to integers at scale 2^-frac, unclamped (biases, constants added at accumulator scale). */
    static long[] quantizeWide(double[] values, int frac) {
        long[] q = new long[values.length];
        for (int i = 0; i < q.length; i++) {
            double v = Math.rint(Math.scalb(values[i], frac));
            if (!(Math.abs(v) < 0x1p61)) {
                throw new IllegalArgumentException("constant " + values[i] + " does not fit at scale 2^-" + frac);
            }
            q[i] = (long) v;
        }
        return q;
    }

    /** x reshaped, or x itself when the shape is already right. */
    String reshape(String name, String x, int[] shape) {
        if (Arrays.equals(info(x).shape(), shape)) {
            return x;
        }
        return node(name, new QOp.Reshape(shape), List.of(x), fresh(x + "/reshape"), info(x).frac());
    }

    /** x brought to the shape by numpy broadcasting: reshaped to its rank, then broadcast. */
    String broadcast(String name, String x, int[] shape) {
        int[] s = info(x).shape();
        if (Arrays.equals(s, shape)) {
            return x;
        }
        int[] padded = new int[shape.length];
        Arrays.fill(padded, 1);
        System.arraycopy(s, 0, padded, shape.length - s.length, s.length);
        String r = reshape(name + "/rank", x, padded);
        if (Arrays.equals(padded, shape)) {
            return r;
        }
        return node(name + "/broadcast", new QOp.Broadcast(shape), List.of(r), fresh(x + "/broadcast"), info(x).frac());
    }

    /**
     * Appends y = f(clamp(round(x factor 2^(fy - fx)), bits)), a {@link QOp.Requantize}, and returns y.
     * fy is {@code wantFrac}, or lower where the quotient could otherwise leave 16 bits for some x
     * the input's bound admits (the output then has less precision, never a wrong value).
     *
     * @param factor a positive real folded into the multiplier (1 for a pure change of scale)
     * @param act a function fused after the clamp, or null
     */
    String rescale(String name, String x, double factor, int wantFrac, int bits, LoweringTables.Fn act, String out) {
        if (!(factor > 0) || !Double.isFinite(factor)) {
            throw new IllegalArgumentException("cannot requantize by the factor " + factor);
        }
        QInfo xi = info(x);
        long bound = Math.max(1, xi.bound());
        long lo = lo(bits);
        long hi = hi(bits);
        for (int fy = wantFrac; fy > wantFrac - 80; fy--) {
            long[] ms = multiplier(factor * Math.scalb(1.0, fy - xi.frac()), bound, options.multiplierBits());
            if (ms == null) {
                continue;
            }
            QOp.Requantize probe = new QOp.Requantize(ms[0], (int) ms[1], lo, hi, null);
            long q = Math.max(Math.abs(probe.quotient(bound)), Math.abs(probe.quotient(-bound)));
            if (q >= QUOTIENT_LIMIT) {
                continue;
            }
            IntTable f = act == null ? null : act.table(fy, lo, hi);
            int outFrac = act == null ? fy : act.outFrac(fy);
            return node(name, new QOp.Requantize(ms[0], (int) ms[1], lo, hi, f), List.of(x), out, outFrac);
        }
        throw new IllegalArgumentException("no requantization of " + xi + " by " + factor + " fits 16 bits");
    }

    /**
     * x within {@code bits} (bound at most 2^(bits-1)) at scale at most {@code wantFrac}: x itself
     * when it already is, else a requantization of it.
     */
    String narrow(String name, String x, int bits, int wantFrac, String out) {
        QInfo xi = info(x);
        if (xi.bound() <= 1L << (bits - 1) && xi.frac() <= wantFrac) {
            return x;
        }
        return rescale(name, x, 1.0, Math.min(wantFrac, xi.frac()), bits, null, out);
    }

    /**
     * A multiplier M and shift s with M / 2^s close to {@code real} ({@code mbits} significant bits
     * when s allows), x M below 2^61 for |x| <= bound, reduced to lowest terms; null if none fits.
     */
    static long[] multiplier(double real, long bound, int mbits) {
        int s = mbits - 1 - Math.getExponent(real);
        s = Math.max(1, Math.min(48, s));
        long m = Math.round(Math.scalb(real, s));
        while (m >= 1 && (Math.multiplyHigh(bound, m) != 0 || bound * m >= 1L << 61)) {
            if (s == 1) {
                return null;
            }
            s--;
            m = Math.round(Math.scalb(real, s));
        }
        if (m < 1) {
            m = 1;
            s = 48;
        }
        while ((m & 1) == 0 && s > 1) {
            m >>= 1;
            s--;
        }
        return new long[] {m, s};
    }
}
