package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Witness;
import io.zkinfer.sumcheck.lookup.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Lookups into a committed private table (a tree ensemble's hidden thresholds and leaf values):
 * the verifier knows only the table's shape.
 */
class PrivateTableTest {
    private static final long SEED = 0x7AB1EL;

    /** A private (key, value) table of 8 rows, with (0, 0) as a row for padding; 5 looked-up pairs. */
    static Circuit circuit() {
        CircuitBuilder cb = new CircuitBuilder();
        int keys = cb.committedInput("keys", Shape.of(8), 1 << 20);
        int values = cb.committedInput("values", Shape.of(8), 1 << 20);
        int qk = cb.committedInput("qk", Shape.of(5), 1 << 20);
        int qv = cb.committedInput("qv", Shape.of(5), 1 << 20);
        Lookup.add(cb, "leaves", Table.committed(3, 2), new int[][] {{qk, qv}}, new long[][] {{0, 0}},
                new int[] {keys, values});
        return cb.build();
    }

    static long[][] given(Circuit c) {
        long[][] g = new long[c.tensorCount()][];
        g[0] = new long[] {0, 17, -3, 250, 1000, -77, 5, 9};
        g[1] = new long[] {0, 123456, -42, 7, -900000, 31, 64, -1};
        g[2] = new long[] {250, -3, 250, 9, 0};
        g[3] = new long[] {7, -42, 7, -1, 0};
        return g;
    }

    @ParameterizedTest(name = "zero knowledge {0}")
    @ValueSource(booleans = {true, false})
    void provesLookupsIntoAHiddenTable(boolean zk) {
        System.out.println("PrivateTableTest seed " + SEED);
        Circuit c = circuit();
        ProvingKey key = ProvingKey.setup(c, CircuitHarness.PARAMS, zk);
        CircuitHarness.Run r = CircuitHarness.proveWitness(key, c.evaluate(given(c)), SEED);
        CircuitHarness.assertAccepts(r);
        assertEquals(zk, r.vk().zeroKnowledge());
        CircuitHarness.assertTamperingRejected(r, SEED, 60);
    }

    @ParameterizedTest(name = "zero knowledge {0}")
    @ValueSource(booleans = {true, false})
    void aPairOutsideTheTableIsRejected(boolean zk) {
        Circuit c = circuit();
        Witness w = c.evaluate(given(c));
        // (250, 8) is not a row; the multiplicities still count (250, 7).
        w.values(3)[2] = Goldilocks.add(w.values(3)[2], 1);
        CircuitHarness.Run r = CircuitHarness.proveWitness(ProvingKey.setup(c, CircuitHarness.PARAMS, zk), w, SEED);
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
    }

    @ParameterizedTest(name = "zero knowledge {0}")
    @ValueSource(booleans = {true, false})
    void aChangedTableRowIsRejected(boolean zk) {
        Circuit c = circuit();
        Witness w = c.evaluate(given(c));
        w.values(1)[3] = Goldilocks.add(w.values(1)[3], 1); // the row (250, 7) becomes (250, 8)
        CircuitHarness.Run r = CircuitHarness.proveWitness(ProvingKey.setup(c, CircuitHarness.PARAMS, zk), w, SEED);
        CircuitHarness.assertRejects(r.vk(), r.publicValues(), r.proof().encode());
    }

    @ParameterizedTest(name = "zero knowledge {0}")
    @ValueSource(booleans = {true})
    void aMissingPairFailsAtWitnessTime(boolean zk) {
        Circuit c = circuit();
        long[][] g = given(c);
        g[3][1] = 5;
        assertThrows(IllegalArgumentException.class, () -> c.evaluate(g));
    }
}
