package io.zkinfer.sumcheck.lookup;

import java.util.Arrays;

/**
 * What a fractional-sum verifier is left with: if the leaf numerators' and denominators'
 * multilinear extensions take the values {@code numerator} and {@code denominator} at
 * {@code point} (n extension coordinates, interleaved; coordinate j is index bit j), then
 * sum_x p(x)/q(x) = {@code rootNumerator} / {@code rootDenominator}, except with the
 * probability stated in {@link FractionalSum}. The caller discharges the two leaf claims.
 * All values are extension elements (long[d]).
 */
public record FractionalSumClaim(long[] rootNumerator, long[] rootDenominator, long[] point, long[] numerator,
        long[] denominator) {
    public FractionalSumClaim {
        rootNumerator = rootNumerator.clone();
        rootDenominator = rootDenominator.clone();
        point = point.clone();
        numerator = numerator.clone();
        denominator = denominator.clone();
    }

    @Override
    public long[] rootNumerator() {
        return rootNumerator.clone();
    }

    @Override
    public long[] rootDenominator() {
        return rootDenominator.clone();
    }

    @Override
    public long[] point() {
        return point.clone();
    }

    @Override
    public long[] numerator() {
        return numerator.clone();
    }

    @Override
    public long[] denominator() {
        return denominator.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FractionalSumClaim c && Arrays.equals(c.rootNumerator, rootNumerator)
                && Arrays.equals(c.rootDenominator, rootDenominator) && Arrays.equals(c.point, point)
                && Arrays.equals(c.numerator, numerator) && Arrays.equals(c.denominator, denominator);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new long[][] {rootNumerator, rootDenominator, point, numerator, denominator});
    }

    @Override
    public String toString() {
        return "FractionalSumClaim[root=" + Arrays.toString(rootNumerator) + "/" + Arrays.toString(rootDenominator)
                + ", point=" + Arrays.toString(point) + ", leaves=" + Arrays.toString(numerator) + "/"
                + Arrays.toString(denominator) + "]";
    }
}
