package io.zkinfer.model.quant;

import java.util.Locale;

/**
 * Prints, per fixture, a markdown table comparing the quantized model (integer evaluator) with the
 * float model (ONNX Runtime and the float reference evaluator) on the held-out split, after
 * calibrating on the calibration split only. Run it with the test class path; the numbers go into
 * the accuracy section of the docs.
 */
public final class AccuracyReport {
    private AccuracyReport() {}

    public static void main(String[] args) throws Exception {
        QuantizationOptions options = QuantizationOptions.defaults();
        for (String name : args.length > 0 ? java.util.List.of(args) : AccuracyFixture.ALL) {
            AccuracyFixture f = AccuracyFixture.load(name);
            AccuracyResult r = AccuracyResult.measure(f, options);
            System.out.println(r.markdown());
            System.out.println();
        }
        System.out.println(String.format(Locale.ROOT, "Options: %s", options));
    }
}
