package io.zkinfer.sumcheck.circuit;

import java.util.function.UnaryOperator;

/**
 * How a factor of a zero-knowledge sumcheck relates to the commitment. A public factor (an eq
 * table, a wiring weight) the verifier evaluates itself. A masked factor is a committed tensor
 * bound on some coordinates: the sumcheck runs on its masked extension
 * T^(z) = T(z) + Z(z) c, Z(z) = prod_i z_i (1 - z_i), c a fresh pool scalar, which equals T on
 * the hypercube, so the sum is unchanged; its value at the end is revealed and is uniformly
 * random (an {@link #intermediate} factor is masked the same way but bound to no tensor). Z is taken over the tensor's fixed coordinates ({@code fixedZ}) and the sumcheck's
 * variables, so the mask shows only in the last round; a factor may be constant along some
 * sumcheck variables (a one-entry tensor lifted to one variable). A hidden factor's value is neither revealed nor known to the
 * verifier; the layer handles it through the exit form.
 *
 * @param tensor the committed tensor (masked only)
 * @param fixedZ prod of z (1 - z) over the tensor's coordinates the sumcheck does not bind
 *     (null for one: the sumcheck binds them all)
 * @param toTensorPoint the tensor's point from the sumcheck's point
 * @param offset a public part of the factor, a function of the tensor's point (null for none)
 */
public record ZkFactor(Kind kind, int tensor, long[] fixedZ, UnaryOperator<long[]> toTensorPoint,
        UnaryOperator<long[]> offset) {
    public enum Kind {
        PUBLIC,
        MASKED,
        HIDDEN,
        INTERMEDIATE
    }

    public static ZkFactor publicFactor() {
        return new ZkFactor(Kind.PUBLIC, -1, null, null, null);
    }

    /**
     * A masked factor that is no committed tensor (a layer of a GKR tree): masked like a
     * committed one, T^(z) = T(z) + Z(z) c with c a fresh pool scalar, its final value revealed,
     * but no claim formed; the caller takes the revealed value minus
     * {@link ZkSumcheck.Result#maskForms} as the next claim on T.
     */
    public static ZkFactor intermediate() {
        return new ZkFactor(Kind.INTERMEDIATE, -1, null, null, null);
    }

    /** Whether the factor is masked (committed or intermediate): its final value is revealed. */
    boolean isMasked() {
        return kind == Kind.MASKED || kind == Kind.INTERMEDIATE;
    }

    public static ZkFactor hidden() {
        return new ZkFactor(Kind.HIDDEN, -1, null, null, null);
    }

    public static ZkFactor masked(int tensor, long[] fixedZ, UnaryOperator<long[]> toTensorPoint) {
        return new ZkFactor(Kind.MASKED, tensor, fixedZ, toTensorPoint, null);
    }

    /**
     * A masked factor whose table is the tensor plus a public function of the point (a lookup
     * column with its padding rows): the revealed value is T^(z) + offset(z).
     */
    public static ZkFactor maskedWithOffset(int tensor, long[] fixedZ, UnaryOperator<long[]> toTensorPoint,
            UnaryOperator<long[]> offset) {
        return new ZkFactor(Kind.MASKED, tensor, fixedZ, toTensorPoint, offset);
    }

    /** prod_i z_i (1 - z_i) over coordinates (interleaved extension elements). */
    public static long[] vanishing(io.zkinfer.field.ExtensionField ext, long[] coordinates) {
        int d = ext.degree();
        long[] acc = ext.one();
        for (int i = 0; i < coordinates.length; i += d) {
            long[] z = java.util.Arrays.copyOfRange(coordinates, i, i + d);
            acc = ext.mul(acc, ext.mul(z, ext.sub(ext.one(), z)));
        }
        return acc;
    }
}
