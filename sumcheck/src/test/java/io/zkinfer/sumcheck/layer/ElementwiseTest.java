package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.zkinfer.field.Goldilocks;
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
import org.junit.jupiter.params.provider.MethodSource;

/** Element-wise add, sub, constant multiples and products. */
class ElementwiseTest {
    private static final long SEED = 0xE1E_3E47L;

    static Stream<Shape> shapes() {
        return Stream.of(Shape.of(1), Shape.of(7), Shape.of(16), Shape.of(3, 5), Shape.of(2, 3, 4), Shape.of(1, 1, 9));
    }

    /** y = 3a - b + 5, z = y * c, both revealed. */
    static Circuit circuit(Shape shape) {
        CircuitBuilder cb = new CircuitBuilder();
        int a = cb.committedInput("a", shape, 128);
        int b = cb.committedInput("b", shape, 32768);
        int c = cb.committedInput("c", shape, 127);
        int y = Linear.add(cb, "y", new int[] {a, b}, new long[] {3, -1}, 5);
        int z = Hadamard.add(cb, "z", y, c);
        cb.reveal(y);
        cb.reveal(z);
        return cb.build();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("shapes")
    void provesAndMatchesPlainComputation(Shape shape) {
        System.out.println("ElementwiseTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED + shape.hashCode());
        Circuit c = circuit(shape);
        int n = (int) shape.logicalSize();
        long[][] g = {CircuitHarness.randomValues(rng, n, 128), CircuitHarness.randomValues(rng, n, 32768),
            CircuitHarness.randomValues(rng, n, 127), null, null};
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        long[] y = Circuit.logical(c.tensor(3), r.witness().values(3));
        long[] z = Circuit.logical(c.tensor(4), r.witness().values(4));
        for (int i = 0; i < n; i++) {
            long expected = 3 * g[0][i] - g[1][i] + 5;
            assertArrayEquals(new long[] {expected, expected * g[2][i]}, new long[] {y[i], z[i]});
        }
    }

    @Test
    void edgeValues() {
        Shape shape = Shape.of(6);
        Circuit c = circuit(shape);
        long[][] g = {{0, -128, 128, 0, 1, -1}, {32768, -32768, 0, 0, -1, 1}, {127, -127, 0, 127, -127, 0}, null,
            null};
        CircuitHarness.proveAndVerify(c, g, SEED);
    }

    @Test
    void tamperingIsRejected() {
        Circuit c = circuit(Shape.of(3, 5));
        SplittableRandom rng = new SplittableRandom(SEED);
        long[][] g = {CircuitHarness.randomValues(rng, 15, 128), CircuitHarness.randomValues(rng, 15, 32768),
            CircuitHarness.randomValues(rng, 15, 127), null, null};
        CircuitHarness.assertTamperingRejected(CircuitHarness.proveAndVerify(c, g, SEED), SEED, 80);
    }

    @ParameterizedTest(name = "change tensor {0}")
    @MethodSource("tensors")
    void changedWitnessIsRejected(int tensor) {
        Circuit c = circuit(Shape.of(3, 5));
        SplittableRandom rng = new SplittableRandom(SEED + tensor);
        long[][] g = {CircuitHarness.randomValues(rng, 15, 128), CircuitHarness.randomValues(rng, 15, 32768),
            CircuitHarness.randomValues(rng, 15, 127), null, null};
        Witness w = c.evaluate(g);
        long[] v = w.values(tensor);
        int idx = c.tensor(tensor).shape().logicalIndices()[7];
        v[idx] = Goldilocks.sub(v[idx], 1);
        CircuitHarness.Run r = CircuitHarness.proveWitness(CircuitHarness.setup(c), w, SEED);
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
    }

    static Stream<Integer> tensors() {
        return Stream.of(0, 1, 2, 3, 4);
    }
}
