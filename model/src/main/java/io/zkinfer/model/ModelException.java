package io.zkinfer.model;

import java.util.Objects;

/**
 * A model, an option or an input that zkinfer cannot use. Models and inputs come from users, so
 * every problem with them is a checked exception that says what was wrong, where (node, op,
 * tensor) and what to do, never a stack trace from deep inside a parser or a kernel.
 *
 * <p>{@link #kind()} lets callers (and the conformance report) tell a model that is broken from
 * one that is valid ONNX but uses something zkinfer does not support.
 */
public final class ModelException extends Exception {
    private static final long serialVersionUID = 1L;

    /** What sort of problem this is. */
    public enum Kind {
        /** The bytes are not a well-formed ONNX model (truncated, corrupt, dangling names). */
        MALFORMED,
        /** Valid ONNX that uses an op, data type or attribute value zkinfer does not support. */
        UNSUPPORTED,
        /** The model contradicts itself: shapes that do not fit, attributes out of range. */
        INVALID_MODEL,
        /** A dimension the model leaves open that the import options do not fix. */
        MISSING_DIMENSION,
        /** An evaluation input that is missing, has the wrong shape, or is not finite. */
        INVALID_INPUT
    }

    private final Kind kind;
    private final String problem;
    private final String location;

    /**
     * @param kind what sort of problem
     * @param problem what was wrong, e.g. "unsupported op 'Loop'"
     * @param location where, e.g. "node 'loop_1' (Loop)"; may be empty
     * @param remedy what the user can do about it; may be empty
     */
    public ModelException(Kind kind, String problem, String location, String remedy) {
        super(compose(problem, location, remedy));
        this.kind = Objects.requireNonNull(kind);
        this.problem = Objects.requireNonNull(problem);
        this.location = Objects.requireNonNull(location);
    }

    /** What sort of problem this is. */
    public Kind kind() {
        return kind;
    }

    /** The problem alone, without location or remedy: short, suitable for grouping. */
    public String problem() {
        return problem;
    }

    /** Where the problem is (node, op, tensor), or empty. */
    public String location() {
        return location;
    }

    private static String compose(String problem, String location, String remedy) {
        StringBuilder sb = new StringBuilder(problem);
        if (!location.isEmpty()) {
            sb.append(" at ").append(location);
        }
        if (!remedy.isEmpty()) {
            sb.append(": ").append(remedy);
        }
        return sb.toString();
    }
}
