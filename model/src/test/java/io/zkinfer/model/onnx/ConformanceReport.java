package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import io.zkinfer.model.onnx.proto.Onnx.GraphProto;
import io.zkinfer.model.onnx.proto.Onnx.ModelProto;
import io.zkinfer.model.onnx.proto.Onnx.NodeProto;
import io.zkinfer.model.onnx.proto.Onnx.TensorProto;
import io.zkinfer.model.onnx.proto.Onnx.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs the ONNX backend node tests (Debian's libonnx-testdata, ONNX 1.12) through the importer
 * and the float evaluator and tabulates the results per op.
 *
 * <p>Each case directory holds model.onnx and test_data_set_0/{input,output}_N.pb. A case is
 * <b>skipped</b>, with a reason, when the model uses an op zkinfer does not support or the
 * importer raises {@link ModelException.Kind#UNSUPPORTED} (a data type, attribute or mode it
 * deliberately refuses); it <b>fails</b> on any other exception or a wrong output; else it
 * <b>passes</b>. Outputs must match in type and shape, and in value within
 * |actual - expected| &lt;= {@value #ABS_TOL} + {@value #REL_TOL} * |expected| (the expected values
 * are float32 results; ours are double).
 *
 * <p>The tests feed shape, axes, index and bound arguments as graph inputs, while zkinfer needs
 * them constant; so inputs that feed such an argument (see {@link OnnxOps.Entry#constantInputs})
 * or that are INT64 are bound to the case's test values as initializers before import.
 *
 * <p>{@code main(outputPath)} writes the report as markdown.
 */
public final class ConformanceReport {
    static final Path NODE_TESTS = Path.of("/usr/share/libonnx-testdata/data/node");
    static final double ABS_TOL = 1e-4;
    static final double REL_TOL = 1e-3;

    enum Status { PASSED, FAILED, SKIPPED }

    /** The outcome of one test case, attributed to one op. */
    record CaseResult(String name, String op, Status status, String detail) {}

    private ConformanceReport() {}

    public static void main(String[] args) throws IOException {
        Path dir = args.length > 1 ? Path.of(args[1]) : NODE_TESTS;
        String md = markdown(runAll(dir));
        if (args.length > 0) {
            Files.writeString(Path.of(args[0]), md);
        } else {
            System.out.print(md);
        }
    }

    static List<CaseResult> runAll(Path dir) throws IOException {
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(p -> p.getFileName().toString().startsWith("test_")).sorted().toList();
        }
        Set<String> allOps = new HashSet<>(OnnxOps.supported());
        List<ModelProto> models = new ArrayList<>();
        for (Path c : cases) {
            ModelProto m = parse(c.resolve("model.onnx"));
            models.add(m);
            if (m != null) {
                m.getGraph().getNodeList().forEach(n -> allOps.add(n.getOpType()));
            }
        }
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            results.add(runCase(cases.get(i), models.get(i), allOps));
        }
        return results;
    }

    static CaseResult runCase(Path dir, ModelProto model, Set<String> allOps) {
        String name = dir.getFileName().toString();
        if (model == null) {
            return new CaseResult(name, "?", Status.FAILED, "model.onnx does not parse");
        }
        String op = attribute(name, model, allOps);
        for (NodeProto n : model.getGraph().getNodeList()) {
            boolean defaultDomain = n.getDomain().isEmpty() || n.getDomain().equals("ai.onnx");
            if (!defaultDomain || OnnxOps.get(n.getOpType()) == null) {
                return new CaseResult(name, op, Status.SKIPPED, "unsupported op " + n.getOpType());
            }
        }
        for (ValueInfoProto v : model.getGraph().getInputList()) {
            if (!v.getType().hasTensorType()) {
                return new CaseResult(name, op, Status.SKIPPED, "non-tensor (sequence or optional) input");
            }
        }
        for (ValueInfoProto v : model.getGraph().getOutputList()) {
            if (!v.getType().hasTensorType()) {
                return new CaseResult(name, op, Status.SKIPPED, "non-tensor (sequence or optional) output");
            }
        }
        try {
            List<Tensor> inputs = new ArrayList<>();
            List<Tensor> expected = new ArrayList<>();
            Path data = dir.resolve("test_data_set_0");
            for (int i = 0; Files.exists(data.resolve("input_" + i + ".pb")); i++) {
                inputs.add(readTensor(data.resolve("input_" + i + ".pb")));
            }
            for (int i = 0; Files.exists(data.resolve("output_" + i + ".pb")); i++) {
                expected.add(readTensor(data.resolve("output_" + i + ".pb")));
            }
            Map<String, Tensor> feeds = new LinkedHashMap<>();
            ModelProto bound = bindConstants(model, inputs, feeds);
            Graph graph = OnnxImporter.importModel(bound, ImportOptions.defaults());
            Map<String, Tensor> actual = FloatEvaluator.evaluate(graph, feeds);
            List<TensorInfo> outs = graph.outputs();
            if (outs.size() != expected.size()) {
                return new CaseResult(name, op, Status.FAILED, outs.size() + " outputs, expected " + expected.size());
            }
            for (int i = 0; i < outs.size(); i++) {
                String diff = compare(actual.get(outs.get(i).name()), expected.get(i));
                if (diff != null) {
                    return new CaseResult(name, op, Status.FAILED, "output " + i + ": " + diff);
                }
            }
            return new CaseResult(name, op, Status.PASSED, "");
        } catch (ModelException e) {
            Status s = e.kind() == ModelException.Kind.UNSUPPORTED ? Status.SKIPPED : Status.FAILED;
            return new CaseResult(name, op, s, s == Status.SKIPPED ? e.problem() : e.getMessage());
        } catch (IOException | RuntimeException e) {
            return new CaseResult(name, op, Status.FAILED, e.toString());
        }
    }

    /**
     * Moves the graph inputs that must be constant (INT64 ones, and those feeding a constant
     * argument) into the initializers with the case's values; puts the others into feeds.
     */
    private static ModelProto bindConstants(ModelProto model, List<Tensor> inputs, Map<String, Tensor> feeds)
            throws ModelException, IOException {
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
        }
        GraphProto.Builder gb = g.toBuilder().clearInput();
        int k = 0;
        for (ValueInfoProto in : g.getInputList()) {
            if (initializers.contains(in.getName())) {
                gb.addInput(in);
                continue;
            }
            if (k >= inputs.size()) {
                throw new IOException("fewer input_N.pb files than graph inputs");
            }
            Tensor t = inputs.get(k++);
            if (t.type() == io.zkinfer.model.graph.ElementType.INT64 || constantArgs.contains(in.getName())) {
                gb.addInitializer(TestTensors.toProto(in.getName(), t));
            } else {
                gb.addInput(in);
                feeds.put(in.getName(), t);
            }
        }
        return model.toBuilder().setGraph(gb).build();
    }

    private static String compare(Tensor actual, Tensor expected) {
        if (actual.type() != expected.type()) {
            return "type " + actual.type() + ", expected " + expected.type();
        }
        if (!java.util.Arrays.equals(actual.shape(), expected.shape())) {
            return "shape " + java.util.Arrays.toString(actual.shape()) + ", expected "
                    + java.util.Arrays.toString(expected.shape());
        }
        for (int i = 0; i < actual.size(); i++) {
            double a = actual.get(i);
            double e = expected.get(i);
            boolean ok = Double.isNaN(e) ? Double.isNaN(a)
                    : a == e || Math.abs(a - e) <= ABS_TOL + REL_TOL * Math.abs(e);
            if (!ok) {
                return "value " + a + " at " + i + ", expected " + e;
            }
        }
        return null;
    }

    /** The op a case tests: the longest op name its name starts with, else its first node's op. */
    private static String attribute(String caseName, ModelProto model, Set<String> allOps) {
        String flat = caseName.substring("test_".length()).replace("_", "").toLowerCase();
        Set<String> candidates = new HashSet<>();
        model.getGraph().getNodeList().forEach(n -> candidates.add(n.getOpType()));
        String best = longestPrefix(flat, candidates);
        if (best == null && caseName.endsWith("_expanded")) {
            best = longestPrefix(flat, allOps);
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

    private static ModelProto parse(Path p) {
        try {
            return ModelProto.parseFrom(Files.readAllBytes(p));
        } catch (IOException e) {
            return null;
        }
    }

    private static Tensor readTensor(Path p) throws IOException, ModelException {
        return TensorDecoder.decode(TensorProto.parseFrom(Files.readAllBytes(p)), p.getFileName().toString());
    }

    /** The report: totals, a table per op, then every failure and every skip reason. */
    static String markdown(List<CaseResult> results) {
        Map<String, List<CaseResult>> byOp = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (CaseResult r : results) {
            byOp.computeIfAbsent(r.op(), k -> new ArrayList<>()).add(r);
        }
        StringBuilder sb = new StringBuilder("# ONNX backend node tests: zkinfer conformance\n\n");
        sb.append("Source: ").append(NODE_TESTS).append(" (ONNX 1.12). Tolerance: |a - e| <= ")
                .append(ABS_TOL).append(" + ").append(REL_TOL).append(" |e|.\n\n");
        sb.append(String.format("Cases: %d; passed %d, failed %d, skipped %d.%n%n", results.size(),
                count(results, Status.PASSED), count(results, Status.FAILED), count(results, Status.SKIPPED)));
        sb.append("| op | cases | passed | failed | skipped | skip reasons |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<CaseResult>> e : byOp.entrySet()) {
            List<CaseResult> rs = e.getValue();
            Map<String, Integer> reasons = new TreeMap<>();
            for (CaseResult r : rs) {
                if (r.status() == Status.SKIPPED) {
                    reasons.merge(r.detail(), 1, Integer::sum);
                }
            }
            StringBuilder why = new StringBuilder();
            reasons.forEach((k, v) -> why.append(why.isEmpty() ? "" : "; ").append(k.replace("|", "/"))
                    .append(" (").append(v).append(')'));
            sb.append(String.format("| %s | %d | %d | %d | %d | %s |%n", e.getKey(), rs.size(),
                    count(rs, Status.PASSED), count(rs, Status.FAILED), count(rs, Status.SKIPPED), why));
        }
        sb.append("\n## Failures\n\n");
        for (CaseResult r : results) {
            if (r.status() == Status.FAILED) {
                sb.append("- ").append(r.name()).append(": ").append(r.detail()).append('\n');
            }
        }
        return sb.toString();
    }

    static long count(List<CaseResult> rs, Status s) {
        return rs.stream().filter(r -> r.status() == s).count();
    }
}
