package io.zkinfer.commit.whir;

/**
 * How a WHIR commitment hides its polynomials (docs/PCS.md, "Hiding openings").
 *
 * <ul>
 *   <li>{@link #NONE}: not hiding; openings reveal codeword symbols of the polynomials.</li>
 *   <li>{@link #BLOCK}: hiding; the stack gets a block of random values, so the round-0 codeword
 *       symbols an opening reveals are uniform, plus the random polynomial G and salted leaves.</li>
 *   <li>{@link #COMMITTER}: hiding like {@link #BLOCK} but without the block: the committer
 *       guarantees that any {@link WhirProver#maskedSymbols} codeword symbols of the stacked
 *       polynomial are uniform, for example by adding a uniformly random polynomial of the low
 *       variables with at least that many coefficients (and then proving its own claims about
 *       that addend). This keeps a polynomial of exactly 2^m values at m variables.</li>
 * </ul>
 */
public enum Masking {
    NONE(0),
    BLOCK(1),
    COMMITTER(2);

    private final int code;

    Masking(int code) {
        this.code = code;
    }

    /** The byte that encodes this masking in a commitment. */
    int code() {
        return code;
    }

    /** Whether openings hide the polynomials (random G, salted leaves). */
    public boolean hiding() {
        return this != NONE;
    }
}
