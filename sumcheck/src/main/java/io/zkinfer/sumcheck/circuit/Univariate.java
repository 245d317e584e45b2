package io.zkinfer.sumcheck.circuit;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;

/** A univariate polynomial given by its values at 0, 1, ..., D: evaluation anywhere by Lagrange. */
public final class Univariate {
    private Univariate() {}

    /** p(r) from p(0..D) (D + 1 interleaved extension values). */
    public static long[] evaluate(ExtensionField ext, long[] values, long[] r) {
        int d = ext.degree();
        int n = values.length / d;
        long[] acc = ext.zero();
        for (int i = 0; i < n; i++) {
            long num = 1;
            long[] term = ext.get(values, i);
            for (int j = 0; j < n; j++) {
                if (j != i) {
                    term = ext.mul(term, ext.sub(r, ext.fromBase(j)));
                    num = Goldilocks.mul(num, Goldilocks.fromSigned(i - j));
                }
            }
            acc = ext.add(acc, ext.mulBase(term, Goldilocks.inverse(num)));
        }
        return acc;
    }

    /** p(0..to-1) from p(0..D), D + 1 <= to. */
    static long[] extend(ExtensionField ext, long[] values, int to) {
        int d = ext.degree();
        int n = values.length / d;
        long[] out = java.util.Arrays.copyOf(values, to * d);
        for (int x = n; x < to; x++) {
            System.arraycopy(evaluate(ext, values, ext.fromBase(x)), 0, out, x * d, d);
        }
        return out;
    }
}
