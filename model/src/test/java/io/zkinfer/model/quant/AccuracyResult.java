package io.zkinfer.model.quant;

import java.util.Locale;

/**
 * The float-versus-quantized comparison on one fixture's held-out split: accuracies against the
 * labels and agreement of the predicted classes (argmax of the logits).
 *
 * @param ortAccuracy ONNX Runtime's accuracy, NaN when ONNX Runtime is unavailable
 * @param ortAgreement the quantized model's agreement with ONNX Runtime, NaN when unavailable
 */
record AccuracyResult(String name, int rows, double floatAccuracy, double ortAccuracy, double intAccuracy,
        double agreement, double ortAgreement, long parameters, int layers, long millis) {

    static AccuracyResult measure(AccuracyFixture f, QuantizationOptions options) throws Exception {
        long t0 = System.nanoTime();
        QuantizedModel q = Quantizer.quantize(f.graph(), f.calibrate(), options);
        int[] fl = f.floatPredictions();
        int[] in = f.integerPredictions(q);
        int[] ort = AccuracyOrt.predictions(f);
        long ms = (System.nanoTime() - t0) / 1_000_000;
        return new AccuracyResult(f.name(), fl.length, AccuracyFixture.agreement(fl, f.labels()),
                ort == null ? Double.NaN : AccuracyFixture.agreement(ort, f.labels()),
                AccuracyFixture.agreement(in, f.labels()), AccuracyFixture.agreement(in, fl),
                ort == null ? Double.NaN : AccuracyFixture.agreement(in, ort), q.graph().parameterCount(),
                q.graph().nodes().size(), ms);
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        sb.append(String.format(Locale.ROOT, "### %s (%d held-out rows, %d quantized parameters, %d layers, %d ms)%n%n",
                name, rows, parameters, layers, millis));
        sb.append("| model | accuracy | argmax agreement with the quantized model |\n|---|---:|---:|\n");
        if (!Double.isNaN(ortAccuracy)) {
            sb.append(String.format(Locale.ROOT, "| float, ONNX Runtime | %.2f %% | %.2f %% |%n", 100 * ortAccuracy,
                    100 * ortAgreement));
        }
        sb.append(String.format(Locale.ROOT, "| float, reference evaluator | %.2f %% | %.2f %% |%n", 100 * floatAccuracy,
                100 * agreement));
        sb.append(String.format(Locale.ROOT, "| quantized, integer evaluator | %.2f %% | - |%n", 100 * intAccuracy));
        return sb.toString();
    }
}
