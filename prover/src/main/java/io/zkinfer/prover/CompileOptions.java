package io.zkinfer.prover;

import java.util.Objects;

/**
 * How a quantized model becomes a circuit.
 *
 * @param weights private weights are committed in every proof and bound to the model commitment
 *     C_M (salted SIS digests; docs/SECURITY.md); public weights are preprocessed into the key
 * @param inputs whether the model's inputs are hidden or given to the verifier
 */
public record CompileOptions(Visibility weights, Visibility inputs) {
    public CompileOptions {
        Objects.requireNonNull(weights);
        Objects.requireNonNull(inputs);
    }

    /** Private weights bound to C_M, private inputs: the default, what reveals least. */
    public static CompileOptions defaults() {
        return new CompileOptions(Visibility.PRIVATE, Visibility.PRIVATE);
    }
}
