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

    /** Same-padded KxK convolution, C to C channels over SxS, stride 1, int8 values. */
    static long conv(byte[] x, byte[] w, int[] result, int channels, int size, int kernel) {
        int pad = kernel / 2;
        IntStream.range(0, channels).parallel().forEach(co -> {
            for (int oy = 0; oy < size; oy++) {
                for (int ox = 0; ox < size; ox++) {
                    int s = 0;
                    for (int ci = 0; ci < channels; ci++) {
                        int wo = ((co * channels + ci) * kernel) * kernel;
                        int xo = ci * size * size;
                        for (int ky = 0; ky < kernel; ky++) {
                            int iy = oy + ky - pad;
                            if (iy < 0 || iy >= size) {
                                continue;
                            }
                            for (int kx = 0; kx < kernel; kx++) {
                                int ix = ox + kx - pad;
                                if (ix >= 0 && ix < size) {
                                    s += x[xo + iy * size + ix] * w[wo + ky * kernel + kx];
                                }
                            }
                        }
                    }
                    result[(co * size + oy) * size + ox] = s;
                }
            }
        });
        return result[0] + result[result.length - 1];
    }

    /** result[i] = max(0, x[i]). */
    static long relu(short[] x, short[] result) {
        IntStream.range(0, 2).parallel().forEach(part -> {
            int from = part * x.length / 2;
            int to = (part + 1) * x.length / 2;
            for (int i = from; i < to; i++) {
                result[i] = (short) Math.max(0, x[i]);
            }
        });
        return result[0] + result[result.length - 1];
    }
}
