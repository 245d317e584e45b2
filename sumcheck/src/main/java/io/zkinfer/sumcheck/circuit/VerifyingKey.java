package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.whir.WhirCommitment;
import io.zkinfer.commit.whir.WhirParameters;

/**
 * What a verifier needs: the circuit, the commitment parameters, whether proofs are
 * zero-knowledge, and the commitment to the circuit's preprocessed tables (null if it has none).
 */
public record VerifyingKey(Circuit circuit, WhirParameters parameters, boolean zeroKnowledge,
        WhirCommitment preprocessed) {}
