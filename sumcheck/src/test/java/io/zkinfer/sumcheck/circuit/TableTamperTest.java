package io.zkinfer.sumcheck.circuit;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.layer.Activation;
import io.zkinfer.sumcheck.layer.Lookup;
import io.zkinfer.sumcheck.lookup.Table;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A prover computes with a function table that differs from the key's in one row (the circuit
 * object is doctored by reflection after its digest was fixed, so the transcript is the honest
 * one): the verifier must reject through its own evaluation of the table (proof format 6, small
 * tables evaluated by the verifier; found by review, and accepted with that check removed).
 */
class TableTamperTest {
    static Circuit circuit(java.util.function.LongUnaryOperator f) {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(8), 100);
        cb.reveal(Activation.add(cb, "sq", x, "square/16", f, 8));
        return cb.build();
    }

    @ParameterizedTest
    @ValueSource(booleans = {true, false})
    void aChangedTableEntryIsRejected(boolean zk) throws Exception {
        java.util.function.LongUnaryOperator honest = v -> v * v / 16;
        java.util.function.LongUnaryOperator evil = v -> v == 5 ? 99 : v * v / 16;
        Circuit verifierCircuit = circuit(honest);
        Circuit proverCircuit = circuit(honest);
        // doctor the prover's circuit: its lookup's Table and its preprocessed values
        for (Layer l : proverCircuit.layers()) {
            if (l instanceof Lookup lk) {
                var f = Lookup.class.getDeclaredField("table");
                f.setAccessible(true);
                f.set(lk, Table.function(8, evil));
            }
            if (l instanceof Activation a) {
                var f = Activation.class.getDeclaredField("f");
                f.setAccessible(true);
                f.set(a, evil);
            }
        }
        var pre = Circuit.class.getDeclaredField("preprocessed");
        pre.setAccessible(true);
        long[][] values = (long[][]) pre.get(proverCircuit);
        int table = proverCircuit.preprocessedTensors().get(0).id();
        values[table][5 + 128] = Goldilocks.fromSigned(99);
        org.junit.jupiter.api.Assertions.assertArrayEquals(verifierCircuit.digest(), proverCircuit.digest());
        int x = 0;
        int y = -1;
        for (Tensor t : proverCircuit.tensors()) {
            if (t.revealed()) {
                y = t.id();
            }
        }
        long[][] given = new long[proverCircuit.tensorCount()][];
        given[x] = new long[] {5, -3, 7, 0, 1, 2, 3, 4};
        Witness w = proverCircuit.evaluate(given);
        org.junit.jupiter.api.Assertions.assertEquals(99, Goldilocks.toSigned(w.values(y)[0])); // the false claim
        ProvingKey pk = ProvingKey.setup(proverCircuit, CircuitHarness.PARAMS, zk);
        CircuitHarness.Run r = CircuitHarness.proveWitness(pk, w, 7);
        VerifyingKey vk = ProvingKey.setup(verifierCircuit, CircuitHarness.PARAMS, zk).verifyingKey();
        try {
            CircuitVerifier.verify(vk, r.publicValues(), r.proof());
            org.junit.jupiter.api.Assertions.fail("zk=" + zk + ": a false table claim was accepted");
        } catch (ProofException e) {
            org.junit.jupiter.api.Assertions.assertTrue(e.getMessage().contains("table"), e.getMessage());
        }
    }
}
