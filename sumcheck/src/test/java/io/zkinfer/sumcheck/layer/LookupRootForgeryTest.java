package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Witness;
import org.junit.jupiter.api.Test;

/**
 * A prover that picks a tree's revealed root value W after its root round's challenge, so that a
 * false lookup's identity sum_s w_s = w_T holds (`LookupBatch.FORGE_IDENTITY`), is rejected:
 * each tree's root round has its own exit equation, which pins W. (Found in review: with one root
 * round combined over the trees, the trees' W shared one exit equation, and a prover that split
 * the shift between a set's W and the table's, so that the shared equation still held, had
 * relu(1) = 42 accepted.)
 */
class LookupRootForgeryTest {
    private static final long SEED = 0xF0E6_2026L;

    private static <T> T forging(java.util.function.Supplier<T> prove) {
        LookupBatch.FORGE_IDENTITY.set(true);
        try {
            return prove.get();
        } finally {
            LookupBatch.FORGE_IDENTITY.remove();
        }
    }

    static Circuit rangeCircuit() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(8), 128);
        RangeCheck.signed(cb, "x/range", 8, x);
        return cb.build();
    }

    /** The hook shifts W by zero for a true lookup: the honest proof still verifies. */
    @Test
    void aTrueLookupWithTheHookVerifies() {
        System.out.println("LookupRootForgeryTest seed " + SEED);
        Circuit c = rangeCircuit();
        long[][] g = new long[c.tensorCount()][];
        g[0] = new long[] {1, -2, 3, -4, 5, 6, 7, 127};
        forging(() -> CircuitHarness.proveAndVerify(c, g, SEED));
    }

    @Test
    void aRowOutsideTheTableWithAForgedRootIsRejected() {
        Circuit c = rangeCircuit();
        long[][] g = new long[c.tensorCount()][];
        g[0] = new long[] {1, -2, 3, -4, 5, 6, 7, 127};
        Witness w = c.evaluate(g);
        w.values(0)[7] = Goldilocks.fromSigned(1000); // not an int8
        CircuitHarness.Run r = forging(() -> CircuitHarness.proveWitness(CircuitHarness.setup(c), w, SEED));
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
    }

    @Test
    void aFalseRevealedActivationWithAForgedRootIsRejected() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(8), 128);
        int y = Activation.add(cb, "y", x, "relu", v -> Math.max(0, v), 8);
        cb.reveal(y);
        Circuit c = cb.build();
        long[][] g = new long[c.tensorCount()][];
        g[x] = new long[] {1, -2, 3, -4, 5, 6, 7, -100};
        Witness w = c.evaluate(g);
        w.values(y)[0] = Goldilocks.fromSigned(42); // relu(1) claimed to be 42
        CircuitHarness.Run r = forging(() -> CircuitHarness.proveWitness(CircuitHarness.setup(c), w, SEED + 1));
        assertEquals(42, Goldilocks.toSigned(r.publicValues()[y][0]));
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
    }
}
