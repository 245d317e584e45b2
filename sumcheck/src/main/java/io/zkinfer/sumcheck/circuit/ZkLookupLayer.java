package io.zkinfer.sumcheck.circuit;

import java.util.List;

/**
 * A layer whose zero-knowledge protocol needs vectors that depend on challenges (a lookup's
 * inverses 1 / (alpha - a)): after the main commitment, {@link #zkPrepare} draws its challenges
 * and returns the vectors, which go into a second hiding commitment with their own mask pool;
 * then {@link #proveZk} runs as for any layer.
 */
public interface ZkLookupLayer extends Layer {
    /** Variables of each extension-valued vector {@link #zkPrepare} returns, in order. */
    int[] zkInverseVariables();

    /** Slots this layer takes from the lookup commitment's mask pool. */
    int zkLookupSlots();

    /** Draws this layer's challenges (through ctx) and returns its vectors (interleaved extension values). */
    List<long[]> zkPrepare(ProverContext ctx);

    /** Draws the same challenges on the verifier's side. */
    void zkPrepareVerify(VerifierContext ctx);
}
