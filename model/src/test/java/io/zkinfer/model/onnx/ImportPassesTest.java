package io.zkinfer.model.onnx;

import static io.zkinfer.model.onnx.OnnxModels.attr;
import static io.zkinfer.model.onnx.OnnxModels.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.GraphBuilder;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The import passes: constant folding, Identity/Dropout removal, GELU fusion, BatchNorm folding. */
class ImportPassesTest {
    private static Tensor random(Random r, int... shape) {
        double[] v = new double[io.zkinfer.model.graph.Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (r.nextGaussian());
        }
        return Tensor.of(shape, v);
    }

    private static void assertClose(Tensor expected, Tensor actual, double tol) {
        assertArrayEquals(expected.shape(), actual.shape());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i), actual.get(i), tol, "element " + i);
        }
    }

    private static List<String> opTypes(Graph g) {
        return g.nodes().stream().map(n -> n.op().type()).toList();
    }

    /** PyTorch's Flatten export: Shape, Gather, Unsqueeze, Concat feeding Reshape; all constant. */
    @Test
    void shapeArithmeticFoldsIntoOneReshape() throws ModelException {
        byte[] bytes = OnnxModels.opset(13).input("x", 2, 3, 4).output("y", 2, 12)
                .initializer("zero", Tensor.ofLongs(new int[0], 0))
                .initializer("minus1", Tensor.ofLongs(new int[] {1}, -1))
                .initializer("axes0", Tensor.ofLongs(new int[] {1}, 0))
                .node("Shape", List.of("x"), List.of("s"))
                .node("Gather", List.of("s", "zero"), List.of("n"), attr("axis", 0L))
                .node("Unsqueeze", List.of("n", "axes0"), List.of("n1"))
                .node("Concat", List.of("n1", "minus1"), List.of("shape"), attr("axis", 0L))
                .node("Identity", List.of("x"), List.of("x2"))
                .node("Reshape", List.of("x2", "shape"), List.of("y")).bytes();
        Graph g = OnnxImporter.load(bytes, ImportOptions.defaults());
        assertEquals(List.of("Reshape"), opTypes(g));
        assertEquals(new Op.Reshape(new int[] {2, 12}).toString(), g.nodes().getFirst().op().toString());
        assertTrue(g.initializers().isEmpty(), "folded constants are dropped: " + g.initializers().keySet());
    }

    @Test
    void dropoutAndIdentityAreRemovedButOutputsKeepTheirNames() throws ModelException {
        byte[] bytes = OnnxModels.opset(13).input("x", 4).output("y", 4).output("z", 4)
                .node("Dropout", List.of("x"), List.of("d", "mask"))
                .node("Relu", List.of("d"), List.of("y"))
                .node("Identity", List.of("y"), List.of("z")).bytes();
        Graph g = OnnxImporter.load(bytes, ImportOptions.defaults());
        assertEquals(List.of("Relu", "Identity"), opTypes(g));
        Map<String, Tensor> out = FloatEvaluator.evaluate(g, Map.of("x", Tensor.of(new int[] {4}, -1, 2, -3, 4)));
        assertArrayEquals(new double[] {0, 2, 0, 4}, out.get("z").toDoubleArray());
        assertArrayEquals(new double[] {0, 2, 0, 4}, out.get("y").toDoubleArray());
    }

    /** The three association orders PyTorch and other exporters produce for exact GELU. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void geluSubgraphIsFused(int variant) throws ModelException {
        OnnxModels m = OnnxModels.opset(13).input("x", 2, 5).output("y", 2, 5)
                .initializer("sqrt2", Tensor.scalar(Math.sqrt(2)))
                .initializer("one", Tensor.scalar(1))
                .initializer("half", Tensor.scalar(0.5))
                .node("Div", List.of("x", "sqrt2"), List.of("u"))
                .node("Erf", List.of("u"), List.of("e"))
                .node("Add", List.of("e", "one"), List.of("a"));
        switch (variant) {
            case 0 -> m.node("Mul", List.of("x", "a"), List.of("m")).node("Mul", List.of("m", "half"), List.of("y"));
            case 1 -> m.node("Mul", List.of("x", "half"), List.of("h")).node("Mul", List.of("h", "a"), List.of("y"));
            default -> m.node("Mul", List.of("a", "half"), List.of("g")).node("Mul", List.of("x", "g"), List.of("y"));
        }
        Graph g = OnnxImporter.load(m.bytes(), ImportOptions.defaults());
        assertEquals(List.of("Gelu"), opTypes(g));
        Tensor x = Tensor.of(new int[] {2, 5}, -3, -1.5, -1, -0.5, 0, 0.25, 0.5, 1, 2, 4);
        Tensor y = FloatEvaluator.evaluate(g, Map.of("x", x)).get("y");
        // Reference values of x * Phi(x) (standard normal CDF).
        double[] expected = {-0.0040496, -0.1002108, -0.1586553, -0.1542687, 0, 0.1496766, 0.3457313, 0.8413447,
            1.9544997, 3.9998733};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], y.get(i), 1e-6);
        }
    }

    @Test
    void geluIsNotFusedWhenAnIntermediateIsShared() throws ModelException {
        byte[] bytes = OnnxModels.opset(13).input("x", 3).output("y", 3).output("e", 3)
                .initializer("sqrt2", Tensor.scalar(Math.sqrt(2))).initializer("one", Tensor.scalar(1))
                .initializer("half", Tensor.scalar(0.5))
                .node("Div", List.of("x", "sqrt2"), List.of("u")).node("Erf", List.of("u"), List.of("e"))
                .node("Add", List.of("e", "one"), List.of("a")).node("Mul", List.of("x", "a"), List.of("m"))
                .node("Mul", List.of("m", "half"), List.of("y")).bytes();
        Graph g = OnnxImporter.load(bytes, ImportOptions.defaults());
        assertTrue(opTypes(g).contains("Erf"));
    }

    @ParameterizedTest
    @ValueSource(longs = {11, 23, 97})
    void batchNormFoldsIntoConv(long seed) throws ModelException {
        System.out.println("batchNormFoldsIntoConv seed " + seed);
        Random r = new Random(seed);
        Tensor w = random(r, 4, 2, 3, 3);
        Tensor b = random(r, 4);
        Tensor[] bn = bnParams(r, 4);
        byte[] bytes = OnnxModels.opset(13).input("x", 1, 2, 6, 6).output("y", 1, 4, 6, 6)
                .initializer("w", w).initializer("b", b).initializer("s", bn[0]).initializer("beta", bn[1])
                .initializer("mean", bn[2]).initializer("var", bn[3])
                .node("conv", "Conv", List.of("x", "w", "b"), List.of("c"), ints("pads", 1, 1, 1, 1))
                .node("bn", "BatchNormalization", List.of("c", "s", "beta", "mean", "var"), List.of("y"),
                        attr("epsilon", 1e-3f)).bytes();
        Graph g = OnnxImporter.load(bytes, ImportOptions.defaults());
        assertEquals(List.of("Conv"), opTypes(g));
        GraphBuilder builder = Graph.builder().input("x", ElementType.FLOAT, new int[] {1, 2, 6, 6})
                .initializer("w", w).initializer("b", b).initializer("s", bn[0]).initializer("beta", bn[1])
                .initializer("mean", bn[2]).initializer("var", bn[3]);
        builder.node("conv", new Op.Conv(new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1, 1, 1},
                new int[] {1, 1}, 1), List.of("x", "w", "b"), List.of("c"));
        builder.node("bn", new Op.BatchNormalization((float) 1e-3), List.of("c", "s", "beta", "mean", "var"),
                List.of("y"));
        Graph unfolded = builder.output("y").build();
        Tensor x = random(r, 1, 2, 6, 6);
        assertClose(FloatEvaluator.evaluate(unfolded, Map.of("x", x)).get("y"),
                FloatEvaluator.evaluate(g, Map.of("x", x)).get("y"), 1e-6);
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1})
    void batchNormFoldsIntoGemm(int transB) throws ModelException {
        Random r = new Random(5 + transB);
        System.out.println("batchNormFoldsIntoGemm seed " + (5 + transB));
        Tensor w = transB == 1 ? random(r, 3, 4) : random(r, 4, 3);
        Tensor c = random(r, 3);
        Tensor[] bn = bnParams(r, 3);
        OnnxModels m = OnnxModels.opset(13).input("x", 2, 4).output("y", 2, 3)
                .initializer("w", w).initializer("c", c).initializer("s", bn[0]).initializer("beta", bn[1])
                .initializer("mean", bn[2]).initializer("var", bn[3]);
        m.node("fc", "Gemm", List.of("x", "w", "c"), List.of("h"), attr("transB", (long) transB), attr("beta", 0.5f),
                attr("alpha", 2f));
        Graph unfoldable = OnnxImporter.load(m.output("h", 2, 3)
                .node("bn", "BatchNormalization", List.of("h", "s", "beta", "mean", "var"), List.of("y")).bytes(),
                ImportOptions.defaults());
        assertEquals(List.of("Gemm", "BatchNormalization"), opTypes(unfoldable), "h is an output, so no folding");
        Graph g = OnnxImporter.load(OnnxModels.opset(13).input("x", 2, 4).output("y", 2, 3)
                .initializer("w", w).initializer("c", c).initializer("s", bn[0]).initializer("beta", bn[1])
                .initializer("mean", bn[2]).initializer("var", bn[3])
                .node("fc", "Gemm", List.of("x", "w", "c"), List.of("h"), attr("transB", (long) transB),
                        attr("beta", 0.5f), attr("alpha", 2f))
                .node("bn", "BatchNormalization", List.of("h", "s", "beta", "mean", "var"), List.of("y")).bytes(),
                ImportOptions.defaults());
        assertEquals(List.of("Gemm"), opTypes(g));
        Tensor x = random(r, 2, 4);
        assertClose(FloatEvaluator.evaluate(unfoldable, Map.of("x", x)).get("y"),
                FloatEvaluator.evaluate(g, Map.of("x", x)).get("y"), 1e-6);
    }

    private static Tensor[] bnParams(Random r, int c) {
        Tensor var = random(r, c);
        double[] v = var.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.abs(v[i]) + 0.1;
        }
        return new Tensor[] {random(r, c), random(r, c), random(r, c), Tensor.of(new int[] {c}, v)};
    }

    @Test
    void everyNodeRecordsItsTensorsAndEveryTensorHasAShape() throws ModelException {
        byte[] bytes = OnnxModels.opset(13).input("x", 1, 3).output("y", 1, 2)
                .initializer("w", Tensor.of(new int[] {3, 2}, 1, 2, 3, 4, 5, 6))
                .node("mm", "MatMul", List.of("x", "w"), List.of("h")).node("act", "Sigmoid", List.of("h"), List.of("y"))
                .bytes();
        Graph g = OnnxImporter.load(bytes, ImportOptions.defaults());
        for (Node n : g.nodes()) {
            for (String t : n.inputs()) {
                assertTrue(g.info(t).shape().length > 0);
            }
        }
        assertInstanceOf(Op.Sigmoid.class, g.nodes().get(1).op());
        assertEquals(io.zkinfer.model.graph.OpKind.LOOKUP, g.nodes().get(1).op().kind());
        assertEquals(io.zkinfer.model.graph.OpKind.LINEAR, g.nodes().get(0).op().kind());
    }
}
