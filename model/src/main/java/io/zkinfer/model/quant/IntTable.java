package io.zkinfer.model.quant;

import java.util.Arrays;
import java.util.Objects;
import java.util.function.LongUnaryOperator;

/**
 * An integer function tabulated over a contiguous domain [lo, lo + values.length): what a lookup
 * proves (an activation's table, or the function fused into a requantization). The name
 * identifies the function: two tables with one name and domain must hold the same values, which
 * lets a circuit share one preprocessed column between the layers that use them.
 *
 * @param name identifies the function and its fixed-point scales, e.g. "sigmoid/in8/out7"
 * @param lo the first input of the domain
 * @param values f(lo), f(lo + 1), ...
 */
public record IntTable(String name, long lo, long[] values) {
    /** Checks and copies. */
    public IntTable {
        Objects.requireNonNull(name);
        if (values.length == 0 || values.length > 1 << 16) {
            throw new IllegalArgumentException("a table covers 1 to 2^16 inputs, got " + values.length);
        }
        values = values.clone();
    }

    /** f tabulated over [lo, hi]. */
    public static IntTable of(String name, long lo, long hi, LongUnaryOperator f) {
        if (hi < lo || hi - lo >= 1 << 16) {
            throw new IllegalArgumentException("table domain [" + lo + ", " + hi + "] is empty or wider than 2^16");
        }
        long[] v = new long[(int) (hi - lo + 1)];
        for (int i = 0; i < v.length; i++) {
            v[i] = f.applyAsLong(lo + i);
        }
        return new IntTable(name, lo, v);
    }

    /** The identity over [lo, hi]. */
    public static IntTable identity(long lo, long hi) {
        return of("identity", lo, hi, x -> x);
    }

    /** max(x, 0) over [lo, hi]. */
    public static IntTable relu(long lo, long hi) {
        return of("relu", lo, hi, x -> Math.max(x, 0));
    }

    /** The last input of the domain. */
    public long hi() {
        return lo + values.length - 1;
    }

    /** Whether x lies in the domain. */
    public boolean covers(long x) {
        return x >= lo && x <= hi();
    }

    /**
     * f(x).
     *
     * @throws IllegalArgumentException if x is outside the domain
     */
    public long apply(long x) {
        if (!covers(x)) {
            throw new IllegalArgumentException(name + ": input " + x + " outside the table's domain [" + lo + ", " + hi()
                    + "]");
        }
        return values[(int) (x - lo)];
    }

    /** The largest |f(x)| over the domain. */
    public long maxAbs() {
        long m = 0;
        for (long v : values) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    /** Whether f is the identity on its domain. */
    public boolean isIdentity() {
        for (int i = 0; i < values.length; i++) {
            if (values[i] != lo + i) {
                return false;
            }
        }
        return true;
    }

    /** A copy of the values. */
    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IntTable t && t.name.equals(name) && t.lo == lo && Arrays.equals(t.values, values);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, lo, Arrays.hashCode(values));
    }

    @Override
    public String toString() {
        return "IntTable[" + name + ", [" + lo + ", " + hi() + "]]";
    }
}
