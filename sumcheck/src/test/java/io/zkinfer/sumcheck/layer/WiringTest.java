package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Witness;
import java.util.SplittableRandom;
import java.util.function.BiFunction;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reshape, transpose, concat, slice, pad, gather, broadcast as wiring. */
class WiringTest {
    private static final long SEED = 0x817E5L;

    record Case(String name, Shape input, BiFunction<CircuitBuilder, Integer, Integer> op, long[] expected) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Inputs hold 1, 2, 3, ... in row-major order so expected outputs can be written out. */
    static Stream<Arguments> cases() {
        return Stream.of(
                Arguments.of(new Case("reshape 2x3 -> 3x2", Shape.of(2, 3),
                        (cb, x) -> DataMovement.reshape(cb, "y", x, Shape.of(3, 2)), new long[] {1, 2, 3, 4, 5, 6})),
                Arguments.of(new Case("reshape 4x4 -> 16 (identity)", Shape.of(4, 4),
                        (cb, x) -> DataMovement.reshape(cb, "y", x, Shape.of(16)), seq(16))),
                Arguments.of(new Case("transpose 2x3", Shape.of(2, 3),
                        (cb, x) -> DataMovement.transpose(cb, "y", x, 1, 0), new long[] {1, 4, 2, 5, 3, 6})),
                Arguments.of(new Case("slice 5 step 2", Shape.of(5),
                        (cb, x) -> DataMovement.slice(cb, "y", x, new int[] {0}, new int[] {2}, new int[] {3}),
                        new long[] {1, 3, 5})),
                Arguments.of(new Case("pad 1,2", Shape.of(3),
                        (cb, x) -> DataMovement.pad(cb, "y", x, new int[] {1}, new int[] {2}),
                        new long[] {0, 1, 2, 3, 0, 0})),
                Arguments.of(new Case("gather axis 1", Shape.of(2, 3),
                        (cb, x) -> DataMovement.gather(cb, "y", x, 1, new int[] {2, 0, -1}),
                        new long[] {3, 1, 3, 6, 4, 6})),
                Arguments.of(new Case("broadcast 3 -> 2x3", Shape.of(3),
                        (cb, x) -> DataMovement.broadcast(cb, "y", x, Shape.of(2, 3)), new long[] {1, 2, 3, 1, 2, 3})),
                Arguments.of(new Case("concat with itself", Shape.of(2, 2),
                        (cb, x) -> DataMovement.concat(cb, "y", 1, x, x), new long[] {1, 2, 1, 2, 3, 4, 3, 4})));
    }

    static long[] seq(int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = i + 1;
        }
        return v;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void provesAndMovesTheRightEntries(Case k) {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", k.input(), 1000);
        int y = k.op().apply(cb, x);
        cb.reveal(y);
        Circuit c = cb.build();
        long[][] g = new long[c.tensorCount()][];
        g[x] = seq((int) k.input().logicalSize());
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertArrayEquals(k.expected(), Circuit.logical(c.tensor(y), r.witness().values(y)));
    }

    @Test
    void identityReshapeNeedsNoMessages() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(4, 8), 10);
        int y = DataMovement.reshape(cb, "y", x, Shape.of(32));
        int z = DataMovement.reshape(cb, "z", x, Shape.of(8, 4));
        cb.reveal(y);
        cb.reveal(z);
        Circuit c = cb.build();
        assertTrue(((Wiring) c.layers().get(0)).isIdentity());
        assertTrue(((Wiring) c.layers().get(1)).isIdentity());
        CircuitBuilder cb2 = new CircuitBuilder();
        int x2 = cb2.committedInput("x", Shape.of(3, 3), 10);
        cb2.reveal(DataMovement.reshape(cb2, "y", x2, Shape.of(9)));
        assertFalse(((Wiring) cb2.build().layers().get(0)).isIdentity());
    }

    /** A tensor read by two layers gets two claims, merged before its producer reduces them. */
    @Test
    void claimsFromSeveralConsumersAreMerged() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(3, 5), 100);
        int t = DataMovement.transpose(cb, "t", x, 1, 0);
        int a = DataMovement.slice(cb, "a", t, new int[] {0, 0}, new int[] {1, 1}, new int[] {2, 3});
        int b = Linear.scale(cb, "b", t, -2);
        int s = DataMovement.concat(cb, "s", 0, a, DataMovement.slice(cb, "bs", b, new int[] {0, 0},
                new int[] {1, 1}, new int[] {1, 3}));
        cb.reveal(s);
        Circuit c = cb.build();
        SplittableRandom rng = new SplittableRandom(SEED);
        long[][] g = new long[c.tensorCount()][];
        g[x] = CircuitHarness.randomValues(rng, 15, 100);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        CircuitHarness.assertTamperingRejected(r, SEED, 60);
        assertEquals(9, Circuit.logical(c.tensor(s), r.witness().values(s)).length);
    }

    @Test
    void changedInputIsRejected() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(3, 5), 100);
        int y = DataMovement.transpose(cb, "y", x, 1, 0);
        cb.reveal(y);
        Circuit c = cb.build();
        long[][] g = new long[c.tensorCount()][];
        g[x] = seq(15);
        Witness w = c.evaluate(g);
        w.values(x)[2] = Goldilocks.add(w.values(x)[2], 1);
        CircuitHarness.Run r = CircuitHarness.proveWitness(CircuitHarness.setup(c), w, SEED);
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
    }

    /**
     * Regression (review finding): padding added after the entries is not a copy, even when the
     * layouts coincide ([3] to [4]): the new entry must be zero, not the input's padding.
     */
    @ParameterizedTest(name = "zero knowledge {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
    void paddingAfterTheEntriesIsZeroNotTheInputsPadding(boolean zk) {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(3), 100);
        int z = DataMovement.pad(cb, "z", x, new int[] {0}, new int[] {1});
        cb.reveal(z);
        Circuit c = cb.build();
        assertFalse(((Wiring) c.layers().get(0)).isIdentity());
        long[][] g = new long[c.tensorCount()][];
        g[x] = new long[] {1, 2, 3};
        Witness w = c.evaluate(g);
        w.values(x)[3] = Goldilocks.fromSigned(7);
        w.values(z)[3] = Goldilocks.fromSigned(7);
        CircuitHarness.Run r = CircuitHarness.proveWitness(ProvingKey.setup(c, CircuitHarness.PARAMS, zk), w, SEED);
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
    }
}
