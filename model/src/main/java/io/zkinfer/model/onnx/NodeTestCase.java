package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.proto.Onnx.ModelProto;
import io.zkinfer.model.onnx.proto.Onnx.NodeProto;
import io.zkinfer.model.onnx.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * One case of the ONNX backend node tests (a case folder's model.onnx and the input_N.pb and
 * output_N.pb of one test data set) made ready for zkinfer: imported, with its feeds and its
 * expected outputs, or the reason it cannot be. The float conformance test and the end-to-end
 * conformance benchmark ({@code ./bench onnx-conformance}) share it. It reads bytes, never files.
 *
 * <p>A case is {@link Skipped} when the model uses an op zkinfer does not support, a non-tensor
 * input or output, or the importer raises {@link ModelException.Kind#UNSUPPORTED} (a data type,
 * attribute or mode it deliberately refuses); {@link Broken} on any other import error; else
 * {@link Ready}.
 *
 * <p>The tests feed shape, axes, index and bound arguments as graph inputs, while zkinfer needs
 * them constant; so inputs that feed such an argument (an op's constant inputs) or that are INT64
 * are bound to the case's test values as initializers before import. The tests feed weights as
 * inputs too; with {@code bindWeights}, the inputs that are an op's parameters (a Conv's or
 * Gemm's B and C, a normalization's scale, bias and statistics: {@link #WEIGHT_INPUTS}) are bound
 * the same way, as a model carries them and as quantization needs them.
 */
public sealed interface NodeTestCase permits NodeTestCase.Ready, NodeTestCase.Skipped, NodeTestCase.Broken {
    /** The case's name (its folder's name, e.g. {@code test_add_bcast}). */
    String name();

    /** The op the case tests (see {@link #prepare}). */
    String op();

    /**
     * An imported case.
     *
     * @param graph the imported float graph
     * @param feeds its inputs by name (the case's inputs that were not bound as constants)
     * @param expected the expected outputs, in the graph's output order
     */
    record Ready(String name, String op, Graph graph, Map<String, Tensor> feeds, List<Tensor> expected)
            implements NodeTestCase {}

    /** A case that uses what zkinfer does not support, and why. */
    record Skipped(String name, String op, String reason) implements NodeTestCase {}

    /** A case that should import but does not, and why. */
    record Broken(String name, String op, String reason) implements NodeTestCase {}

    /** Per op type, the input positions that hold parameters (weights, biases, statistics). */
    Map<String, Set<Integer>> WEIGHT_INPUTS = Map.of(
            "Conv", Set.of(1, 2),
            "Gemm", Set.of(1, 2),
            "BatchNormalization", Set.of(1, 2, 3, 4),
            "LayerNormalization", Set.of(1, 2));

    /** The op types of a serialized model's nodes; empty if the bytes do not parse. */
    static Set<String> opTypes(byte[] model) {
        Set<String> ops = new LinkedHashSet<>();
        ModelProto m = parse(model);
        if (m != null) {
            m.getGraph().getNodeList().forEach(n -> ops.add(n.getOpType()));
        }
        return ops;
    }

    /**
     * Imports one case.
     *
     * <p>The op a case tests is the longest op name its name starts with (ignoring case and
     * underscores) among its nodes' ops, or for an {@code _expanded} case among {@code corpusOps};
     * else its first non-Constant node's op.
     *
     * @param name the case's folder name
     * @param model the bytes of model.onnx
     * @param inputs the bytes of input_0.pb, input_1.pb, ...
     * @param outputs the bytes of output_0.pb, output_1.pb, ...
     * @param corpusOps every op type of the corpus (to attribute expanded cases)
     * @param bindWeights whether to bind the inputs that hold an op's parameters as initializers
     */
    static NodeTestCase prepare(String name, byte[] model, List<byte[]> inputs, List<byte[]> outputs,
            Set<String> corpusOps, boolean bindWeights) {
        ModelProto m = parse(model);
        if (m == null) {
            return new Broken(name, "?", "model.onnx does not parse");
        }
        String op = NodeTests.attribute(name, m, corpusOps);
        for (NodeProto n : m.getGraph().getNodeList()) {
            boolean defaultDomain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
            if (!defaultDomain || OnnxOps.get(n.getOpType()) == null) {
                return new Skipped(name, op, "unsupported op " + n.getOpType());
            }
        }
        for (ValueInfoProto v : m.getGraph().getInputList()) {
            if (!v.getType().hasTensorType()) {
                return new Skipped(name, op, "non-tensor (sequence or optional) input");
            }
        }
        for (ValueInfoProto v : m.getGraph().getOutputList()) {
            if (!v.getType().hasTensorType()) {
                return new Skipped(name, op, "non-tensor (sequence or optional) output");
            }
        }
        try {
            List<Tensor> in = new ArrayList<>();
            for (int i = 0; i < inputs.size(); i++) {
                in.add(NodeTests.decode(inputs.get(i), "input_" + i + ".pb"));
            }
            List<Tensor> expected = new ArrayList<>();
            for (int i = 0; i < outputs.size(); i++) {
                expected.add(NodeTests.decode(outputs.get(i), "output_" + i + ".pb"));
            }
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            ModelProto bound = NodeTests.bindConstants(m, in, feeds, bindWeights);
            if (bound == null) {
                return new Broken(name, op, "fewer input_N.pb files than graph inputs");
            }
            Graph graph = OnnxImporter.importModel(bound, ImportOptions.defaults());
            return new Ready(name, op, graph, Map.copyOf(feeds), List.copyOf(expected));
        } catch (ModelException e) {
            return e.kind() == ModelException.Kind.UNSUPPORTED
                    ? new Skipped(name, op, e.problem())
                    : new Broken(name, op, e.getMessage());
        } catch (RuntimeException e) {
            return new Broken(name, op, e.toString());
        }
    }

    private static ModelProto parse(byte[] model) {
        try {
            return ModelProto.parseFrom(model);
        } catch (com.google.protobuf.InvalidProtocolBufferException e) {
            return null;
        }
    }
}
