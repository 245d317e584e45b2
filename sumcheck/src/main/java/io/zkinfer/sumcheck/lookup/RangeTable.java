package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;

/**
 * The one-column table offset, offset + 1, ..., offset + 2^bits - 1 (mod p), row i holding
 * offset + i: {@link Table#range} (offset 0) and {@link Table#signedRange} (offset
 * -2^(bits-1)). Its multilinear extension is offset + sum_j 2^j x_j, which the verifier
 * evaluates with {@code bits} multiplications by a base-field power of two.
 */
final class RangeTable implements Table {
    static final int MAX_BITS = 30;

    private final int bits;
    private final long offset;

    RangeTable(int bits, long offset) {
        if (bits < 0 || bits > MAX_BITS) {
            throw new IllegalArgumentException("range bits must be in [0, " + MAX_BITS + "], got " + bits);
        }
        this.bits = bits;
        this.offset = offset;
    }

    @Override
    public int numVariables() {
        return bits;
    }

    @Override
    public int width() {
        return 1;
    }

    @Override
    public long[][] columns() {
        long[] v = new long[1 << bits];
        for (int i = 0; i < v.length; i++) {
            v[i] = Goldilocks.fromSigned(offset + i);
        }
        return new long[][] {v};
    }

    @Override
    public boolean closedForm(int column) {
        checkColumn(column);
        return true;
    }

    @Override
    public long[] evaluate(ExtensionField ext, int column, long[] point) {
        checkColumn(column);
        return evaluate(ext, bits, offset, point);
    }

    /** offset + sum_j 2^j point_j, for a point of {@code bits} extension coordinates. */
    static long[] evaluate(ExtensionField ext, int bits, long offset, long[] point) {
        int d = ext.degree();
        if (point.length != bits * d) {
            throw new IllegalArgumentException("a point of " + bits + " coordinates has " + bits * d + " limbs, got "
                    + point.length);
        }
        long[] acc = ext.fromBase(Goldilocks.fromSigned(offset));
        long[] term = new long[d];
        for (int j = 0; j < bits; j++) {
            ext.mulBase(term, 0, point, j * d, 1L << j);
            ext.add(acc, 0, acc, 0, term, 0);
        }
        return acc;
    }

    @Override
    public Locator locator() {
        long size = 1L << bits;
        return (columns, index) -> {
            long row = Goldilocks.toSigned(columns[0][index]) - offset;
            return row >= 0 && row < size ? (int) row : -1;
        };
    }

    private static void checkColumn(int column) {
        if (column != 0) {
            throw new IndexOutOfBoundsException("a range table has one column, not " + column);
        }
    }

    @Override
    public String toString() {
        return "RangeTable[" + offset + ", " + (offset + (1L << bits)) + ")";
    }
}
