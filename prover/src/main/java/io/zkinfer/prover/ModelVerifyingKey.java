package io.zkinfer.prover;

import io.zkinfer.sumcheck.binding.ModelCommitment;
import io.zkinfer.sumcheck.circuit.VerifyingKey;
import java.util.List;

/**
 * What a verifier needs for one model: the circuit's verifying key (architecture, quantization,
 * public weights, commitment parameters), the model commitment C_M its private weights are
 * bound to (null when the weights are public), and the names of the tensors a claim gives.
 */
public record ModelVerifyingKey(VerifyingKey key, ModelCommitment commitment, List<String> outputs,
        List<String> publicInputs) {
    public ModelVerifyingKey {
        outputs = List.copyOf(outputs);
        publicInputs = List.copyOf(publicInputs);
    }
}
