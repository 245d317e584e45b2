package io.zkinfer.sumcheck.lookup;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.Sumcheck;
import io.zkinfer.sumcheck.SumcheckException;

/**
 * The grand sum of fractions by GKR (Papini and Haböck, "Improving logarithmic derivative lookups
 * using GKR", section 3), made non-interactive with a {@link Transcript}: it proves
 * sum_x p(x)/q(x) = P/Q over x in {0,1}^n, for leaf numerators p (implicitly one, base field or
 * extension) and extension denominators q, where P/Q is the root fraction the proof carries.
 * The verifier ends with claims on the leaf multilinear extensions at a random point
 * ({@link FractionalSumClaim}) for the caller to discharge.
 *
 * <p>The tree, layer by layer, and one round of the protocol are described in
 * {@link FractionalSumProver}. Per layer k the verifier combines its two claims with a random
 * lambda into one sumcheck of degree 3 over k variables, checked by the ordinary
 * {@link Sumcheck#verify}.
 *
 * <p><b>Transcript</b>, with {@code L} the caller's label and {@code S = L + "/layer"}:
 * {@code absorbInt(L/variables, n)}, {@code absorbFields(L/root, P || Q)}, then for k = 0..n-1:
 * {@code lambda = challengeExtension(L/lambda)}; the sumcheck of {@link Sumcheck} under label S
 * ({@code S/variables = k}, {@code S/degree = 3}, {@code S/claim = lambda P_k + Q_k}, and per
 * round {@code S/round}, {@code S/challenge}); {@code absorbFields(L/children, p_l || p_r || q_l || q_r)};
 * {@code c = challengeExtension(L/split)}. Every prover message is absorbed before the next
 * challenge.
 *
 * <p><b>Soundness.</b> If the claimed root is not the true sum of the leaves the verifier
 * accepts, with leaf claims that hold, with probability at most sum_{k<n} (3k + 2) / |F_ext|
 * (each layer: 3k / |F_ext| for its sumcheck, 1 / |F_ext| for lambda and 1 / |F_ext| for c),
 * below 3n / |F_ext| per layer. This needs the leaves fixed (committed) before the first
 * challenge.
 *
 * <p><b>Cost.</b> The prover does O(2^n) extension operations (the layer next to the leaves
 * costs about half), on all cores for large layers; the proof has 2 + 4n + 3n(n-1)/2 extension
 * elements; the verifier does O(n^2) operations.
 */
public final class FractionalSum {
    private FractionalSum() {}

    /**
     * What the prover ends with: the proof, the leaf point and the leaf numerators' and
     * denominators' multilinear extensions there (the values the verifier's claim states).
     * Arrays are the prover's own, not copied.
     */
    public record Output(FractionalSumProof proof, long[] point, long[] numerator, long[] denominator) {}

    /** Proves sum_x 1/q(x) for q given as 2^n extension elements (interleaved), canonical. */
    public static Output proveUnit(Transcript t, String label, ExtensionField ext, long[] q) {
        return prove(t, label, FractionalSumProver.unit(ext, q), ext);
    }

    /** Proves sum_x p(x)/q(x) for base-field p (2^n values) and extension q (2^n elements). */
    public static Output proveBase(Transcript t, String label, ExtensionField ext, long[] p, long[] q) {
        return prove(t, label, FractionalSumProver.base(ext, p, q), ext);
    }

    /** Proves sum_x p(x)/q(x) for extension p and q (2^n elements each, interleaved). */
    public static Output proveExtension(Transcript t, String label, ExtensionField ext, long[] p, long[] q) {
        return prove(t, label, FractionalSumProver.extension(ext, p, q), ext);
    }

    static Output prove(Transcript t, String label, FractionalSumProver prover, ExtensionField ext) {
        int d = ext.degree();
        int n = prover.numVariables();
        long[] root = prover.root();
        t.absorbInt(label + "/variables", n);
        t.absorbFields(label + "/root", root);
        long[][][] messages = new long[n][][];
        long[][] children = new long[n][];
        String layerLabel = label + "/layer";
        for (int k = 0; k < n; k++) {
            long[] claim = prover.startLayer(t.challengeExtension(label + "/lambda", d));
            // The same transcript operations as Sumcheck.prove on a degree-3 instance; the
            // verifier runs Sumcheck.verify.
            t.absorbInt(layerLabel + "/variables", k);
            t.absorbInt(layerLabel + "/degree", 3);
            t.absorbFields(layerLabel + "/claim", claim);
            messages[k] = new long[k][];
            for (int r = 0; r < k; r++) {
                messages[k][r] = prover.roundMessage();
                t.absorbFields(layerLabel + "/round", messages[k][r]);
                prover.bind(t.challengeExtension(layerLabel + "/challenge", d));
            }
            children[k] = prover.children();
            t.absorbFields(label + "/children", children[k]);
            prover.split(t.challengeExtension(label + "/split", d));
        }
        return new Output(new FractionalSumProof(root, messages, children), prover.point(), prover.numerator(),
                prover.denominator());
    }

    /**
     * Verifies a proof for n = {@code numVariables} leaf variables and returns the claims left to
     * discharge. With {@code unitNumerators} the leaf numerators are known to be all one and the
     * numerator claim is checked here (it must be 1).
     *
     * @throws LookupException if the proof is malformed or a check fails
     */
    public static FractionalSumClaim verify(Transcript t, String label, ExtensionField ext, int numVariables,
            boolean unitNumerators, FractionalSumProof proof) throws LookupException {
        if (proof == null) {
            throw new LookupException(label + ": no proof");
        }
        // The accessors copy: what is verified below is exactly what was shape-checked.
        long[] root = proof.root();
        long[][][] messages = proof.messages();
        long[][] children = proof.children();
        checkShape(ext, numVariables, root, messages, children, label);
        int d = ext.degree();
        t.absorbInt(label + "/variables", numVariables);
        t.absorbFields(label + "/root", root);
        FractionalSumVerifier verifier = new FractionalSumVerifier(ext, numVariables, root);
        String layerLabel = label + "/layer";
        for (int k = 0; k < numVariables; k++) {
            long[] claim = verifier.startLayer(t.challengeExtension(label + "/lambda", d));
            SubClaim sub;
            try {
                sub = Sumcheck.verify(t, layerLabel, ext, k, 3, claim, messages[k]);
            } catch (SumcheckException e) {
                throw new LookupException(label + ": layer " + k + " sumcheck: " + e.getMessage(), e);
            }
            verifier.receiveChildren(sub, children[k]);
            t.absorbFields(label + "/children", children[k]);
            verifier.split(t.challengeExtension(label + "/split", d));
        }
        FractionalSumClaim claim = verifier.claim();
        if (unitNumerators && !java.util.Arrays.equals(claim.numerator(), ext.one())) {
            throw new LookupException(label + ": the leaf numerators are all one, but the proof ends on another value");
        }
        return claim;
    }

    /**
     * Checks every count, length and limb of a proof for n variables, before any arithmetic.
     *
     * @throws LookupException naming the first part that differs from the expected shape
     */
    static void checkShape(ExtensionField ext, int n, FractionalSumProof proof, String what) throws LookupException {
        if (proof == null) {
            throw new LookupException(what + ": no proof");
        }
        checkShape(ext, n, proof.root(), proof.messages(), proof.children(), what);
    }

    private static void checkShape(ExtensionField ext, int n, long[] root, long[][][] messages, long[][] children,
            String what) throws LookupException {
        if (n < 0 || n > 30) {
            throw new IllegalArgumentException("variables must be in [0, 30], got " + n);
        }
        int d = ext.degree();
        checkElements(root, 2 * d, what + ": root");
        if (messages == null || messages.length != n) {
            throw new LookupException(what + ": expected " + n + " layers of sumcheck messages, got "
                    + (messages == null ? "none" : messages.length));
        }
        if (children == null || children.length != n) {
            throw new LookupException(what + ": expected " + n + " layers of children, got "
                    + (children == null ? "none" : children.length));
        }
        for (int k = 0; k < n; k++) {
            if (messages[k] == null || messages[k].length != k) {
                throw new LookupException(what + ": layer " + k + " needs " + k + " sumcheck messages, got "
                        + (messages[k] == null ? "none" : messages[k].length));
            }
            for (int r = 0; r < k; r++) {
                checkElements(messages[k][r], 3 * d, what + ": layer " + k + " round " + r);
            }
            checkElements(children[k], 4 * d, what + ": layer " + k + " children");
        }
    }

    /** Checks that {@code v} has {@code limbs} canonical limbs. */
    static void checkElements(long[] v, int limbs, String what) throws LookupException {
        if (v == null || v.length != limbs) {
            throw new LookupException(what + ": expected " + limbs + " limbs, got " + (v == null ? "none" : v.length));
        }
        for (int i = 0; i < limbs; i++) {
            if (!Goldilocks.isCanonical(v[i])) {
                throw new LookupException(what + ": limb " + i + " is not canonical: " + Long.toUnsignedString(v[i]));
            }
        }
    }
}
