package io.zkinfer.sumcheck.circuit;

import java.util.Arrays;

/**
 * A tensor's logical dimensions and how they sit on the Boolean hypercube. Each dimension is
 * padded to a power of two on its own and the layout is row-major, so the last dimension
 * occupies the lowest variables: dimension k of a shape with padded logs (l_0, ..., l_{r-1})
 * holds variables [sum_{j > k} l_j, sum_{j >= k} l_j). Padding entries are zero. Per-dimension
 * padding lets a layer bind one dimension's variables (a matrix's rows, say) apart from the
 * others.
 */
public final class Shape {
    private final int[] dims;
    private final int[] logs;
    private final int numVariables;

    private Shape(int[] dims) {
        this.dims = dims;
        this.logs = new int[dims.length];
        int n = 0;
        for (int k = 0; k < dims.length; k++) {
            logs[k] = ceilLog2(dims[k]);
            n += logs[k];
        }
        if (n > 30) {
            throw new IllegalArgumentException("shape " + Arrays.toString(dims) + " pads to 2^" + n
                    + " entries; at most 2^30 are supported");
        }
        this.numVariables = n;
    }

    /** A shape of the given positive dimensions (none for a scalar). */
    public static Shape of(int... dims) {
        for (int d : dims) {
            if (d < 1) {
                throw new IllegalArgumentException("dimensions must be positive, got " + Arrays.toString(dims));
            }
        }
        return new Shape(dims.clone());
    }

    static int ceilLog2(int n) {
        return n <= 1 ? 0 : 32 - Integer.numberOfLeadingZeros(n - 1);
    }

    public int rank() {
        return dims.length;
    }

    public int dim(int k) {
        return dims[k];
    }

    public int[] dims() {
        return dims.clone();
    }

    /** The padded size of dimension k is 2^log(k). */
    public int log(int k) {
        return logs[k];
    }

    /** The lowest variable of dimension k. */
    public int variableOffset(int k) {
        int off = 0;
        for (int j = k + 1; j < dims.length; j++) {
            off += logs[j];
        }
        return off;
    }

    public int numVariables() {
        return numVariables;
    }

    /** Entries on the hypercube, padding included. */
    public int paddedSize() {
        return 1 << numVariables;
    }

    /** Entries without padding. */
    public long logicalSize() {
        long s = 1;
        for (int d : dims) {
            s *= d;
        }
        return s;
    }

    /** The hypercube index of the entry at {@code coordinates}. */
    public int index(int... coordinates) {
        if (coordinates.length != dims.length) {
            throw new IllegalArgumentException("expected " + dims.length + " coordinates, got " + coordinates.length);
        }
        int idx = 0;
        for (int k = 0; k < dims.length; k++) {
            if (coordinates[k] < 0 || coordinates[k] >= dims[k]) {
                throw new IndexOutOfBoundsException("coordinate " + k + " is " + coordinates[k] + ", dimension "
                        + dims[k]);
            }
            idx = (idx << logs[k]) | coordinates[k];
        }
        return idx;
    }

    /** Hypercube indices of the logical entries, in row-major logical order. */
    public int[] logicalIndices() {
        int[] out = new int[Math.toIntExact(logicalSize())];
        int[] c = new int[dims.length];
        for (int i = 0; i < out.length; i++) {
            int idx = 0;
            for (int k = 0; k < dims.length; k++) {
                idx = (idx << logs[k]) | c[k];
            }
            out[i] = idx;
            for (int k = dims.length - 1; k >= 0; k--) {
                if (++c[k] < dims[k]) {
                    break;
                }
                c[k] = 0;
            }
        }
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
