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
public final class VerifierContext extends ProofContext {
    private final Circuit circuit;
    private final long[][] publicValues;
    private final long[] messages;
    private int cursor;
    private String where = "";

    VerifierContext(Transcript transcript, ExtensionField ext, Circuit circuit, long[][] publicValues,
            long[] messages) {
        super(transcript, ext);
        this.circuit = circuit;
        this.publicValues = publicValues;
        this.messages = messages;
    }

    void enter(String prefix, String where) {
        this.prefix = prefix;
        this.where = where;
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
