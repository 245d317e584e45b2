package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SumcheckProver;
import java.util.ArrayList;
import java.util.List;

/**
 * What a layer's prover works with: the witness, the transcript, and the proof being written.
 * Every message goes through {@link #send}, which absorbs it before it is recorded, so no
 * message can escape the transcript. Labels are prefixed with the current layer's.
 */
public final class ProverContext {
    private final Transcript transcript;
    private final ExtensionField ext;
    private final Witness witness;
    private final List<long[]> messages = new ArrayList<>();
    private String prefix = "";

    ProverContext(Transcript transcript, ExtensionField ext, Witness witness) {
        this.transcript = transcript;
        this.ext = ext;
        this.witness = witness;
    }

    void enter(String prefix) {
        this.prefix = prefix;
    }

    List<long[]> messages() {
        return messages;
    }

    public ExtensionField ext() {
        return ext;
    }

    public Circuit circuit() {
        return witness.circuit();
    }

    public Tensor tensor(int id) {
        return witness.circuit().tensor(id);
    }

    /** The values of tensor {@code id} (read only). */
    public long[] values(int id) {
        return witness.values(id);
    }

    /** A label with the current layer's prefix, for a sub-protocol that runs on the transcript itself. */
    public String label(String label) {
        return prefix + label;
    }

    /**
     * The transcript, for a sub-protocol (a lookup argument) that absorbs its own messages; its
     * messages must then go into the proof through {@link #recordAbsorbed}.
     */
    public Transcript transcript() {
        return transcript;
    }

    /** Records elements the sub-protocol has already absorbed (see {@link #transcript()}). */
    public void recordAbsorbed(long[] elements) {
        if (elements.length % ext.degree() != 0) {
            throw new IllegalArgumentException("a message holds whole extension elements");
        }
        messages.add(elements.clone());
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
            System.arraycopy(transcript.challengeExtension(prefix + label, d), 0, p, i * d, d);
        }
        return p;
    }

    /** Sends extension elements (interleaved) to the verifier: absorbed, then recorded. */
    public void send(String label, long[] elements) {
        if (elements.length % ext.degree() != 0) {
            throw new IllegalArgumentException("a message holds whole extension elements");
        }
        transcript.absorbFields(prefix + label, elements);
        messages.add(elements.clone());
    }

    /** The output of a proven sumcheck: its challenge point and each factor's value there. */
    public record SumcheckResult(long[] point, long[][] finalValues) {}

    /**
     * Runs a sumcheck for {@code instance} with the (true) {@code claim}, sending every round
     * message. The statement (variables, degree, claim) is absorbed first.
     */
    public SumcheckResult sumcheck(String label, ProductSum instance, long[] claim) {
        absorbStatement(transcript, prefix + label, instance.numVariables(), instance.degree(), claim);
        SumcheckProver prover = new SumcheckProver(instance);
        for (int i = 0; i < instance.numVariables(); i++) {
            send(label + "/round", prover.roundMessage());
            prover.bind(challenge(label + "/challenge"));
        }
        return new SumcheckResult(prover.point(), prover.finalValues());
    }

    static void absorbStatement(Transcript t, String label, int variables, int degree, long[] claim) {
        t.absorbInt(label + "/variables", variables);
        t.absorbInt(label + "/degree", degree);
        t.absorbFields(label + "/claim", claim);
    }
}
