package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.proto.Onnx.GraphProto;
import io.zkinfer.model.onnx.proto.Onnx.ModelProto;
import io.zkinfer.model.onnx.proto.Onnx.NodeProto;
import io.zkinfer.model.onnx.proto.Onnx.TensorProto;
import io.zkinfer.model.onnx.proto.Onnx.ValueInfoProto;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** The helpers behind {@link NodeTestCase#prepare}: decoding, binding constant inputs, attributing a case to an op. */
final class NodeTests {
    private NodeTests() {}

    static Tensor decode(byte[] bytes, String where) throws ModelException {
        try {
            return TensorDecoder.decode(TensorProto.parseFrom(bytes), where);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            throw new ModelException(ModelException.Kind.MALFORMED, "not a TensorProto", where, "");
        }
    }

    /**
     * Moves the graph inputs that must be constant (INT64 ones, and those feeding a constant
     * argument, and with {@code bindWeights} those holding an op's parameters) into the
     * initializers with the case's values; puts the others into feeds. Null if there are fewer
     * values than graph inputs.
     */
    static ModelProto bindConstants(ModelProto model, List<Tensor> inputs, Map<String, Tensor> feeds,
            boolean bindWeights) {
        GraphProto g = model.getGraph();
        Set<String> initializers = new HashSet<>();
        g.getInitializerList().forEach(t -> initializers.add(t.getName()));
        Set<String> constantArgs = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            for (int pos : OnnxOps.get(n.getOpType()).constantInputs()) {
                if (pos < n.getInputCount()) {
                    constantArgs.add(n.getInput(pos));
                }
            }
            if (bindWeights) {
                for (int pos : NodeTestCase.WEIGHT_INPUTS.getOrDefault(n.getOpType(), Set.of())) {
                    if (pos < n.getInputCount()) {
                        constantArgs.add(n.getInput(pos));
                    }
                }
            }
        }
        GraphProto.Builder gb = g.toBuilder().clearInput();
        int k = 0;
        for (ValueInfoProto in : g.getInputList()) {
            if (initializers.contains(in.getName())) {
                gb.addInput(in);
                continue;
            }
            if (k >= inputs.size()) {
                return null;
            }
            Tensor t = inputs.get(k++);
            if (t.type() == ElementType.INT64 || constantArgs.contains(in.getName())) {
                gb.addInitializer(toProto(in.getName(), t));
            } else {
                gb.addInput(in);
                feeds.put(in.getName(), t);
            }
        }
        return model.toBuilder().setGraph(gb).build();
    }

    /** A FLOAT or INT64 tensor as a TensorProto (typed fields). */
    static TensorProto toProto(String name, Tensor t) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name);
        for (int d : t.shape()) {
            b.addDims(d);
        }
        if (t.type() == ElementType.INT64) {
            b.setDataType(TensorProto.DataType.INT64_VALUE);
            for (long v : t.toLongArray()) {
                b.addInt64Data(v);
            }
        } else {
            b.setDataType(TensorProto.DataType.FLOAT_VALUE);
            for (float v : t.toFloatArray()) {
                b.addFloatData(v);
            }
        }
        return b.build();
    }

    static String attribute(String caseName, ModelProto model, Set<String> corpusOps) {
        String flat = caseName.substring(caseName.startsWith("test_") ? "test_".length() : 0)
                .replace("_", "").toLowerCase();
        Set<String> candidates = new HashSet<>();
        model.getGraph().getNodeList().forEach(n -> candidates.add(n.getOpType()));
        String best = longestPrefix(flat, candidates);
        if (best == null && caseName.endsWith("_expanded")) {
            best = longestPrefix(flat, corpusOps);
        }
        for (NodeProto n : model.getGraph().getNodeList()) {
            if (best == null && !n.getOpType().equals("Constant")) {
                best = n.getOpType();
            }
        }
        return best == null ? "Constant" : best;
    }

    private static String longestPrefix(String flat, Set<String> ops) {
        String best = null;
        for (String op : ops) {
            if (flat.startsWith(op.toLowerCase()) && (best == null || op.length() > best.length())) {
                best = op;
            }
        }
        return best;
    }
}
