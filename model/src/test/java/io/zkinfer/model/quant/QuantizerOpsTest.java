package io.zkinfer.model.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
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
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Each float op's lowering on a small graph: the quantized graph builds (every bound check of
 * QInference passes), and its dequantized output stays within a few quantization steps of the
 * float reference on inputs drawn like the calibration samples.
 */
class QuantizerOpsTest {
    private static final Random RANDOM = new Random(5);

    @Test
    void gemmFusesItsReluIntoOneRequantization() throws Exception {
        GraphBuilder b = Graph.builder();
        b.input("x", ElementType.FLOAT, new int[] {1, 6});
        b.initializer("w", random(new int[] {4, 6}, 1));
        b.initializer("c", random(new int[] {4}, 0.5));
        b.node("fc", new Op.Gemm(0.5, 2, false, true), List.of("x", "w", "c"), List.of("h"));
        b.node("relu", new Op.Relu(), List.of("h"), List.of("y"));
        b.output("y");
        QuantizedModel q = check(b.build(), 0.04);
        List<QNode> nodes = q.graph().nodes();
        assertEquals(2, nodes.size(), nodes.toString());
        QOp.Requantize r = (QOp.Requantize) nodes.get(1).op();
        assertEquals("relu", r.f().name());
        assertEquals(q.tensorNames().get("y"), nodes.get(1).output());
        assertNull(q.tensorNames().get("h"), "the pre-activation is fused away");
        assertEquals(3, nodes.get(0).inputs().size(), "alpha and beta C folded into weights and bias");
    }

    @Test
    void batchedAttentionSplitsPerHeadAndFoldsTheScale() throws Exception {
        GraphBuilder b = Graph.builder();
        b.input("q", ElementType.FLOAT, new int[] {1, 2, 4, 3});
        b.input("k", ElementType.FLOAT, new int[] {1, 2, 3, 4});
        b.initializer("d", Tensor.scalar(Math.sqrt(3)));
        b.node("mm", new Op.MatMul(), List.of("q", "k"), List.of("s"));
        b.node("div", new Op.Div(), List.of("s", "d"), List.of("t"));
        b.node("softmax", new Op.Softmax(3), List.of("t"), List.of("p"));
        b.output("p");
        QuantizedModel q = check(b.build(), 0.04);
        assertTrue(q.graph().nodes().stream().anyMatch(n -> n.op() instanceof QOp.Concat));
        assertTrue(q.graph().nodes().stream().anyMatch(n -> n.op() instanceof QOp.Division));
    }

    @Test
    void matMulOfRankThreeFoldsTheBatchIntoRows() throws Exception {
        GraphBuilder b = Graph.builder();
        b.input("x", ElementType.FLOAT, new int[] {1, 5, 4});
        b.initializer("w", random(new int[] {4, 3}, 1));
        b.initializer("bias", random(new int[] {3}, 1));
        b.initializer("pos", random(new int[] {1, 5, 3}, 1));
        b.node("mm", new Op.MatMul(), List.of("x", "w"), List.of("h"));
        b.node("bias", new Op.Add(), List.of("bias", "h"), List.of("g"));
        b.node("pos", new Op.Add(), List.of("g", "pos"), List.of("y"));
        b.output("y");
        QuantizedModel q = check(b.build(), 0.03);
        assertEquals(1, q.graph().nodes().stream().filter(n -> n.op() instanceof QOp.MatMul).count());
        assertEquals(1, q.graph().nodes().stream().filter(n -> n.op() instanceof QOp.Requantize).count());
    }

    @Test
    void elementwiseArithmeticBroadcasts() throws Exception {
        GraphBuilder b = Graph.builder();
        b.input("a", ElementType.FLOAT, new int[] {2, 3});
        b.input("c", ElementType.FLOAT, new int[] {3});
        b.initializer("k", Tensor.scalar(-0.3));
        b.initializer("v", random(new int[] {2, 1}, 2));
        b.node("add", new Op.Add(), List.of("a", "c"), List.of("s"));
        b.node("sub", new Op.Sub(), List.of("v", "s"), List.of("t"));
        b.node("mul", new Op.Mul(), List.of("t", "k"), List.of("u"));
        b.node("had", new Op.Mul(), List.of("u", "a"), List.of("w"));
        b.node("div", new Op.Div(), List.of("w", "v"), List.of("y"));
        b.output("y");
        check(b.build(), 0.06);
    }

    @Test
    void layerNormalizationAndGelu() throws Exception {
        GraphBuilder b = Graph.builder();
        b.input("x", ElementType.FLOAT, new int[] {1, 4, 8});
        b.initializer("g", random(new int[] {8}, 1.5));
        b.initializer("beta", random(new int[] {8}, 0.3));
        b.node("ln", new Op.LayerNormalization(2, 1e-5), List.of("x", "g", "beta"), List.of("n"));
        b.node("gelu", new Op.Gelu(), List.of("n"), List.of("y"));
        b.node("mean", new Op.ReduceMean(new int[] {1}, false), List.of("y"), List.of("m"));
        b.output("m");
        check(b.build(), 0.05);
    }

    @Test
    void convolutionsAndPools() throws Exception {
        GraphBuilder b = Graph.builder();
        b.input("x", ElementType.FLOAT, new int[] {1, 2, 7, 7});
        b.initializer("w", random(new int[] {4, 1, 3, 3}, 1));
        b.initializer("bias", random(new int[] {4}, 0.2));
        b.node("conv", new Op.Conv(new int[] {3, 3}, new int[] {1, 1}, new int[] {1, 1, 1, 1}, new int[] {1, 1}, 2),
                List.of("x", "w", "bias"), List.of("c"));
        b.node("avg", new Op.AveragePool(new int[] {2, 2}, new int[] {2, 2}, new int[] {1, 1, 1, 1}, false, false),
                List.of("c"), List.of("a"));
        b.node("max", new Op.MaxPool(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0, 0, 0}, new int[] {1, 1},
                true), List.of("a"), List.of("m"));
        b.node("gap", new Op.GlobalAveragePool(), List.of("m"), List.of("y"));
        b.output("y");
        check(b.build(), 0.05);
    }

    @Test
    void dataMovementKeepsValues() throws Exception {
        GraphBuilder b = Graph.builder();
        b.input("x", ElementType.FLOAT, new int[] {2, 4});
        b.input("z", ElementType.FLOAT, new int[] {2, 2});
        b.node("t", new Op.Transpose(new int[] {1, 0}), List.of("x"), List.of("xt"));
        b.node("r", new Op.Reshape(new int[] {2, 4}), List.of("xt"), List.of("xr"));
        b.node("s", new Op.Slice(new int[] {0, 3}, new int[] {1, -2}, new int[] {2, 2}), List.of("xr"), List.of("xs"));
        b.node("c", new Op.Concat(1), List.of("xs", "z"), List.of("xc"));
        b.node("p", new Op.Pad(new int[] {0, 1, 1, 0}, Op.PadMode.REFLECT, 0), List.of("xc"), List.of("xp"));
        b.node("g", new Op.Gather(1, new int[] {4, 0}, new int[] {2}), List.of("xp"), List.of("y"));
        b.output("y");
        check(b.build(), 0.02);
    }

    @Test
    void argMaxWithLastIndexReversesTwice() throws Exception {
        GraphBuilder b = Graph.builder();
        b.input("x", ElementType.FLOAT, new int[] {1, 4});
        b.node("am", new Op.ArgMax(1, false, true), List.of("x"), List.of("i"));
        b.output("i");
        Graph g = b.build();
        QuantizedModel q = Quantizer.quantize(g, Calibration.run(g, samples(g, 3)), QuantizationOptions.defaults());
        Tensor x = Tensor.of(new int[] {1, 4}, 0.5, -0.25, 0.5, 0.125);
        Tensor i = q.dequantizeOutputs(IntegerEvaluator.evaluate(q.graph(), q.quantizeInputs(Map.of("x", x)))).get("i");
        assertEquals(ElementType.INT64, i.type());
        assertEquals(2.0, i.get(0));
    }

    @Test
    void tablesOfOneFunctionAtOneScaleShareTheirName() throws Exception {
        GraphBuilder b = Graph.builder();
        b.input("x", ElementType.FLOAT, new int[] {4});
        b.input("z", ElementType.FLOAT, new int[] {4});
        b.node("s1", new Op.Sigmoid(), List.of("x"), List.of("a"));
        b.node("s2", new Op.Sigmoid(), List.of("z"), List.of("c"));
        b.node("add", new Op.Add(), List.of("a", "c"), List.of("y"));
        b.output("y");
        QuantizedModel q = check(b.build(), 0.03);
        List<String> names = q.graph().nodes().stream().filter(n -> n.op() instanceof QOp.Table)
                .map(n -> ((QOp.Table) n.op()).f().name()).toList();
        assertEquals(2, names.size());
        assertEquals(names.get(0), names.get(1));
        assertTrue(names.get(0).startsWith("sigmoid/in"), names.get(0));
    }

    /**
     * Calibrates on 20 random samples, quantizes with the defaults, and compares 20 fresh samples:
     * every output entry within {@code tolerance} times the output's calibrated range.
     */
    static QuantizedModel check(Graph g, double tolerance) throws ModelException {
        Calibration cal = Calibration.run(g, samples(g, 20));
        QuantizedModel q = Quantizer.quantize(g, cal, QuantizationOptions.defaults());
        for (Map<String, Tensor> s : samples(g, 20)) {
            Map<String, Tensor> want = FloatEvaluator.evaluate(g, s);
            Map<String, Tensor> got = q.dequantizeOutputs(IntegerEvaluator.evaluate(q.graph(), q.quantizeInputs(s)));
            for (String o : want.keySet()) {
                double range = Math.max(1e-9, cal.maxAbs(o));
                double[] w = want.get(o).toDoubleArray();
                double[] v = got.get(o).toDoubleArray();
                for (int i = 0; i < w.length; i++) {
                    assertTrue(Math.abs(w[i] - v[i]) <= tolerance * range,
                            o + "[" + i + "]: float " + w[i] + ", quantized " + v[i] + " (range " + range + ")");
                }
            }
        }
        return q;
    }

    static List<Map<String, Tensor>> samples(Graph g, int n) {
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            Map<String, Tensor> s = new java.util.HashMap<>();
            g.inputs().forEach(in -> s.put(in.name(), random(in.shape(), 1)));
            out.add(s);
        }
        return out;
    }

    static Tensor random(int[] shape, double scale) {
        int size = 1;
        for (int d : shape) {
            size *= d;
        }
        double[] v = new double[size];
        for (int i = 0; i < size; i++) {
            v[i] = scale * (2 * RANDOM.nextDouble() - 1);
        }
        return Tensor.of(shape, v);
    }
}
