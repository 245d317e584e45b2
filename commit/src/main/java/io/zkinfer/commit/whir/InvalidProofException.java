package io.zkinfer.commit.whir;

/**
 * A WHIR proof was rejected: its bytes are malformed (truncated, extended, non-canonical, of the
 * wrong shape) or a verification check failed. The message says which part and which check.
 * This is the only exception verification raises for untrusted input.
 */
public final class InvalidProofException extends Exception {
    private static final long serialVersionUID = 1L;

    public InvalidProofException(String message) {
        super(message);
    }
}
