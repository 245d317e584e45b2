package io.zkinfer.model.quant;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One-node graphs for the evaluator's tests: declare inputs and constants, then run one op. */
final class IntegerEvaluatorFixtures {
    private final QGraph.Builder b = QGraph.builder();
    private final Map<String, long[]> inputs = new LinkedHashMap<>();
    private QGraph graph;

    static IntegerEvaluatorFixtures graph() {
        return new IntegerEvaluatorFixtures();
    }

    static int[] shape(int... dims) {
        return dims;
    }

    static long[] values(long... v) {
        return v;
    }

    /** A runtime input whose bound is its largest |value| (at least 1). */
    IntegerEvaluatorFixtures in(String name, int[] shape, long... v) {
        long bound = 1;
        for (long x : v) {
            bound = Math.max(bound, Math.abs(x));
        }
        return in(name, shape, bound, v);
    }

    IntegerEvaluatorFixtures in(String name, int[] shape, long bound, long[] v) {
        b.input(name, shape, bound, 0);
        inputs.put(name, v);
        return this;
    }

    IntegerEvaluatorFixtures constant(String name, int[] shape, long... v) {
        b.constant(name, shape, 0, v);
        return this;
    }

    /** Adds node 'n' writing 'y' and builds the graph. */
    IntegerEvaluatorFixtures node(QOp op, String... in) {
        b.node("n", op, List.of(in), "y", 0).output("y");
        graph = b.build();
        return this;
    }

    /** Evaluates the graph on the declared inputs and returns y. */
    long[] run() {
        return IntegerEvaluator.evaluate(graph, inputs).get("y");
    }

    /** y's inferred shape. */
    int[] outShape() {
        return graph.info("y").shape();
    }

    QGraph built() {
        return graph;
    }

    Map<String, long[]> inputs() {
        return inputs;
    }

    /** Shortcut: one op on one input x (bound = its largest |value|). */
    static long[] one(QOp op, int[] shape, long... x) {
        return graph().in("x", shape, x).node(op, "x").run();
    }
}
