package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;

/**
 * One spatial axis of a convolution or pooling window: output position o and kernel tap k read
 * input position {@code o * stride + k * dilation - padBegin}, and positions outside [0, in) read
 * the zero padding. The output size is ONNX's floor((in + padBegin + padEnd - dilation (kernel
 * - 1) - 1) / stride) + 1.
 */
final class ConvAxis {
    final int in;
    final int kernel;
    final int stride;
    final int dilation;
    final int padBegin;
    final int padEnd;
    final int out;

    ConvAxis(String what, int in, int kernel, int stride, int dilation, int padBegin, int padEnd) {
        if (kernel < 1) {
            throw new IllegalArgumentException(what + ": kernel must be positive, got " + kernel);
        }
        this.in = in;
        this.kernel = kernel;
        this.stride = stride;
        this.dilation = dilation;
        this.padBegin = padBegin;
        this.padEnd = padEnd;
        this.out = outputSize(in, kernel, stride, dilation, padBegin, padEnd);
        if (out < 1) {
            throw new IllegalArgumentException(what + ": a window of " + kernel + " taps (dilation " + dilation
                    + ") does not fit an input of " + in + " padded by " + padBegin + " and " + padEnd);
        }
    }

    /** ONNX's output size; below 1 when the dilated kernel does not fit the padded input. */
    static int outputSize(int in, int kernel, int stride, int dilation, int padBegin, int padEnd) {
        long span = (long) dilation * (kernel - 1) + 1;
        return (int) Math.floorDiv(in + (long) padBegin + padEnd - span, (long) stride) + 1;
    }

    /** The input position that output o reads at tap k (possibly in the padding). */
    int source(int o, int k) {
        return o * stride + k * dilation - padBegin;
    }

    /** The first output whose tap k reads inside the input. */
    int firstValid(int k) {
        return (int) Math.max(0, -Math.floorDiv(k * (long) dilation - padBegin, (long) stride));
    }

    /** One past the last output whose tap k reads inside the input (at most {@link #out}). */
    int endValid(int k) {
        long last = Math.floorDiv(in - 1L - (long) k * dilation + padBegin, (long) stride);
        return (int) Math.max(0, Math.min(out, last + 1));
    }

    /** The number of taps of output o that read inside the input. */
    int validTaps(int o) {
        int n = 0;
        for (int k = 0; k < kernel; k++) {
            int u = source(o, k);
            if (u >= 0 && u < in) {
                n++;
            }
        }
        return n;
    }

    /**
     * The table A over input positions (2^log entries, zero beyond {@link #in}):
     * A(u) = sum of kernelEq(k) outEq(o) over the taps k and outputs o that read u, with
     * kernelEq = 1 when null (pooling). Both the prover and the verifier build it, in
     * O(kernel * out + 2^log).
     */
    long[] table(ExtensionField ext, long[] kernelEq, long[] outEq, int log) {
        int d = ext.degree();
        long[] a = new long[d << log];
        long[] tmp = new long[d];
        for (int k = 0; k < kernel; k++) {
            int from = firstValid(k);
            int to = endValid(k);
            for (int o = from; o < to; o++) {
                int u = source(o, k) * d;
                if (kernelEq == null) {
                    ext.add(a, u, a, u, outEq, o * d);
                } else {
                    ext.mul(tmp, 0, kernelEq, k * d, outEq, o * d);
                    ext.add(a, u, a, u, tmp, 0);
                }
            }
        }
        return a;
    }
}
