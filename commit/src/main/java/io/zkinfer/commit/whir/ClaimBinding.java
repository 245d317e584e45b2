package io.zkinfer.commit.whir;

/**
 * How an opening's transcript takes in the claims it proves (docs/PCS.md, transcript step 3).
 */
public enum ClaimBinding {
    /** Every claim in full: its polynomials, points, coefficients and value. The default. */
    ABSORBED,
    /**
     * Only the claims' count and values, in one absorption: for a caller whose transcript
     * already determines every claim's polynomials, points and coefficients (derived from public
     * data and the transcript's own challenges, as a circuit proof's are), so that absorbing them
     * again would bind nothing new. The values are absorbed all the same.
     */
    VALUES_ONLY
}
