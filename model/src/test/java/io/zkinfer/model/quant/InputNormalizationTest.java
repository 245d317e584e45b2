package io.zkinfer.model.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.GraphBuilder;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A scaler at the input's head (Sub a mean, Div or Mul by a spread) is applied before quantizing:
 * features five orders of magnitude apart (an amount, an age, 0/1 flags) then survive, where one
 * scale for the raw input would round the flags to zero.
 */
class InputNormalizationTest {
    private static final long SEED = 20261122L;
    /** Feature k's raw scale: amounts, ages and flags. */
    private static final double[] SPREAD = {5000, 12, 0.5, 0.5, 3, 0.5};

    /** x [1,6] -> (x - mean) op spread -> Gemm 6->4 -> Relu -> Gemm 4->1. */
    private static Graph model(String scaler) throws ModelException {
        SplittableRandom rng = new SplittableRandom(SEED);
        GraphBuilder b = Graph.builder();
        b.input("x", ElementType.FLOAT, new int[] {1, 6});
        double[] mean = new double[6];
        double[] spread = new double[6];
        double[] inverse = new double[6];
        for (int k = 0; k < 6; k++) {
            mean[k] = SPREAD[k] * 2;
            spread[k] = SPREAD[k];
            inverse[k] = 1 / SPREAD[k];
        }
        b.initializer("mean", Tensor.of(new int[] {6}, mean));
        b.initializer("spread", Tensor.of(new int[] {1, 6}, scaler.equals("mul") ? inverse : spread));
        b.initializer("w1", random(rng, new int[] {4, 6}));
        b.initializer("w2", random(rng, new int[] {1, 4}));
        String head = "x";
        if (!scaler.equals("div-only")) {
            b.node("center", new Op.Sub(), List.of("x", "mean"), List.of("centered"));
            head = "centered";
        }
        b.node("scale", scaler.equals("mul") ? new Op.Mul() : new Op.Div(), List.of(head, "spread"), List.of("z"));
        b.node("fc1", new Op.Gemm(1, 1, false, true), List.of("z", "w1"), List.of("h"));
        b.node("relu", new Op.Relu(), List.of("h"), List.of("r"));
        b.node("fc2", new Op.Gemm(1, 1, false, true), List.of("r", "w2"), List.of("y"));
        b.output("y");
        return b.build();
    }

    private static Tensor random(SplittableRandom rng, int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextDouble(-1, 1);
        }
        return Tensor.of(shape, v);
    }

    /** Raw rows: amount-like, age-like and 0/1 features, around the means. */
    private static List<Map<String, Tensor>> rows(SplittableRandom rng, int n) {
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            double[] x = new double[6];
            for (int k = 0; k < 6; k++) {
                x[k] = SPREAD[k] == 0.5 ? rng.nextInt(2) + 0.5 : SPREAD[k] * (2 + rng.nextGaussian());
            }
            out.add(Map.of("x", Tensor.of(new int[] {1, 6}, x)));
        }
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"div", "mul", "div-only"})
    void theScalerIsAppliedBeforeQuantizingAndTheFlagsSurvive(String scaler) throws ModelException {
        Graph g = model(scaler);
        SplittableRandom rng = new SplittableRandom(SEED + scaler.hashCode());
        Calibration cal = Calibration.run(g, rows(rng, 64));
        QuantizedModel q = Quantizer.quantize(g, cal, QuantizationOptions.defaults());
        InputNormalization norm = q.normalizations().get("x");
        assertEquals(scaler.equals("div-only") ? List.of("scale") : List.of("center", "scale"), norm.folded());
        assertEquals("z", norm.output());
        assertTrue(q.graph().nodes().stream().noneMatch(n -> n.op() instanceof QOp.Division),
                "no division left in the integer graph");
        double range = Math.max(1e-9, cal.maxAbs("y"));
        for (Map<String, Tensor> row : rows(rng, 40)) {
            double want = FloatEvaluator.evaluate(g, row).get("y").get(0);
            double got = q.dequantizeOutputs(IntegerEvaluator.evaluate(q.graph(), q.quantizeInputs(row))).get("y").get(0);
            assertTrue(Math.abs(want - got) <= 0.03 * range, "float " + want + ", quantized " + got + " (range " + range
                    + ")");
        }
    }

    /** The normalization travels with the quantized model's encoding (a compiled model file). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"div", "mul"})
    void theNormalizationSurvivesTheEncoding(String scaler) throws ModelException {
        Graph g = model(scaler);
        SplittableRandom rng = new SplittableRandom(SEED + 7);
        QuantizedModel q = Quantizer.quantize(g, Calibration.run(g, rows(rng, 32)), QuantizationOptions.defaults());
        QuantizedModel back = QuantizedModelCodec.decode(QuantizedModelCodec.encode(q));
        assertEquals(q.normalizations().get("x").folded(), back.normalizations().get("x").folded());
        for (Map<String, Tensor> row : rows(rng, 10)) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(q.quantizeInputs(row).get("x"),
                    back.quantizeInputs(row).get("x"));
        }
    }

    /** Not at the head: a scaler whose input feeds something else too, or whose constant comes first. */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"shared input", "constant first"})
    void onlyAScalerAtTheHeadIsTakenOut(String variant) throws ModelException {
        GraphBuilder b = Graph.builder();
        b.input("x", ElementType.FLOAT, new int[] {1, 3});
        b.initializer("c", Tensor.of(new int[] {3}, 1, 2, 3));
        if (variant.equals("shared input")) {
            b.node("sub", new Op.Sub(), List.of("x", "c"), List.of("d"));
            b.node("add", new Op.Add(), List.of("d", "x"), List.of("y"));
        } else {
            b.node("sub", new Op.Sub(), List.of("c", "x"), List.of("d"));
            b.node("add", new Op.Add(), List.of("d", "d"), List.of("y"));
        }
        b.output("y");
        Graph g = b.build();
        QuantizedModel q = QuantizerOpsTest.check(g, 0.04);
        assertTrue(q.normalizations().isEmpty(), q.normalizations().toString());
    }
}
