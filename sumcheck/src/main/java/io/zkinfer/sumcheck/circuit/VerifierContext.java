package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.SumcheckException;
import io.zkinfer.sumcheck.SumcheckVerifier;
import java.util.ArrayList;
import java.util.List;

/**
 * What a layer's verifier works with: the circuit, the public values, the transcript, and the
 * proof's messages, read in order. {@link #receive} checks each message's length and encoding
 * and absorbs it, mirroring {@link ProverContext#send}.
 */
public final class VerifierContext {
    private final Transcript transcript;
    private final ExtensionField ext;
    private final Circuit circuit;
    private final long[][] publicValues;
    private final long[] messages;
    private int cursor;
    private String prefix = "";
    private String where = "";

    VerifierContext(Transcript transcript, ExtensionField ext, Circuit circuit, long[][] publicValues,
            long[] messages) {
        this.transcript = transcript;
        this.ext = ext;
        this.circuit = circuit;
        this.publicValues = publicValues;
        this.messages = messages;
    }

    void enter(String prefix, String where) {
        this.prefix = prefix;
        this.where = where;
    }

    /** The transcript, for a sub-protocol's verifier that absorbs messages itself. */
    public Transcript transcript() {
        return transcript;
    }

    /** A label with the current layer's prefix. */
    public String label(String label) {
        return prefix + label;
    }

    /**
     * Reads the next {@code count} extension elements without absorbing them: the sub-protocol
     * verifier that gets them absorbs them (see {@link ProverContext#recordAbsorbed}).
     */
    public long[] takeUnabsorbed(String what, int count) throws ProofException {
        int limbs = count * ext.degree();
        if (count < 0 || messages.length - cursor < limbs) {
            throw fail("proof ends early: expected " + count + " more elements for " + what);
        }
        long[] m = java.util.Arrays.copyOfRange(messages, cursor, cursor + limbs);
        cursor += limbs;
        return m;
    }

    /** Whether every message was read. */
    boolean exhausted() {
        return cursor == messages.length;
    }

    int unread() {
        return messages.length - cursor;
    }

    private MaskPool pool;
    private final List<FormClaim> formClaims = new ArrayList<>();

    /** A zero-knowledge claim: form = value on the commitment. */
    record FormClaim(LinearForm form, long[] value) {}

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

    private MaskPool lookupPool;
    private final java.util.Map<Object, Object> state = new java.util.HashMap<>();
    private final List<Claim> preprocessedClaims = new ArrayList<>();

    void lookupPool(MaskPool pool) {
        this.lookupPool = pool;
    }

    MaskPool lookupPool() {
        if (lookupPool == null) {
            throw new IllegalStateException("this proof has no lookup commitment");
        }
        return lookupPool;
    }

    MaskPool lookupPoolOrNull() {
        return lookupPool;
    }

    /**
     * Scratch a layer keeps between the phases of a zero-knowledge proof (its lookup
     * challenges), keyed by the layer object.
     */
    public java.util.Map<Object, Object> state() {
        return state;
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

    public ExtensionField ext() {
        return ext;
    }

    public Circuit circuit() {
        return circuit;
    }

    public Tensor tensor(int id) {
        return circuit.tensor(id);
    }

    /** The padded values of a revealed tensor (read only). */
    public long[] publicValues(int id) {
        long[] v = publicValues[id];
        if (v == null) {
            throw new IllegalStateException("tensor " + circuit.tensor(id).name() + " is not revealed");
        }
        return v;
    }

    void absorbInt(String label, int v) {
        transcript.absorbInt(prefix + label, v);
    }

    public long[] challenge(String label) {
        return transcript.challengeExtension(prefix + label, ext.degree());
    }

    public long[] point(String label, int variables) {
        int d = ext.degree();
        long[] p = new long[variables * d];
        for (int i = 0; i < variables; i++) {
            System.arraycopy(transcript.challengeExtension(prefix + label, d), 0, p, i * d, d);
        }
        return p;
    }

    /**
     * Reads the next message of {@code count} extension elements and absorbs it.
     *
     * @throws ProofException if the proof ends early
     */
    public long[] receive(String label, int count) throws ProofException {
        int limbs = count * ext.degree();
        if (messages.length - cursor < limbs) {
            throw fail("proof ends early: expected " + count + " more elements for " + label);
        }
        long[] m = java.util.Arrays.copyOfRange(messages, cursor, cursor + limbs);
        cursor += limbs;
        transcript.absorbFields(prefix + label, m);
        return m;
    }

    /**
     * Replays a sumcheck of {@code variables} rounds of degree {@code degree} on {@code claim}
     * and returns the sub-claim left to check.
     */
    public SubClaim sumcheck(String label, int variables, int degree, long[] claim) throws ProofException {
        ProverContext.absorbStatement(transcript, prefix + label, variables, degree, claim);
        SumcheckVerifier v = new SumcheckVerifier(ext, variables, degree, claim);
        try {
            for (int i = 0; i < variables; i++) {
                v.receive(receive(label + "/round", degree));
                v.bind(challenge(label + "/challenge"));
            }
        } catch (SumcheckException e) {
            throw fail(label + ": " + e.getMessage());
        }
        return v.subClaim();
    }

    /** Rejects unless {@code actual} equals {@code expected}. */
    public void expectEqual(String what, long[] expected, long[] actual) throws ProofException {
        if (!java.util.Arrays.equals(expected, actual)) {
            throw fail(what + " does not hold");
        }
    }

    /** A rejection naming the current layer. */
    public ProofException fail(String message) {
        return new ProofException(where + ": " + message);
    }

    static boolean canonical(long[] limbs) {
        for (long x : limbs) {
            if (!Goldilocks.isCanonical(x)) {
                return false;
            }
        }
        return true;
    }
}
