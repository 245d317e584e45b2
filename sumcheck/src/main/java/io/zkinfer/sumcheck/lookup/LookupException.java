package io.zkinfer.sumcheck.lookup;

/**
 * A fractional-sum (GKR) or LogUp proof is rejected: it is malformed (a count, a length or an
 * encoding differs from what the statement fixes) or one of the verifier's checks failed. The
 * message says which part and what was expected.
 */
public final class LookupException extends Exception {
    private static final long serialVersionUID = 1L;

    public LookupException(String message) {
        super(message);
    }

    public LookupException(String message, Throwable cause) {
        super(message, cause);
    }
}
