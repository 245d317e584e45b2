package io.zkinfer.commit.whir;

/**
 * The claim "polynomial {@code polynomial} of a commitment, at {@code point}, equals
 * {@code value}". The point has one extension-field coordinate per variable of that polynomial
 * (interleaved, see io.zkinfer.field.ExtensionField; variable j is index bit j, see
 * io.zkinfer.field.Multilinear); the value is one extension element.
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
}
