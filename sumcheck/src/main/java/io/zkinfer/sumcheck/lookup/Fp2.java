package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Goldilocks2;

/**
 * F_p^2 arithmetic on limbs held in locals, for the fraction tree's hot loops:
 * (a0 + a1 u)(b0 + b1 u) = a0 b0 + 7 a1 b1 + (a0 b1 + a1 b0) u, one limb per call so that
 * nothing is allocated.
 */
final class Fp2 {
    private Fp2() {}

    /** Limb 0 of (a0 + a1 u)(b0 + b1 u). */
    static long mul0(long a0, long a1, long b0, long b1) {
        return Goldilocks.add(Goldilocks.mul(a0, b0), Goldilocks2.mulW(Goldilocks.mul(a1, b1)));
    }

    /** Limb 1 of (a0 + a1 u)(b0 + b1 u). */
    static long mul1(long a0, long a1, long b0, long b1) {
        return Goldilocks.add(Goldilocks.mul(a0, b1), Goldilocks.mul(a1, b0));
    }

    /** acc[o..o+2) += (e0 + e1 u)(g0 + g1 u). */
    static void mulAdd(long[] acc, int o, long e0, long e1, long g0, long g1) {
        acc[o] = Goldilocks.add(acc[o], mul0(e0, e1, g0, g1));
        acc[o + 1] = Goldilocks.add(acc[o + 1], mul1(e0, e1, g0, g1));
    }

    /** One limb of a line through lo (at 0) and hi (at 1), at 2: 2 hi - lo. */
    static long atTwo(long lo, long hi) {
        return Goldilocks.sub(Goldilocks.add(hi, hi), lo);
    }
}
