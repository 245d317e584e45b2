package io.zkinfer.model.quant;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tensor of the quantized IR: its name, shape, a bound on |value| that holds for every input
 * the graph admits, and its fixed-point scale: the integer v stands for the real v 2^-frac.
 *
 * @param frac the scale's exponent (0 for integers such as class indices)
 */
public record QInfo(String name, int[] shape, long bound, int frac) {
    /** Checks and copies. */
    public QInfo {
        Objects.requireNonNull(name);
        shape = shape.clone();
        for (int d : shape) {
            if (d < 1) {
                throw new IllegalArgumentException(name + ": dimension " + d + " in " + Arrays.toString(shape));
            }
        }
        if (bound < 0) {
            throw new IllegalArgumentException(name + ": negative bound " + bound);
        }
    }

    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of entries. */
    public int size() {
        int n = 1;
        for (int d : shape) {
            n = Math.multiplyExact(n, d);
        }
        return n;
    }

    /** The real value an integer of this tensor stands for. */
    public double dequantize(long v) {
        return Math.scalb((double) v, -frac);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof QInfo q && q.name.equals(name) && Arrays.equals(q.shape, shape) && q.bound == bound
                && q.frac == frac;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, Arrays.hashCode(shape), bound, frac);
    }

    @Override
    public String toString() {
        return name + Arrays.toString(shape) + " |v| <= " + bound + " (2^-" + frac + ")";
    }
}
