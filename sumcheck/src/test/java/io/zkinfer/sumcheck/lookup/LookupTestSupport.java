package io.zkinfer.sumcheck.lookup;

import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import java.util.SplittableRandom;

/** Random elements, transcripts and copies for the lookup tests. */
final class LookupTestSupport {
    private LookupTestSupport() {}

    static Transcript transcript() {
        return Transcript.create(HashProfile.SHA256, "zkinfer/lookup-test");
    }

    /** Mostly uniform; one in eight near p - 1, one in eight near 0. */
    static long element(SplittableRandom rng) {
        return switch (rng.nextInt(8)) {
            case 0 -> Goldilocks.P - 1 - rng.nextLong(3);
            case 1 -> rng.nextLong(3);
            default -> Goldilocks.reduce(rng.nextLong());
        };
    }

    static long[] vector(SplittableRandom rng, int limbs) {
        long[] v = new long[limbs];
        for (int i = 0; i < limbs; i++) {
            v[i] = element(rng);
        }
        return v;
    }

    /** Random extension elements that are all nonzero (denominators). */
    static long[] nonzero(SplittableRandom rng, ExtensionField ext, int count) {
        int d = ext.degree();
        long[] v = vector(rng, count * d);
        for (int i = 0; i < count; i++) {
            if (ext.isZero(v, i * d)) {
                v[i * d] = 1;
            }
        }
        return v;
    }

    static long[][] copy(long[][] a) {
        long[][] c = new long[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] == null ? null : a[i].clone();
        }
        return c;
    }

    static long[][][] copy(long[][][] a) {
        long[][][] c = new long[a.length][][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i] == null ? null : copy(a[i]);
        }
        return c;
    }
}
