package io.zkinfer.sumcheck.lookup;

/**
 * Finds the row of a tuple in a table without structure: open addressing on a hash of the row,
 * comparing the whole tuple on every probe. Built once per {@link Table#locator()} call, in
 * O(rows) time and an int array of twice the rows (rounded up to a power of two).
 */
final class HashLocator implements Table.Locator {
    private final long[][] columns;
    /** row + 1, or 0 for an empty slot. */
    private final int[] slots;
    private final int mask;

    private HashLocator(long[][] columns) {
        this.columns = columns;
        int rows = columns[0].length;
        this.slots = new int[Integer.highestOneBit(Math.max(1, rows)) * 4];
        this.mask = slots.length - 1;
        for (int i = 0; i < rows; i++) {
            int s = hash(columns, i) & mask;
            while (slots[s] != 0 && !sameRow(columns, slots[s] - 1, columns, i)) {
                s = (s + 1) & mask;
            }
            if (slots[s] == 0) {
                slots[s] = i + 1; // a repeated row keeps its first index
            }
        }
    }

    static HashLocator of(long[][] columns) {
        return new HashLocator(columns);
    }

    @Override
    public int row(long[][] tuple, int index) {
        int s = hash(tuple, index) & mask;
        while (slots[s] != 0) {
            if (sameRow(columns, slots[s] - 1, tuple, index)) {
                return slots[s] - 1;
            }
            s = (s + 1) & mask;
        }
        return -1;
    }

    private static int hash(long[][] cols, int i) {
        long h = 0x9E37_79B9_7F4A_7C15L;
        for (long[] c : cols) {
            h = (h ^ c[i]) * 0xBF58_476D_1CE4_E5B9L;
            h ^= h >>> 31;
        }
        return (int) (h ^ (h >>> 32));
    }

    private static boolean sameRow(long[][] a, int i, long[][] b, int j) {
        for (int c = 0; c < a.length; c++) {
            if (a[c][i] != b[c][j]) {
                return false;
            }
        }
        return true;
    }
}
