package io.zkinfer.commit.whir;

/**
 * How a WHIR commitment hides its polynomials (docs/PCS.md, "Hiding openings").
 *
 * <ul>
 *   <li>{@link #NONE}: not hiding; openings reveal codeword symbols of the polynomials.</li>
 *   <li>{@link #BLOCK}: hiding; the stack gets a block of random values, which openings claim
 *       at two fresh points so that it masks everything round 0 reveals, plus the random
 *       polynomial G_1 folded in after round 0 and salted leaves.</li>
 *   <li>{@link #COMMITTER}: hiding without the block, for a committer that masks the round-0
 *       reveals itself: it guarantees that any {@link WhirProver#committerMaskedValues} base-field
 *       functionals of the stacked polynomial (the round-0 codeword symbols and sumcheck
 *       messages), together with the claimed values, are uniform, for example by adding a
 *       uniformly random polynomial of the low variables with at least that many coefficients
 *       (and then proving its own claims about that addend). The opening then masks only what
 *       follows round 0, with a random G_1 of k fewer variables folded in after the first k
 *       sumcheck rounds. This keeps a polynomial of exactly 2^m values at m variables, and G at a
 *       sixteenth of F's size with the default folding factor.</li>
 * </ul>
 */
public enum Masking {
    NONE(0),
    BLOCK(1),
    // Code 2 was committer masking with a G as large as F (WHIR proofs version 3), retired.
    COMMITTER(3);

    private final int code;

    Masking(int code) {
        this.code = code;
    }

    /** The byte that encodes this masking in a commitment. */
    int code() {
        return code;
    }

    /** Whether openings hide the polynomials (a random G_1, salted leaves). */
    public boolean hiding() {
        return this != NONE;
    }
}
