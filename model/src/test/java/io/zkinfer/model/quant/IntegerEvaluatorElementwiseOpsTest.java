package io.zkinfer.model.quant;

import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.graph;
import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.one;
import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

/** Entry-by-entry ops and data movement on small hand-checked examples. */
class IntegerEvaluatorElementwiseOpsTest {
    @Test
    void requantizeRoundsHalfUpForNegativesToo() {
        // x / 2 for x = -3..3: -1.5 -> -1, -1 -> -1, -0.5 -> 0, 0, 0.5 -> 1, 1, 1.5 -> 2
        QOp.Requantize half = new QOp.Requantize(1, 1, -100, 100, null);
        assertArrayEquals(new long[] {-1, -1, 0, 0, 1, 1, 2}, one(half, shape(7), -3, -2, -1, 0, 1, 2, 3));
    }

    @Test
    void requantizeClampsThenAppliesTheFusedFunction() {
        // 3x / 4 for x = -5, -2, -1, 1, 2, 5: -3.75 -> -4, -1.5 -> -1, -0.75 -> -1, 0.75 -> 1, 1.5 -> 2, 3.75 -> 4
        long[] x = {-5, -2, -1, 1, 2, 5};
        assertArrayEquals(new long[] {-3, -1, -1, 1, 2, 3},
                one(new QOp.Requantize(3, 2, -3, 3, null), shape(6), x));
        assertArrayEquals(new long[] {0, 0, 0, 1, 2, 3},
                one(new QOp.Requantize(3, 2, -3, 3, IntTable.relu(-3, 3)), shape(6), x));
    }

    @Test
    void tableLooksUpOverItsSignedDomain() {
        QOp.Table square = new QOp.Table(3, IntTable.of("square", -4, 3, v -> v * v));
        assertArrayEquals(new long[] {16, 1, 0, 9}, one(square, shape(2, 2), -4, -1, 0, 3));
    }

    @Test
    void linearHadamardAndFloorDivision() {
        assertArrayEquals(new long[] {-5, -2, 8}, graph().in("a", shape(3), 1, -2, 0).in("b", shape(3), 4, 1, -1)
                .node(new QOp.Linear(new long[] {2, -3}, 5), "a", "b").run());
        assertArrayEquals(new long[] {-4, -10, 18}, graph().in("a", shape(3), 1, -2, 3).in("b", shape(3), -4, 5, 6)
                .node(new QOp.Hadamard(), "a", "b").run());
        // floor with a non-negative remainder: -7 / 2 = -4 r 1, -1 / 3 = -1 r 2, -9 / 65536 = -1
        assertArrayEquals(new long[] {-4, 3, -4, -1, 0, -1}, graph().in("a", shape(6), -7, 7, -8, -1, 0, -9)
                .in("b", shape(6), 2, 2, 2, 3, 5, 65536).node(new QOp.Division(2), "a", "b").run());
    }

    @Test
    void reshapeAndTranspose() {
        long[] x = {1, 2, 3, 4, 5, 6};
        IntegerEvaluatorFixtures r = graph().in("x", shape(2, 3), x).node(new QOp.Reshape(new int[] {3, 2}), "x");
        assertArrayEquals(new int[] {3, 2}, r.outShape());
        assertArrayEquals(x, r.run());
        assertArrayEquals(new long[] {1, 4, 2, 5, 3, 6}, one(new QOp.Transpose(new int[] {1, 0}), shape(2, 3), x));
        // [2, 3, 4] with perm [2, 0, 1]: out[k, i, j] = x[i, j, k]
        long[] z = new long[24];
        for (int i = 0; i < z.length; i++) {
            z[i] = i - 12;
        }
        long[] expected = new long[24];
        for (int k = 0; k < 4; k++) {
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 3; j++) {
                    expected[(k * 2 + i) * 3 + j] = z[(i * 3 + j) * 4 + k];
                }
            }
        }
        assertArrayEquals(expected, one(new QOp.Transpose(new int[] {2, 0, 1}), shape(2, 3, 4), z));
    }

    @Test
    void concatAlongEitherAxis() {
        assertArrayEquals(new long[] {1, 2, 3, 4, 5, 6}, graph().in("a", shape(1, 2), 1, 2)
                .in("b", shape(2, 2), 3, 4, 5, 6).node(new QOp.Concat(0), "a", "b").run());
        IntegerEvaluatorFixtures f = graph().in("a", shape(2, 1), 1, 2).in("b", shape(2, 2), 3, 4, 5, 6)
                .node(new QOp.Concat(1), "a", "b", "a");
        assertArrayEquals(new int[] {2, 4}, f.outShape());
        assertArrayEquals(new long[] {1, 3, 4, 1, 2, 5, 6, 2}, f.run());
    }

    @Test
    void sliceWithSteps() {
        long[] x = new long[12];
        for (int i = 0; i < x.length; i++) {
            x[i] = i;
        }
        assertArrayEquals(new long[] {4, 6, 8, 10},
                one(new QOp.Slice(new int[] {1, 0}, new int[] {1, 2}, new int[] {2, 2}), shape(3, 4), x));
        assertArrayEquals(new long[] {11},
                one(new QOp.Slice(new int[] {2, 3}, new int[] {1, 1}, new int[] {1, 1}), shape(3, 4), x));
        assertArrayEquals(new long[] {1, 3, 9, 11},
                one(new QOp.Slice(new int[] {0, 1}, new int[] {2, 2}, new int[] {2, 2}), shape(3, 4), x));
    }

    @Test
    void padGatherAndBroadcast() {
        long[] x = {1, -2, 3, 4};
        IntegerEvaluatorFixtures p = graph().in("x", shape(2, 2), x).node(new QOp.Pad(new int[] {1, 0}, new int[] {0, 1}), "x");
        assertArrayEquals(new int[] {3, 3}, p.outShape());
        assertArrayEquals(new long[] {0, 0, 0, 1, -2, 0, 3, 4, 0}, p.run());
        long[] y = {1, 2, 3, 4, 5, 6};
        assertArrayEquals(new long[] {3, 1, 3, 6, 4, 6}, one(new QOp.Gather(1, new int[] {2, 0, 2}), shape(2, 3), y));
        assertArrayEquals(new long[] {4, 5, 6}, one(new QOp.Gather(0, new int[] {1}), shape(2, 3), y));
        assertArrayEquals(new long[] {1, 1, 1, -2, -2, -2}, one(new QOp.Broadcast(new int[] {2, 3}), shape(2, 1), 1, -2));
        assertArrayEquals(new long[] {1, -2, 3, 1, -2, 3},
                one(new QOp.Broadcast(new int[] {2, 3}), shape(1, 3), 1, -2, 3));
        assertArrayEquals(new long[] {7, 7, 7, 7}, one(new QOp.Broadcast(new int[] {2, 2}), shape(1, 1), 7));
    }
}
