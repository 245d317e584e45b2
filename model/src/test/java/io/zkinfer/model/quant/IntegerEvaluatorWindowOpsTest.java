package io.zkinfer.model.quant;

import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.graph;
import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.one;
import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Products, convolutions, pooling and reductions on small hand-checked examples. */
class IntegerEvaluatorWindowOpsTest {
    private static final long[] IMG = {1, 2, 3, 4, 5, 6, 7, 8, 9};

    @Test
    void matMulWithBiasAndTranspositions() {
        // A = [[1, -2], [3, 4]], B = [[5, 6], [7, -8]]: AB = [[-9, 22], [43, -14]]
        long[] expected = {-8, 21, 44, -15};
        assertArrayEquals(expected, graph().in("a", shape(2, 2), 1, -2, 3, 4).in("b", shape(2, 2), 5, 6, 7, -8)
                .constant("c", shape(2), 1, -1).node(new QOp.MatMul(false, false), "a", "b", "c").run());
        assertArrayEquals(expected, graph().in("a", shape(2, 2), 1, 3, -2, 4).in("b", shape(2, 2), 5, 7, 6, -8)
                .constant("c", shape(2), 1, -1).node(new QOp.MatMul(true, true), "a", "b", "c").run());
        assertArrayEquals(new long[] {-9, 22, 43, -14}, graph().in("a", shape(2, 2), 1, 3, -2, 4)
                .in("b", shape(2, 2), 5, 6, 7, -8).node(new QOp.MatMul(true, false), "a", "b").run());
    }

    @Test
    void matMulOfNonSquareShapes() {
        // [2, 3] x [3, 1] and, with transB, B stored [1, 3]
        IntegerEvaluatorFixtures f = graph().in("a", shape(2, 3), 1, 2, 3, -4, 0, 6).in("b", shape(3, 1), -1, 1, 2)
                .node(new QOp.MatMul(false, false), "a", "b");
        assertArrayEquals(new int[] {2, 1}, f.outShape());
        assertArrayEquals(new long[] {7, 16}, f.run());
        assertArrayEquals(new long[] {7, 16}, graph().in("a", shape(2, 3), 1, 2, 3, -4, 0, 6)
                .in("b", shape(1, 3), -1, 1, 2).node(new QOp.MatMul(false, true), "a", "b").run());
    }

    @Test
    void convolutionWithNegativeWeightsAndBias() {
        long[] y = graph().in("x", shape(1, 1, 3, 3), IMG).constant("w", shape(1, 1, 2, 2), 1, -1, 0, 2)
                .constant("b", shape(1), 3).node(new QOp.Conv(QOp.Window.DEFAULT), "x", "w", "b").run();
        assertArrayEquals(new long[] {12, 14, 18, 20}, y);
    }

    @Test
    void convolutionWithPaddingStridesAndDilation() {
        QOp.Window padded = new QOp.Window(2, 2, 1, 1, 1, 1, 1, 1);
        IntegerEvaluatorFixtures f = graph().in("x", shape(1, 1, 3, 3), IMG).constant("w", shape(1, 1, 2, 2), 1, 1, 1, 1)
                .node(new QOp.Conv(padded), "x", "w");
        assertArrayEquals(new int[] {1, 1, 2, 2}, f.outShape());
        assertArrayEquals(new long[] {1, 5, 11, 28}, f.run());
        QOp.Window dilated = new QOp.Window(1, 1, 2, 2, 0, 0, 0, 0);
        assertArrayEquals(new long[] {1 + 3 + 7 + 9}, graph().in("x", shape(1, 1, 3, 3), IMG)
                .constant("w", shape(1, 1, 2, 2), 1, 1, 1, 1).node(new QOp.Conv(dilated), "x", "w").run());
        // asymmetric padding, only on the right: the last column's second tap reads a zero
        QOp.Window right = new QOp.Window(1, 1, 1, 1, 0, 0, 0, 1);
        assertArrayEquals(new long[] {5, 8, 3, 14, 17, 6, 23, 26, 9}, graph().in("x", shape(1, 1, 3, 3), IMG)
                .constant("w", shape(1, 1, 1, 2), 1, 2).node(new QOp.Conv(right), "x", "w").run());
    }

    @Test
    void convolutionOverChannels() {
        // two input channels (x and -x), two output channels: [1, 1] and [1, 0] per input channel
        long[] x = new long[18];
        for (int i = 0; i < 9; i++) {
            x[i] = IMG[i];
            x[9 + i] = -2 * IMG[i];
        }
        long[] y = graph().in("x", shape(1, 2, 3, 3), x).constant("w", shape(2, 2, 1, 1), 1, 1, 1, 0)
                .node(new QOp.Conv(QOp.Window.DEFAULT), "x", "w").run();
        long[] expected = new long[18];
        for (int i = 0; i < 9; i++) {
            expected[i] = -IMG[i];
            expected[9 + i] = IMG[i];
        }
        assertArrayEquals(expected, y);
    }

    @Test
    void sumPoolCountsPaddingAsZeros() {
        QOp.Window w = new QOp.Window(2, 2, 1, 1, 0, 0, 1, 1);
        assertArrayEquals(new long[] {12, 9, 15, 9}, one(new QOp.SumPool(2, 2, w), shape(1, 1, 3, 3), IMG));
        assertArrayEquals(new long[] {-12, -16, -24, -28}, one(new QOp.SumPool(2, 2, QOp.Window.DEFAULT),
                shape(1, 1, 3, 3), -1, -2, -3, -4, -5, -6, -7, -8, -9));
    }

    @Test
    void maxPoolPaddingNeverWins() {
        QOp.Window w = new QOp.Window(2, 2, 1, 1, 1, 1, 0, 0);
        long[] neg = {-1, -2, -3, -4, -5, -6, -7, -8, -9};
        assertArrayEquals(new long[] {-1, -2, -4, -5}, one(new QOp.MaxPool(2, 2, w), shape(1, 1, 3, 3), neg));
        // ties and two planes
        long[] x = {4, 4, 1, 4, -3, -3, -3, -3};
        assertArrayEquals(new long[] {4, -3},
                one(new QOp.MaxPool(2, 2, QOp.Window.DEFAULT), shape(1, 2, 2, 2), x));
    }

    @Test
    void reduceSumOverAxes() {
        long[] x = {1, -2, 3, 4, 5, -6};
        assertArrayEquals(new long[] {2, 3}, one(new QOp.ReduceSum(new int[] {1}, false), shape(2, 3), x));
        assertArrayEquals(new long[] {5, 3, -3}, one(new QOp.ReduceSum(new int[] {0}, true), shape(2, 3), x));
        IntegerEvaluatorFixtures all = graph().in("x", shape(2, 3), x).node(new QOp.ReduceSum(new int[] {0, 1}, false), "x");
        assertArrayEquals(new int[] {1}, all.outShape());
        assertArrayEquals(new long[] {5}, all.run());
        // [2, 2, 2] over the outer and inner axes, kept: shape [1, 2, 1]
        long[] z = {1, 2, 3, 4, 5, 6, 7, 8};
        assertArrayEquals(new long[] {1 + 2 + 5 + 6, 3 + 4 + 7 + 8},
                one(new QOp.ReduceSum(new int[] {0, 2}, true), shape(2, 2, 2), z));
    }

    @Test
    void reduceMaxAndFirstArgMax() {
        long[] x = {3, 1, 3, -5, -2, -2};
        assertArrayEquals(new long[] {3, -2}, one(new QOp.ReduceMax(1, false), shape(2, 3), x));
        assertArrayEquals(new long[] {0, 1}, one(new QOp.ArgMax(1, false), shape(2, 3), x));
        assertArrayEquals(new long[] {3, 1, 3}, one(new QOp.ReduceMax(0, true), shape(2, 3), x));
        assertArrayEquals(new long[] {0, 0, 0}, one(new QOp.ArgMax(0, true), shape(2, 3), x));
        // middle axis of [2, 3, 2], a tie at the last two rows of the second block
        long[] z = {0, 9, 7, 9, -1, 2, -8, -8, -4, -6, -4, -7};
        assertArrayEquals(new long[] {1, 0, 1, 1}, one(new QOp.ArgMax(1, false), shape(2, 3, 2), z));
        assertArrayEquals(new long[] {7, 9, -4, -6}, one(new QOp.ReduceMax(1, false), shape(2, 3, 2), z));
        assertArrayEquals(new long[] {0}, one(new QOp.ArgMax(0, false), shape(3), -32768, -32768, -32768));
    }
}
