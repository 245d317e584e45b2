package io.zkinfer.model.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.GraphBuilder;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The reference kernels against hand-computed values and against each other. */
class FloatEvaluatorTest {
    private static Tensor random(Random r, int... shape) {
        double[] v = new double[Shapes.size(shape)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextGaussian();
        }
        return Tensor.of(shape, v);
    }

    private static Tensor apply(Op op, Tensor... in) {
        return FloatEvaluator.apply(op, List.of(in)).getFirst();
    }

    @Test
    void erfMatchesReferenceValues() {
        double[][] ref = {{0, 0}, {0.1, 0.1124629160182849}, {0.5, 0.5204998778130465}, {1, 0.8427007929497149},
            {2, 0.9953222650189527}, {3, 0.9999779095030014}, {-1.5, -0.9661051464753108}, {7, 1}};
        for (double[] p : ref) {
            assertEquals(p[1], ElementwiseKernels.erf(p[0]), 1e-14, "erf(" + p[0] + ")");
        }
    }

    @Test
    void lookupsOnKnownValues() {
        Tensor x = Tensor.of(new int[] {4}, -2, -0.5, 0, 3);
        assertArrayEquals(new double[] {0, 0, 0, 3}, apply(new Op.Relu(), x).toDoubleArray());
        assertArrayEquals(new double[] {-0.2, -0.05, 0, 3}, apply(new Op.LeakyRelu(0.1), x).toDoubleArray(), 1e-15);
        assertArrayEquals(new double[] {-1, -0.5, 0, 1}, apply(new Op.Clip(-1, 1), x).toDoubleArray());
        assertArrayEquals(new double[] {4, 0.25, 0, 9}, apply(new Op.Pow(2), x).toDoubleArray());
        assertEquals(0.5, apply(new Op.Sigmoid(), x).get(2));
        assertEquals(Math.tanh(3), apply(new Op.Tanh(), x).get(3));
        assertArrayEquals(new long[] {-2, 0, 0, 3}, apply(new Op.Cast(ElementType.INT64), x).toLongArray());
    }

    @Test
    void gemmConvPoolsAndReductionsOnSmallExamples() {
        Tensor a = Tensor.of(new int[] {2, 2}, 1, 2, 3, 4);
        Tensor b = Tensor.of(new int[] {2, 2}, 5, 6, 7, 8);
        assertArrayEquals(new double[] {19 + 1, 22 + 1, 43 + 1, 50 + 1},
                apply(new Op.Gemm(1, 1, false, false), a, b, Tensor.scalar(1)).toDoubleArray());
        assertArrayEquals(new double[] {2 * 26, 2 * 30, 2 * 38, 2 * 44},
                apply(new Op.Gemm(2, 0, true, false), a, b, Tensor.scalar(1)).toDoubleArray());
        Tensor img = Tensor.of(new int[] {1, 1, 3, 3}, 1, 2, 3, 4, 5, 6, 7, 8, 9);
        Tensor ones = Tensor.of(new int[] {1, 1, 2, 2}, 1, 1, 1, 1);
        Op.Conv conv = new Op.Conv(new int[] {2, 2}, new int[] {1, 1}, new int[4], new int[] {1, 1}, 1);
        assertArrayEquals(new double[] {12, 16, 24, 28}, apply(conv, img, ones).toDoubleArray());
        Op.MaxPool mp = new Op.MaxPool(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0, 1, 1}, new int[] {1, 1}, false);
        assertArrayEquals(new double[] {5, 6, 8, 9}, apply(mp, img).toDoubleArray());
        Op.AveragePool ap = new Op.AveragePool(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0, 1, 1}, false, false);
        assertArrayEquals(new double[] {3, 4.5, 7.5, 9}, apply(ap, img).toDoubleArray());
        Op.AveragePool apPad = new Op.AveragePool(new int[] {2, 2}, new int[] {2, 2}, new int[] {0, 0, 1, 1}, true, false);
        assertArrayEquals(new double[] {3, 2.25, 3.75, 2.25}, apply(apPad, img).toDoubleArray());
        assertArrayEquals(new double[] {5}, apply(new Op.GlobalAveragePool(), img).toDoubleArray());
        assertArrayEquals(new double[] {6, 15, 24}, apply(new Op.ReduceSum(new int[] {3}, false), img).toDoubleArray());
        assertArrayEquals(new double[] {2, 2, 2}, apply(new Op.ArgMax(3, false, false), img).toDoubleArray());
    }

    /** A 1x1 convolution is a matrix product over channels; grouped convolution is per-group. */
    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3})
    void convAgreesWithMatMulAndGroups(long seed) {
        System.out.println("convAgreesWithMatMulAndGroups seed " + seed);
        Random r = new Random(seed);
        Tensor x = random(r, 1, 4, 3, 5);
        Tensor w = random(r, 6, 4, 1, 1);
        Tensor y = apply(new Op.Conv(new int[] {1, 1}, new int[] {1, 1}, new int[4], new int[] {1, 1}, 1), x, w);
        Tensor w2 = apply(new Op.Reshape(new int[] {6, 4}), w);
        Tensor x2 = apply(new Op.Reshape(new int[] {4, 15}), x);
        assertArrayEquals(apply(new Op.MatMul(), w2, x2).toDoubleArray(), y.toDoubleArray(), 1e-12);

        Tensor wg = random(r, 4, 2, 3, 3);
        Op.Conv grouped = new Op.Conv(new int[] {3, 3}, new int[] {2, 1}, new int[] {1, 1, 1, 1}, new int[] {1, 2}, 2);
        Tensor yg = apply(grouped, x, wg);
        Op.Conv single = new Op.Conv(new int[] {3, 3}, new int[] {2, 1}, new int[] {1, 1, 1, 1}, new int[] {1, 2}, 1);
        for (int g = 0; g < 2; g++) {
            Op.Slice xs = new Op.Slice(new int[] {0, 2 * g, 0, 0}, new int[] {1, 1, 1, 1}, new int[] {1, 2, 3, 5});
            Op.Slice ws = new Op.Slice(new int[] {2 * g, 0, 0, 0}, new int[] {1, 1, 1, 1}, new int[] {2, 2, 3, 3});
            Tensor part = apply(single, apply(xs, x), apply(ws, wg));
            int[] shape = yg.shape();
            Op.Slice ys = new Op.Slice(new int[] {0, 2 * g, 0, 0}, new int[] {1, 1, 1, 1},
                    new int[] {1, 2, shape[2], shape[3]});
            assertArrayEquals(part.toDoubleArray(), apply(ys, yg).toDoubleArray(), 1e-12);
        }
    }

    /** Movement ops undo each other: transpose by the inverse permutation, slice away padding. */
    @ParameterizedTest
    @ValueSource(longs = {7, 8})
    void movementOpsInvert(long seed) {
        System.out.println("movementOpsInvert seed " + seed);
        Random r = new Random(seed);
        Tensor x = random(r, 2, 3, 4);
        Tensor t = apply(new Op.Transpose(new int[] {2, 0, 1}), x);
        assertArrayEquals(new int[] {4, 2, 3}, t.shape());
        assertEquals(x, apply(new Op.Transpose(new int[] {1, 2, 0}), t));
        Tensor p = apply(new Op.Pad(new int[] {1, 0, 2, 0, 1, 1}, Op.PadMode.EDGE, 0), x);
        assertEquals(x, apply(new Op.Slice(new int[] {1, 0, 2}, new int[] {1, 1, 1}, new int[] {2, 3, 4}), p));
        Tensor c = apply(new Op.Concat(1), x, x);
        assertEquals(x, apply(new Op.Slice(new int[] {0, 3, 0}, new int[] {1, 1, 1}, new int[] {2, 3, 4}), c));
        Tensor g = apply(new Op.Gather(2, new int[] {3, 0}, new int[] {2}), x);
        assertEquals(x.get(3), g.get(0));
        assertEquals(x.get(0), g.get(1));
    }

    @ParameterizedTest
    @ValueSource(longs = {4, 5})
    void softmaxAndLayerNormNormalize(long seed) {
        System.out.println("softmaxAndLayerNormNormalize seed " + seed);
        Random r = new Random(seed);
        Tensor x = random(r, 3, 7);
        Tensor s = apply(new Op.Softmax(1), x);
        Tensor sums = apply(new Op.ReduceSum(new int[] {1}, false), s);
        assertArrayEquals(new double[] {1, 1, 1}, sums.toDoubleArray(), 1e-12);
        Tensor one = Tensor.of(new int[] {7}, 1, 1, 1, 1, 1, 1, 1);
        Tensor ln = apply(new Op.LayerNormalization(1, 1e-12), x, one);
        assertArrayEquals(new double[3], apply(new Op.ReduceMean(new int[] {1}, false), ln).toDoubleArray(), 1e-12);
        Tensor sq = apply(new Op.Mul(), ln, ln);
        assertArrayEquals(new double[] {1, 1, 1}, apply(new Op.ReduceMean(new int[] {1}, false), sq).toDoubleArray(), 1e-9);
    }

    @Test
    void broadcastingFollowsNumpy() {
        Tensor a = Tensor.of(new int[] {2, 1}, 1, 2);
        Tensor b = Tensor.of(new int[] {3}, 10, 20, 30);
        Tensor s = apply(new Op.Add(), a, b);
        assertArrayEquals(new int[] {2, 3}, s.shape());
        assertArrayEquals(new double[] {11, 21, 31, 12, 22, 32}, s.toDoubleArray());
        Tensor m = apply(new Op.MatMul(), random(new Random(1), 2, 1, 3, 4), random(new Random(2), 5, 4, 2));
        assertArrayEquals(new int[] {2, 5, 3, 2}, m.shape());
    }

    @Test
    void builderRejectsInconsistentGraphs() throws ModelException {
        GraphBuilder b = Graph.builder().input("x", ElementType.FLOAT, new int[] {1, 3, 4, 4})
                .initializer("w", Tensor.of(new int[] {2, 2, 1, 1}, 1, 1, 1, 1));
        Op.Conv conv = new Op.Conv(new int[] {1, 1}, new int[] {1, 1}, new int[4], new int[] {1, 1}, 1);
        ModelException e = assertThrows(ModelException.class, () -> b.node("c", conv, List.of("x", "w"), List.of("y")));
        assertEquals(ModelException.Kind.INVALID_MODEL, e.kind());
        assertThrows(ModelException.class, () -> b.node("r", new Op.Relu(), List.of("nope"), List.of("y")));
        b.node("r", new Op.Relu(), List.of("x"), List.of("y"));
        assertThrows(ModelException.class, () -> b.node("r2", new Op.Relu(), List.of("x"), List.of("y")));
    }
}
