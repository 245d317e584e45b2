package io.zkinfer.commit.whir;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Parallel;

/**
 * The sumcheck for sum_b f(b) w(b) with f and w multilinear, binding variable 0 first. Each
 * round polynomial h(X) = c0 + c1 X + c2 X^2 is sent as (c0, c2); the verifier recovers c1 from
 * the running claim, h(0) + h(1) = 2 c0 + c1 + c2.
 */
final class QuadraticSumcheck {
    private QuadraticSumcheck() {}

    /**
     * (c0, c2) for the current round: c0 = sum f(0,.) w(0,.), c2 = sum (f(1,.) - f(0,.))(w(1,.) -
     * w(0,.)). {@code f} is base field when {@code fBase}, else extension; {@code w} is extension.
     */
    static long[] roundCoefficients(ExtensionField ext, long[] f, boolean fBase, long[] w) {
        int d = ext.degree();
        int half = w.length / d / 2;
        long[] total = new long[2 * d];
        Parallel.forRange(half, 1 << 12, (from, to) -> {
            long[] acc = new long[2 * d];
            long[] dw = new long[d];
            long[] df = new long[d];
            long[] tmp = new long[d];
            for (int i = from; i < to; i++) {
                int w0 = 2 * i * d;
                int w1 = w0 + d;
                ext.sub(dw, 0, w, w1, w, w0);
                if (fBase) {
                    long f0 = f[2 * i];
                    long f1 = f[2 * i + 1];
                    ext.mulBase(tmp, 0, w, w0, f0);
                    ext.add(acc, 0, acc, 0, tmp, 0);
                    ext.mulBase(tmp, 0, dw, 0, Goldilocks.sub(f1, f0));
                    ext.add(acc, d, acc, d, tmp, 0);
                } else {
                    ext.mulAdd(acc, 0, acc, 0, f, w0, w, w0);
                    ext.sub(df, 0, f, w1, f, w0);
                    ext.mulAdd(acc, d, acc, d, df, 0, dw, 0);
                }
            }
            synchronized (total) {
                for (int j = 0; j < 2 * d; j += d) {
                    ext.add(total, j, total, j, acc, j);
                }
            }
        });
        return total;
    }

    /**
     * h(alpha) given (c0, c2) at {@code msg[off..]} and the claim h(0) + h(1) = claim.
     */
    static long[] evaluate(ExtensionField ext, long[] msg, int off, long[] claim, long[] alpha) {
        int d = ext.degree();
        long[] c0 = java.util.Arrays.copyOfRange(msg, off, off + d);
        long[] c2 = java.util.Arrays.copyOfRange(msg, off + d, off + 2 * d);
        long[] c1 = ext.sub(ext.sub(claim, ext.add(c0, c0)), c2);
        // Horner: (c2 alpha + c1) alpha + c0
        return ext.add(ext.mul(ext.add(ext.mul(c2, alpha), c1), alpha), c0);
    }
}
