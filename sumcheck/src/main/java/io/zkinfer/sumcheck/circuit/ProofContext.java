package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import java.util.ArrayList;
import java.util.List;

/**
 * What prover and verifier contexts share: the transcript, the extension field, the current
 * layer's label prefix, challenges, and the zero-knowledge bookkeeping (mask pools, claims on the
 * commitments, claims on preprocessed tables, per-layer scratch).
 */
public abstract sealed class ProofContext permits ProverContext, VerifierContext {
    final Transcript transcript;
    final ExtensionField ext;
    String prefix = "";
    private MaskPool pool;
    private final List<FormClaim> formClaims = new ArrayList<>();
    private final List<Claim> preprocessedClaims = new ArrayList<>();

    /** A zero-knowledge claim: form = value on the commitment. */
    record FormClaim(LinearForm form, long[] value) {}

    ProofContext(Transcript transcript, ExtensionField ext) {
        this.transcript = transcript;
        this.ext = ext;
    }

    public ExtensionField ext() {
        return ext;
    }

    /** The transcript, for a sub-protocol that absorbs its own messages (a lookup argument). */
    public Transcript transcript() {
        return transcript;
    }

    /** A label with the current layer's prefix. */
    public String label(String label) {
        return prefix + label;
    }

    void absorbInt(String label, int v) {
        transcript.absorbInt(prefix + label, v);
    }

    /** One extension-field challenge. */
    public long[] challenge(String label) {
        return transcript.challengeExtension(prefix + label, ext.degree());
    }

    /** A point of {@code variables} extension challenges, interleaved. */
    public long[] point(String label, int variables) {
        int d = ext.degree();
        long[] p = new long[variables * d];
        for (int i = 0; i < variables; i++) {
            System.arraycopy(challenge(label), 0, p, i * d, d);
        }
        return p;
    }

    void zeroKnowledge(MaskPool pool) {
        this.pool = pool;
    }

    /** Whether this proof is zero-knowledge (layers then run their zero-knowledge protocols). */
    public boolean zeroKnowledge() {
        return pool != null;
    }

    MaskPool pool() {
        if (pool == null) {
            throw new IllegalStateException("not a zero-knowledge proof");
        }
        return pool;
    }

    /** A claim on a preprocessed table (its values are public), for the key commitment's opening. */
    public void preprocessedClaim(Claim claim) {
        preprocessedClaims.add(claim);
    }

    List<Claim> preprocessedClaims() {
        return preprocessedClaims;
    }

    List<FormClaim> formClaims() {
        return formClaims;
    }

    /**
     * Records the claim "form = value" for the commitment opening (zero knowledge: only the
     * value is revealed, and it is public or already sent).
     */
    public void formClaim(LinearForm form, long[] value) {
        formClaims.add(new FormClaim(form, value.clone()));
    }
}
