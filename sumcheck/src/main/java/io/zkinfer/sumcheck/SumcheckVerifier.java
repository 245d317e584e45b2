package io.zkinfer.sumcheck;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;

/**
 * The interactive sumcheck verifier: for each round it takes the prover's message (h(0), h(2),
 * ..., h(D)), recovers h(1) from the running claim so that h(0) + h(1) = claim holds by
 * construction, and on the challenge r replaces the claim by h(r) (Lagrange interpolation on
 * 0..D). After the last round it returns the {@link SubClaim} left to discharge.
 *
 * <p>Soundness: a false claim survives each round with probability at most D / |F|, so
 * m D / |F| in all, before the sub-claim is checked.
 */
public final class SumcheckVerifier {
    private final ExtensionField ext;
    private final int d;
    private final int numVariables;
    private final int degree;
    private long[] claim;
    private long[] pending;
    private final long[] point;
    private int round;
    /** 1 / prod_{j != i} (i - j) for the nodes i = 0..D. */
    private final long[] inverseDenominators;

    public SumcheckVerifier(ExtensionField ext, int numVariables, int degree, long[] claim) {
        if (degree < 1 || degree > ProductSum.MAX_DEGREE) {
            throw new IllegalArgumentException("degree must be in [1, " + ProductSum.MAX_DEGREE + "]");
        }
        if (claim.length != ext.degree()) {
            throw new IllegalArgumentException("a claim is one extension element");
        }
        this.ext = ext;
        this.d = ext.degree();
        this.numVariables = numVariables;
        this.degree = degree;
        this.claim = claim.clone();
        this.point = new long[numVariables * d];
        this.inverseDenominators = new long[degree + 1];
        for (int i = 0; i <= degree; i++) {
            long den = 1;
            for (int j = 0; j <= degree; j++) {
                if (j != i) {
                    den = Goldilocks.mul(den, Goldilocks.fromSigned(i - j));
                }
            }
            inverseDenominators[i] = Goldilocks.inverse(den);
        }
    }

    /**
     * Takes this round's message.
     *
     * @throws SumcheckException if it is not D canonical extension elements, or no round is left
     */
    public void receive(long[] message) throws SumcheckException {
        if (round == numVariables) {
            throw new SumcheckException("a message after all " + numVariables + " rounds");
        }
        if (message == null || message.length != degree * d) {
            throw new SumcheckException("round " + round + ": message has " + (message == null ? 0 : message.length)
                    + " limbs, expected " + degree * d);
        }
        for (long x : message) {
            if (!Goldilocks.isCanonical(x)) {
                throw new SumcheckException("round " + round + ": non-canonical element");
            }
        }
        pending = message.clone();
    }

    /** Binds this round's variable to the challenge {@code r}: the claim becomes h(r). */
    public void bind(long[] r) {
        if (pending == null) {
            throw new IllegalStateException("bind before receive");
        }
        long[][] evals = new long[degree + 1][];
        evals[0] = java.util.Arrays.copyOfRange(pending, 0, d);
        evals[1] = ext.sub(claim, evals[0]);
        for (int e = 2; e <= degree; e++) {
            evals[e] = java.util.Arrays.copyOfRange(pending, (e - 1) * d, e * d);
        }
        claim = interpolate(evals, r);
        System.arraycopy(r, 0, point, round * d, d);
        pending = null;
        round++;
    }

    /** h(r) from h(0..D), by Lagrange: sum_i h(i) prod_{j != i} (r - j) / (i - j). */
    private long[] interpolate(long[][] evals, long[] r) {
        long[][] rMinus = new long[degree + 1][];
        for (int j = 0; j <= degree; j++) {
            rMinus[j] = ext.sub(r, ext.fromBase(j));
        }
        long[] sum = ext.zero();
        for (int i = 0; i <= degree; i++) {
            long[] term = ext.mulBase(evals[i], inverseDenominators[i]);
            for (int j = 0; j <= degree; j++) {
                if (j != i) {
                    term = ext.mul(term, rMinus[j]);
                }
            }
            sum = ext.add(sum, term);
        }
        return sum;
    }

    /** The sub-claim left once every round is bound. */
    public SubClaim subClaim() {
        if (round != numVariables) {
            throw new IllegalStateException((numVariables - round) + " rounds left");
        }
        return new SubClaim(point, claim);
    }
}
