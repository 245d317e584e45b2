package io.zkinfer.commit.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Keccak256Test {
    private static final HexFormat HEX = HexFormat.of();

    private static String keccak(String ascii) {
        return HEX.formatHex(Keccak256.digest(ascii.getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void knownAnswers() {
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470", keccak(""));
        assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45", keccak("abc"));
        assertEquals("4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15",
                keccak("The quick brown fox jumps over the lazy dog"));
    }

    @Test
    void referenceAgreesOnKnownAnswers() {
        // The naive reference must itself be right before it can vouch for anything.
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                HEX.formatHex(ReferenceKeccak.hash(new byte[0], 0x01)));
        assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
                HEX.formatHex(ReferenceKeccak.hash("abc".getBytes(StandardCharsets.US_ASCII), 0x01)));
    }

    @Test
    void matchesReferenceAtEveryLengthAroundBlockBoundaries() {
        Random rnd = new Random(0x4b454343L);
        for (int len = 0; len <= 3 * 136 + 2; len++) {
            byte[] m = new byte[len];
            rnd.nextBytes(m);
            assertArrayEquals(ReferenceKeccak.hash(m, 0x01), Keccak256.digest(m), "length " + len);
        }
    }

    @Test
    void oneMillionAs() {
        byte[] m = new byte[1_000_000];
        Arrays.fill(m, (byte) 'a');
        assertArrayEquals(ReferenceKeccak.hash(m, 0x01), Keccak256.digest(m));
    }

    /** The JDK's SHA3-256 shares the permutation: an independent check of Keccak-f itself. */
    @Test
    void permutationMatchesJdkSha3() throws Exception {
        MessageDigest sha3 = MessageDigest.getInstance("SHA3-256");
        Random rnd = new Random(0x53484133L);
        byte[] out = new byte[32];
        for (int len = 0; len <= 600; len += (len < 280 ? 1 : 37)) {
            byte[] m = new byte[len];
            rnd.nextBytes(m);
            Keccak256 k = new Keccak256((byte) 0x06);
            k.update(m, 0, len);
            k.digest(out, 0);
            assertArrayEquals(sha3.digest(m), out, "length " + len);
        }
    }

    @ParameterizedTest(name = "split seed {0}")
    @ValueSource(longs = {1, 2, 3})
    void streamingInPiecesEqualsOneShot(long seed) {
        Random rnd = new Random(seed);
        byte[] m = new byte[1000];
        rnd.nextBytes(m);
        Keccak256 k = new Keccak256();
        byte[] out = new byte[40];
        for (int trial = 0; trial < 20; trial++) {
            int p = 0;
            while (p < m.length) {
                int n = Math.min(m.length - p, rnd.nextInt(300));
                if (n == 1) {
                    k.update(m[p]);
                } else {
                    k.update(m, p, n);
                }
                p += n;
            }
            k.digest(out, 8); // also checks the output offset and the reset
            assertArrayEquals(Keccak256.digest(m), Arrays.copyOfRange(out, 8, 40));
        }
    }

    @Test
    void updateLongBigEndianEqualsBytes() {
        Random rnd = new Random(7);
        for (int prefix = 0; prefix < 140; prefix++) {
            byte[] m = new byte[prefix + 8 * 40];
            rnd.nextBytes(m);
            Keccak256 k = new Keccak256();
            k.update(m, 0, prefix);
            for (int i = 0; i < 40; i++) {
                long v = 0;
                for (int b = 0; b < 8; b++) {
                    v = (v << 8) | (m[prefix + 8 * i + b] & 0xFF);
                }
                k.updateLongBE(v);
            }
            byte[] out = new byte[32];
            k.digest(out, 0);
            assertArrayEquals(Keccak256.digest(m), out, "prefix " + prefix);
        }
    }
}
