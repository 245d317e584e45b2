package io.zkinfer.sumcheck.circuit;

import java.util.Arrays;

/**
 * "The multilinear extension of tensor {@code tensor}, at {@code point}, equals {@code value}":
 * the unit in which claims flow from a circuit's outputs back to its committed tensors. The point
 * has one extension element per variable, interleaved; the value is one extension element.
 */
public record Claim(int tensor, long[] point, long[] value) {
    public Claim {
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
        return o instanceof Claim c && tensor == c.tensor && Arrays.equals(point, c.point)
                && Arrays.equals(value, c.value);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * tensor + Arrays.hashCode(point)) + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "Claim[tensor " + tensor + "]";
    }
}
