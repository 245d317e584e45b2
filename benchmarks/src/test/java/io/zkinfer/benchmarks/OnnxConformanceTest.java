package io.zkinfer.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.zkinfer.benchmarks.OnnxConformance.Result;
import io.zkinfer.benchmarks.OnnxConformance.Status;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.NodeTestCase;
import io.zkinfer.model.onnx.OnnxImporter;
import io.zkinfer.model.quant.QuantizationOptions;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Every ONNX node test that passed end to end (import, quantize, prove with zero knowledge,
 * verify, match within tolerance) when the baseline was recorded must still pass. The baseline is
 * onnx-conformance-baseline.txt beside this test; cases passing that it lacks are printed, to be
 * added with {@code ./bench onnx-conformance --write-baseline ...}. The report goes to
 * target/onnx-conformance.md. The node tests come from the Debian package libonnx-testdata,
 * which .ci/run installs; without it the test is skipped locally and fails in CI.
 */
class OnnxConformanceTest {
    @Test
    void baselineCasesStillPass() throws IOException {
        boolean present = Files.isDirectory(OnnxConformance.NODE_TESTS);
        if (!present && "true".equals(System.getenv("CI"))) {
            throw new AssertionError(OnnxConformance.NODE_TESTS + " is missing: install libonnx-testdata");
        }
        assumeTrue(present, "libonnx-testdata is not installed");
        Set<String> baseline = baseline();
        long t0 = System.nanoTime();
        List<Result> results = OnnxConformance.runAll(OnnxConformance.NODE_TESTS, QuantizationOptions.defaults(),
                line -> {});
        double seconds = (System.nanoTime() - t0) / 1e9;
        Files.writeString(Path.of("target", "onnx-conformance.md"), ConformanceMarkdown.of(results,
                OnnxImporter.supportedOps().size(), QuantizationOptions.defaults(), LocalDate.now()));

        Map<String, Result> byName = results.stream().collect(Collectors.toMap(Result::name, Function.identity()));
        List<String> regressed = new ArrayList<>();
        List<String> added = new ArrayList<>();
        for (String name : baseline) {
            Result r = byName.get(name);
            if (r == null) {
                regressed.add(name + ": no longer in the corpus");
            } else if (r.status() != Status.PASSED) {
                regressed.add(name + " (" + r.op() + "): " + r.status().name().toLowerCase() + ", "
                        + (r.stage() == null ? "" : r.stage().name().toLowerCase() + ": ") + r.detail());
            }
        }
        for (Result r : results) {
            if (r.status() == Status.PASSED && !baseline.contains(r.name())) {
                added.add(r.name());
            }
        }
        long passed = OnnxConformance.count(results, Status.PASSED);
        long failed = OnnxConformance.count(results, Status.FAILED);
        System.out.printf("ONNX conformance (prove + verify): %d cases, %d run, %d passed, %d failed, %d skipped,"
                + " %.1f s; baseline %d%n", results.size(), passed + failed, passed, failed,
                OnnxConformance.count(results, Status.SKIPPED), seconds, baseline.size());
        if (!added.isEmpty()) {
            System.out.println("Passing but not in the baseline (add them): " + added);
        }
        assertEquals(List.of(), regressed, "cases of the baseline that no longer pass (see target/onnx-conformance.md)");
    }

    /** The runner's verdicts on one small case: it passes, and a wrong expected value fails it. */
    @Test
    void aCasePassesAndAWrongExpectationFailsIt() throws IOException {
        assumeTrue(Files.isDirectory(OnnxConformance.NODE_TESTS), "libonnx-testdata is not installed");
        NodeTestCase.Ready relu = ready("test_relu");
        assertEquals(Status.PASSED, OnnxConformance.run(relu, QuantizationOptions.defaults()).status());

        // Off by a tenth of the range at one position: beyond the tolerance, at most 4 * 2^-1 of it.
        Tensor e = relu.expected().getFirst();
        double[] v = e.toDoubleArray();
        v[0] += 0.1 * Arrays.stream(v).map(Math::abs).max().orElseThrow();
        Result r = OnnxConformance.run(new NodeTestCase.Ready(relu.name(), relu.op(), relu.graph(), relu.feeds(),
                List.of(Tensor.of(e.shape(), v))), QuantizationOptions.defaults());
        assertEquals(Status.FAILED, r.status());
        assertEquals(OnnxConformance.Stage.TOLERANCE, r.stage(), r.detail());
    }

    /** An integer output must match exactly: ArgMax off by one index fails. */
    @Test
    void integerOutputsMatchExactly() throws IOException {
        assumeTrue(Files.isDirectory(OnnxConformance.NODE_TESTS), "libonnx-testdata is not installed");
        NodeTestCase.Ready argmax = ready("test_argmax_default_axis_example");
        assertEquals(Status.PASSED, OnnxConformance.run(argmax, QuantizationOptions.defaults()).status());
        Tensor e = argmax.expected().getFirst();
        long[] v = e.toLongArray();
        v[0] = 1 - v[0];
        Result r = OnnxConformance.run(new NodeTestCase.Ready(argmax.name(), argmax.op(), argmax.graph(),
                argmax.feeds(), List.of(Tensor.ofLongs(e.shape(), v))), QuantizationOptions.defaults());
        assertEquals(OnnxConformance.Stage.TOLERANCE, r.stage(), r.detail());
    }

    private static NodeTestCase.Ready ready(String name) throws IOException {
        Path dir = OnnxConformance.NODE_TESTS.resolve(name);
        NodeTestCase c = OnnxConformance.load(dir, Files.readAllBytes(dir.resolve("model.onnx")), Set.of());
        return assertInstanceOf(NodeTestCase.Ready.class, c, c.toString());
    }

    private static Set<String> baseline() throws IOException {
        try (InputStream in = OnnxConformanceTest.class.getResourceAsStream("/onnx-conformance-baseline.txt")) {
            assertNotNull(in, "onnx-conformance-baseline.txt is missing from the test resources");
            Set<String> names = new LinkedHashSet<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String s = line.strip();
                if (!s.isEmpty() && !s.startsWith("#")) {
                    names.add(s);
                }
            }
            return names;
        }
    }
}
