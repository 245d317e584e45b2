package io.zkinfer.sumcheck.circuit;

import java.util.List;

/**
 * One relation of a layered circuit, with its prover and verifier. A layer reads input tensors
 * and writes output tensors ({@link #compute}). Its proof reduces a claim about the one
 * intermediate tensor it produces (if any, see {@link #reducedTensor}) to claims about its inputs
 * and auxiliary outputs, and may add constraints of its own (a requantization's
 * x * M + 2^(s-1) = q * 2^s + r at a random point, a lookup). The engine merges all claims on an
 * intermediate tensor into one before handing it to its producer.
 *
 * <p>{@link #prove} and {@link #verify} must make the same transcript calls in the same order:
 * every message the prover {@linkplain ProverContext#send sends}, the verifier
 * {@linkplain VerifierContext#receive receives} with the same label and length.
 */
public interface Layer {
    /**
     * The relation and its public parameters in a canonical form (bound into the circuit's
     * digest, so a verifier never accepts a proof of a different relation). Tensors appear by id.
     */
    String describe();

    /** Tensors read. */
    int[] inputs();

    /** Tensors written by {@link #compute}: the intermediate output and any auxiliary tensors. */
    int[] outputs();

    /** The intermediate tensor whose claim {@link #prove} reduces, or -1 for a pure constraint. */
    int reducedTensor();

    /** Writes the outputs from the inputs (exact integer semantics, embedded in the field). */
    void compute(Witness witness);

    /**
     * Proves this layer: reduces {@code claim} (about {@link #reducedTensor}, null if none) and
     * this layer's own constraints to claims about other tensors.
     */
    List<Claim> prove(ProverContext ctx, Claim claim);

    /**
     * Checks this layer's part of a proof and returns the claims it reduces to.
     *
     * @throws ProofException if a message is malformed or a check fails
     */
    List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException;

    /**
     * The mask-pool slots {@link #proveZk} takes (see {@link ZkSumcheck#slots}), or -1 if this
     * layer has no zero-knowledge protocol yet.
     */
    default int zkSlots() {
        return -1;
    }

    /**
     * Proves this layer's relation with zero knowledge. Every non-public tensor is committed, so
     * the layer checks its relation at a point of its own choosing and records each check as a
     * claim on the commitment ({@link ProverContext#formClaim}), revealing only masked values.
     */
    default void proveZk(ProverContext ctx) {
        throw new UnsupportedOperationException(describe() + " has no zero-knowledge protocol yet");
    }

    /** The verifier of {@link #proveZk}. */
    default void verifyZk(VerifierContext ctx) throws ProofException {
        throw new UnsupportedOperationException(describe() + " has no zero-knowledge protocol yet");
    }
}
