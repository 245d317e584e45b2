package io.zkinfer.commit.transcript;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.field.Goldilocks;
import java.util.Arrays;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TranscriptTest {
    private static final HexFormat HEX = HexFormat.of();

    /** The worked example of docs/TRANSCRIPT.md: change both together, and bump the version. */
    @Test
    void goldenVectorSha256() {
        TranscriptVectors.Result r = TranscriptVectors.run(HashProfile.SHA256);
        assertEquals("d67cc916addad30586e396f3161f7504befb5ac08f105a0fac617c56f24b5e4b", r.initState());
        assertEquals("f762545c0b7688982be2774c31b94d2acb527013e10dcb28415016646331597a", r.afterAbsorbs());
        assertEquals(Long.parseUnsignedLong("10318351542925928108"), r.alpha());
        assertArrayEquals(new long[] {Long.parseUnsignedLong("8181913352142935103"),
                Long.parseUnsignedLong("12015449043935212145"),
                Long.parseUnsignedLong("8385987845666202680")}, r.beta());
        assertArrayEquals(new int[] {298, 683, 275, 280}, r.queries());
        assertEquals(500, r.nonce());
        assertEquals("40f87669553343b7f0b6cb807c56c43c7cbd45f7536f32369da1fd756ad0db42", r.finalState());
        assertEquals(Long.parseUnsignedLong("11199511170042790170"), r.gamma());
    }

    @Test
    void goldenVectorKeccak256() {
        TranscriptVectors.Result r = TranscriptVectors.run(HashProfile.KECCAK256);
        assertEquals("4a78743111a95bda61af29fbcd4176dad43abdeb748ad09338b17991026fdb47", r.initState());
        assertEquals("2471ecc8459d6190c9bff1d75532ed22da1ed4515dacc6a7ac23b95ac3d86864", r.afterAbsorbs());
        assertEquals(Long.parseUnsignedLong("17521846809414395331"), r.alpha());
        assertArrayEquals(new long[] {Long.parseUnsignedLong("11329998308704621568"),
                Long.parseUnsignedLong("8072248674004421477"),
                Long.parseUnsignedLong("343251904502885420")}, r.beta());
        assertArrayEquals(new int[] {720, 655, 374, 250}, r.queries());
        assertEquals(50, r.nonce());
        assertEquals("fc75b1cb715c1f47cc95338734a3368d41c93e7ad5a4e0b062adffc003bdb954", r.finalState());
        assertEquals(Long.parseUnsignedLong("13706699877003009736"), r.gamma());
    }

    /** The page, re-implemented independently, agrees with the implementation step by step. */
    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void matchesIndependentReimplementationOfTheSpec(HashProfile profile) {
        TranscriptVectors.Result r = TranscriptVectors.run(profile);
        TranscriptSpec s = new TranscriptSpec(profile, TranscriptVectors.DOMAIN);
        assertEquals(r.initState(), HEX.formatHex(s.state));
        s.op(0x01, "bytes", new byte[] {1, 2, 3});
        s.op(0x02, "fields", HEX.parseHex("0000000000000000" + "0000000000000001" + "ffffffff00000000"));
        byte[] root = new byte[32];
        for (int i = 0; i < 32; i++) {
            root[i] = (byte) i;
        }
        s.op(0x03, "root", root);
        s.op(0x04, "n", TranscriptSpec.u32(7));
        s.op(0x05, "m", TranscriptSpec.u64(-2));
        assertEquals(r.afterAbsorbs(), HEX.formatHex(s.state));
        assertEquals(r.alpha(), s.fields(0x10, "alpha", 1)[0]);
        assertArrayEquals(r.beta(), s.fields(0x11, "beta", 3));
        assertArrayEquals(r.queries(), s.indices("queries", 4, 1000));
        assertEquals(r.nonce(), s.grind("pow", 8));
        assertEquals(r.finalState(), HEX.formatHex(s.state));
        assertEquals(r.gamma(), s.fields(0x10, "gamma", 1)[0]);
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void longerSqueezesMatchSpecAcrossBlocks(HashProfile profile) {
        Transcript t = Transcript.create(profile, "d");
        TranscriptSpec s = new TranscriptSpec(profile, "d");
        assertArrayEquals(s.fields(0x10, "many", 37), t.challengeFields("many", 37));
        assertArrayEquals(s.indices("idx", 50, 12345), t.challengeIndices("idx", 50, 12345));
        assertArrayEquals(s.indices("pow2", 9, 1 << 20), t.challengeIndices("pow2", 9, 1 << 20));
        assertArrayEquals(s.indices("max", 9, Integer.MAX_VALUE), t.challengeIndices("max", 9, Integer.MAX_VALUE));
        assertArrayEquals(s.state, t.state());
    }

    @Test
    void indexRejectionLimit() {
        // 2^64 mod 3 = 1: only the single top word 2^64 - 1 is rejected.
        assertEquals(-1L, Transcript.indexLimit(3));
        // 2^64 mod 1000 = 616.
        assertEquals(-616L, Transcript.indexLimit(1000));
        // 2^64 mod 7 = 2 (2^3 = 1 mod 7).
        assertEquals(-2L, Transcript.indexLimit(7));
        // 2^64 mod (2^31 - 1) = 2^2 = 4 (2^31 = 1 mod 2^31 - 1).
        assertEquals(-4L, Transcript.indexLimit(Integer.MAX_VALUE));
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void deterministic(HashProfile profile) {
        assertEquals(TranscriptVectors.run(profile).describe(), TranscriptVectors.run(profile).describe());
    }

    /** Each variation of a base sequence must change the next challenge. */
    @Test
    void everyInputSeparatesChallenges() {
        Set<Long> seen = new HashSet<>();
        Consumer<Transcript> base = t -> {
            t.absorbBytes("a", new byte[] {1, 2});
            t.absorbField("b", 5);
        };
        addChallenge(seen, Transcript.create(HashProfile.SHA256, "ds"), base);
        addChallenge(seen, Transcript.create(HashProfile.KECCAK256, "ds"), base);
        addChallenge(seen, Transcript.create(HashProfile.SHA256, "ds2"), base);
        addChallenge(seen, Transcript.create(HashProfile.SHA256, "ds"), t -> {
            t.absorbField("b", 5);
            t.absorbBytes("a", new byte[] {1, 2});
        });
        addChallenge(seen, Transcript.create(HashProfile.SHA256, "ds"), t -> {
            t.absorbBytes("A", new byte[] {1, 2});
            t.absorbField("b", 5);
        });
        addChallenge(seen, Transcript.create(HashProfile.SHA256, "ds"), t -> {
            t.absorbBytes("a", new byte[] {1, 3});
            t.absorbField("b", 5);
        });
        addChallenge(seen, Transcript.create(HashProfile.SHA256, "ds"), t -> {
            t.absorbBytes("a", new byte[] {1, 2});
            t.absorbField("b", 6);
        });
        // Moving a byte between label and data, or between two absorbs, is not a collision.
        addChallenge(seen, Transcript.create(HashProfile.SHA256, "ds"), t -> {
            t.absorbBytes("a", new byte[] {1});
            t.absorbBytes("a", new byte[] {2});
            t.absorbField("b", 5);
        });
        // Same bytes under another kind of absorb (int 5 vs field 5 vs long 5).
        addChallenge(seen, Transcript.create(HashProfile.SHA256, "ds"), t -> {
            t.absorbBytes("a", new byte[] {1, 2});
            t.absorbLong("b", 5);
        });
        addChallenge(seen, Transcript.create(HashProfile.SHA256, "ds"), t -> {
            t.absorbBytes("a", new byte[] {1, 2});
            t.absorbBytes("b", Goldilocks.encode(5));
        });
        addChallenge(seen, Transcript.create(HashProfile.SHA256, "ds"), t -> { });
        assertEquals(11, seen.size());
    }

    private static void addChallenge(Set<Long> seen, Transcript t, Consumer<Transcript> ops) {
        ops.accept(t);
        seen.add(t.challengeField("c"));
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void successiveChallengesDifferAndLabelsMatter(HashProfile profile) {
        Transcript t = Transcript.create(profile, "ds");
        Transcript u = t.copy();
        long a = t.challengeField("x");
        long b = t.challengeField("x");
        assertNotEquals(a, b);
        assertNotEquals(a, u.copy().challengeField("y"));
        assertEquals(a, u.copy().challengeFields("x", 1)[0]);
        // An extension challenge is not the same request as the same number of base challenges.
        assertNotEquals(Arrays.toString(u.copy().challengeExtension("x", 2)),
                Arrays.toString(u.copy().challengeFields("x", 2)));
        // The request (count, bound) is bound: asking for more does not extend a shorter answer.
        assertNotEquals(u.copy().challengeFields("x", 2)[0], u.copy().challengeFields("x", 3)[0]);
        assertNotEquals(Arrays.toString(u.copy().challengeIndices("x", 4, 1 << 10)),
                Arrays.toString(u.copy().challengeIndices("x", 4, 1 << 11)));
    }

    /** Chi-square goodness of fit; the transcript is deterministic, so this is a fixed check. */
    private static double chiSquare(long[] counts, double[] expected) {
        double x = 0;
        for (int i = 0; i < counts.length; i++) {
            double d = counts[i] - expected[i];
            x += d * d / expected[i];
        }
        return x;
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void indicesLookUniform(HashProfile profile) {
        for (int bound : new int[] {10, 1 << 4, 3 << 29}) {
            Transcript t = Transcript.create(profile, "stats");
            int n = 200_000;
            int[] idx = t.challengeIndices("q", n, bound);
            int buckets = 10;
            long[] counts = new long[buckets];
            double[] expected = new double[buckets];
            for (int v : idx) {
                assertTrue(v >= 0 && v < bound);
                counts[(int) ((long) v * buckets / bound)]++;
            }
            for (int b = 0; b < buckets; b++) {
                // Exact share of [0, bound) that falls into bucket b.
                long lo = ((long) b * bound + buckets - 1) / buckets;
                long hi = ((long) (b + 1) * bound + buckets - 1) / buckets;
                expected[b] = (double) n * (hi - lo) / bound;
            }
            // 9 degrees of freedom: P(chi2 > 45) < 1e-6.
            double chi = chiSquare(counts, expected);
            assertTrue(chi < 45, "bound " + bound + ": chi2 = " + chi + " " + Arrays.toString(counts));
        }
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void fieldChallengesLookUniform(HashProfile profile) {
        Transcript t = Transcript.create(profile, "stats");
        int n = 160_000;
        long[] counts = new long[16];
        double[] expected = new double[16];
        for (long v : t.challengeFields("f", n)) {
            assertTrue(Goldilocks.isCanonical(v));
            counts[(int) (v >>> 60)]++;
        }
        Arrays.fill(expected, n / 16.0); // the top bucket misses only 2^32 - 1 of its 2^60 values
        double chi = chiSquare(counts, expected);
        // 15 degrees of freedom: P(chi2 > 60) < 1e-6.
        assertTrue(chi < 60, "chi2 = " + chi + " " + Arrays.toString(counts));
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void grindingRoundTrip(HashProfile profile) throws TranscriptException {
        for (int bits : new int[] {0, 1, 5, 10, 17}) {
            Transcript prover = Transcript.create(profile, "pow");
            prover.absorbField("x", bits);
            Transcript verifier = prover.copy();
            Transcript before = prover.copy();
            long nonce = prover.grind("g", bits);
            verifier.checkGrind("g", bits, nonce);
            assertArrayEquals(prover.state(), verifier.state(), "bits " + bits);
            assertEquals(prover.challengeField("next"), verifier.challengeField("next"));
            // Smallest nonce: every smaller one fails (checked exhaustively below 2^12).
            for (long smaller = 0; smaller < Math.min(nonce, 1 << 12); smaller++) {
                long s = smaller;
                assertThrows(TranscriptException.class, () -> before.copy().checkGrind("g", bits, s));
            }
            if (bits == 0) {
                assertEquals(0, nonce);
            }
        }
    }

    @Test
    void zeroBitsGrindingAbsorbsNothingAndAcceptsOnlyZero() throws TranscriptException {
        Transcript t = Transcript.create(HashProfile.SHA256, "pow");
        byte[] s = t.state();
        assertEquals(0, t.grind("g", 0));
        assertArrayEquals(s, t.state());
        t.checkGrind("g", 0, 0);
        assertArrayEquals(s, t.state());
        assertThrows(TranscriptException.class, () -> t.checkGrind("g", 0, 1));
    }

    @Test
    void wrongNonceIsRejectedAndStateUnchanged() {
        Transcript prover = Transcript.create(HashProfile.KECCAK256, "pow");
        Transcript verifier = prover.copy();
        long nonce = prover.grind("g", 12);
        byte[] s = verifier.state();
        // With 12 bits, a random neighbour fails with probability 1 - 2^-12; find a failing one.
        long bad = nonce + 1;
        while (Grinder.check(HashProfile.KECCAK256.hashFunction(), nextStateForGrind(verifier, 12), 12, bad)) {
            bad++;
        }
        long b = bad;
        assertThrows(TranscriptException.class, () -> verifier.checkGrind("g", 12, b));
        assertArrayEquals(s, verifier.state());
        // The right nonce under another label or difficulty fails too (up to a 2^-12 chance,
        // fixed by the deterministic inputs).
        assertThrows(TranscriptException.class, () -> verifier.copy().checkGrind("h", 12, nonce));
    }

    private static byte[] nextStateForGrind(Transcript t, int bits) {
        TranscriptSpec s = new TranscriptSpec(HashProfile.KECCAK256, "pow");
        s.state = t.state();
        s.op(0x20, "g", TranscriptSpec.u32(bits));
        return s.state;
    }

    @Test
    void parallelGrindFindsTheSmallestNonce() {
        // 16+ bits runs on all cores; the result must not depend on thread timing.
        Transcript t = Transcript.create(HashProfile.SHA256, "pow-par");
        byte[] s = nextState(t, 16);
        long found = Grinder.search(HashProfile.SHA256.hashFunction(), s, 16);
        for (long n = 0; n < found; n++) {
            assertTrue(!Grinder.check(HashProfile.SHA256.hashFunction(), s, 16, n), "nonce " + n);
        }
        assertTrue(Grinder.check(HashProfile.SHA256.hashFunction(), s, 16, found));
        assertEquals(found, t.copy().grind("g", 16));
    }

    private static byte[] nextState(Transcript t, int bits) {
        TranscriptSpec s = new TranscriptSpec(HashProfile.SHA256, "pow-par");
        s.state = t.state();
        s.op(0x20, "g", TranscriptSpec.u32(bits));
        return s.state;
    }

    @Test
    void misuseIsRejectedAndLeavesStateUnchanged() {
        Transcript t = Transcript.create(HashProfile.SHA256, "misuse");
        byte[] s = t.state();
        assertThrows(IllegalArgumentException.class, () -> t.absorbBytes("", new byte[1]));
        assertThrows(NullPointerException.class, () -> t.absorbBytes(null, new byte[1]));
        assertThrows(IllegalArgumentException.class, () -> t.challengeField(""));
        assertThrows(IllegalArgumentException.class, () -> t.absorbField("x", Goldilocks.P));
        assertThrows(IllegalArgumentException.class, () -> t.absorbFields("x", new long[] {1, -1L}));
        assertThrows(IllegalArgumentException.class, () -> t.absorbDigest("x", new byte[31]));
        assertThrows(IllegalArgumentException.class, () -> t.challengeIndices("x", 1, 0));
        assertThrows(IllegalArgumentException.class, () -> t.challengeIndices("x", -1, 4));
        assertThrows(IllegalArgumentException.class, () -> t.challengeFields("x", -1));
        assertThrows(IllegalArgumentException.class, () -> t.challengeExtension("x", 0));
        assertThrows(IllegalArgumentException.class, () -> t.grind("x", 65));
        assertThrows(IllegalArgumentException.class, () -> t.grind("", 0));
        assertThrows(IllegalArgumentException.class, () -> Transcript.create(HashProfile.SHA256, ""));
        assertArrayEquals(s, t.state());
        // Extreme canonical values are fine.
        t.absorbFields("ok", new long[] {0, 1, Goldilocks.P - 1, 1L << 32});
        assertEquals(0, t.challengeIndices("one", 5, 1)[4]);
    }

    @Test
    void absorbedArraysAreCopied() {
        Transcript a = Transcript.create(HashProfile.SHA256, "copy");
        Transcript b = a.copy();
        byte[] data = {9, 9};
        a.absorbBytes("d", data);
        data[0] = 0;
        b.absorbBytes("d", new byte[] {9, 9});
        assertArrayEquals(a.state(), b.state());
    }
}
