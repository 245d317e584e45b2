package io.zkinfer.model.onnx;

import com.google.protobuf.InvalidProtocolBufferException;
import io.zkinfer.model.ModelException;
import io.zkinfer.model.ModelException.Kind;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.GraphBuilder;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.TensorInfo;
import io.zkinfer.model.onnx.proto.Onnx.GraphProto;
import io.zkinfer.model.onnx.proto.Onnx.ModelProto;
import io.zkinfer.model.onnx.proto.Onnx.NodeProto;
import io.zkinfer.model.onnx.proto.Onnx.OperatorSetIdProto;
import io.zkinfer.model.onnx.proto.Onnx.TensorProto;
import io.zkinfer.model.onnx.proto.Onnx.TensorShapeProto;
import io.zkinfer.model.onnx.proto.Onnx.ValueInfoProto;
import java.util.HashSet;
import java.util.Set;

/**
 * Imports an ONNX model (default domain, opsets 9 to 17) into the float IR.
 *
 * <p>On the way it fixes every dimension (from {@link ImportOptions}), resolves each op's
 * attributes for the model's opset, folds constant subgraphs, removes Identity and Dropout, fuses
 * PyTorch's Erf-based GELU into one op, folds inference BatchNormalization into a preceding Conv
 * or Gemm, and drops nodes that no output depends on. Anything it cannot do exactly raises a
 * {@link ModelException} naming the node, op and tensor; it never guesses.
 *
 * <p>This class reads bytes, never files: reading the file is the caller's business.
 */
public final class OnnxImporter {
    /** The opsets of the default domain that the converters implement. */
    public static final int MIN_OPSET = 9;
    /** The newest default-domain opset supported. */
    public static final int MAX_OPSET = 17;

    private OnnxImporter() {}

    /**
     * Parses and imports a serialized ONNX {@code ModelProto}.
     *
     * @param onnxBytes the contents of a .onnx file
     * @param options sizes for the dimensions the model leaves open
     * @return the model as a graph with static shapes
     * @throws ModelException if the bytes are not an ONNX model, or the model uses what zkinfer
     *     does not support, or leaves a dimension open that the options do not fix
     */
    public static Graph load(byte[] onnxBytes, ImportOptions options) throws ModelException {
        ModelProto model;
        try {
            model = ModelProto.parseFrom(onnxBytes);
        } catch (InvalidProtocolBufferException e) {
            throw new ModelException(Kind.MALFORMED, "not a valid ONNX model (" + e.getMessage() + ")", "",
                    "the file is truncated or corrupt, or not an ONNX file; re-export or re-download it");
        }
        if (!model.hasGraph()) {
            throw new ModelException(Kind.MALFORMED, "not a valid ONNX model (no graph)", "",
                    "the file is truncated or corrupt, or not an ONNX file; re-export or re-download it");
        }
        try {
            return importModel(model, options);
        } catch (IllegalArgumentException | ArithmeticException e) {
            // Values no check above anticipated (e.g. sizes past 2^31, int64 past 2^53): still the
            // model's fault, reported as such rather than as a crash.
            throw new ModelException(Kind.INVALID_MODEL, "value out of range (" + e.getMessage() + ")", "model",
                    "check the model's shapes and constants");
        }
    }

    /** The supported ONNX op types, sorted. */
    public static java.util.List<String> supportedOps() {
        return OnnxOps.supported();
    }

    static Graph importModel(ModelProto model, ImportOptions options) throws ModelException {
        int opset = opset(model);
        GraphProto g = model.getGraph();
        Set<String> used = new HashSet<>();
        Set<String> outputs = new HashSet<>();
        for (NodeProto n : g.getNodeList()) {
            used.addAll(n.getInputList());
        }
        for (ValueInfoProto o : g.getOutputList()) {
            used.add(o.getName());
            outputs.add(o.getName());
        }
        GraphBuilder builder = Graph.builder();
        ImportContext ctx = new ImportContext(opset, builder, used, outputs);
        Set<String> initializerNames = new HashSet<>();
        for (TensorProto t : g.getInitializerList()) {
            String where = "initializer '" + t.getName() + "'";
            ctx.defineConstant(t.getName(), TensorDecoder.decode(t, where), where);
            initializerNames.add(t.getName());
        }
        for (ValueInfoProto in : g.getInputList()) {
            if (!initializerNames.contains(in.getName())) {
                declareInput(builder, in, options);
            }
        }
        for (int i = 0; i < g.getNodeCount(); i++) {
            convert(g.getNode(i), i, ctx);
        }
        for (ValueInfoProto o : g.getOutputList()) {
            String name = o.getName();
            if (!ctx.isDefined(name)) {
                throw new ModelException(Kind.MALFORMED, "graph output '" + name + "' is never computed", "",
                        "the model is incomplete; re-export it");
            }
            if (!ctx.resolve(name).equals(name)) {
                throw new IllegalStateException("output " + name + " aliased");
            }
            ctx.materialize(name);
            builder.output(name);
            checkDeclaredShape(o, builder.info(name));
        }
        Graph graph = builder.build();
        graph = GeluFusion.apply(graph);
        graph = BatchNormFolding.apply(graph);
        return DeadCodeElimination.apply(graph);
    }

    private static int opset(ModelProto model) throws ModelException {
        int opset = -1;
        for (OperatorSetIdProto o : model.getOpsetImportList()) {
            if (o.getDomain().isEmpty() || o.getDomain().equals("ai.onnx")) {
                opset = (int) o.getVersion();
            }
        }
        if (opset < 0 && model.getOpsetImportCount() == 0) {
            opset = 1;
        }
        if (opset < MIN_OPSET || opset > MAX_OPSET) {
            throw new ModelException(Kind.UNSUPPORTED, "ONNX opset " + opset, "model",
                    "zkinfer supports opsets " + MIN_OPSET + " to " + MAX_OPSET
                            + "; convert the model (onnx.version_converter) or re-export it with such an opset");
        }
        return opset;
    }

    private static void convert(NodeProto node, int index, ImportContext ctx) throws ModelException {
        String name = node.getName().isEmpty() ? node.getOpType() + "_" + index : node.getName();
        String where = io.zkinfer.model.graph.Node.describe(name, node.getOpType());
        boolean defaultDomain = node.getDomain().isEmpty() || node.getDomain().equals("ai.onnx");
        OnnxOps.Entry entry = defaultDomain ? OnnxOps.get(node.getOpType()) : null;
        if (entry == null) {
            String op = defaultDomain ? node.getOpType() : node.getDomain() + "." + node.getOpType();
            throw new ModelException(Kind.UNSUPPORTED, "unsupported op '" + op + "'", where,
                    "zkinfer supports " + String.join(", ", OnnxOps.supported()));
        }
        ImportedNode n = new ImportedNode(node, name, ctx);
        for (int i = 0; i < node.getInputCount(); i++) {
            if (n.hasInput(i)) {
                n.info(i); // every named input must exist
            }
        }
        entry.converter().convert(n);
        n.attrs.checkAllRead();
    }

    private static void declareInput(GraphBuilder builder, ValueInfoProto in, ImportOptions options)
            throws ModelException {
        String where = "graph input '" + in.getName() + "'";
        if (!in.getType().hasTensorType()) {
            throw new ModelException(Kind.UNSUPPORTED, "input is not a tensor", where, "use tensor inputs only");
        }
        var tt = in.getType().getTensorType();
        TensorProto.DataType dt = TensorProto.DataType.forNumber(tt.getElemType());
        if (dt != TensorProto.DataType.FLOAT) {
            throw new ModelException(Kind.UNSUPPORTED, "unsupported data type " + (dt == null ? tt.getElemType() : dt)
                    + " for a runtime input", where,
                    "zkinfer takes FLOAT inputs; integer inputs must be constants (initializers)");
        }
        if (!tt.hasShape()) {
            throw new ModelException(Kind.MISSING_DIMENSION, "input has no shape", where,
                    "re-export the model with input shapes");
        }
        int[] shape = new int[tt.getShape().getDimCount()];
        for (int i = 0; i < shape.length; i++) {
            shape[i] = dimension(tt.getShape().getDim(i), i, where, options);
        }
        builder.input(in.getName(), ElementType.FLOAT, shape);
    }

    private static int dimension(TensorShapeProto.Dimension d, int index, String where, ImportOptions options)
            throws ModelException {
        if (d.hasDimValue() && d.getDimValue() >= 0) {
            if (d.getDimValue() > Integer.MAX_VALUE) {
                throw new ModelException(Kind.INVALID_MODEL, "dimension " + d.getDimValue() + " too large", where, "");
            }
            return (int) d.getDimValue();
        }
        String param = d.hasDimParam() ? d.getDimParam() : "";
        Integer size = options.dimensions().get(param);
        if (size != null) {
            return size;
        }
        if (index == 0 && options.batchSize().isPresent()) {
            return options.batchSize().getAsInt();
        }
        String dim = param.isEmpty() ? "dimension " + index + " (unnamed)" : "dimension " + index + " '" + param + "'";
        throw new ModelException(Kind.MISSING_DIMENSION, dim + " has no fixed size", where,
                param.isEmpty() ? "set a size with ImportOptions.withBatchSize(n) (first dimension) or re-export with static shapes"
                        : "set its size with ImportOptions.withDimension(\"" + param + "\", n)"
                                + (index == 0 ? " or withBatchSize(n)" : ""));
    }

    /** Rejects an output whose declared static dimensions contradict the inferred shape. */
    private static void checkDeclaredShape(ValueInfoProto o, TensorInfo inferred) throws ModelException {
        if (!o.getType().hasTensorType() || !o.getType().getTensorType().hasShape()) {
            return;
        }
        TensorShapeProto s = o.getType().getTensorType().getShape();
        int[] shape = inferred.shape();
        boolean ok = s.getDimCount() == shape.length;
        for (int i = 0; ok && i < shape.length; i++) {
            ok = !s.getDim(i).hasDimValue() || s.getDim(i).getDimValue() == shape[i];
        }
        if (!ok) {
            throw new ModelException(Kind.INVALID_MODEL, "declared shape " + s.getDimList().stream()
                    .map(d -> d.hasDimValue() ? String.valueOf(d.getDimValue()) : "?").toList()
                    + " differs from the computed " + Shapes.format(shape), "graph output '" + o.getName() + "'",
                    "check the model's input shapes and dimension options");
        }
    }
}
