package io.zkinfer.field;

import java.util.SplittableRandom;

/** Random field elements for tests: mostly uniform, one in four near 0 or near p - 1. */
final class FieldTestSupport {
    private FieldTestSupport() {}

    static long randomElement(SplittableRandom rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> Goldilocks.P - 1 - rnd.nextLong(4);
            case 1 -> rnd.nextLong(4);
            default -> Long.remainderUnsigned(rnd.nextLong(), Goldilocks.P);
        };
    }

    static long[] randomVector(SplittableRandom rnd, int len) {
        long[] v = new long[len];
        for (int i = 0; i < len; i++) {
            v[i] = randomElement(rnd);
        }
        return v;
    }
}
