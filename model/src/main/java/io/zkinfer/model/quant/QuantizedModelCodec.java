package io.zkinfer.model.quant;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.TensorInfo;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A whole quantized model as bytes: the integer graph with every constant's values (so it holds
 * private weights: it is the model owner's file, never published), the float inputs and outputs,
 * the name maps, the inputs' widths and normalizations, and the quantization options.
 *
 * <p>Encoding (big-endian): "ZKQM", u16 version; the options (10 x u8, in the record's order);
 * float inputs and float outputs (each u16 count; per tensor: name, u8 ONNX type code, shape);
 * the tensor-name map and the output-name map (each u16 count of name pairs); the inputs' widths
 * (u16 count; name, u8 bits); normalizations (u16 count; input name, u8 divide, u32 n, n f64
 * offsets, n f64 scales, u16 count of folded node names, output name); u32 length and the graph
 * ({@link QGraphCodec}, values included unless it is a verifying key's public part). Names and shapes as in {@link QGraphCodec}.
 * docs/FORMATS.md has the table.
 */
public final class QuantizedModelCodec {
    /** The encoding's version. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'Z', 'K', 'Q', 'M'};

    private QuantizedModelCodec() {}

    /** The model's bytes (weights included). */
    public static byte[] encode(QuantizedModel m) {
        return encode(m, true);
    }

    /**
     * The model's bytes, its constants' values only when {@code values} (without them: the
     * public part a verifying key may carry; it decodes with the constants' shapes and bounds).
     */
    public static byte[] encode(QuantizedModel m, boolean values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.write(MAGIC);
            out.writeShort(VERSION);
            QuantizationOptions o = m.options();
            for (int v : new int[] {o.weightBits(), o.activationBits(), o.outputBits(), o.sumInputBits(),
                o.softmaxInputBits(), o.softmaxExpBits(), o.probabilityBits(), o.layerNormInputBits(),
                o.varianceBits(), o.multiplierBits()}) {
                out.writeByte(v);
            }
            infos(out, m.floatInputs());
            infos(out, m.floatOutputs());
            pairs(out, m.tensorNames());
            pairs(out, m.outputNames());
            out.writeShort(m.inputBits().size());
            for (TensorInfo in : m.floatInputs()) {
                QGraphCodec.name(out, in.name());
                out.writeByte(m.inputBits().get(in.name()));
            }
            out.writeShort(m.normalizations().size());
            for (TensorInfo in : m.floatInputs()) {
                InputNormalization n = m.normalizations().get(in.name());
                if (n == null) {
                    continue;
                }
                QGraphCodec.name(out, n.input());
                out.writeByte(n.divide() ? 1 : 0);
                out.writeInt(n.offset().length);
                for (double d : n.offset()) {
                    out.writeDouble(d);
                }
                for (double d : n.scale()) {
                    out.writeDouble(d);
                }
                out.writeShort(n.folded().size());
                for (String f : n.folded()) {
                    QGraphCodec.name(out, f);
                }
                QGraphCodec.name(out, n.output());
            }
            byte[] g = QGraphCodec.encode(m.graph(), values);
            out.writeInt(g.length);
            out.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a model.
     *
     * @throws ModelException (MALFORMED) if the bytes are not a quantized model of this version, or
     *     its parts do not fit together (the message says which part)
     */
    public static QuantizedModel decode(byte[] bytes) throws ModelException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw malformed("wrong magic bytes (not a zkinfer quantized model)");
            }
            int version = b.getShort() & 0xffff;
            if (version != VERSION) {
                throw malformed("version " + version + ", this reader reads " + VERSION);
            }
            int[] o = new int[10];
            for (int i = 0; i < o.length; i++) {
                o[i] = b.get() & 0xff;
            }
            QuantizationOptions options = new QuantizationOptions(o[0], o[1], o[2], o[3], o[4], o[5], o[6], o[7], o[8],
                    o[9]);
            List<TensorInfo> inputs = infos(b);
            List<TensorInfo> outputs = infos(b);
            Map<String, String> names = pairs(b);
            Map<String, String> outputNames = pairs(b);
            Map<String, Integer> inputBits = new LinkedHashMap<>();
            for (int i = 0, n = b.getShort() & 0xffff; i < n; i++) {
                String name = QGraphCodec.name(b);
                int bits = b.get() & 0xff;
                if (bits < 2 || bits > 32) {
                    throw malformed("input '" + name + "' has a width of " + bits + " bits");
                }
                inputBits.put(name, bits);
            }
            Map<String, InputNormalization> normalizations = new LinkedHashMap<>();
            for (int i = 0, n = b.getShort() & 0xffff; i < n; i++) {
                String input = QGraphCodec.name(b);
                boolean divide = b.get() == 1;
                int size = b.getInt();
                if (size < 0 || size > b.remaining() / 16) {
                    throw malformed("normalization of '" + input + "' declares " + size + " entries with "
                            + b.remaining() + " bytes left");
                }
                double[] offset = new double[size];
                double[] scale = new double[size];
                for (int k = 0; k < size; k++) {
                    offset[k] = b.getDouble();
                }
                for (int k = 0; k < size; k++) {
                    scale[k] = b.getDouble();
                }
                List<String> folded = new ArrayList<>();
                for (int k = 0, m = b.getShort() & 0xffff; k < m; k++) {
                    folded.add(QGraphCodec.name(b));
                }
                normalizations.put(input, new InputNormalization(input, offset, scale, divide, folded, QGraphCodec.name(b)));
            }
            int length = b.getInt();
            if (length < 0 || length != b.remaining()) {
                throw malformed("the graph declares " + length + " bytes, " + b.remaining() + " remain");
            }
            byte[] g = new byte[length];
            b.get(g);
            QGraph graph = QGraphCodec.decode(g);
            check(graph, inputs, outputs, outputNames, inputBits, normalizations);
            return new QuantizedModel(graph, inputs, outputs, names, inputBits, outputNames, options, normalizations);
        } catch (BufferUnderflowException e) {
            throw malformed("truncated");
        } catch (IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    /** The parts must fit the graph: every float input an integer input of its size, every output mapped. */
    private static void check(QGraph graph, List<TensorInfo> inputs, List<TensorInfo> outputs,
            Map<String, String> outputNames, Map<String, Integer> inputBits,
            Map<String, InputNormalization> normalizations) throws ModelException {
        for (TensorInfo in : inputs) {
            if (graph.info(in.name()).size() != in.size()) {
                throw malformed("input '" + in.name() + "' has " + in.size() + " entries, the graph's "
                        + graph.info(in.name()).size());
            }
            if (!inputBits.containsKey(in.name())) {
                throw malformed("input '" + in.name() + "' has no width");
            }
            InputNormalization n = normalizations.get(in.name());
            if (n != null && n.offset().length != in.size()) {
                throw malformed("normalization of '" + in.name() + "' has " + n.offset().length + " entries for "
                        + in.size());
            }
        }
        for (TensorInfo out : outputs) {
            String q = outputNames.get(out.name());
            if (q == null || graph.info(q).size() != out.size()) {
                throw malformed("output '" + out.name() + "' has no integer output of its size");
            }
        }
        if (normalizations.keySet().stream().anyMatch(k -> inputs.stream().noneMatch(i -> i.name().equals(k)))) {
            throw malformed("a normalization names no input");
        }
    }

    private static ModelException malformed(String problem) {
        return new ModelException(ModelException.Kind.MALFORMED, "quantized model: " + problem, "compiled model file",
                "compile the model again with the same version of zkinfer");
    }

    private static void infos(DataOutputStream out, List<TensorInfo> infos) throws IOException {
        out.writeShort(infos.size());
        for (TensorInfo i : infos) {
            QGraphCodec.name(out, i.name());
            out.writeByte(i.type().onnxCode());
            QGraphCodec.shape(out, i.shape());
        }
    }

    private static List<TensorInfo> infos(ByteBuffer b) throws ModelException {
        List<TensorInfo> out = new ArrayList<>();
        for (int i = 0, n = b.getShort() & 0xffff; i < n; i++) {
            String name = QGraphCodec.name(b);
            int code = b.get() & 0xff;
            ElementType type = null;
            for (ElementType t : ElementType.values()) {
                if (t.onnxCode() == code) {
                    type = t;
                }
            }
            if (type == null) {
                throw malformed("tensor '" + name + "' has the unknown type code " + code);
            }
            out.add(new TensorInfo(name, type, QGraphCodec.shape(b)));
        }
        return out;
    }

    private static void pairs(DataOutputStream out, Map<String, String> map) throws IOException {
        out.writeShort(map.size());
        for (Map.Entry<String, String> e : map.entrySet()) {
            QGraphCodec.name(out, e.getKey());
            QGraphCodec.name(out, e.getValue());
        }
    }

    private static Map<String, String> pairs(ByteBuffer b) {
        Map<String, String> out = new LinkedHashMap<>();
        for (int i = 0, n = b.getShort() & 0xffff; i < n; i++) {
            out.put(QGraphCodec.name(b), QGraphCodec.name(b));
        }
        return out;
    }
}
