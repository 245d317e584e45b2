package io.zkinfer.cli;

/**
 * Input the command cannot use: a missing or malformed file, a bad argument. The command prints
 * the message on one line and exits with status 2.
 */
final class UsageException extends Exception {
    private static final long serialVersionUID = 1L;

    UsageException(String message) {
        super(message);
    }
}
