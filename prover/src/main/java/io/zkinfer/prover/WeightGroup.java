package io.zkinfer.prover;

import io.zkinfer.sumcheck.binding.Binding;
import java.util.List;

/**
 * Private weights of one width, packed into one committed vector bound to C_M: one salt, one
 * range check and one digest for the group instead of one per weight tensor, which is what
 * binding costs most (each layer reads its tensor out of the vector by a wiring layer). A value
 * wider than the 16 bits a digest takes (an int32 bias) is split into two limbs,
 * w = 2^16 hi + lo, each in the group of its width.
 *
 * @param binding the packed vector's binding
 * @param members where each weight tensor (or limb) sits in the vector, in order
 */
record WeightGroup(Binding binding, List<Member> members) {
    /** Which part of a constant a member holds. */
    enum Part {
        WHOLE, HIGH, LOW
    }

    /** A constant's values (or one limb of them) at {@code offset} in the packed vector. */
    record Member(String constant, Part part, int offset, int size) {}

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
                out[m.offset() + i] = part(v[i], m.part());
            }
        }
        return out;
    }
}
