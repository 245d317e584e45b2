package io.zkinfer.model.quant;

import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.graph;
import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.shape;
import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.values;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** Every input and runtime check, by its message; and what evaluateAll returns. */
class IntegerEvaluatorChecksTest {
    private static void fails(String message, Executable run) {
        assertEquals(message, assertThrows(IllegalArgumentException.class, run).getMessage());
    }

    private static QGraph sum() {
        return graph().in("a", shape(2, 2), 5, values(0, 0, 0, 0)).in("b", shape(2, 2), 5, values(0, 0, 0, 0))
                .node(new QOp.Linear(new long[] {1, 1}, 0), "a", "b").built();
    }

    @Test
    void missingExtraMisshapenAndOutOfBoundInputs() {
        QGraph g = sum();
        long[] ok = {1, 2, 3, 4};
        fails("input 'b' is missing (expected [2, 2])", () -> IntegerEvaluator.evaluate(g, Map.of("a", ok)));
        fails("unexpected input(s) [c]; the graph takes [a, b]",
                () -> IntegerEvaluator.evaluate(g, Map.of("a", ok, "b", ok, "c", ok)));
        fails("input 'a' has 3 values; its shape [2, 2] needs 4",
                () -> IntegerEvaluator.evaluate(g, Map.of("a", values(1, 2, 3), "b", ok)));
        fails("input 'b': value -6 at index 1 exceeds the declared bound 5",
                () -> IntegerEvaluator.evaluate(g, Map.of("a", ok, "b", values(5, -6, 0, 0))));
        fails("input 'b': value " + Long.MIN_VALUE + " at index 0 exceeds the declared bound 5",
                () -> IntegerEvaluator.evaluate(g, Map.of("a", ok, "b", values(Long.MIN_VALUE, 0, 0, 0))));
        assertArrayEquals(new long[] {2, -2, 8, 4},
                IntegerEvaluator.evaluate(g, Map.of("a", ok, "b", values(1, -4, 5, 0))).get("y"));
    }

    @Test
    void tableInputOutsideItsDomain() {
        // the input's bound 4 passes the graph's check, but +4 is outside [-4, 3]
        IntegerEvaluatorFixtures f = graph().in("x", shape(2), 4, values(-4, 4))
                .node(new QOp.Table(3, IntTable.of("square", -4, 3, v -> v * v)), "x");
        fails("node 'n' (Table): input 4 at index 1 lies outside the 3-bit table's domain [-4, 3]", f::run);
    }

    @Test
    void divisorOutsideItsRange() {
        IntegerEvaluatorFixtures below = graph().in("a", shape(2), 9, values(9, 9)).in("b", shape(2), 9, values(3, 1))
                .node(new QOp.Division(2), "a", "b");
        fails("node 'n' (Division): divisor 1 at index 1 lies outside [2, 65536]", below::run);
        IntegerEvaluatorFixtures zero = graph().in("a", shape(1), 9, values(9)).in("b", shape(1), 9, values(0))
                .node(new QOp.Division(0), "a", "b");
        fails("node 'n' (Division): divisor 0 at index 0 lies outside [1, 65536]", zero::run);
        IntegerEvaluatorFixtures negative = graph().in("a", shape(1), 9, values(9)).in("b", shape(1), 9, values(-3))
                .node(new QOp.Division(1), "a", "b");
        fails("node 'n' (Division): divisor -3 at index 0 lies outside [1, 65536]", negative::run);
        // beyond 2^16, and quotients beyond 16 bits, cannot pass a graph's bounds: the kernel checks them too
        long[] y = new long[1];
        fails("divisor 65537 at index 0 lies outside [1, 65536]",
                () -> IntElementwiseKernels.division(y, values(1), values(65537), 1));
        fails("the quotient 32768 = floor(65536 / 2) at index 0 leaves 16 signed bits [-32768, 32768)",
                () -> IntElementwiseKernels.division(y, values(65536), values(2), 1));
        fails("the quotient -32769 = floor(-65537 / 2) at index 0 leaves 16 signed bits [-32768, 32768)",
                () -> IntElementwiseKernels.division(y, values(-65537), values(2), 1));
    }

    @Test
    void requantizeQuotientBeyondSixteenBits() {
        QOp.Requantize r = new QOp.Requantize(1, 1, -10, 10, null);
        long[] y = new long[2];
        fails("the quotient 32768 of input 65535 at index 1 leaves 16 signed bits [-32768, 32768)",
                () -> IntElementwiseKernels.requantize(y, values(0, 65535), r));
        fails("the quotient -32769 of input -65538 at index 0 leaves 16 signed bits [-32768, 32768)",
                () -> IntElementwiseKernels.requantize(y, values(-65538, 0), r));
        IntElementwiseKernels.requantize(y, values(-65536, 65534), r);
        assertArrayEquals(new long[] {-10, 10}, y);
    }

    @Test
    void comparisonsTakeSixteenBitInputs() {
        long[] x = {0, -32768, 32768, 1};
        String range = "input 32768 at index 2 leaves the compared range [-32768, 32768)";
        fails("node 'n' (ReduceMax): " + range,
                graph().in("x", shape(4), x).node(new QOp.ReduceMax(0, false), "x")::run);
        fails("node 'n' (ArgMax): " + range, graph().in("x", shape(4), x).node(new QOp.ArgMax(0, true), "x")::run);
        fails("node 'n' (MaxPool): " + range, graph().in("x", shape(1, 1, 2, 2), x)
                .node(new QOp.MaxPool(1, 1, QOp.Window.DEFAULT), "x")::run);
    }

    @Test
    void maxPoolWindowEntirelyInThePadding() {
        QOp.Window w = new QOp.Window(1, 1, 1, 1, 2, 0, 0, 0);
        // The graph refuses it when the node is added, before any evaluation.
        fails("node 'n' (MaxPool): window 0 along the rows lies entirely in the padding; max pooling needs a tap inside "
                + "the input", () -> graph().in("x", shape(1, 1, 2, 2), 1, 2, 3, 4).node(new QOp.MaxPool(2, 1, w), "x"));
    }

    @Test
    void evaluateAllReturnsInputsConstantsAndNodeOutputsAsCopies() {
        QGraph g = QGraph.builder().input("x", shape(2), 9, 0).constant("c", shape(2), 0, values(1, -1))
                .node("add", new QOp.Linear(new long[] {1, 2}, 0), List.of("x", "c"), "s", 0)
                .node("sq", new QOp.Hadamard(), List.of("s", "s"), "y", 0).output("y").output("x").build();
        long[] x = {3, -4};
        Map<String, long[]> all = IntegerEvaluator.evaluateAll(g, Map.of("x", x));
        assertEquals(List.of("x", "c", "s", "y"), List.copyOf(all.keySet()));
        assertArrayEquals(new long[] {5, -6}, all.get("s"));
        assertArrayEquals(new long[] {25, 36}, all.get("y"));
        Map<String, long[]> out = IntegerEvaluator.evaluate(g, Map.of("x", x));
        assertEquals(List.of("y", "x"), List.copyOf(out.keySet()));
        out.get("x")[0] = 0;
        assertEquals(3, x[0]);
    }
}
