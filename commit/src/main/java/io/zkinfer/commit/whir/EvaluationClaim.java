package io.zkinfer.commit.whir;

import java.util.Arrays;

/**
 * The claim "polynomial {@code polynomial} of a commitment, at {@code point}, equals
 * {@code value}". The point has one extension-field coordinate per variable of that polynomial
 * (interleaved, see io.zkinfer.field.ExtensionField; variable j is index bit j, see
 * io.zkinfer.field.Multilinear); the value is one extension element. Immutable: the arrays are
 * copied in and out, and equality compares their contents.
 */
public record EvaluationClaim(int polynomial, long[] point, long[] value) {
    public EvaluationClaim {
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

    @Override
    public boolean equals(Object o) {
        return o instanceof EvaluationClaim c && c.polynomial == polynomial && Arrays.equals(c.point, point)
                && Arrays.equals(c.value, value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * polynomial + Arrays.hashCode(point)) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "EvaluationClaim[polynomial=" + polynomial + ", point=" + Arrays.toString(point) + ", value="
                + Arrays.toString(value) + "]";
    }
}
