package io.zkinfer.prover;

import io.zkinfer.sumcheck.binding.Binding;
import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import io.zkinfer.sumcheck.binding.TensorCommitment;
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
     * Accepts or throws: a proof whose claim refers to no input commitment.
     *
     * @throws ProofException if the proof is false, or the claim does not fit the key (names,
     *     sizes, values beyond an output's bound), or the commitment is for another model, or the
     *     claim refers to an input commitment (use {@link #verify(ModelVerifyingKey, PublicClaim,
     *     CircuitProof, InputCommitment)})
     */
    public static void verify(ModelVerifyingKey vk, PublicClaim claim, CircuitProof proof) throws ProofException {
        verify(vk, claim, proof, null);
    }

    /**
     * Accepts or throws. A claim that refers to an input commitment is checked against
     * {@code input}, which the verifier takes from the data owner, never from the proof: a proof
     * that brought its own commitment would be about any input its prover chose. With
     * {@code input} given, the claim must refer to exactly it.
     *
     * @param input the input commitment the proof must refer to, or null for none
     * @return for a {@link ClaimSpec.Committed} claim, the output commitment it proves (the
     *     digest it reveals, as a commitment the next proof can take as its input); else empty
     * @throws ProofException as {@link #verify(ModelVerifyingKey, PublicClaim, CircuitProof)},
     *     or if the claim refers to another input commitment, to one when none was given, or to
     *     none when one was given
     */
    public static java.util.Optional<InputCommitment> verify(ModelVerifyingKey vk, PublicClaim claim, CircuitProof proof,
            InputCommitment input) throws ProofException {
        checkInputCommitment(claim, input);
        boolean bind = claim.bindsInput();
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
        VerifyingKey key;
        java.util.List<String> revealed = vk.outputs();
        if (!(spec instanceof ClaimSpec.Full) || claim.rows() != 1 || bind) {
            // The claim's circuit: the model's on every row, then only the claim's value revealed.
            try {
                key = CLAIM_KEYS.computeIfAbsent(vk, k -> new java.util.concurrent.ConcurrentHashMap<>())
                        .computeIfAbsent(spec.text() + "/" + claim.rows() + (bind ? "/input-commitment" : ""), t -> {
                            CompiledModel m = CompiledModel.compile(vk.graph(), vk.options(), spec, claim.rows(), bind);
                            return ProvingKey.setup(m.circuit(), vk.parameters(), vk.zeroKnowledge())
                                    .verifyingKey();
                        });
            } catch (IllegalArgumentException e) {
                throw new ProofException("claim '" + spec.text() + "' does not fit this model: " + e.getMessage());
            }
            revealed = spec instanceof ClaimSpec.Full ? vk.outputs() : java.util.List.of(spec.revealedName());
        } else {
            try {
                key = vk.key(); // compiled on first use, not when decoded: other claims' proofs never need it
            } catch (IllegalArgumentException e) {
                throw new ProofException("the key's model does not compile: " + e.getMessage());
            }
        }
        Circuit c = key.circuit();
        long[][] publicValues = new long[c.tensorCount()][];
        fill(c, publicValues, revealed, claim.outputs(), "output");
        fill(c, publicValues, vk.publicInputs(), claim.publicInputs(), "public input");
        // The bound tensors' digests beside the weights': the input's from the data owner's
        // commitment, a committed claim's from the claim (what the proof shows of the output).
        Map<String, TensorCommitment> bound = new java.util.HashMap<>();
        InputCommitment output = null;
        try {
            if (bind) {
                bound.put(vk.graph().inputs().getFirst().name(), input.tensor());
            }
            if (spec instanceof ClaimSpec.Committed) {
                Binding b = Binding.find(c, CircuitCompiler.COMMITTED_OUTPUT);
                output = new InputCommitment(claim.rows(), new TensorCommitment(b.params(), b.shape(),
                        publicValues[b.digest()]));
                bound.put(b.name(), output.tensor());
            }
            if (vk.commitment() != null) {
                vk.commitment().publish(c, CompiledModel.modelDigest(vk.graph(), vk.options()), publicValues, bound);
            } else {
                for (Map.Entry<String, TensorCommitment> e : bound.entrySet()) {
                    Binding.find(c, e.getKey()).publish(publicValues, e.getValue());
                }
            }
        } catch (InvalidCommitmentException e) {
            throw new ProofException((bind ? "model or input commitment: " : "model commitment: ") + e.getMessage());
        } catch (IllegalArgumentException e) {
            throw new ProofException("claim: " + e.getMessage());
        }
        CircuitVerifier.verify(key, publicValues, proof);
        return java.util.Optional.ofNullable(output);
    }

    /** The claim refers to {@code input} exactly, or to none when none is given. */
    private static void checkInputCommitment(PublicClaim claim, InputCommitment input) throws ProofException {
        java.util.HexFormat hex = java.util.HexFormat.of();
        if (claim.bindsInput() && input == null) {
            throw new ProofException("the proof refers to input commitment " + hex.formatHex(claim.inputCommitment())
                    + "; give the verifier that commitment, from the data owner (a proof cannot bring its own)");
        }
        if (!claim.bindsInput() && input != null) {
            throw new ProofException("the proof refers to no input commitment, so it may be about any input; "
                    + "input commitment " + input.fingerprint() + " was required");
        }
        if (input != null && !java.util.Arrays.equals(input.id(), claim.inputCommitment())) {
            throw new ProofException("the proof refers to input commitment " + hex.formatHex(claim.inputCommitment())
                    + ", not to the given " + input.fingerprint());
        }
        if (input != null && input.rows() != claim.rows()) {
            throw new ProofException("the input commitment covers " + input.rows() + " rows; the claim is about "
                    + claim.rows());
        }
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
