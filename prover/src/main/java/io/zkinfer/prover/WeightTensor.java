package io.zkinfer.prover;

import io.zkinfer.sumcheck.binding.Binding;

/**
 * One private weight tensor as the circuit holds it: a committed tensor bound to C_M, or, for
 * values wider than the 16 bits a digest takes (an int32 bias), two limbs w = 2^16 hi + lo,
 * each bound, joined by a linear layer.
 *
 * @param name the quantized graph's constant
 * @param limbs the bound tensors: one, or {hi, lo}
 */
record WeightTensor(String name, Binding[] limbs) {
    /** The limb split: lo in [-2^15, 2^15), hi = (w - lo) / 2^16. */
    static long[][] split(long[] values) {
        long[] hi = new long[values.length];
        long[] lo = new long[values.length];
        for (int i = 0; i < values.length; i++) {
            lo[i] = (short) values[i];
            hi[i] = (values[i] - lo[i]) >> 16;
        }
        return new long[][] {hi, lo};
    }

    /** The values each limb holds, in {@link #limbs} order. */
    long[][] limbValues(long[] values) {
        return limbs.length == 1 ? new long[][] {values} : split(values);
    }
}
