package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.sumcheck.layer.MatMul;
import io.zkinfer.sumcheck.layer.Max;
import io.zkinfer.sumcheck.layer.Requantize;
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
}
