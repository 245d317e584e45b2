package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Runs the ONNX backend node tests (Debian's libonnx-testdata, ONNX 1.12) through the importer
 * and the float evaluator and tabulates the results per op.
 *
 * <p>Each case directory holds model.onnx and test_data_set_0/{input,output}_N.pb, which
 * {@link NodeTestCase#prepare} imports (binding shape, axes and INT64 arguments as constants). A
 * case is <b>skipped</b>, with a reason, when it is {@link NodeTestCase.Skipped} (an op, type,
 * attribute or mode zkinfer does not support) or the evaluator raises
 * {@link ModelException.Kind#UNSUPPORTED}; it <b>fails</b> on any other exception or a wrong
 * output; else it <b>passes</b>. Outputs must match in type and shape, and in value within
 * |actual - expected| &lt;= {@value #ABS_TOL} + {@value #REL_TOL} * |expected| (the expected values
 * are float32 results; ours are double).
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
        Set<String> allOps = new HashSet<>(OnnxImporter.supportedOps());
        List<byte[]> models = new ArrayList<>();
        for (Path c : cases) {
            byte[] m = Files.readAllBytes(c.resolve("model.onnx"));
            models.add(m);
            allOps.addAll(NodeTestCase.opTypes(m));
        }
        List<CaseResult> results = new ArrayList<>();
        for (int i = 0; i < cases.size(); i++) {
            results.add(runCase(cases.get(i), models.get(i), allOps));
        }
        return results;
    }

    static CaseResult runCase(Path dir, byte[] model, Set<String> allOps) throws IOException {
        Path data = dir.resolve("test_data_set_0");
        NodeTestCase c = NodeTestCase.prepare(dir.getFileName().toString(), model, readAll(data, "input_"),
                readAll(data, "output_"), allOps, false);
        return switch (c) {
            case NodeTestCase.Skipped s -> new CaseResult(s.name(), s.op(), Status.SKIPPED, s.reason());
            case NodeTestCase.Broken b -> new CaseResult(b.name(), b.op(), Status.FAILED, b.reason());
            case NodeTestCase.Ready r -> evaluate(r);
        };
    }

    private static CaseResult evaluate(NodeTestCase.Ready c) {
        try {
            Map<String, Tensor> actual = FloatEvaluator.evaluate(c.graph(), c.feeds());
            List<TensorInfo> outs = c.graph().outputs();
            if (outs.size() != c.expected().size()) {
                return new CaseResult(c.name(), c.op(), Status.FAILED,
                        outs.size() + " outputs, expected " + c.expected().size());
            }
            for (int i = 0; i < outs.size(); i++) {
                String diff = compare(actual.get(outs.get(i).name()), c.expected().get(i));
                if (diff != null) {
                    return new CaseResult(c.name(), c.op(), Status.FAILED, "output " + i + ": " + diff);
                }
            }
            return new CaseResult(c.name(), c.op(), Status.PASSED, "");
        } catch (ModelException e) {
            Status s = e.kind() == ModelException.Kind.UNSUPPORTED ? Status.SKIPPED : Status.FAILED;
            return new CaseResult(c.name(), c.op(), s, s == Status.SKIPPED ? e.problem() : e.getMessage());
        } catch (RuntimeException e) {
            return new CaseResult(c.name(), c.op(), Status.FAILED, e.toString());
        }
    }

    /** The contents of prefix0.pb, prefix1.pb, ... in {@code dir}, up to the first missing one. */
    private static List<byte[]> readAll(Path dir, String prefix) throws IOException {
        List<byte[]> out = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve(prefix + i + ".pb")); i++) {
            out.add(Files.readAllBytes(dir.resolve(prefix + i + ".pb")));
        }
        return out;
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
