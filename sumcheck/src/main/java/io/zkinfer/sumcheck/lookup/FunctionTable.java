package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import java.util.function.LongUnaryOperator;

/**
 * The two-column table (x, f(x)) for x in [-2^(bits-1), 2^(bits-1)), row i holding
 * x = i - 2^(bits-1): {@link Table#function}. Column 0 is closed-form (as
 * {@link Table#signedRange}); column 1 is not.
 */
final class FunctionTable implements Table {
    private final int bits;
    private final long offset;
    private final LongUnaryOperator f;

    FunctionTable(int bits, LongUnaryOperator f) {
        if (bits < 1 || bits > RangeTable.MAX_BITS) {
            throw new IllegalArgumentException("function table bits must be in [1, " + RangeTable.MAX_BITS + "], got "
                    + bits);
        }
        this.bits = bits;
        this.offset = -(1L << (bits - 1));
        this.f = java.util.Objects.requireNonNull(f, "f");
    }

    @Override
    public int numVariables() {
        return bits;
    }

    @Override
    public int width() {
        return 2;
    }

    @Override
    public long[][] columns() {
        long[] x = new long[1 << bits];
        for (int i = 0; i < x.length; i++) {
            x[i] = Goldilocks.fromSigned(offset + i);
        }
        return new long[][] {x, outputs()};
    }

    /** f(x) (mod p) for every row. */
    private long[] outputs() {
        long[] y = new long[1 << bits];
        for (int i = 0; i < y.length; i++) {
            y[i] = Goldilocks.fromSigned(f.applyAsLong(offset + i));
        }
        return y;
    }

    @Override
    public boolean closedForm(int column) {
        checkColumn(column);
        return column == 0;
    }

    @Override
    public long[] evaluate(ExtensionField ext, int column, long[] point) {
        if (!closedForm(column)) {
            throw new UnsupportedOperationException("the output column of a function table has no closed form");
        }
        return RangeTable.evaluate(ext, bits, offset, point);
    }

    @Override
    public Locator locator() {
        long[] y = outputs();
        long size = 1L << bits;
        return (columns, index) -> {
            long row = Goldilocks.toSigned(columns[0][index]) - offset;
            return row >= 0 && row < size && columns[1][index] == y[(int) row] ? (int) row : -1;
        };
    }

    private static void checkColumn(int column) {
        if (column < 0 || column > 1) {
            throw new IndexOutOfBoundsException("a function table has columns 0 and 1, not " + column);
        }
    }

    @Override
    public String toString() {
        return "FunctionTable[" + bits + " bits, " + f + "]";
    }
}
