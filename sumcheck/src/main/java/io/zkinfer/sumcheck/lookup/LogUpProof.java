package io.zkinfer.sumcheck.lookup;

import java.util.Arrays;

/**
 * A LogUp proof, all elements in the extension (d limbs each):
 *
 * <ul>
 *   <li>{@code lookups[s]}: the fractional-sum proof of looked-up column set s, the sum of
 *       1/(alpha - a_s(x)) over its 2^(n_s) rows, with a_s(x) = sum_j beta^j column_j(x);
 *   <li>{@code lookupValues[s]}: set s's columns' multilinear extensions at the point its proof
 *       ends on (w elements, w the table width);
 *   <li>{@code table}: the fractional-sum proof of the sum of m(t)/(alpha - T(t)) over the
 *       table rows, with T(t) = sum_j beta^j table_j(t);
 *   <li>{@code tableValues}: the table columns' multilinear extensions at the point the table
 *       proof ends on (w elements). The multiplicities' value there is the table proof's leaf
 *       numerator claim and is not sent again.
 * </ul>
 *
 * The record copies its arrays on the way in and out and accepts any shape (nulls included):
 * {@link LogUp#verify} checks the shape before any arithmetic.
 */
public record LogUpProof(FractionalSumProof[] lookups, long[][] lookupValues, FractionalSumProof table,
        long[] tableValues) {
    public LogUpProof {
        lookups = lookups == null ? null : lookups.clone();
        lookupValues = Copies.of(lookupValues);
        tableValues = Copies.of(tableValues);
    }

    @Override
    public FractionalSumProof[] lookups() {
        return lookups == null ? null : lookups.clone();
    }

    @Override
    public long[][] lookupValues() {
        return Copies.of(lookupValues);
    }

    @Override
    public long[] tableValues() {
        return Copies.of(tableValues);
    }

    /** The number of extension elements this proof holds. */
    public int elementCount(int degree) {
        int count = table == null ? 0 : table.elementCount(degree);
        count += tableValues == null ? 0 : tableValues.length / degree;
        if (lookups != null) {
            for (FractionalSumProof p : lookups) {
                count += p == null ? 0 : p.elementCount(degree);
            }
        }
        if (lookupValues != null) {
            for (long[] v : lookupValues) {
                count += v == null ? 0 : v.length / degree;
            }
        }
        return count;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LogUpProof p && Arrays.equals(p.lookups, lookups)
                && Arrays.deepEquals(p.lookupValues, lookupValues) && java.util.Objects.equals(p.table, table)
                && Arrays.equals(p.tableValues, tableValues);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {lookups, lookupValues, table, tableValues});
    }

    @Override
    public String toString() {
        return "LogUpProof[lookups=" + Arrays.toString(lookups) + ", lookupValues=" + Arrays.deepToString(lookupValues)
                + ", table=" + table + ", tableValues=" + Arrays.toString(tableValues) + "]";
    }
}
