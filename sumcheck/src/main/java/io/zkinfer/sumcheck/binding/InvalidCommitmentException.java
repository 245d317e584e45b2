package io.zkinfer.sumcheck.binding;

/** A commitment's encoding is malformed, or the commitment does not fit where it is used. */
public final class InvalidCommitmentException extends Exception {
    public InvalidCommitmentException(String message) {
        super(message);
    }
}
