package io.zkinfer.sumcheck.circuit;

/** A circuit proof was rejected: malformed, or a check failed. The message says which part and why. */
public final class ProofException extends Exception {
    public ProofException(String message) {
        super(message);
    }

    public ProofException(String message, Throwable cause) {
        super(message, cause);
    }
}
