package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.AccumulatorOverflowException;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Witness;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Requantization with both quotient and remainder range-checked, and activations by lookup. */
class RequantizeTest {
    private static final long SEED = 0x5EC0A7L;

    /** x (committed, |x| <= bound) -> requantize(M, s) [-> relu] -> y revealed. */
    static Circuit circuit(Shape shape, long bound, long m, int s, boolean relu) {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", shape, bound);
        Requantize.Result r = relu ? Requantize.add(cb, "y", x, m, s, -128, 127, "relu", v -> Math.max(0, v))
                : Requantize.add(cb, "y", x, m, s, -128, 127);
        cb.reveal(r.y());
        return cb.build();
    }

    static long expected(long x, long m, int s, boolean relu) {
        long q = Math.floorDiv(x * m + (1L << (s - 1)), 1L << s);
        long c = Math.max(-128, Math.min(127, q));
        return relu ? Math.max(0, c) : c;
    }

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(Shape.of(1), 1000L, 3L, 4, false), Arguments.of(Shape.of(5), 1 << 20, 77L, 16, true),
                Arguments.of(Shape.of(3, 7), 1 << 24, 12345L, 24, false), Arguments.of(Shape.of(16), 1 << 14, 1L, 1, true),
                Arguments.of(Shape.of(2, 9), 1L << 30, 1L << 20, 40, true), Arguments.of(Shape.of(4), 127L, 5L, 32, false));
    }

    @ParameterizedTest(name = "{0} |x|<={1} M={2} s={3} relu={4}")
    @MethodSource("cases")
    void provesTheRoundingRule(Shape shape, long bound, long m, int s, boolean relu) {
        System.out.println("RequantizeTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED + s);
        Circuit c = circuit(shape, bound, m, s, relu);
        long[][] g = new long[c.tensorCount()][];
        int n = (int) shape.logicalSize();
        g[0] = CircuitHarness.randomValues(rng, n, bound);
        g[0][0] = bound;
        if (n > 1) {
            g[0][1] = -bound;
        }
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        int y = c.revealed().get(0).id();
        long[] out = Circuit.logical(c.tensor(y), r.witness().values(y));
        long[] want = new long[n];
        for (int i = 0; i < n; i++) {
            want[i] = expected(g[0][i], m, s, relu);
        }
        assertArrayEquals(want, out);
    }

    @Test
    void tamperingIsRejected() {
        Circuit c = circuit(Shape.of(3, 5), 1 << 20, 77, 18, true);
        long[][] g = new long[c.tensorCount()][];
        g[0] = CircuitHarness.randomValues(new SplittableRandom(SEED), 15, 1 << 20);
        CircuitHarness.assertTamperingRejected(CircuitHarness.proveAndVerify(c, g, SEED), SEED, 100);
    }

    /** A wrong output, a quotient off by one with the remainder adjusted, or a wrong remainder. */
    @ParameterizedTest(name = "doctor {0}")
    @MethodSource("doctored")
    void doctoredWitnessIsRejected(String what) {
        Circuit c = circuit(Shape.of(8), 1 << 12, 77, 18, false);
        long[][] g = new long[c.tensorCount()][];
        g[0] = CircuitHarness.randomValues(new SplittableRandom(SEED), 8, 1 << 12);
        Witness w = c.evaluate(g);
        int q = 1;
        int r0 = 2;
        int r1 = 3;
        int y = 4;
        switch (what) {
            case "output" -> w.values(y)[3] = Goldilocks.add(w.values(y)[3], 1);
            case "quotient" -> {
                // q + 1 with r - 2^s keeps the equation; r goes negative, which the range check catches.
                w.values(q)[3] = Goldilocks.add(w.values(q)[3], 1);
                w.values(r1)[3] = Goldilocks.sub(w.values(r1)[3], 4);
            }
            case "remainder" -> w.values(r0)[3] = Goldilocks.add(w.values(r0)[3], 1);
            case "input" -> w.values(0)[3] = Goldilocks.add(w.values(0)[3], 1);
            default -> throw new IllegalArgumentException(what);
        }
        CircuitHarness.Run run = CircuitHarness.proveWitness(CircuitHarness.setup(c), w, SEED);
        CircuitHarness.assertRejects(run.vk(), run.publicValues(), run.proof().encode());
    }

    static Stream<String> doctored() {
        return Stream.of("output", "quotient", "remainder", "input");
    }

    @Test
    void quotientBeyondSixteenBitsIsRejectedAtBuildTime() {
        assertThrows(AccumulatorOverflowException.class, () -> circuit(Shape.of(4), 1 << 20, 1 << 10, 8, false));
    }

    @Test
    void activationByLookup() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(3, 3), 128);
        int y = Activation.add(cb, "sq", x, "square", v -> v * v, 8);
        cb.reveal(y);
        Circuit c = cb.build();
        long[][] g = {{-128, -1, 0, 1, 127, 5, -5, 64, 100}, null, null, null};
        g = java.util.Arrays.copyOf(g, c.tensorCount());
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertArrayEquals(new long[] {16384, 1, 0, 1, 16129, 25, 25, 4096, 10000},
                Circuit.logical(c.tensor(y), r.witness().values(y)));
        CircuitHarness.assertTamperingRejected(r, SEED, 40);
    }

    @Test
    void activationOutsideItsDomainFailsAtWitnessTime() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(2), 1000);
        cb.reveal(Activation.add(cb, "relu", x, "relu", v -> Math.max(0, v), 8));
        Circuit c = cb.build();
        long[][] g = new long[c.tensorCount()][];
        g[x] = new long[] {5, 300};
        assertThrows(IllegalArgumentException.class, () -> c.evaluate(g));
    }
}
