package io.zkinfer.benchmarks;

import io.zkinfer.benchmarks.OnnxConformance.Result;
import io.zkinfer.benchmarks.OnnxConformance.Status;
import io.zkinfer.model.quant.QuantizationOptions;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** docs/ONNX_CONFORMANCE.md: how it was made, the totals, a table per op, then every failure. */
final class ConformanceMarkdown {
    private ConformanceMarkdown() {}

    static String of(List<Result> results, int opsSupported, QuantizationOptions options, LocalDate date) {
        int bits = OnnxConformance.toleranceBits(options);
        StringBuilder sb = new StringBuilder("# ONNX conformance: import, quantize, prove, verify\n\n");
        sb.append("Generated on ").append(date).append(" by `./bench onnx-conformance --write docs/ONNX_CONFORMANCE.md`")
                .append(" (io.zkinfer.benchmarks.OnnxConformance); do not edit by hand.\n\n");
        sb.append("Source: the ONNX backend node tests of Debian's libonnx-testdata (ONNX 1.12), ")
                .append(OnnxConformance.NODE_TESTS).append(". Each case the importer and the float evaluator run ")
                .append("is calibrated on its own inputs, quantized with the default options (")
                .append(options.activationBits()).append("-bit activations, ").append(options.weightBits())
                .append("-bit weights, ").append(options.outputBits()).append("-bit outputs), compiled with the ")
                .append("default visibility (private weights bound to a model commitment, private inputs), proven ")
                .append("with zero knowledge (WHIR, 100-bit parameters), verified, and its dequantized outputs ")
                .append("compared with the expected ones. Arguments the tests pass as inputs but zkinfer needs ")
                .append("constant (shapes, axes, INT64 tensors) are bound as initializers, and so are the inputs ")
                .append("that hold an op's weights (Conv and Gemm B and C, the scale, bias and statistics of ")
                .append("BatchNormalization and LayerNormalization), as a model carries them.\n\n");
        sb.append("Tolerance: an integer output (ArgMax, for instance) must match exactly; a float output passes ")
                .append("when |q - e| <= ").append(OnnxConformance.TOL_STEPS).append(" * 2^(1-b) * R at every position, ")
                .append("with b = ").append(bits).append(" the narrower of the activation and weight widths and R ")
                .append("the largest |value| ")
                .append("among the case's float inputs and expected outputs: ").append(OnnxConformance.TOL_STEPS)
                .append(" rounding errors of a b-bit value at a power-of-two scale (1/")
                .append((1 << (bits - 1)) / OnnxConformance.TOL_STEPS).append(" of the range).\n\n");
        sb.append("A case is skipped when the importer does not support its op, data type or an attribute ")
                .append("value (the float conformance test's rule), or when import folds its output to a constant ")
                .append("(nothing to prove). The ONNX op types the importer supports: ")
                .append(opsSupported).append(".\n\n");
        long passed = OnnxConformance.count(results, Status.PASSED);
        long failed = OnnxConformance.count(results, Status.FAILED);
        long skipped = OnnxConformance.count(results, Status.SKIPPED);
        sb.append(String.format("Cases: %d; run %d: passed %d, failed %d; skipped %d.%n%n", results.size(),
                passed + failed, passed, failed, skipped));

        Map<String, List<Result>> byOp = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Result r : results) {
            byOp.computeIfAbsent(r.op(), k -> new ArrayList<>()).add(r);
        }
        sb.append("| op | cases | passed | failed | skipped | reasons |\n|---|---|---|---|---|---|\n");
        for (Map.Entry<String, List<Result>> e : byOp.entrySet()) {
            List<Result> rs = e.getValue();
            Map<String, Integer> reasons = new TreeMap<>();
            for (Result r : rs) {
                if (r.status() != Status.PASSED) {
                    reasons.merge(r.reason(), 1, Integer::sum);
                }
            }
            StringBuilder why = new StringBuilder();
            reasons.forEach((k, v) -> why.append(why.isEmpty() ? "" : "; ").append(cell(k)).append(" (").append(v)
                    .append(')'));
            sb.append(String.format("| %s | %d | %d | %d | %d | %s |%n", e.getKey(), rs.size(),
                    OnnxConformance.count(rs, Status.PASSED), OnnxConformance.count(rs, Status.FAILED),
                    OnnxConformance.count(rs, Status.SKIPPED), why));
        }
        sb.append("\n## Failures\n\n");
        if (failed == 0) {
            sb.append("None.\n");
        }
        for (Result r : results) {
            if (r.status() == Status.FAILED) {
                sb.append("- `").append(r.name()).append("` (").append(r.stage().name().toLowerCase()).append("): ")
                        .append(cell(r.detail())).append('\n');
            }
        }
        return sb.toString();
    }

    private static String cell(String s) {
        return s.replace("|", "/").replace('\n', ' ');
    }
}
