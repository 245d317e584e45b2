package io.zkinfer.model.quant;

import java.util.Arrays;

/** Matrix products and convolutions over integers: output first, plain multiply-accumulate loops. */
final class IntLinearKernels {
    private IntLinearKernels() {}

    /**
     * y[i, j] = sum_p A[i, p] B[p, j] + bias[j] into a zeroed y [m, n]; A stored [m, k] (or
     * [k, m] when transA), B stored [k, n] (or [n, k] when transB), bias null for none.
     */
    static void matMul(long[] y, long[] a, long[] b, long[] bias, int m, int k, int n, boolean transA,
            boolean transB) {
        long[] an = transA ? transpose(a, k, m) : a;
        for (int i = 0; i < m; i++) {
            int row = i * n;
            int aRow = i * k;
            if (transB) {
                for (int j = 0; j < n; j++) {
                    int bRow = j * k;
                    long acc = bias == null ? 0 : bias[j];
                    for (int p = 0; p < k; p++) {
                        acc += an[aRow + p] * b[bRow + p];
                    }
                    y[row + j] = acc;
                }
            } else {
                if (bias != null) {
                    System.arraycopy(bias, 0, y, row, n);
                }
                for (int p = 0; p < k; p++) {
                    long av = an[aRow + p];
                    if (av == 0) {
                        continue;
                    }
                    int bRow = p * n;
                    for (int j = 0; j < n; j++) {
                        y[row + j] += av * b[bRow + j];
                    }
                }
            }
        }
    }

    /** The transpose [cols, rows] of a row-major [rows, cols] matrix. */
    static long[] transpose(long[] a, int rows, int cols) {
        long[] t = new long[a.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                t[c * rows + r] = a[r * cols + c];
            }
        }
        return t;
    }

    /**
     * y[n, co, oy, ox] = sum_{ci, ky, kx} W[co, ci, ky, kx] X[n, ci, oy sh + ky dh - pt,
     * ox sw + kx dw - pl] + bias[co] into a zeroed y of shape ys, with zero padding.
     */
    static void conv(long[] y, long[] x, long[] w, long[] bias, int[] xs, int[] ws, QOp.Window win, int[] ys) {
        int channels = xs[1];
        int co = ws[0];
        int kh = ws[2];
        int kw = ws[3];
        IntPoolKernels.Axis ay = IntPoolKernels.Axis.rows(xs, ys, kh, win);
        IntPoolKernels.Axis ax = IntPoolKernels.Axis.columns(xs, ys, kw, win);
        int inPlane = xs[2] * xs[3];
        int outPlane = ys[2] * ys[3];
        for (int n = 0; n < xs[0]; n++) {
            for (int o = 0; o < co; o++) {
                int yBase = (n * co + o) * outPlane;
                if (bias != null) {
                    Arrays.fill(y, yBase, yBase + outPlane, bias[o]);
                }
                for (int c = 0; c < channels; c++) {
                    int xBase = (n * channels + c) * inPlane;
                    int wBase = (o * channels + c) * kh * kw;
                    for (int ky = 0; ky < kh; ky++) {
                        for (int kx = 0; kx < kw; kx++) {
                            long wt = w[wBase + ky * kw + kx];
                            if (wt != 0) {
                                IntPoolKernels.addTap(y, yBase, ys[3], x, xBase, xs[3], wt, ay, ky, ax, kx);
                            }
                        }
                    }
                }
            }
        }
    }
}
