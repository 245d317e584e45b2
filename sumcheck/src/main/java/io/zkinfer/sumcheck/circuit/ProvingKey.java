package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.commit.whir.WhirProver;
import io.zkinfer.commit.whir.WhirWitness;
import java.util.ArrayList;
import java.util.List;

/** The verifying key plus the prover's side of the preprocessed-table commitment. */
public final class ProvingKey {
    private final VerifyingKey verifyingKey;
    private final WhirWitness preprocessed;

    private ProvingKey(VerifyingKey verifyingKey, WhirWitness preprocessed) {
        this.verifyingKey = verifyingKey;
        this.preprocessed = preprocessed;
    }

    /**
     * Commits to the circuit's large preprocessed tables (transparently: no trusted setup, no
     * secret; small ones the verifier evaluates itself)
     * and returns the keys. Zero knowledge is on unless {@code zeroKnowledge} is false.
     */
    public static ProvingKey setup(Circuit circuit, WhirParameters parameters, boolean zeroKnowledge) {
        if (zeroKnowledge) {
            ZkEngine.slots(circuit); // fails naming a layer without a zero-knowledge protocol
        }
        List<long[]> tables = new ArrayList<>();
        for (Tensor t : Statement.keyCommitted(circuit)) {
            tables.add(circuit.preprocessedValues(t.id()));
        }
        WhirWitness w = tables.isEmpty() ? null : WhirProver.commit(parameters, tables, false);
        return new ProvingKey(new VerifyingKey(circuit, parameters, zeroKnowledge, w == null ? null : w.commitment()), w);
    }

    /**
     * Checks that every layer of {@code circuit} has a zero-knowledge protocol.
     *
     * @throws IllegalArgumentException naming the first layer without one
     */
    public static void checkZeroKnowledge(Circuit circuit) {
        ZkEngine.slots(circuit);
    }

    /** Whether every layer of {@code circuit} has a zero-knowledge protocol. */
    public static boolean zeroKnowledgeAvailable(Circuit circuit) {
        try {
            checkZeroKnowledge(circuit);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** {@link #setup(Circuit, WhirParameters, boolean)} with zero knowledge on. */
    public static ProvingKey setup(Circuit circuit, WhirParameters parameters) {
        return setup(circuit, parameters, true);
    }

    public VerifyingKey verifyingKey() {
        return verifyingKey;
    }

    public Circuit circuit() {
        return verifyingKey.circuit();
    }

    WhirWitness preprocessedWitness() {
        return preprocessed;
    }
}
