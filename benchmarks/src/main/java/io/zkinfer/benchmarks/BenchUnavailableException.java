package io.zkinfer.benchmarks;

/** A benchmark exists by name but cannot run yet (its code is not built); no stack trace. */
final class BenchUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    BenchUnavailableException(String message) {
        super(message);
    }
}
