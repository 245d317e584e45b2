package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.sumcheck.binding.Binding;
import io.zkinfer.sumcheck.binding.Commitments;
import io.zkinfer.sumcheck.binding.ModelCommitment;
import io.zkinfer.sumcheck.layer.MatMul;
import io.zkinfer.sumcheck.layer.Max;
import io.zkinfer.sumcheck.layer.Requantize;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The README's example, as written there, so that it keeps compiling and verifying. */
class ReadmeExampleTest {
    @Test
    void readmeExampleProvesAndVerifies() throws ProofException {
        SplittableRandom rng = new SplittableRandom(784);
        long[] input = CircuitHarness.randomValues(rng, 784, 127);
        long[] weights = CircuitHarness.randomValues(rng, 7840, 127);

        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(1, 784), 128);
        int w = cb.committedInput("w", Shape.of(10, 784), 128);
        int acc = MatMul.add(cb, "acc", x, false, w, true, -1);
        int y = Requantize.add(cb, "y", acc, 3, 12, -128, 127).y();
        int cls = Max.argMax(cb, "class", y, 1, false).index();
        cb.reveal(cls);
        Circuit circuit = cb.build();

        ProvingKey key = ProvingKey.setup(circuit, WhirParameters.provable100());
        long[][] given = new long[circuit.tensorCount()][];
        given[x] = input;
        given[w] = weights;
        Witness witness = circuit.evaluate(given);
        CircuitProof proof = CircuitProver.prove(key, witness);
        long[][] publicValues = CircuitProver.publicValues(circuit, witness);
        CircuitVerifier.verify(key.verifyingKey(), publicValues, CircuitProof.decode(proof.encode()));
    }

    /** The README's "Commit once, prove many times" example, as written there. */
    @Test
    void readmeCommitmentExampleProvesAndVerifies() throws Exception {
        SplittableRandom rng = new SplittableRandom(785);
        long[] input = CircuitHarness.randomValues(rng, 784, 127);
        long[] weights = CircuitHarness.randomValues(rng, 7840, 127);

        // The model owner, once: commit to the int8 weights and publish C_M.
        Commitments.Committed cw = Commitments.commit(Shape.of(10, 784), 8, weights, ChaChaRandom.create());

        // The circuit binds the weights tensor to a commitment (salt, range checks, digest).
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(784, 1), 128);
        int w = cb.committedInput("w", Shape.of(10, 784), 128);
        Binding bw = Binding.add(cb, w, 8);
        cb.reveal(MatMul.add(cb, "y", w, false, x, false, -1));
        Circuit circuit = cb.build();
        ModelCommitment cm = ModelCommitment.of(circuit, Map.of("w", cw.commitment()));   // publish cm.encode()

        // The prover, for every input: the opening goes in with the other private values.
        ProvingKey key = ProvingKey.setup(circuit, WhirParameters.provable100());
        long[][] given = new long[circuit.tensorCount()][];
        given[x] = input;
        bw.give(given, cw.opening());
        Witness witness = circuit.evaluate(given);
        CircuitProof proof = CircuitProver.prove(key, witness);

        // The verifier: the output from the claim, the weights' digest from C_M.
        long[][] publicValues = CircuitProver.publicValues(circuit, witness);
        cm.publish(circuit, publicValues);
        CircuitVerifier.verify(key.verifyingKey(), publicValues, proof);
    }
}
