package io.zkinfer.field;

/** A byte string does not hold the canonical encoding of a field element. */
public final class NonCanonicalEncodingException extends Exception {
    private static final long serialVersionUID = 1L;

    public NonCanonicalEncodingException(String message) {
        super(message);
    }
}
