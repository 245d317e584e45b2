package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import java.util.function.LongUnaryOperator;

/**
 * A lookup table: {@link #width()} columns of 2^{@link #numVariables()} base-field rows. Row i
 * is the tuple (columns()[0][i], ..., columns()[w-1][i]); column c's multilinear extension
 * is taken with variable j = index bit j, as in {@link io.zkinfer.field.Multilinear}.
 *
 * <p>The prover reads the rows ({@link #columns()}, {@link #locator()}). The verifier reads the
 * shape and, for columns it can evaluate itself ({@link #closedForm}), their multilinear
 * extension at a point ({@link #evaluate}); {@link LogUp#verify} checks those columns on the
 * spot and returns a {@link LookupClaim} for every other column, which the caller discharges
 * (a commitment opening of a private table or of a table fixed in the verifying key).
 *
 * <p>Factories: {@link #range} [0, 2^k), {@link #signedRange} [-2^(k-1), 2^(k-1)),
 * {@link #function} (x, f(x)) over a signed domain, {@link #of} explicit columns, and
 * {@link #committed} for a verifier that knows only a committed table's shape. Implementations
 * are immutable.
 */
public interface Table {
    /** log2 of the number of rows. */
    int numVariables();

    /** The number of columns (the tuple width), at least 1. */
    int width();

    /**
     * The rows, {@code [width][2^numVariables]} canonical base-field elements, as fresh arrays
     * the caller may keep. Needed by the prover only.
     *
     * @throws IllegalStateException for a table the verifier knows only by its shape
     */
    long[][] columns();

    /** True when the verifier evaluates this column's multilinear extension itself. */
    default boolean closedForm(int column) {
        return false;
    }

    /**
     * The multilinear extension of a closed-form column at {@code point} (numVariables extension
     * coordinates, interleaved); returns one extension element.
     *
     * @throws UnsupportedOperationException if the column is not closed-form
     */
    default long[] evaluate(ExtensionField ext, int column, long[] point) {
        throw new UnsupportedOperationException("column " + column + " of this table has no closed form");
    }

    /**
     * Finds rows for the prover; the default hashes the rows once. Tables with structure
     * (ranges, functions) compute the row instead.
     */
    default Locator locator() {
        return HashLocator.of(columns());
    }

    /** Finds the row of a looked-up tuple. */
    @FunctionalInterface
    interface Locator {
        /**
         * The row equal to the tuple (columns[0][index], ..., columns[w-1][index]), or -1 if
         * there is none (the first such row if there are several).
         */
        int row(long[][] columns, int index);
    }

    /** The range [0, 2^bits) in order: row i holds i; MLE sum_j 2^j x_j. bits in [0, 30]. */
    static Table range(int bits) {
        return new RangeTable(bits, 0);
    }

    /**
     * The signed range [-2^(bits-1), 2^(bits-1)) in order: row i holds i - 2^(bits-1) (mod p); MLE
     * sum_j 2^j x_j - 2^(bits-1). bits in [1, 30].
     */
    static Table signedRange(int bits) {
        if (bits < 1) {
            throw new IllegalArgumentException("a signed range needs at least 1 bit, got " + bits);
        }
        return new RangeTable(bits, -(1L << (bits - 1)));
    }

    /**
     * The function table {(x, f(x))} for x in [-2^(bits-1), 2^(bits-1)), rows in order of x:
     * column 0 is {@link #signedRange}, closed-form; column 1 holds f(x) (mod p), not closed-form,
     * so its claim must be discharged elsewhere (typically a column fixed in the verifying key).
     * {@code f} must be a pure function of x.
     */
    static Table function(int bits, LongUnaryOperator f) {
        return new FunctionTable(bits, f);
    }

    /**
     * A table with explicit columns (canonical values, equal power-of-two lengths), none
     * closed-form. The arrays are copied.
     */
    static Table of(long[]... columns) {
        return new ExplicitTable(columns);
    }

    /**
     * A committed table as the verifier sees it: a shape and no rows, no closed form. Every
     * column gets a claim.
     */
    static Table committed(int numVariables, int width) {
        return new ExplicitTable(numVariables, width);
    }
}
