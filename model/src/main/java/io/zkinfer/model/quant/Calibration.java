package io.zkinfer.model.quant;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The ranges a float model's tensors take on sample inputs, from which the quantizer picks each
 * tensor's power-of-two scale: the largest |value| of every tensor, and for every layer
 * normalization the smallest and largest variance of its rows (its 1/sqrt table needs both ends).
 * Calibrate on data the model will see, held apart from the data accuracy is measured on.
 */
public final class Calibration {
    private final Map<String, Double> maxAbs;
    private final Map<String, double[]> variance;
    private final int samples;

    private Calibration(Map<String, Double> maxAbs, Map<String, double[]> variance, int samples) {
        this.maxAbs = Collections.unmodifiableMap(new HashMap<>(maxAbs));
        this.variance = Collections.unmodifiableMap(new HashMap<>(variance));
        this.samples = samples;
    }

    /**
     * Runs the float model ({@link FloatEvaluator#evaluateAll}) on every sample and records the ranges.
     *
     * @param samples inputs by name, as the float evaluator takes them; at least one
     * @throws ModelException if there is no sample or a sample is not a valid input
     */
    public static Calibration run(Graph graph, List<Map<String, Tensor>> samples) throws ModelException {
        if (samples.isEmpty()) {
            throw new ModelException(ModelException.Kind.INVALID_INPUT, "no calibration samples", "",
                    "pass at least one input, preferably a few hundred drawn like the data to prove on");
        }
        Map<String, Double> max = new HashMap<>();
        Map<String, double[]> var = new HashMap<>();
        for (Map<String, Tensor> sample : samples) {
            Map<String, Tensor> all = FloatEvaluator.evaluateAll(graph, sample);
            for (Map.Entry<String, Tensor> e : all.entrySet()) {
                if (graph.initializers().containsKey(e.getKey())) {
                    continue;
                }
                double m = 0;
                Tensor t = e.getValue();
                for (int i = 0; i < t.size(); i++) {
                    m = Math.max(m, Math.abs(t.get(i)));
                }
                max.merge(e.getKey(), m, Math::max);
            }
            for (Node n : graph.nodes()) {
                if (n.op() instanceof Op.LayerNormalization ln) {
                    double[] r = rowVariances(all.get(n.inputs().getFirst()), ln.axis());
                    var.merge(n.name(), r, (a, b) -> new double[] {Math.min(a[0], b[0]), Math.max(a[1], b[1])});
                }
            }
        }
        return new Calibration(max, var, samples.size());
    }

    /**
     * Ranges given directly, for tests and for ranges known in advance.
     *
     * @param maxAbs the largest |value| per tensor name
     * @param variance per layer-normalization node name, {smallest, largest} row variance
     */
    public static Calibration of(Map<String, Double> maxAbs, Map<String, double[]> variance) {
        Map<String, double[]> v = new HashMap<>();
        variance.forEach((k, r) -> v.put(k, r.clone()));
        return new Calibration(maxAbs, v, 0);
    }

    /** The largest |value| the tensor took, or 0 when it was never seen. */
    public double maxAbs(String tensor) {
        return maxAbs.getOrDefault(tensor, 0.0);
    }

    /** Whether the tensor was calibrated. */
    public boolean has(String tensor) {
        return maxAbs.containsKey(tensor);
    }

    /**
     * The smallest and largest variance of the rows a layer normalization normalized.
     *
     * @throws IllegalArgumentException if the node was not calibrated
     */
    public double[] varianceRange(String layerNormNode) {
        double[] r = variance.get(layerNormNode);
        if (r == null) {
            throw new IllegalArgumentException("no variance recorded for layer normalization '" + layerNormNode + "'");
        }
        return r.clone();
    }

    /** How many samples were run. */
    public int samples() {
        return samples;
    }

    /**
     * The scale exponent for a tensor of this range at this width: the largest frac with
     * maxAbs 2^frac <= 2^(bits-1), so that the calibrated extreme lands on the edge of the range
     * (the one value 2^(bits-1) itself is clamped by one step). A zero range gets bits - 1.
     */
    public static int fracFor(double maxAbs, int bits) {
        if (!(maxAbs > 0) || !Double.isFinite(maxAbs)) {
            return bits - 1;
        }
        int f = (bits - 1) - Math.getExponent(maxAbs);
        while (Math.scalb(maxAbs, f) > Math.scalb(1.0, bits - 1)) {
            f--;
        }
        while (Math.scalb(maxAbs, f + 1) <= Math.scalb(1.0, bits - 1)) {
            f++;
        }
        return f;
    }

    private static double[] rowVariances(Tensor x, int axis) {
        int[] s = x.shape();
        int inner = 1;
        for (int i = axis; i < s.length; i++) {
            inner *= s[i];
        }
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        double[] v = x.toDoubleArray();
        for (int o = 0; o < v.length / Math.max(1, inner); o++) {
            double[] row = Arrays.copyOfRange(v, o * inner, (o + 1) * inner);
            double mean = Arrays.stream(row).sum() / inner;
            double var = 0;
            for (double r : row) {
                var += (r - mean) * (r - mean);
            }
            var /= inner;
            lo = Math.min(lo, var);
            hi = Math.max(hi, var);
        }
        return new double[] {lo, hi};
    }
}
