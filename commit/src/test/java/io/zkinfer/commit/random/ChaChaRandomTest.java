package io.zkinfer.commit.random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HexFormat;
import org.junit.jupiter.api.Test;

class ChaChaRandomTest {
    /**
     * RFC 8439 section 2.4.2 uses key 00..1f and nonce 00 00 00 00 00 00 00 4a 00 00 00 00; ours
     * uses nonce 0 first, so check instead the RFC 7539 appendix A.1 test vector #1: all-zero
     * key, all-zero nonce, counter 0: keystream starts 76 b8 e0 ad a0 f1 3d 90 ...
     */
    @Test
    void zeroKeyGivesTheRfcKeystream() {
        ChaChaRandom r = ChaChaRandom.withKey(new byte[32]);
        byte[] out = new byte[16];
        r.nextBytes(out);
        assertEquals("76b8e0ada0f13d90405d6ae55386bd28", HexFormat.of().formatHex(out));
    }

    @Test
    void longsReadTheSameStreamAsBytes() {
        byte[] key = new byte[32];
        key[0] = 5;
        ChaChaRandom a = ChaChaRandom.withKey(key);
        ChaChaRandom b = ChaChaRandom.withKey(key);
        byte[] bytes = new byte[40_000];
        a.nextBytes(bytes);
        for (int i = 0; i < bytes.length / 8; i++) {
            long v = b.nextLong();
            for (int j = 0; j < 8; j++) {
                assertEquals(bytes[8 * i + j], (byte) (v >>> (56 - 8 * j)));
            }
        }
    }

    @Test
    void freshInstancesDiffer() {
        assertNotEquals(ChaChaRandom.create().nextLong(), ChaChaRandom.create().nextLong());
    }

    @Test
    void bitsLookBalanced() {
        ChaChaRandom r = ChaChaRandom.withKey(new byte[32]);
        long ones = 0;
        int n = 100_000;
        for (int i = 0; i < n; i++) {
            ones += Long.bitCount(r.nextLong());
        }
        double mean = ones / (double) n;
        // 64 fair bits: mean 32, standard deviation of the mean 4 / sqrt(n) = 0.0126.
        assertTrue(Math.abs(mean - 32) < 0.1, "mean bits per long " + mean);
    }

    @Test
    void keysMustBe32Bytes() {
        assertThrows(IllegalArgumentException.class, () -> ChaChaRandom.withKey(new byte[16]));
        byte[] key = new byte[32];
        ChaChaRandom.withKey(key);
        assertArrayEquals(new byte[32], key, "the caller's key array is not modified");
    }
}
