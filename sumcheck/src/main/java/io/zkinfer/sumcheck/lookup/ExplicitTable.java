package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.Goldilocks;

/**
 * A table given by its columns ({@link Table#of}), or, for the verifier of a committed table,
 * by its shape alone ({@link Table#committed}). No column is closed-form.
 */
final class ExplicitTable implements Table {
    private final int numVariables;
    private final int width;
    /** Null for a shape-only table. */
    private final long[][] columns;

    ExplicitTable(long[][] columns) {
        if (columns.length == 0) {
            throw new IllegalArgumentException("a table needs at least one column");
        }
        int rows = columns[0].length;
        if (rows == 0 || Integer.bitCount(rows) != 1) {
            throw new IllegalArgumentException("a table has 2^k rows, got " + rows);
        }
        this.columns = new long[columns.length][];
        for (int c = 0; c < columns.length; c++) {
            if (columns[c].length != rows) {
                throw new IllegalArgumentException("column " + c + " has " + columns[c].length + " rows, column 0 has "
                        + rows);
            }
            for (int i = 0; i < rows; i++) {
                if (!Goldilocks.isCanonical(columns[c][i])) {
                    throw new IllegalArgumentException("table column " + c + ", row " + i + ": not canonical");
                }
            }
            this.columns[c] = columns[c].clone();
        }
        this.numVariables = Integer.numberOfTrailingZeros(rows);
        this.width = columns.length;
    }

    ExplicitTable(int numVariables, int width) {
        if (numVariables < 0 || numVariables > RangeTable.MAX_BITS || width < 1) {
            throw new IllegalArgumentException("a table has 2^k rows, k in [0, " + RangeTable.MAX_BITS
                    + "], and at least one column; got k = " + numVariables + ", width " + width);
        }
        this.numVariables = numVariables;
        this.width = width;
        this.columns = null;
    }

    @Override
    public int numVariables() {
        return numVariables;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public long[][] columns() {
        if (columns == null) {
            throw new IllegalStateException("a committed table's shape has no rows: the prover needs Table.of");
        }
        long[][] out = new long[width][];
        for (int c = 0; c < width; c++) {
            out[c] = columns[c].clone();
        }
        return out;
    }

    @Override
    public String toString() {
        return (columns == null ? "CommittedTable[" : "ExplicitTable[") + width + " columns, 2^" + numVariables
                + " rows]";
    }
}
