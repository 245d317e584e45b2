package io.zkinfer.sumcheck;

/** A sumcheck proof was malformed (wrong shape, non-canonical element) and is rejected. */
public final class SumcheckException extends Exception {
    private static final long serialVersionUID = 1L;

    public SumcheckException(String message) {
        super(message);
    }
}
