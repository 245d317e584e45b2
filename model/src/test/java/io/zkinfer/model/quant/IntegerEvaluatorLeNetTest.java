package io.zkinfer.model.quant;

import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** A LeNet-5-shaped int8 graph end to end: consistency of the intermediates, and speed. */
class IntegerEvaluatorLeNetTest {
    private static long[] random(Random r, int n, long bound) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextLong(-bound, bound + 1);
        }
        return v;
    }

    private static QOp.Requantize relu8(int shift) {
        return new QOp.Requantize(1, shift, -128, 127, IntTable.relu(-128, 127));
    }

    static QGraph leNet(Random r) {
        QOp.Window w = QOp.Window.DEFAULT;
        QOp.Window pool = new QOp.Window(2, 2, 1, 1, 0, 0, 0, 0);
        return QGraph.builder().input("image", shape(1, 1, 32, 32), 127, 7)
                .constant("w1", shape(6, 1, 5, 5), 7, random(r, 150, 127))
                .constant("b1", shape(6), 14, random(r, 6, 4000))
                .constant("w2", shape(16, 6, 5, 5), 7, random(r, 2400, 127))
                .constant("b2", shape(16), 14, random(r, 16, 4000))
                .constant("w3", shape(400, 120), 7, random(r, 48000, 127))
                .constant("b3", shape(120), 14, random(r, 120, 4000))
                .constant("w4", shape(84, 120), 7, random(r, 10080, 127))
                .constant("w5", shape(84, 10), 7, random(r, 840, 127))
                .node("conv1", new QOp.Conv(w), List.of("image", "w1", "b1"), "c1", 14)
                .node("act1", relu8(7), List.of("c1"), "a1", 7)
                .node("pool1", new QOp.MaxPool(2, 2, pool), List.of("a1"), "p1", 7)
                .node("conv2", new QOp.Conv(w), List.of("p1", "w2", "b2"), "c2", 14)
                .node("act2", relu8(9), List.of("c2"), "a2", 7)
                .node("pool2", new QOp.MaxPool(2, 2, pool), List.of("a2"), "p2", 7)
                .node("flatten", new QOp.Reshape(shape(1, 400)), List.of("p2"), "f", 7)
                .node("fc1", new QOp.MatMul(false, false), List.of("f", "w3", "b3"), "h1", 14)
                .node("act3", relu8(9), List.of("h1"), "a3", 7)
                .node("fc2", new QOp.MatMul(false, true), List.of("a3", "w4"), "h2", 14)
                .node("act4", relu8(8), List.of("h2"), "a4", 7)
                .node("fc3", new QOp.MatMul(false, false), List.of("a4", "w5"), "logits", 14)
                .node("requant", new QOp.Requantize(1, 7, -32768, 32767, null), List.of("logits"), "q", 7)
                .node("argmax", new QOp.ArgMax(1, false), List.of("q"), "class", 0)
                .output("class").output("q").build();
    }

    @Test
    void intermediatesAreConsistentAndAnInferenceTakesUnderTenMilliseconds() {
        long seed = 5_052_025L;
        System.out.println("IntegerEvaluatorLeNetTest seed " + seed);
        Random r = new Random(seed);
        QGraph g = leNet(r);
        Map<String, long[]> in = Map.of("image", random(r, 1024, 127));
        Map<String, long[]> all = IntegerEvaluator.evaluateAll(g, in);
        assertEquals(4704, all.get("c1").length);
        assertEquals(400, all.get("f").length);
        long[] a4 = all.get("a4");
        long[] w5 = g.constants().get("w5").values();
        for (int j = 0; j < 10; j++) {
            long acc = 0;
            for (int p = 0; p < 84; p++) {
                acc += a4[p] * w5[p * 10 + j];
            }
            assertEquals(acc, all.get("logits")[j]);
            assertEquals(Math.floorDiv(acc + 64, 128), all.get("q")[j]);
        }
        long[] q = all.get("q");
        int best = 0;
        for (int j = 1; j < 10; j++) {
            best = q[j] > q[best] ? j : best;
        }
        assertArrayEquals(new long[] {best}, IntegerEvaluator.evaluate(g, in).get("class"));

        for (int i = 0; i < 300; i++) {
            IntegerEvaluator.evaluate(g, in);
        }
        int runs = 300;
        long start = System.nanoTime();
        for (int i = 0; i < runs; i++) {
            IntegerEvaluator.evaluate(g, in);
        }
        double ms = (System.nanoTime() - start) / 1e6 / runs;
        System.out.printf("IntegerEvaluator LeNet-5: %.3f ms per inference%n", ms);
        assertTrue(ms < 10, "LeNet-5 inference took " + ms + " ms");
    }
}
