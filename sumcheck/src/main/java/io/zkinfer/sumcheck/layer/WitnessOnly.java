package io.zkinfer.sumcheck.layer;

import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.ProverContext;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import java.util.List;

/**
 * A layer that only writes auxiliary witness: the relations on what it writes are other layers'
 * (lookups, zero checks), each with its own protocols, so this one proves nothing in either.
 */
interface WitnessOnly extends Layer {
    @Override
    default int reducedTensor() {
        return -1;
    }

    @Override
    default List<Claim> prove(ProverContext ctx, Claim claim) {
        return List.of();
    }

    @Override
    default List<Claim> verify(VerifierContext ctx, Claim claim) {
        return List.of();
    }

    @Override
    default int zkSlots() {
        return 0;
    }

    @Override
    default void proveZk(ProverContext ctx) {}

    @Override
    default void verifyZk(VerifierContext ctx) {}
}
