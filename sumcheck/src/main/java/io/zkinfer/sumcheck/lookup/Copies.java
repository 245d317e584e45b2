package io.zkinfer.sumcheck.lookup;

import java.util.Arrays;

/**
 * Defensive copies for the public records, tolerant of nulls at every level: a malformed proof
 * is built without error and rejected by the verifier's shape check, with a checked exception.
 */
final class Copies {
    private Copies() {}

    static long[] of(long[] a) {
        return a == null ? null : a.clone();
    }

    static long[][] of(long[][] a) {
        if (a == null) {
            return null;
        }
        long[][] c = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = of(a[i]);
        }
        return c;
    }

    static long[][][] of(long[][][] a) {
        if (a == null) {
            return null;
        }
        long[][][] c = new long[a.length][][];
        for (int i = 0; i < a.length; i++) {
            c[i] = of(a[i]);
        }
        return c;
    }

    /** A readable form for toString: nested arrays of limbs. */
    static String show(Object a) {
        return Arrays.deepToString(new Object[] {a});
    }
}
