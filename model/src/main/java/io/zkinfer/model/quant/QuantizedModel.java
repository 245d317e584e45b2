package io.zkinfer.model.quant;

import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quantized model and its boundary with the float world: how a float input becomes the integers
 * the {@link QGraph} takes (round to nearest at the input's scale, clamp to its width), how the
 * integer outputs read as floats, and which integer tensor stands for each float tensor (tensors
 * fused into a neighbour, such as a linear layer's output before its Relu, have none).
 */
public final class QuantizedModel {
    private final QGraph graph;
    private final Map<String, TensorInfo> floatInputs = new LinkedHashMap<>();
    private final Map<String, TensorInfo> floatOutputs = new LinkedHashMap<>();
    private final Map<String, String> names;
    private final Map<String, Integer> inputBits;
    private final Map<String, String> outputs;
    private final QuantizationOptions options;
    private final Map<String, InputNormalization> normalizations;

    QuantizedModel(QGraph graph, Graph floatGraph, Map<String, String> names, Map<String, Integer> inputBits,
            Map<String, String> outputs, QuantizationOptions options, Map<String, InputNormalization> normalizations) {
        this(graph, floatGraph.inputs(), floatGraph.outputs(), names, inputBits, outputs, options, normalizations);
    }

    /** From its parts, as {@link QuantizedModelCodec} reads them. */
    QuantizedModel(QGraph graph, List<TensorInfo> floatInputs, List<TensorInfo> floatOutputs, Map<String, String> names,
            Map<String, Integer> inputBits, Map<String, String> outputs, QuantizationOptions options,
            Map<String, InputNormalization> normalizations) {
        this.graph = graph;
        for (TensorInfo i : floatInputs) {
            this.floatInputs.put(i.name(), i);
        }
        for (TensorInfo o : floatOutputs) {
            this.floatOutputs.put(o.name(), o);
        }
        this.names = Collections.unmodifiableMap(new LinkedHashMap<>(names));
        this.inputBits = Map.copyOf(inputBits);
        this.outputs = Collections.unmodifiableMap(new LinkedHashMap<>(outputs));
        this.options = options;
        this.normalizations = Map.copyOf(normalizations);
    }

    /**
     * This model with every constant's values zeroed (shapes, bounds and scales kept): what a
     * verifying key may publish so that a data owner can quantize and commit an input without
     * the weights.
     */
    public QuantizedModel withoutWeights() {
        QGraph stripped;
        try {
            stripped = QGraphCodec.decode(QGraphCodec.encode(graph, false));
        } catch (io.zkinfer.model.ModelException e) {
            throw new IllegalStateException("a graph's own encoding does not decode", e);
        }
        return new QuantizedModel(stripped, floatInputs(), floatOutputs(), names, inputBits, outputs, options,
                normalizations);
    }

    /** The inputs' normalizations taken out of the graph (see {@link InputNormalization}), by input. */
    public Map<String, InputNormalization> normalizations() {
        return normalizations;
    }

    /** The float model's inputs (names, types, shapes), in order: what {@link #quantizeInput} takes. */
    public List<TensorInfo> floatInputs() {
        return List.copyOf(floatInputs.values());
    }

    /** The float model's outputs, in order: what {@link #dequantizeOutput} gives. */
    public List<TensorInfo> floatOutputs() {
        return List.copyOf(floatOutputs.values());
    }

    /** Each input's signed bit width, by input name. */
    Map<String, Integer> inputBits() {
        return inputBits;
    }

    /** The integer graph. */
    public QGraph graph() {
        return graph;
    }

    /** The options it was quantized with. */
    public QuantizationOptions options() {
        return options;
    }

    /** Float tensor name to the name of the integer tensor that stands for it (inputs and outputs included). */
    public Map<String, String> tensorNames() {
        return names;
    }

    /** Float output name to integer output name, in the float graph's order. */
    public Map<String, String> outputNames() {
        return outputs;
    }

    /**
     * One float input as the integer graph's input: round(v 2^frac), clamped to the input's width,
     * after its normalization if the graph had one at its head ({@link #normalizations}).
     *
     * @throws IllegalArgumentException if the name is not an input, the shape differs, or a value is
     *     not finite (the message names the input and the position)
     */
    public long[] quantizeInput(String name, Tensor value) {
        return quantizeInput(name, value, new int[1]);
    }

    /**
     * {@link #quantizeInput(String, Tensor)}, counting in {@code clamped[0]} the values that lay
     * beyond the input's width at its scale (after normalization) and were clamped: an input unlike
     * the calibration rows, which a caller should hear about.
     */
    public long[] quantizeInput(String name, Tensor value, int[] clamped) {
        TensorInfo info = floatInputs.get(name);
        if (info == null) {
            throw new IllegalArgumentException("input '" + name + "': not an input of the model; its inputs are "
                    + floatInputs.keySet());
        }
        if (!Arrays.equals(info.shape(), value.shape())) {
            throw new IllegalArgumentException("input '" + name + "': expected shape " + Arrays.toString(info.shape())
                    + ", got " + Arrays.toString(value.shape()));
        }
        QInfo q = graph.info(name);
        int bits = inputBits.get(name);
        long lo = -(1L << (bits - 1));
        long hi = (1L << (bits - 1)) - 1;
        InputNormalization norm = normalizations.get(name);
        long[] out = new long[value.size()];
        for (int i = 0; i < out.length; i++) {
            double v = value.get(i);
            if (!Double.isFinite(v)) {
                throw new IllegalArgumentException("input '" + name + "': non-finite value " + v + " at flat index " + i);
            }
            if (norm != null) {
                v = norm.apply(i, v);
            }
            long r = Math.round(Math.scalb(v, q.frac()));
            if (r < lo || r > hi) {
                clamped[0]++;
            }
            out[i] = Math.min(hi, Math.max(lo, r));
        }
        return out;
    }

    /** Every input quantized; the map must hold exactly the model's inputs. */
    public Map<String, long[]> quantizeInputs(Map<String, Tensor> inputs) {
        for (String n : inputs.keySet()) {
            if (!floatInputs.containsKey(n)) {
                throw new IllegalArgumentException("input '" + n + "': not an input of the model; its inputs are "
                        + floatInputs.keySet());
            }
        }
        Map<String, long[]> out = new LinkedHashMap<>();
        for (String n : floatInputs.keySet()) {
            Tensor t = inputs.get(n);
            if (t == null) {
                throw new IllegalArgumentException("input '" + n + "': missing");
            }
            out.put(n, quantizeInput(n, t));
        }
        return out;
    }

    /**
     * A float output from the integer graph's values: v 2^-frac at the float output's shape and type.
     *
     * @param name the float output's name
     * @param values the integer output (from the integer graph's output {@code outputNames().get(name)})
     */
    public Tensor dequantizeOutput(String name, long[] values) {
        TensorInfo info = floatOutputs.get(name);
        if (info == null) {
            throw new IllegalArgumentException("output '" + name + "': not an output of the model; its outputs are "
                    + floatOutputs.keySet());
        }
        QInfo q = graph.info(outputs.get(name));
        if (values.length != q.size()) {
            throw new IllegalArgumentException("output '" + name + "': " + values.length + " values for "
                    + q.size() + " entries");
        }
        if (info.type() == ElementType.INT64 && q.frac() == 0) {
            return Tensor.ofLongs(info.shape(), values);
        }
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = q.dequantize(values[i]);
        }
        return Tensor.of(info.shape(), d);
    }

    /** Every output dequantized, from the integer evaluator's result (keyed by integer output names). */
    public Map<String, Tensor> dequantizeOutputs(Map<String, long[]> integerOutputs) {
        Map<String, Tensor> out = new LinkedHashMap<>();
        for (Map.Entry<String, String> e : outputs.entrySet()) {
            long[] v = integerOutputs.get(e.getValue());
            if (v == null) {
                throw new IllegalArgumentException("output '" + e.getValue() + "' missing from the integer results");
            }
            out.put(e.getKey(), dequantizeOutput(e.getKey(), v));
        }
        return out;
    }
}
