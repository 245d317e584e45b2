package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Witness;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Tensors unpacked from one packed vector in one sumcheck, with and without zero knowledge. */
class UnpackTest {
    private static final long SEED = 0x0A9AC4L;
    private static final List<Unpack.Output> OUTPUTS = List.of(
            new Unpack.Output("a", Shape.of(2, 3), 0, 0),
            new Unpack.Output("b", Shape.of(5), 6, 0),
            new Unpack.Output("c", Shape.of(3, 2, 3), 11, 0),
            new Unpack.Output("again", Shape.of(3), 4, 0));

    /** The packed vector, the unpacked tensors, and y_k = unpacked_k revealed through a copy. */
    private record Fixture(Circuit circuit, int packed, int[] unpacked, int[] revealed) {}

    private static Fixture fixture() {
        CircuitBuilder cb = new CircuitBuilder();
        int packed = cb.committedInput("packed", Shape.of(29), 100);
        int[] unpacked = Unpack.add(cb, packed, OUTPUTS);
        int[] revealed = new int[unpacked.length];
        for (int k = 0; k < unpacked.length; k++) {
            revealed[k] = Linear.scale(cb, "y" + k, unpacked[k], 1);
            cb.reveal(revealed[k]);
        }
        return new Fixture(cb.build(), packed, unpacked, revealed);
    }

    private static long[][] given(Fixture f) {
        long[][] g = new long[f.circuit().tensorCount()][];
        g[f.packed()] = CircuitHarness.randomValues(new SplittableRandom(SEED), 29, 100);
        return g;
    }

    @ParameterizedTest(name = "zero knowledge {0}")
    @ValueSource(booleans = {true, false})
    void readsEachOutputFromItsOffsetAndRejectsTampering(boolean zk) {
        Fixture f = fixture();
        long[][] g = given(f);
        Witness w = f.circuit().evaluate(g);
        CircuitHarness.Run r = CircuitHarness.proveWitness(ProvingKey.setup(f.circuit(), CircuitHarness.PARAMS, zk), w,
                SEED);
        CircuitHarness.assertAccepts(r);
        for (int k = 0; k < OUTPUTS.size(); k++) {
            Unpack.Output o = OUTPUTS.get(k);
            long[] expected = Arrays.copyOfRange(g[f.packed()], o.offset(), o.offset() + (int) o.shape().logicalSize());
            assertArrayEquals(expected, Circuit.logical(f.circuit().tensor(f.revealed()[k]), w.values(f.revealed()[k])),
                    o.name());
        }
        CircuitHarness.assertTamperingRejected(r, SEED, 80);
    }

    /** A changed entry of any unpacked tensor, logical or padding, no longer matches the vector. */
    @ParameterizedTest(name = "zero knowledge {0}")
    @ValueSource(booleans = {true, false})
    void aChangedEntryOrPaddingIsRejected(boolean zk) {
        Fixture f = fixture();
        long[][] g = given(f);
        // Entry 1 of b, entry (1, 2) of a, and a padding entry of a ([2, 3] pads its rows to 4).
        int[][] changes = {{1, 1}, {0, Shape.of(2, 3).index(1, 2)}, {0, 3}, {2, Shape.of(3, 2, 3).index(2, 1, 0)}};
        for (int[] change : changes) {
            Witness w = f.circuit().evaluate(g);
            int t = f.unpacked()[change[0]];
            w.values(t)[change[1]] = Goldilocks.add(w.values(t)[change[1]], 1);
            int y = f.revealed()[change[0]];
            w.values(y)[change[1]] = Goldilocks.add(w.values(y)[change[1]], 1);
            CircuitHarness.Run r = CircuitHarness.proveWitness(ProvingKey.setup(f.circuit(), CircuitHarness.PARAMS, zk),
                    w, SEED);
            CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
        }
    }

    @Test
    void anOutputBeyondTheVectorIsRefusedByName() {
        CircuitBuilder cb = new CircuitBuilder();
        int packed = cb.committedInput("packed", Shape.of(10), 100);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Unpack.add(cb, packed, List.of(new Unpack.Output("w", Shape.of(3, 3), 2, 0))));
        org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("w: entries [2, 11)"), e.getMessage());
    }
}
