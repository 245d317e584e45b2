package io.zkinfer.commit.transcript;

/**
 * A prover-supplied transcript value failed its check (for now: a proof-of-work nonce with too
 * few leading zero bits). The proof that carried it must be rejected.
 */
public final class TranscriptException extends Exception {
    private static final long serialVersionUID = 1L;

    public TranscriptException(String message) {
        super(message);
    }
}
