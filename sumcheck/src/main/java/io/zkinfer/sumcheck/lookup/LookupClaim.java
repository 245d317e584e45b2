package io.zkinfer.sumcheck.lookup;

import java.util.Arrays;

/**
 * A claim a LogUp verifier hands to its caller: the multilinear extension of one column equals
 * {@code value} (one extension element) at {@code point} (extension coordinates, interleaved;
 * coordinate j is index bit j). The caller discharges it, by a commitment opening or by a claim
 * on an earlier circuit layer; the lookup is proved only once every claim is.
 *
 * <ul>
 *   <li>{@link Kind#LOOKED_UP}: column {@code column} of looked-up column set {@code set};
 *   <li>{@link Kind#TABLE}: table column {@code column} ({@code set} is -1);
 *   <li>{@link Kind#MULTIPLICITY}: the multiplicities, one per table row ({@code set} and
 *       {@code column} are -1).
 * </ul>
 */
public record LookupClaim(Kind kind, int set, int column, long[] point, long[] value) {
    /** Which committed vector a claim is about. */
    public enum Kind {
        LOOKED_UP,
        TABLE,
        MULTIPLICITY
    }

    public LookupClaim {
        java.util.Objects.requireNonNull(kind, "kind");
        point = point.clone();
        value = value.clone();
    }

    @Override
    public long[] point() {
        return point.clone();
    }

    @Override
    public long[] value() {
        return value.clone();
    }

    /** The number of variables of the column the claim is about (coordinates of the point). */
    public int numVariables(int degree) {
        return point.length / degree;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LookupClaim c && c.kind == kind && c.set == set && c.column == column
                && Arrays.equals(c.point, point) && Arrays.equals(c.value, value);
    }

    @Override
    public int hashCode() {
        return ((kind.hashCode() * 31 + set) * 31 + column) * 31 + Arrays.hashCode(point) * 17 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        String what = switch (kind) {
            case LOOKED_UP -> "set " + set + " column " + column;
            case TABLE -> "table column " + column;
            case MULTIPLICITY -> "multiplicities";
        };
        return "LookupClaim[" + what + " at " + Arrays.toString(point) + " = " + Arrays.toString(value) + "]";
    }
}
