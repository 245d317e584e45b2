package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.AccumulatorOverflowException;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.circuit.Witness;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Matrix multiplication with bias, batch and transposes: completeness, soundness, bounds. */
class MatMulTest {
    private static final long SEED = 0x3A7_11L;

    /** Y = X W^T + b with X [batch, in] committed, W [out, in] committed, b [out] committed, Y revealed. */
    static Circuit dense(int batch, int in, int out, boolean withBias, boolean transW) {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(batch, in), 127);
        int w = cb.committedInput("w", transW ? Shape.of(out, in) : Shape.of(in, out), 127);
        int b = withBias ? cb.committedInput("b", Shape.of(out), 1 << 20) : -1;
        int y = MatMul.add(cb, "y", x, false, w, transW, b);
        cb.reveal(y);
        return cb.build();
    }

    static long[][] givens(Circuit c, SplittableRandom rng) {
        long[][] g = new long[c.tensorCount()][];
        for (Tensor t : c.tensors()) {
            if (c.isGiven(t.id())) {
                g[t.id()] = CircuitHarness.randomValues(rng, (int) t.shape().logicalSize(),
                        t.bound().min(java.math.BigInteger.valueOf(1 << 20)).longValue());
            }
        }
        return g;
    }

    static Stream<Arguments> shapes() {
        return Stream.of(Arguments.of(1, 1, 1, false, true), Arguments.of(1, 8, 4, true, true),
                Arguments.of(3, 5, 7, true, true), Arguments.of(4, 16, 16, false, false),
                Arguments.of(5, 33, 10, true, false), Arguments.of(2, 1, 9, true, true),
                Arguments.of(8, 64, 3, true, true));
    }

    @ParameterizedTest(name = "batch {0}, in {1}, out {2}, bias {3}, W^T {4}")
    @MethodSource("shapes")
    void provesAndMatchesPlainProduct(int batch, int in, int out, boolean bias, boolean transW) {
        System.out.println("MatMulTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED + batch * 1000 + in * 10 + out);
        Circuit c = dense(batch, in, out, bias, transW);
        long[][] g = givens(c, rng);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        // The witness is the plain integer product.
        long[] y = Circuit.logical(c.tensor(bias ? 3 : 2), r.witness().values(bias ? 3 : 2));
        for (int bi = 0; bi < batch; bi++) {
            for (int o = 0; o < out; o++) {
                long s = bias ? g[2][o] : 0;
                for (int k = 0; k < in; k++) {
                    s += g[0][bi * in + k] * (transW ? g[1][o * in + k] : g[1][k * out + o]);
                }
                assertArrayEquals(new long[] {s}, new long[] {y[bi * out + o]});
            }
        }
    }

    @Test
    void extremeValues() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(3, 5), 32768);
        int w = cb.committedInput("w", Shape.of(6, 5), 32768);
        int y = MatMul.add(cb, "y", x, false, w, true, -1);
        cb.reveal(y);
        Circuit c = cb.build();
        long[][] g = new long[c.tensorCount()][];
        g[x] = new long[15];
        g[w] = new long[30];
        for (int i = 0; i < 15; i++) {
            g[x][i] = i % 3 == 0 ? -32768 : i % 3 == 1 ? 32767 : 0;
        }
        for (int i = 0; i < 30; i++) {
            g[w][i] = i % 2 == 0 ? -32768 : -128;
        }
        CircuitHarness.proveAndVerify(c, g, SEED);
    }

    @Test
    void activationTimesActivation() {
        // Attention scores Q K^T with both operands committed activations.
        CircuitBuilder cb = new CircuitBuilder();
        int q = cb.committedInput("q", Shape.of(6, 4), 127);
        int k = cb.committedInput("k", Shape.of(6, 4), 127);
        int s = MatMul.add(cb, "scores", q, false, k, true, -1);
        int v = cb.committedInput("v", Shape.of(6, 3), 127);
        int o = MatMul.add(cb, "out", s, false, v, false, -1);
        cb.reveal(o);
        Circuit c = cb.build();
        CircuitHarness.proveAndVerify(c, givens(c, new SplittableRandom(SEED)), SEED);
    }

    @Test
    void tamperingIsRejected() {
        Circuit c = dense(3, 10, 5, true, true);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, givens(c, new SplittableRandom(SEED)), SEED);
        CircuitHarness.assertTamperingRejected(r, SEED, 64);
    }

    /** One changed element of the output, of the weights or of the input: the proof must fail. */
    @ParameterizedTest(name = "change tensor {0}")
    @MethodSource("changedTensors")
    void changedWitnessIsRejected(int tensor) {
        Circuit c = dense(4, 12, 6, true, true);
        int idx = c.tensor(tensor).shape().logicalIndices()[5 % (int) c.tensor(tensor).shape().logicalSize()];
        CircuitHarness.assertChangedElementRejected(c, givens(c, new SplittableRandom(SEED + tensor)), tensor, idx, SEED);
    }

    static Stream<Integer> changedTensors() {
        return Stream.of(0, 1, 2, 3);
    }

    @Test
    void overflowIsRejectedAtBuildTime() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(1, 1 << 20), 1L << 40);
        int w = cb.committedInput("w", Shape.of(4, 1 << 20), 1L << 10);
        assertThrows(AccumulatorOverflowException.class, () -> MatMul.add(cb, "y", x, false, w, true, -1));
    }

    /**
     * Regression: committed operands with nonzero padding along the inner dimension must not
     * change Y (the sumcheck ranges over logical k only).
     */
    @Test
    void paddingInCommittedOperandsCannotChangeTheOutput() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(2, 3), 127);
        int w = cb.committedInput("w", Shape.of(3, 2), 127);
        int y = MatMul.add(cb, "y", x, false, w, false, -1);
        cb.reveal(y);
        Circuit c = cb.build();
        long[][] g = new long[c.tensorCount()][];
        g[x] = new long[] {1, 2, 3, 4, 5, 6};
        g[w] = new long[] {1, 0, 0, 1, 1, 1};
        Witness wit = c.evaluate(g);
        // k = 3 is padding: x[b, 3] = 5, w[3, n] = 7 would add 35 to every Y entry.
        for (int b = 0; b < 2; b++) {
            wit.values(x)[b * 4 + 3] = 5;
        }
        for (int n = 0; n < 2; n++) {
            wit.values(w)[3 * 2 + n] = 7;
        }
        for (int i : c.tensor(y).shape().logicalIndices()) {
            wit.values(y)[i] = Goldilocks.add(wit.values(y)[i], 35);
        }
        CircuitHarness.Run r = CircuitHarness.proveWitness(CircuitHarness.setup(c), wit, SEED);
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
    }
}
