package io.zkinfer.prover;

import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitProof;
import io.zkinfer.sumcheck.circuit.CircuitVerifier;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.VerifyingKey;
import io.zkinfer.sumcheck.circuit.Tensor;
import java.util.Map;

/**
 * Checks a proof of an inference against a model's verifying key and a public claim. The
 * weights' digests come from the key's model commitment, never from the proof.
 */
public final class ModelVerifier {
    /**
     * The claim circuits' keys made so far, per verifying key (weakly held, by identity) and claim
     * text and rows: compiling a claim's circuit and setting up its key costs more than verifying.
     */
    private static final Map<ModelVerifyingKey, Map<String, VerifyingKey>> CLAIM_KEYS =
            java.util.Collections.synchronizedMap(new java.util.WeakHashMap<>());

    private ModelVerifier() {}

    /**
     * Accepts or throws.
     *
     * @throws ProofException if the proof is false, or the claim does not fit the key (names,
     *     sizes, values beyond an output's bound), or the commitment is for another model
     */
    public static void verify(ModelVerifyingKey vk, PublicClaim claim, CircuitProof proof) throws ProofException {
        ClaimSpec spec;
        try {
            spec = ClaimSpec.parse(claim.claim());
        } catch (IllegalArgumentException e) {
            throw new ProofException(e.getMessage());
        }
        if (!spec.text().equals(claim.claim())) {
            // One claim, one text: what a verifier prints or compares is what was proven.
            throw new ProofException("the claim's text '" + claim.claim() + "' is not canonical; it reads as '"
                    + spec.text() + "'");
        }
        VerifyingKey key = vk.key();
        java.util.List<String> revealed = vk.outputs();
        if (!(spec instanceof ClaimSpec.Full) || claim.rows() != 1) {
            // The claim's circuit: the model's on every row, then only the claim's value revealed.
            try {
                key = CLAIM_KEYS.computeIfAbsent(vk, k -> new java.util.concurrent.ConcurrentHashMap<>())
                        .computeIfAbsent(spec.text() + "/" + claim.rows(), t -> {
                            CompiledModel m = CompiledModel.compile(vk.graph(), vk.options(), spec, claim.rows());
                            return ProvingKey.setup(m.circuit(), vk.key().parameters(), vk.key().zeroKnowledge())
                                    .verifyingKey();
                        });
            } catch (IllegalArgumentException e) {
                throw new ProofException("claim '" + spec.text() + "' does not fit this model: " + e.getMessage());
            }
            revealed = spec instanceof ClaimSpec.Full ? vk.outputs() : java.util.List.of(spec.revealedName());
        }
        Circuit c = key.circuit();
        long[][] publicValues = new long[c.tensorCount()][];
        fill(c, publicValues, revealed, claim.outputs(), "output");
        fill(c, publicValues, vk.publicInputs(), claim.publicInputs(), "public input");
        try {
            if (vk.commitment() != null) {
                vk.commitment().publish(c, CompiledModel.modelDigest(vk.graph(), vk.options()), publicValues, Map.of());
            }
        } catch (InvalidCommitmentException e) {
            throw new ProofException("model commitment: " + e.getMessage());
        }
        CircuitVerifier.verify(key, publicValues, proof);
    }

    private static void fill(Circuit c, long[][] publicValues, java.util.List<String> names, Map<String, long[]> values,
            String what) throws ProofException {
        if (!values.keySet().equals(new java.util.HashSet<>(names))) {
            throw new ProofException("the claim gives " + what + "s " + values.keySet() + "; the key expects " + names);
        }
        for (String name : names) {
            Tensor t = find(c, name);
            try {
                publicValues[t.id()] = Circuit.embed(t, values.get(name));
            } catch (IllegalArgumentException e) {
                throw new ProofException("claim: " + e.getMessage());
            }
        }
    }

    private static Tensor find(Circuit c, String name) throws ProofException {
        for (Tensor t : c.revealed()) {
            if (t.name().equals(name)) {
                return t;
            }
        }
        throw new ProofException("the key's circuit reveals no tensor named '" + name + "'");
    }
}
