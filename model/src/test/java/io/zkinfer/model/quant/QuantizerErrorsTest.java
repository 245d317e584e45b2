package io.zkinfer.model.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.GraphBuilder;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The quantizer's boundary: options, scale choice, input quantization and unquantizable graphs. */
class QuantizerErrorsTest {
    @Test
    void fracPutsTheCalibratedMaximumOnTheEdgeOfTheRange() {
        assertEquals(7, Calibration.fracFor(1.0, 8));
        assertEquals(6, Calibration.fracFor(1.01, 8));
        assertEquals(8, Calibration.fracFor(0.5, 8));
        assertEquals(-3, Calibration.fracFor(1000, 8));
        assertEquals(7, Calibration.fracFor(0, 8));
        assertEquals(11, Calibration.fracFor(1.0, 12));
    }

    @Test
    void optionsRejectWidthsOutOfRange() {
        assertThrows(IllegalArgumentException.class, () -> QuantizationOptions.defaults().withWeightBits(1));
        assertThrows(IllegalArgumentException.class, () -> QuantizationOptions.defaults().withActivationBits(17));
        assertEquals(8, QuantizationOptions.defaults().weightBits());
        assertEquals(10, QuantizationOptions.defaults().activationBits());
    }

    @Test
    void multipliersAreExactForPowersOfTwoAndCloseOtherwise() {
        assertArrayEquals(new long[] {1, 5}, LoweringContext.multiplier(1.0 / 32, 1000, 16));
        assertArrayEquals(new long[] {8, 1}, LoweringContext.multiplier(4, 1000, 16));
        long[] ms = LoweringContext.multiplier(1 / Math.sqrt(8), 1 << 20, 16);
        assertEquals(1 / Math.sqrt(8), ms[0] / Math.scalb(1.0, (int) ms[1]), 1e-5);
        assertTrue(ms[0] << 20 < 1L << 61);
    }

    @Test
    void inputsAreRoundedAndClampedAndCheckedByName() throws Exception {
        QuantizedModel q = relu();
        assertArrayEquals(new long[] {64, -128, 127, 0}, q.quantizeInput("x", Tensor.of(new int[] {1, 4}, 0.5, -3, 3,
                0.003)));
        IllegalArgumentException nan = assertThrows(IllegalArgumentException.class,
                () -> q.quantizeInput("x", Tensor.of(new int[] {1, 4}, 0, 0, Double.NaN, 0)));
        assertTrue(nan.getMessage().contains("'x'") && nan.getMessage().contains("index 2"), nan.getMessage());
        IllegalArgumentException shape = assertThrows(IllegalArgumentException.class,
                () -> q.quantizeInput("x", Tensor.of(new int[] {4}, 0, 0, 0, 0)));
        assertTrue(shape.getMessage().contains("'x'"), shape.getMessage());
        assertThrows(IllegalArgumentException.class, () -> q.quantizeInputs(Map.of()));
        assertEquals(Tensor.of(new int[] {1, 4}, 0.5, 0, 0.25, 0),
                q.dequantizeOutput("y", new long[] {64, 0, 32, 0}));
    }

    /** a / b of two runtime tensors (b positive) is an integer division rounded to nearest. */
    @Test
    void divisionByAPositiveRuntimeTensorIsCloseToTheFloatQuotient() throws Exception {
        Graph g = ratio();
        Calibration cal = Calibration.of(Map.of("a", 1.0, "b", 2.0, "y", 2.0), Map.of());
        QuantizedModel q = Quantizer.quantize(g, cal, QuantizationOptions.defaults());
        Tensor a = Tensor.of(new int[] {3}, 0.5, -0.25, 0.9);
        Tensor b = Tensor.of(new int[] {3}, 1.5, 0.75, 1.2);
        Map<String, long[]> out = IntegerEvaluator.evaluate(q.graph(), q.quantizeInputs(Map.of("a", a, "b", b)));
        double[] y = q.dequantizeOutputs(out).get("y").toDoubleArray();
        double[] expected = {0.5 / 1.5, -0.25 / 0.75, 0.9 / 1.2};
        for (int i = 0; i < 3; i++) {
            assertEquals(expected[i], y[i], 1.0 / 64, "entry " + i);
        }
        // A divisor that is not positive makes the evaluation (and so a proof) fail, by name.
        Tensor zero = Tensor.of(new int[] {3}, 1.5, 0, 1.2);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> IntegerEvaluator.evaluate(q.graph(), q.quantizeInputs(Map.of("a", a, "b", zero))));
        assertTrue(e.getMessage().contains("(Division)"), e.getMessage());
    }

    private static Graph ratio() throws ModelException {
        GraphBuilder b = Graph.builder();
        b.input("a", ElementType.FLOAT, new int[] {3});
        b.input("b", ElementType.FLOAT, new int[] {3});
        b.node("ratio", new Op.Div(), List.of("a", "b"), List.of("y"));
        b.output("y");
        return b.build();
    }

    @Test
    void calibrationNeedsSamples() throws Exception {
        Graph g = reluGraph();
        ModelException e = assertThrows(ModelException.class, () -> Calibration.run(g, List.of()));
        assertEquals(ModelException.Kind.INVALID_INPUT, e.kind());
    }

    private static Graph reluGraph() throws ModelException {
        GraphBuilder b = Graph.builder();
        b.input("x", ElementType.FLOAT, new int[] {1, 4});
        b.node("relu", new Op.Relu(), List.of("x"), List.of("y"));
        b.output("y");
        return b.build();
    }

    private static QuantizedModel relu() throws ModelException {
        Graph g = reluGraph();
        return Quantizer.quantize(g, Calibration.of(Map.of("x", 1.0, "y", 1.0), Map.of()),
                QuantizationOptions.defaults().withActivationBits(8));
    }
}
