package io.zkinfer.prover;

import io.zkinfer.sumcheck.binding.Binding;
import java.util.List;

/**
 * Private weights of one width, packed into one committed vector bound to C_M: one salt, one
 * range check and one digest for the group instead of one per weight tensor, which is what
 * binding costs most (an unpack layer reads the tensors back out). A value wider than the 16 bits
 * a digest takes (an int32 bias) is split into two limbs, w = 2^16 hi + lo, each in the group of
 * its width; a width with few values is written in digits of the main vector's width instead
 * ({@link Digit}), so that it needs no vector, salt and digest of its own.
 *
 * @param binding the packed vector's binding
 * @param members where each weight tensor (or limb) sits in the vector, in order
 */
record WeightGroup(Binding binding, List<Member> members) {
    /** Which part of a constant a member holds. */
    enum Part {
        WHOLE, HIGH, LOW
    }

    /**
     * A constant's values (or one limb of them, or one digit of that) at {@code offset} in the
     * packed vector.
     */
    record Member(String constant, Part part, Digit digit, int offset, int size) {}

    /**
     * Digit {@code index} of {@code count} in base 2^bits: a value v of at most bits * count
     * signed bits is sum_k 2^(bits k) u_k with u_k in [0, 2^bits) below the top digit and the
     * top digit signed, in [-2^(bits-1), 2^(bits-1)); a lower digit is stored as u_k - 2^(bits-1)
     * so that every digit lies in the packed vector's signed range (Linear.digits adds them back).
     * {@link #WHOLE}: the value.
     */
    record Digit(int index, int bits, int count) {
        static final Digit WHOLE = new Digit(0, 0, 1);

        long of(long v) {
            if (count == 1) {
                return v;
            }
            long rest = v;
            for (int k = 0; k < index; k++) {
                rest = (rest - Math.floorMod(rest, 1L << bits)) >> bits;
            }
            return index == count - 1 ? rest : Math.floorMod(rest, 1L << bits) - (1L << (bits - 1));
        }
    }

    /** The limb split: lo in [-2^15, 2^15), hi = (w - lo) / 2^16. */
    static long part(long w, Part part) {
        long lo = (short) w;
        return switch (part) {
            case WHOLE -> w;
            case LOW -> lo;
            case HIGH -> (w - lo) >> 16;
        };
    }

    /** The packed vector's values, from each constant's values. */
    long[] values(java.util.function.Function<String, long[]> constants) {
        long[] out = new long[binding.shape().dims()[0]];
        for (Member m : members) {
            long[] v = constants.apply(m.constant());
            for (int i = 0; i < m.size(); i++) {
                out[m.offset() + i] = m.digit().of(part(v[i], m.part()));
            }
        }
        return out;
    }
}
