/**
 * Layered circuits and their proofs. A {@link io.zkinfer.sumcheck.circuit.Circuit} is a list of
 * tensors (public, committed, intermediate, or preprocessed tables) and of
 * {@link io.zkinfer.sumcheck.circuit.Layer}s relating them; {@link
 * io.zkinfer.sumcheck.circuit.CircuitBuilder} assembles one and checks its wiring and every
 * tensor's bound against p/2. {@link io.zkinfer.sumcheck.circuit.ProvingKey#setup} commits to
 * the preprocessed tables; {@link io.zkinfer.sumcheck.circuit.CircuitProver} and {@link
 * io.zkinfer.sumcheck.circuit.CircuitVerifier} prove and check a run.
 *
 * <p>Two protocols. With zero knowledge on (the default) every non-public tensor is committed
 * with masks, each layer checks its relation at points it draws through Libra-masked sumchecks
 * ({@link io.zkinfer.sumcheck.circuit.ZkSumcheck}) and linear claims on the commitment, and
 * lookups commit their inverses in a second commitment (docs/SECURITY.md). With it off, claims
 * flow GKR-style from the revealed outputs back to the committed tensors, layer by layer, and one
 * batched opening discharges them.
 */
package io.zkinfer.sumcheck.circuit;
