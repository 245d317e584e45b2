package io.zkinfer.commit.hash;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.field.Goldilocks;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class HashFunctionTest {
    private static final HexFormat HEX = HexFormat.of();

    @Test
    void sha256KnownAnswers() {
        HashFunction h = HashProfile.SHA256.hashFunction();
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HEX.formatHex(h.hash(new byte[0])));
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                HEX.formatHex(h.hash("abc".getBytes(StandardCharsets.US_ASCII))));
        assertEquals("248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
                HEX.formatHex(h.hash("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"
                        .getBytes(StandardCharsets.US_ASCII))));
    }

    @Test
    void keccakKnownAnswers() {
        HashFunction h = HashProfile.KECCAK256.hashFunction();
        assertEquals("c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
                HEX.formatHex(h.hash(new byte[0])));
        assertEquals("4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45",
                HEX.formatHex(h.hash("abc".getBytes(StandardCharsets.US_ASCII))));
    }

    /** Pins the leaf encoding of (0, 1, p-1) with a 3-byte salt, for both profiles. */
    @Test
    void hashElementsKnownAnswers() {
        long[] e = {0, 1, Goldilocks.P - 1};
        byte[] salt = {1, 2, 3};
        String enc = "0000000000000000" + "0000000000000001" + "ffffffff00000000" + "010203";
        for (HashProfile p : HashProfile.values()) {
            HashFunction h = p.hashFunction();
            assertArrayEquals(h.hash(HEX.parseHex(enc)), h.hashElements(e, 0, 3, salt), p.name());
        }
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void hashElementsIsHashOfBigEndianEncodingAndSalt(HashProfile profile) {
        HashFunction h = profile.hashFunction();
        Random rnd = new Random(11);
        for (int len = 0; len < 150; len += 7) {
            long[] e = new long[len + 5];
            for (int i = 0; i < e.length; i++) {
                e[i] = Goldilocks.reduce(rnd.nextLong());
            }
            for (byte[] salt : new byte[][] {null, new byte[0], new byte[32], new byte[13]}) {
                if (salt != null) {
                    rnd.nextBytes(salt);
                }
                byte[] enc = new byte[8 * len + (salt == null ? 0 : salt.length)];
                for (int i = 0; i < len; i++) {
                    Goldilocks.encode(e[2 + i], enc, 8 * i);
                }
                if (salt != null) {
                    System.arraycopy(salt, 0, enc, 8 * len, salt.length);
                }
                assertArrayEquals(h.hash(enc), h.hashElements(e, 2, len, salt));
            }
        }
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void compressIsHashOfConcatenation(HashProfile profile) {
        HashFunction h = profile.hashFunction();
        Random rnd = new Random(5);
        byte[] l = new byte[32];
        byte[] r = new byte[32];
        rnd.nextBytes(l);
        rnd.nextBytes(r);
        byte[] both = new byte[64];
        System.arraycopy(l, 0, both, 0, 32);
        System.arraycopy(r, 0, both, 32, 32);
        byte[] expected = h.hash(both);
        assertArrayEquals(expected, h.compress(l, r));
        byte[] out = new byte[40];
        h.compress(both, 0, out, 8);
        assertArrayEquals(expected, Arrays.copyOfRange(out, 8, 40));
        assertThrows(IllegalArgumentException.class, () -> h.compress(new byte[31], r));
        assertThrows(IllegalArgumentException.class, () -> h.compress(l, new byte[33]));
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void nonCanonicalElementIsRejectedAndEngineStaysClean(HashProfile profile) {
        HashFunction h = profile.hashFunction();
        long[] bad = {5, Goldilocks.P, 7};
        assertThrows(IllegalArgumentException.class, () -> h.hashElements(bad, 0, 3, null));
        assertThrows(IllegalArgumentException.class, () -> h.hashElements(new long[] {-1L}, 0, 1, null));
        // Only the in-range slice is checked.
        h.hashElements(bad, 0, 1, null);
        assertArrayEquals(h.hash(Goldilocks.encode(5)), h.hashElements(bad, 0, 1, null));
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void twoThreadsHashConcurrently(HashProfile profile) throws InterruptedException {
        HashFunction h = profile.hashFunction();
        long[] e = new long[64];
        for (int i = 0; i < e.length; i++) {
            e[i] = i * 0x9E3779B97F4A7C15L >>> 1;
        }
        byte[] expected = h.hashElements(e, 0, e.length, null);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Runnable work = () -> {
            try {
                for (int i = 0; i < 20_000; i++) {
                    if (!Arrays.equals(expected, h.hashElements(e, 0, e.length, null))) {
                        throw new AssertionError("digest changed under concurrency");
                    }
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        Thread a = new Thread(work);
        Thread b = new Thread(work);
        a.start();
        b.start();
        a.join();
        b.join();
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    @Test
    void profilesExposeTheirHash() {
        for (HashProfile p : HashProfile.values()) {
            assertEquals(p, p.hashFunction().profile());
        }
    }
}
