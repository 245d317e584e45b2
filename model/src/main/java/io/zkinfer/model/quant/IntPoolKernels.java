package io.zkinfer.model.quant;

import java.util.Arrays;

/**
 * Windows over NCHW images (sum and max pooling) and the per-tap geometry that convolution
 * shares: out[n, c, y, x] reads in[n, c, y sh + ky dh - pt, x sw + kx dw - pl] for each tap
 * (ky, kx), a tap outside the input reading a padding zero. Output first, plain loops.
 */
final class IntPoolKernels {
    private IntPoolKernels() {}

    /**
     * One spatial axis of a window: for tap k, the input offset k d - pad and the range
     * [first, last] of outputs whose tap reads inside the input (empty when first > last).
     */
    record Axis(int stride, int[] offset, int[] first, int[] last) {
        static Axis of(int in, int out, int kernel, int stride, int dilation, int padBefore) {
            int[] offset = new int[kernel];
            int[] first = new int[kernel];
            int[] last = new int[kernel];
            for (int k = 0; k < kernel; k++) {
                offset[k] = k * dilation - padBefore;
                first[k] = Math.max(0, Math.ceilDiv(-offset[k], stride));
                last[k] = Math.min(out - 1, Math.floorDiv(in - 1 - offset[k], stride));
            }
            return new Axis(stride, offset, first, last);
        }

        static Axis rows(int[] xs, int[] ys, int kernel, QOp.Window w) {
            return of(xs[2], ys[2], kernel, w.strideH(), w.dilationH(), w.padTop());
        }

        static Axis columns(int[] xs, int[] ys, int kernel, QOp.Window w) {
            return of(xs[3], ys[3], kernel, w.strideW(), w.dilationW(), w.padLeft());
        }
    }

    /**
     * Adds wt times tap (ky, kx) of one input plane (at xBase, width w) to one output plane (at
     * yBase, width wo).
     */
    static void addTap(long[] y, int yBase, int wo, long[] x, int xBase, int w, long wt, Axis ay, int ky, Axis ax,
            int kx) {
        int x0 = ax.first[kx];
        int x1 = ax.last[kx];
        int sw = ax.stride;
        for (int oy = ay.first[ky]; oy <= ay.last[ky]; oy++) {
            int p = xBase + (oy * ay.stride + ay.offset[ky]) * w + x0 * sw + ax.offset[kx];
            int q = yBase + oy * wo;
            for (int ox = x0; ox <= x1; ox++, p += sw) {
                y[q + ox] += wt * x[p];
            }
        }
    }

    /** out[n, c] = sum of the window's taps of in[n, c] (padding reads zero). */
    static void sumPool(long[] y, long[] x, int[] xs, int kh, int kw, QOp.Window win, int[] ys) {
        Axis ay = Axis.rows(xs, ys, kh, win);
        Axis ax = Axis.columns(xs, ys, kw, win);
        int planes = xs[0] * xs[1];
        int inPlane = xs[2] * xs[3];
        int outPlane = ys[2] * ys[3];
        for (int p = 0; p < planes; p++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    addTap(y, p * outPlane, ys[3], x, p * inPlane, xs[3], 1, ay, ky, ax, kx);
                }
            }
        }
    }

    /**
     * out[n, c] = the maximum of the window's taps inside in[n, c]; padding never wins.
     *
     * @throws IllegalArgumentException if an input leaves [-2^15, 2^15) or a window lies entirely
     *     in the padding
     */
    static void maxPool(long[] y, long[] x, int[] xs, int kh, int kw, QOp.Window win, int[] ys) {
        IntReduceKernels.checkComparable(x);
        Axis ay = Axis.rows(xs, ys, kh, win);
        Axis ax = Axis.columns(xs, ys, kw, win);
        Arrays.fill(y, Long.MIN_VALUE);
        int planes = xs[0] * xs[1];
        int inPlane = xs[2] * xs[3];
        int outPlane = ys[2] * ys[3];
        for (int pl = 0; pl < planes; pl++) {
            for (int ky = 0; ky < kh; ky++) {
                for (int kx = 0; kx < kw; kx++) {
                    int x0 = ax.first[kx];
                    int x1 = ax.last[kx];
                    for (int oy = ay.first[ky]; oy <= ay.last[ky]; oy++) {
                        int p = pl * inPlane + (oy * ay.stride + ay.offset[ky]) * xs[3] + x0 * ax.stride + ax.offset[kx];
                        int q = pl * outPlane + oy * ys[3];
                        for (int ox = x0; ox <= x1; ox++, p += ax.stride) {
                            y[q + ox] = Math.max(y[q + ox], x[p]);
                        }
                    }
                }
            }
        }
        for (int i = 0; i < outPlane; i++) { // every plane has the first plane's windows
            if (y[i] == Long.MIN_VALUE) {
                throw new IllegalArgumentException("the window at output row " + i / ys[3] + ", column " + i % ys[3]
                        + " lies entirely in the padding; pads must leave every window a tap inside the input");
            }
        }
    }
}
