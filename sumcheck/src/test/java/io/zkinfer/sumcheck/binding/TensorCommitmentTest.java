package io.zkinfer.sumcheck.binding;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.sumcheck.circuit.Shape;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Commitments outside circuits: encodings, the checks on what is committed, and what differs when the values do. */
class TensorCommitmentTest {
    private static final long SEED = 0x7C_2026_11L;

    static ChaChaRandom salt(long seed) {
        byte[] key = new byte[32];
        ByteBuffer.wrap(key).putLong(seed);
        return ChaChaRandom.withKey(key);
    }

    static long[] int8(SplittableRandom rng, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(-128, 128);
        }
        return v;
    }

    @Test
    void encodingRoundTripsAndNamesItsFaults() throws Exception {
        System.out.println("TensorCommitmentTest seed " + SEED);
        Shape shape = Shape.of(5, 7);
        Commitments.Committed c = Commitments.commit(shape, 8, int8(new SplittableRandom(SEED), 35), salt(SEED));
        byte[] enc = c.commitment().encode();
        assertEquals(c.commitment(), TensorCommitment.decode(enc));
        assertEquals(64, c.commitment().fingerprint().length());
        assertTrue(Commitments.opens(c.commitment(), c.opening()));

        assertFault("not a tensor commitment", bytes(enc, 0, (byte) 'X'));
        assertFault("version 9", bytes(enc, 4, (byte) 9));
        assertFault("parameters", bytes(enc, 7, (byte) 0x7F)); // rows
        assertFault("truncated", Arrays.copyOf(enc, 12));
        assertFault("bytes of digest", Arrays.copyOf(enc, enc.length - 1));
        assertFault("bytes of digest", Arrays.copyOf(enc, enc.length + 8));
        byte[] nonCanonical = enc.clone();
        Arrays.fill(nonCanonical, enc.length - 8, enc.length, (byte) 0xFF);
        assertFault("canonical", nonCanonical);
        assertFault("dimension", bytes(enc, 11, (byte) 0x80));

        // 16-bit values: 352 digest rows on 512, so padding rows exist and must be zero.
        byte[] wide = Commitments.commit(Shape.of(3), 16, new long[] {1, -2, 3}, salt(SEED)).commitment().encode();
        assertFault("padding row", bytes(wide, wide.length - 1, (byte) 1));
    }

    private static byte[] bytes(byte[] enc, int at, byte value) {
        byte[] t = enc.clone();
        t[at] = value;
        return t;
    }

    private static void assertFault(String expected, byte[] encoding) {
        InvalidCommitmentException e = assertThrows(InvalidCommitmentException.class,
                () -> TensorCommitment.decode(encoding));
        assertTrue(e.getMessage().contains(expected), "message '" + e.getMessage() + "' lacks '" + expected + "'");
    }

    /** Out-of-range values are refused at commit time, with the index and the range: v + p is never committed. */
    @Test
    void outOfRangeValuesAreRefused() {
        long[] v = int8(new SplittableRandom(SEED), 16);
        v[3] = 128;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Commitments.commit(Shape.of(16), 8, v, salt(SEED)));
        assertTrue(e.getMessage().contains("value 3 is 128") && e.getMessage().contains("[-128, 127]"), e.getMessage());
        v[3] = 5 + io.zkinfer.field.Goldilocks.P; // the same field element as 5
        assertThrows(IllegalArgumentException.class, () -> Commitments.commit(Shape.of(16), 8, v, salt(SEED)));
        assertThrows(IllegalArgumentException.class, () -> Commitments.commit(Shape.of(16), 8, new long[15], salt(SEED)));
    }

    /**
     * The obvious attempts at two weight sets with one commitment, under the same salt: reordering,
     * flipping signs, one value moved by 256 (the same low byte), and one value changed. Each
     * gives another digest, and the opening of one never opens the other.
     */
    @Test
    void theObviousCollisionAttemptsGiveOtherDigests() {
        Shape shape = Shape.of(64, 64);
        long[] w = int8(new SplittableRandom(SEED), 4096);
        w[0] = 1;
        w[1] = 2;
        w[2] = -100;
        Commitments.Committed c = Commitments.commit(shape, 16, w, salt(SEED));
        long[] salt = c.opening().salt();
        long[] swapped = w.clone();
        swapped[0] = 2;
        swapped[1] = 1;
        long[] negated = Arrays.stream(w).map(x -> -x).toArray();
        long[] shifted = w.clone();
        shifted[2] += 256;
        long[] changed = w.clone();
        changed[4095] = changed[4095] == 0 ? 1 : 0;
        for (long[] other : new long[][] {swapped, negated, shifted, changed}) {
            TensorOpening o = new TensorOpening(other, salt);
            assertFalse(Commitments.opens(c.commitment(), o));
            assertFalse(Arrays.equals(c.commitment().digest(), Commitments.digest(c.commitment().params(), shape, o)));
        }
        assertTrue(Commitments.opens(c.commitment(), c.opening()));
    }

    /** One value committed twice: salts make the two digests unrelated, limb for limb. */
    @Test
    void theSaltMakesEveryCommitmentFresh() {
        long[] v = {42};
        TensorCommitment a = Commitments.commit(Shape.of(1), 8, v, salt(SEED)).commitment();
        TensorCommitment b = Commitments.commit(Shape.of(1), 8, v, salt(SEED + 1)).commitment();
        assertNotEquals(a, b);
        long[] da = a.digest();
        long[] db = b.digest();
        for (int i = 0; i < da.length; i++) {
            assertNotEquals(da[i], db[i], "digest entry " + i);
        }
    }
}
