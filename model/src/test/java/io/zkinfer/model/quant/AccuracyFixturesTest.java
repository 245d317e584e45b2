package io.zkinfer.model.quant;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 5's accuracy bar on real data, with the default options (8-bit weights and activations):
 * calibrated on each fixture's calibration split only, the quantized model (integer evaluator)
 * must predict the float model's class (reference evaluator and ONNX Runtime) on at least 99 % of
 * the held-out rows and lose at most one point of accuracy against the labels.
 */
class AccuracyFixturesTest {
    @ParameterizedTest
    @ValueSource(strings = {"lenet5", "digits_mlp", "digits_transformer"})
    void quantizedModelAgreesWithTheFloatModel(String name) throws Exception {
        AccuracyResult r = AccuracyResult.measure(AccuracyFixture.load(name), QuantizationOptions.defaults());
        System.out.println(r.markdown());
        assertTrue(r.agreement() >= 0.99, name + ": argmax agreement with the float model " + r.agreement());
        assertTrue(r.intAccuracy() >= r.floatAccuracy() - 0.01,
                name + ": accuracy " + r.intAccuracy() + " vs float " + r.floatAccuracy());
        if (!Double.isNaN(r.ortAgreement())) {
            assertTrue(r.ortAgreement() >= 0.99, name + ": argmax agreement with ONNX Runtime " + r.ortAgreement());
            assertTrue(r.intAccuracy() >= r.ortAccuracy() - 0.01,
                    name + ": accuracy " + r.intAccuracy() + " vs ONNX Runtime " + r.ortAccuracy());
        }
    }
}
