package io.zkinfer.benchmarks;

import java.util.stream.IntStream;

/**
 * The baselines: the same computations as the proven layers, done plainly on integers with both
 * cores (a parallel stream over output rows; inner loops the JIT vectorises). Each returns a
 * checksum so the work cannot be optimised away.
 */
final class PlainKernels {
    private PlainKernels() {}

    /** result[b, r] = sum_c x[b, c] w[r, c] for int8 x and w. */
    static long matmul(byte[] x, byte[] w, int[] result, int batch, int rows, int cols) {
        IntStream.range(0, rows).parallel().forEach(r -> {
            int wo = r * cols;
            for (int b = 0; b < batch; b++) {
                int xo = b * cols;
                int s = 0;
                for (int c = 0; c < cols; c++) {
                    s += x[xo + c] * w[wo + c];
                }
                result[b * rows + r] = s;
            }
        });
        return result[0] + result[result.length - 1];
    }
}
