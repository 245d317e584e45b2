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
public final class ProverContext extends ProofContext {
    private final Witness witness;
    private final List<long[]> messages = new ArrayList<>();

    /** Test hook: when set on the proving thread, layer challenges come from a fixed stream. */
    static final ThreadLocal<Long> FIXED_CHALLENGES = new ThreadLocal<>();

    ProverContext(Transcript transcript, ExtensionField ext, Witness witness) {
        super(transcript, ext);
        this.witness = witness;
        Long seed = FIXED_CHALLENGES.get();
        if (seed != null) {
            fixChallenges(seed);
        }
    }

    void enter(String prefix) {
        this.prefix = prefix;
    }

    List<long[]> messages() {
        return messages;
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

    /** Test hook: challenges from a fixed stream instead of the transcript (see {@link #fixChallenges}). */
    private java.util.SplittableRandom fixed;

    /**
     * Makes every layer challenge come from a fixed stream, independent of the messages: what a
     * zero-knowledge test needs to compare message distributions. Never for real proofs.
     */
    void fixChallenges(long seed) {
        fixed = new java.util.SplittableRandom(seed);
    }

    /** One extension-field challenge (from the fixed stream in tests that ask for it). */
    @Override
    public long[] challenge(String label) {
        if (fixed != null) {
            long[] c = new long[ext.degree()];
            for (int i = 0; i < c.length; i++) {
                c[i] = fixed.nextLong() >>> 1;
            }
            return c;
        }
        return super.challenge(label);
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
