package io.zkinfer.model.quant;

import java.util.Arrays;

/** Entry-by-entry ops: requantization, lookups, linear combinations, products, division. */
final class IntElementwiseKernels {
    private static final long MIN16 = -(1L << 15);
    private static final long MAX16 = 1L << 15;

    private IntElementwiseKernels() {}

    /**
     * y = {@link QOp.Requantize#apply}(x).
     *
     * @throws IllegalArgumentException if a quotient leaves [-2^15, 2^15)
     */
    static void requantize(long[] y, long[] x, QOp.Requantize r) {
        for (int i = 0; i < x.length; i++) {
            long q = r.quotient(x[i]);
            if (q < MIN16 || q >= MAX16) {
                throw new IllegalArgumentException("the quotient " + q + " of input " + x[i] + " at index " + i
                        + " leaves 16 signed bits [-32768, 32768)");
            }
            y[i] = r.apply(x[i]);
        }
    }

    /**
     * y = f(x) by lookup.
     *
     * @throws IllegalArgumentException if an input lies outside the table's domain
     */
    static void table(long[] y, long[] x, QOp.Table t) {
        long[] values = t.f().values();
        long lo = t.f().lo();
        for (int i = 0; i < x.length; i++) {
            long d = x[i] - lo;
            if (d < 0 || d >= values.length) {
                throw new IllegalArgumentException("input " + x[i] + " at index " + i + " lies outside the "
                        + t.bits() + "-bit table's domain [" + lo + ", " + t.f().hi() + "]");
            }
            y[i] = values[(int) d];
        }
    }

    /** y = sum_i c_i x_i + c_0. */
    static void linear(long[] y, long[][] xs, long[] c, long c0) {
        Arrays.fill(y, c0);
        for (int k = 0; k < xs.length; k++) {
            long ck = c[k];
            long[] x = xs[k];
            for (int i = 0; i < y.length; i++) {
                y[i] += ck * x[i];
            }
        }
    }

    /** y = a b. */
    static void hadamard(long[] y, long[] a, long[] b) {
        for (int i = 0; i < y.length; i++) {
            y[i] = a[i] * b[i];
        }
    }

    /**
     * y = floor(a / b), the remainder in [0, b).
     *
     * @throws IllegalArgumentException if a divisor leaves [max(1, minDivisor), 2^16] or a
     *     quotient leaves [-2^15, 2^15)
     */
    static void division(long[] y, long[] a, long[] b, long minDivisor) {
        long min = Math.max(1, minDivisor);
        for (int i = 0; i < y.length; i++) {
            if (b[i] < min || b[i] > 1L << 16) {
                throw new IllegalArgumentException("divisor " + b[i] + " at index " + i + " lies outside [" + min
                        + ", 65536]");
            }
            long q = Math.floorDiv(a[i], b[i]);
            if (q < MIN16 || q >= MAX16) {
                throw new IllegalArgumentException("the quotient " + q + " = floor(" + a[i] + " / " + b[i]
                        + ") at index " + i + " leaves 16 signed bits [-32768, 32768)");
            }
            y[i] = q;
        }
    }
}
