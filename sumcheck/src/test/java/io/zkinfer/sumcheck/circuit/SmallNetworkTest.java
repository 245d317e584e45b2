package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.layer.Max;
import io.zkinfer.sumcheck.layer.MatMul;
import io.zkinfer.sumcheck.layer.Requantize;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A whole small network as one circuit, as the model compiler will emit it: a batch of int8
 * inputs through dense, requantize + ReLU, dense, requantize, and argmax, with only the classes
 * revealed. It proves and verifies with zero knowledge, matches a plain integer reference, and
 * rejects tampering and a doctored hidden layer.
 */
class SmallNetworkTest {
    private static final long SEED = 0x5A11_7E7L;
    private static final int BATCH = 3;
    private static final int IN = 12;
    private static final int HIDDEN = 10;
    private static final int CLASSES = 4;

    record Net(Circuit circuit, int x, int w1, int b1, int w2, int b2, int classes, int hidden) {}

    static Net net() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(BATCH, IN), 128);
        int w1 = cb.committedInput("w1", Shape.of(HIDDEN, IN), 128);
        int b1 = cb.committedInput("b1", Shape.of(HIDDEN), 1 << 12);
        int w2 = cb.committedInput("w2", Shape.of(CLASSES, HIDDEN), 128);
        int b2 = cb.committedInput("b2", Shape.of(CLASSES), 1 << 12);
        int acc1 = MatMul.add(cb, "acc1", x, false, w1, true, b1);
        int h = Requantize.add(cb, "h", acc1, 3, 8, -128, 127, "relu", v -> Math.max(0, v)).y();
        int acc2 = MatMul.add(cb, "acc2", h, false, w2, true, b2);
        int logits = Requantize.add(cb, "logits", acc2, 5, 8, -128, 127).y();
        int classes = Max.argMax(cb, "class", logits, 1, false).index();
        cb.reveal(classes);
        return new Net(cb.build(), x, w1, b1, w2, b2, classes, h);
    }

    static long requant(long v, long m, int s) {
        return Math.max(-128, Math.min(127, Math.floorDiv(v * m + (1L << (s - 1)), 1L << s)));
    }

    @Test
    void provesAWholeNetworkWithZeroKnowledge() {
        System.out.println("SmallNetworkTest seed " + SEED);
        Net n = net();
        SplittableRandom rng = new SplittableRandom(SEED);
        long[][] g = new long[n.circuit().tensorCount()][];
        g[n.x()] = CircuitHarness.randomValues(rng, BATCH * IN, 127);
        g[n.w1()] = CircuitHarness.randomValues(rng, HIDDEN * IN, 127);
        g[n.b1()] = CircuitHarness.randomValues(rng, HIDDEN, 1000);
        g[n.w2()] = CircuitHarness.randomValues(rng, CLASSES * HIDDEN, 127);
        g[n.b2()] = CircuitHarness.randomValues(rng, CLASSES, 1000);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(n.circuit(), g, SEED);
        assertTrue(r.vk().zeroKnowledge());

        long[] expected = new long[BATCH];
        for (int b = 0; b < BATCH; b++) {
            long[] hidden = new long[HIDDEN];
            for (int o = 0; o < HIDDEN; o++) {
                long s = g[n.b1()][o];
                for (int i = 0; i < IN; i++) {
                    s += g[n.x()][b * IN + i] * g[n.w1()][o * IN + i];
                }
                hidden[o] = Math.max(0, requant(s, 3, 8));
            }
            long best = Long.MIN_VALUE;
            for (int c = 0; c < CLASSES; c++) {
                long s = g[n.b2()][c];
                for (int o = 0; o < HIDDEN; o++) {
                    s += hidden[o] * g[n.w2()][c * HIDDEN + o];
                }
                long logit = requant(s, 5, 8);
                if (logit > best) {
                    best = logit;
                    expected[b] = c;
                }
            }
        }
        assertArrayEquals(expected, Circuit.logical(n.circuit().tensor(n.classes()), r.witness().values(n.classes())));
        CircuitHarness.assertTamperingRejected(r, SEED, 80);
    }

    @Test
    void aDoctoredHiddenActivationIsRejected() {
        Net n = net();
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        long[][] g = new long[n.circuit().tensorCount()][];
        g[n.x()] = CircuitHarness.randomValues(rng, BATCH * IN, 127);
        g[n.w1()] = CircuitHarness.randomValues(rng, HIDDEN * IN, 127);
        g[n.b1()] = CircuitHarness.randomValues(rng, HIDDEN, 1000);
        g[n.w2()] = CircuitHarness.randomValues(rng, CLASSES * HIDDEN, 127);
        g[n.b2()] = CircuitHarness.randomValues(rng, CLASSES, 1000);
        Witness w = n.circuit().evaluate(g);
        int idx = n.circuit().tensor(n.hidden()).shape().index(1, 2);
        w.values(n.hidden())[idx] = Goldilocks.add(w.values(n.hidden())[idx], 1);
        CircuitHarness.Run r = CircuitHarness.proveWitness(CircuitHarness.setup(n.circuit()), w, SEED);
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
    }
}
