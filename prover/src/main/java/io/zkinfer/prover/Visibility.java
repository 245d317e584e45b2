package io.zkinfer.prover;

/** Whether a model's weights (or an input) are part of the statement or hidden by the proof. */
public enum Visibility {
    /** Hidden: committed afresh in every proof, with fresh masks. */
    PRIVATE,
    /** Part of the verifying key (weights) or given to the verifier (inputs), so auditable. */
    PUBLIC
}
