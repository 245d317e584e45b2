package io.zkinfer.model.eval;

/**
 * Row-major index arithmetic for the kernels: converting between flat indices and coordinates.
 * Kept deliberately plain; the reference evaluator favours obviously correct loops over speed.
 */
final class Index {
    private Index() {}

    /** Writes the coordinates of {@code flat} in a tensor of this shape into {@code coords}. */
    static void unravel(int flat, int[] shape, int[] coords) {
        for (int d = shape.length - 1; d >= 0; d--) {
            int n = shape[d];
            coords[d] = n == 0 ? 0 : flat % n;
            flat = n == 0 ? 0 : flat / n;
        }
    }

    /** The flat index of these coordinates under these strides. */
    static int ravel(int[] coords, int[] strides) {
        int f = 0;
        for (int d = 0; d < coords.length; d++) {
            f += coords[d] * strides[d];
        }
        return f;
    }
}
