package io.zkinfer.benchmarks;

import io.zkinfer.benchmarks.OnnxConformance.Result;
import io.zkinfer.benchmarks.OnnxConformance.Status;
import io.zkinfer.model.onnx.OnnxImporter;
import io.zkinfer.model.quant.QuantizationOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ./bench onnx-conformance [--write FILE] [--write-baseline FILE] [--dir PATH]}: every ONNX
 * backend node test zkinfer supports through import, quantization, proof and verification
 * ({@link OnnxConformance}). Progress per case on stderr; optionally the markdown report
 * (docs/ONNX_CONFORMANCE.md) and the list of passing cases (the regression test's baseline).
 * Figures: ops_supported (the ONNX op types the importer supports), cases_run (cases not
 * skipped), cases_passed, cases_failed.
 */
@Command(name = "onnx-conformance",
        description = "The ONNX node tests end to end: import, quantize, prove, verify, compare; a table per op.")
final class OnnxConformanceBench implements Callable<Map<String, Object>> {
    @Mixin
    Bench.Help help;

    @Option(names = "--dir", description = "The node tests' folder (default: /usr/share/libonnx-testdata/data/node).")
    Path dir = OnnxConformance.NODE_TESTS;

    @Option(names = "--write", paramLabel = "FILE", description = "Write the markdown report here (e.g. docs/ONNX_CONFORMANCE.md).")
    Path write;

    @Option(names = "--write-baseline", paramLabel = "FILE",
            description = "Write the passing cases' names here, one a line (benchmarks/src/test/resources/onnx-conformance-baseline.txt).")
    Path baseline;

    @Override
    public Map<String, Object> call() throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder; install libonnx-testdata or give --dir");
        }
        QuantizationOptions options = QuantizationOptions.defaults();
        long t0 = System.nanoTime();
        List<Result> results = OnnxConformance.runAll(dir, options, Bench::progress);
        long passed = OnnxConformance.count(results, Status.PASSED);
        long failed = OnnxConformance.count(results, Status.FAILED);
        Bench.progress(String.format("onnx-conformance: %d cases, %d run, %d passed, %d failed, %d skipped, %.1f s",
                results.size(), passed + failed, passed, failed, OnnxConformance.count(results, Status.SKIPPED),
                (System.nanoTime() - t0) / 1e9));
        int ops = OnnxImporter.supportedOps().size();
        if (write != null) {
            Files.writeString(write, ConformanceMarkdown.of(results, ops, options, LocalDate.now()));
            Bench.progress("onnx-conformance: wrote " + write);
        }
        if (baseline != null) {
            StringBuilder sb = new StringBuilder();
            sb.append("# ONNX node test cases that import, quantize, prove, verify and match; one a line.\n");
            sb.append("# OnnxConformanceTest fails if one of them stops passing. Regenerate with\n");
            sb.append("# ./bench onnx-conformance --write-baseline benchmarks/src/test/resources/onnx-conformance-baseline.txt\n");
            for (Result r : results) {
                if (r.status() == Status.PASSED) {
                    sb.append(r.name()).append('\n');
                }
            }
            Files.writeString(baseline, sb.toString());
            Bench.progress("onnx-conformance: wrote " + baseline);
        }
        Map<String, Object> fig = new LinkedHashMap<>();
        fig.put("ops_supported", ops);
        fig.put("cases_run", passed + failed);
        fig.put("cases_passed", passed);
        fig.put("cases_failed", failed);
        return fig;
    }
}
