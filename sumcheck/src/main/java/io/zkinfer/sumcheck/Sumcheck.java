package io.zkinfer.sumcheck;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;

/**
 * The Fiat-Shamir wrapper around {@link SumcheckProver} and {@link SumcheckVerifier}: each
 * round message is absorbed in full before its challenge is drawn, and the claim, the number of
 * variables and the degree are absorbed first. Labels derive from the caller's label, so several
 * sumchecks can share one transcript.
 */
public final class Sumcheck {
    private Sumcheck() {}

    /** What the prover ends with: the messages, the challenge point and each factor's value there. */
    public record Output(long[][] messages, long[] point, long[][] finalValues) {}

    /** Proves that {@code instance} sums to {@code claim} (which the caller asserts is true). */
    public static Output prove(Transcript t, String label, ProductSum instance, long[] claim) {
        ExtensionField ext = instance.ext;
        absorbStatement(t, label, instance.numVariables, instance.degree, claim);
        SumcheckProver prover = new SumcheckProver(instance);
        long[][] messages = new long[instance.numVariables][];
        for (int i = 0; i < messages.length; i++) {
            messages[i] = prover.roundMessage();
            t.absorbFields(label + "/round", messages[i]);
            prover.bind(t.challengeExtension(label + "/challenge", ext.degree()));
        }
        return new Output(messages, prover.point(), prover.finalValues());
    }

    /**
     * Replays the rounds and returns the sub-claim to discharge.
     *
     * @throws SumcheckException if the messages are malformed (count, length, encoding)
     */
    public static SubClaim verify(Transcript t, String label, ExtensionField ext, int numVariables, int degree,
            long[] claim, long[][] messages) throws SumcheckException {
        if (messages == null || messages.length != numVariables) {
            throw new SumcheckException("expected " + numVariables + " round messages, got "
                    + (messages == null ? 0 : messages.length));
        }
        absorbStatement(t, label, numVariables, degree, claim);
        SumcheckVerifier verifier = new SumcheckVerifier(ext, numVariables, degree, claim);
        for (long[] message : messages) {
            verifier.receive(message);
            t.absorbFields(label + "/round", message);
            verifier.bind(t.challengeExtension(label + "/challenge", ext.degree()));
        }
        return verifier.subClaim();
    }

    private static void absorbStatement(Transcript t, String label, int numVariables, int degree, long[] claim) {
        t.absorbInt(label + "/variables", numVariables);
        t.absorbInt(label + "/degree", degree);
        t.absorbFields(label + "/claim", claim);
    }
}
