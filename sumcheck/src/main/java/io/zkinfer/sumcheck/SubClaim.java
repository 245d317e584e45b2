package io.zkinfer.sumcheck;

import java.util.Arrays;

/**
 * What a sumcheck verifier is left with: the summed polynomial must equal {@code expectedValue}
 * at {@code point} (one extension coordinate per variable, interleaved). The caller discharges
 * it, for example by evaluating the factors (openings, or claims passed to the next layer) and
 * comparing {@link ProductSum#combine} of them with the expected value.
 */
public record SubClaim(long[] point, long[] expectedValue) {
    public SubClaim {
        point = point.clone();
        expectedValue = expectedValue.clone();
    }

    @Override
    public long[] point() {
        return point.clone();
    }

    @Override
    public long[] expectedValue() {
        return expectedValue.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SubClaim s && Arrays.equals(s.point, point) && Arrays.equals(s.expectedValue, expectedValue);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(point) + Arrays.hashCode(expectedValue);
    }

    @Override
    public String toString() {
        return "SubClaim[point=" + Arrays.toString(point) + ", expected=" + Arrays.toString(expectedValue) + "]";
    }
}
