package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Witness;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Review tests for Unpack: odd shapes (scalars, unit dimensions, odd variable counts, rank 3
 * with padding in every dimension) so that the verifier's factored w(s) is compared with the
 * prover's table on many index layouts; a one-entry packed vector; swapped outputs; and the
 * digit recombination used by CircuitCompiler with doctored digits.
 */
class UnpackAdversarialTest {
    private static final long SEED = 0x5EED_0A9AL;
    private static final Shape[] SHAPES = {
        Shape.of(1), Shape.of(1, 1), Shape.of(3), Shape.of(5, 3), Shape.of(2, 3, 5), Shape.of(7, 1, 3),
        Shape.of(1, 9), Shape.of(2), Shape.of(33), Shape.of(3, 3, 3, 3), Shape.of(6, 5), Shape.of(4, 4), Shape.of(1)
    };

    private record Fixture(Circuit circuit, int packed, int size, int[] unpacked, int[] revealed) {}

    /** Outputs of SHAPES laid out at odd offsets (with a gap and one overlap) in one vector. */
    private static Fixture fixture() {
        List<Unpack.Output> outs = new ArrayList<>();
        int offset = 1;
        for (int k = 0; k < SHAPES.length; k++) {
            outs.add(new Unpack.Output("o" + k, SHAPES[k], offset, 0));
            offset += (int) SHAPES[k].logicalSize() + (k % 3 == 0 ? 2 : k % 3 == 1 ? -1 : 0);
        }
        int size = offset + 3;
        CircuitBuilder cb = new CircuitBuilder();
        int packed = cb.committedInput("packed", Shape.of(size), 100);
        int[] unpacked = Unpack.add(cb, packed, outs);
        int[] revealed = new int[unpacked.length];
        for (int k = 0; k < unpacked.length; k++) {
            revealed[k] = Linear.scale(cb, "y" + k, unpacked[k], 3);
            cb.reveal(revealed[k]);
        }
        return new Fixture(cb.build(), packed, size, unpacked, revealed);
    }

    private static long[][] given(Fixture f) {
        long[][] g = new long[f.circuit().tensorCount()][];
        g[f.packed()] = CircuitHarness.randomValues(new SplittableRandom(SEED), f.size(), 100);
        return g;
    }

    @ParameterizedTest(name = "zero knowledge {0}")
    @ValueSource(booleans = {true, false})
    void oddShapesAcceptAndEveryEntryIsBound(boolean zk) {
        Fixture f = fixture();
        ProvingKey key = ProvingKey.setup(f.circuit(), CircuitHarness.PARAMS, zk);
        CircuitHarness.assertAccepts(CircuitHarness.proveWitness(key, f.circuit().evaluate(given(f)), SEED));
        for (int k = 0; k < SHAPES.length; k++) {
            // The last logical entry, and (where there is one) the last padding entry.
            int[] logical = SHAPES[k].logicalIndices();
            List<Integer> entries = new ArrayList<>(List.of(logical[logical.length - 1], logical[0]));
            if (SHAPES[k].paddedSize() > logical.length) {
                entries.add(SHAPES[k].paddedSize() - 1);
            }
            for (int idx : entries) {
                Witness w = f.circuit().evaluate(given(f));
                int t = f.unpacked()[k];
                w.values(t)[idx] = Goldilocks.add(w.values(t)[idx], 1);
                int y = f.revealed()[k];
                w.values(y)[idx] = Goldilocks.add(w.values(y)[idx], 3);
                CircuitHarness.Run r = CircuitHarness.proveWitness(key, w, SEED);
                CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
            }
        }
    }

    /** Two outputs of one shape with their values exchanged (as if their offsets were swapped). */
    @ParameterizedTest(name = "zero knowledge {0}")
    @ValueSource(booleans = {true, false})
    void swappedOutputsAreRejected(boolean zk) {
        CircuitBuilder cb = new CircuitBuilder();
        int packed = cb.committedInput("packed", Shape.of(8), 100);
        int[] u = Unpack.add(cb, packed, List.of(new Unpack.Output("a", Shape.of(4), 0, 0),
                new Unpack.Output("b", Shape.of(4), 4, 0)));
        int twoB = Linear.scale(cb, "2b", u[1], 2);
        int s = Linear.sum(cb, "s", u[0], twoB);
        cb.reveal(s);
        Circuit c = cb.build();
        long[][] g = new long[c.tensorCount()][];
        g[packed] = new long[] {1, 2, 3, 4, 5, 6, 7, 8};
        ProvingKey key = ProvingKey.setup(c, CircuitHarness.PARAMS, zk);
        Witness w = c.evaluate(g);
        long[] a = w.values(u[0]).clone();
        System.arraycopy(w.values(u[1]), 0, w.values(u[0]), 0, 4);
        System.arraycopy(a, 0, w.values(u[1]), 0, 4);
        // Recompute downstream from the swapped tensors.
        for (int i = 0; i < 4; i++) {
            w.values(twoB)[i] = Goldilocks.mul(2, w.values(u[1])[i]);
            w.values(s)[i] = Goldilocks.add(w.values(u[0])[i], w.values(twoB)[i]);
        }
        CircuitHarness.Run r = CircuitHarness.proveWitness(key, w, SEED);
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
    }

    /** A one-entry packed vector would leave the sumcheck no variable: refused by name. */
    @org.junit.jupiter.api.Test
    void aOneEntryVectorIsRefused() {
        CircuitBuilder cb = new CircuitBuilder();
        int packed = cb.committedInput("packed", Shape.of(1), 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Unpack.add(cb, packed, List.of(new Unpack.Output("a", Shape.of(1), 0, 0))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("at least 2 entries"), e.getMessage());
    }

    /**
     * CircuitCompiler's digit scheme in miniature: an 8-bit vector (range-checked over its whole
     * hypercube, as Binding does), a 12-bit part in two digits, recombined by Linear.digits
     * (bound 2^11, range-checked at 12 bits). A doctored top digit that puts the value out of
     * 12 bits (while the digit itself is inside 8), or a digit out of 8 bits, is rejected.
     */
    @ParameterizedTest(name = "zero knowledge {0}")
    @ValueSource(booleans = {true, false})
    void doctoredDigitsAreRejected(boolean zk) {
        int b = 8;
        int n = 5;
        CircuitBuilder cb = new CircuitBuilder();
        int packed = cb.committedInput("packed", Shape.of(2 * n), 1L << (b - 1));
        RangeCheck.signedCoveringPadding(cb, "packed/range", b, packed);
        int[] d = Unpack.add(cb, packed, List.of(new Unpack.Output("d0", Shape.of(n), 0, 0),
                new Unpack.Output("d1", Shape.of(n), n, 0)));
        long offset = 1L << (b - 1);
        int v = Linear.digits(cb, "v", d, b, 12);
        int y = Linear.scale(cb, "y", v, 1);
        cb.reveal(y);
        Circuit c = cb.build();
        long[] values = {-2048, 2047, 0, -1, 1000};
        long[] p = new long[2 * n];
        for (int i = 0; i < n; i++) {
            p[i] = Math.floorMod(values[i], 1L << b) - offset;
            p[n + i] = Math.floorDiv(values[i], 1L << b);
        }
        long[][] g = new long[c.tensorCount()][];
        g[packed] = p;
        ProvingKey key = ProvingKey.setup(c, CircuitHarness.PARAMS, zk);
        CircuitHarness.assertAccepts(CircuitHarness.proveWitness(key, c.evaluate(g), SEED));

        // Top digit 100 (inside 8 bits): v = 100 * 256 + ... is outside 12 bits.
        // Lower digit 200 (outside 8 bits).
        long[][] doctorings = {{n + 2, 100}, {0, 200}, {n + 4, -128}};
        for (long[] doc : doctorings) {
            Witness w = c.evaluate(g);
            int at = (int) doc[0];
            w.values(packed)[at] = Goldilocks.fromSigned(doc[1]);
            int k = at < n ? 0 : 1;
            int i = at % n;
            w.values(d[k])[i] = Goldilocks.fromSigned(doc[1]);
            long nv = Goldilocks.add(Goldilocks.add(w.values(d[0])[i], Goldilocks.mul(1L << b, w.values(d[1])[i])),
                    offset);
            w.values(v)[i] = nv;
            w.values(y)[i] = nv;
            CircuitHarness.Run r = CircuitHarness.proveWitness(key, w, SEED);
            CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
        }
    }

    /** Digits whose bounds exceed their width, or too few for the value's width, are refused. */
    @org.junit.jupiter.api.Test
    void linearDigitsRefusesWhatTheDigitsCannotHold() {
        CircuitBuilder cb = new CircuitBuilder();
        int narrow = cb.committedInput("narrow", Shape.of(4), 128);
        int wide = cb.committedInput("wide", Shape.of(4), 129);
        assertThrows(IllegalArgumentException.class, () -> Linear.digits(cb, "v", new int[] {narrow, wide}, 8, 16));
        assertThrows(IllegalArgumentException.class, () -> Linear.digits(cb, "v", new int[] {narrow, narrow}, 8, 17));
        assertThrows(IllegalArgumentException.class, () -> Linear.digits(cb, "v", new int[] {narrow}, 8, 8));
    }
}
