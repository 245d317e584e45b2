package io.zkinfer.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Goldilocks arithmetic against a {@link BigInteger} reference, on edge values and on values
 * drawn from a fixed seed (printed in every parameterized test's display name, so a failure
 * names the seed and the operands that reproduce it).
 */
class GoldilocksTest {
    /** The seed of every random case; change it only together with nothing else. */
    static final long SEED = 0x5EED_600DL;

    static final int RANDOM_CASES = 256;

    static final BigInteger P_BIG = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE.shiftLeft(32)).add(BigInteger.ONE);
    static final long P = Goldilocks.P;

    /** Canonical edge values: 0, 1, p-1 and the neighbourhoods of 2^32, 2^63 and p/2. */
    static final long[] CANONICAL_EDGES = {
        0L, 1L, 2L, 3L, 7L,
        P - 1, P - 2,
        (P - 1) >>> 1, ((P - 1) >>> 1) + 1, // (p-1)/2 and (p+1)/2: the toSigned boundary
        1L << 32, (1L << 32) - 1, (1L << 32) + 1,
        1L << 31, 1L << 63, (1L << 63) - 1, (1L << 63) + 1,
        0xFFFF_FFFE_FFFF_FFFFL, // p - 2 written out: high word all ones but one bit
        0xFFFF_FFFF_0000_0000L, // p - 1
        0x0000_0001_0000_0000L,
        0x1234_5678_9ABC_DEF0L,
    };

    /** 64-bit words that are not canonical: p and above. */
    static final long[] NON_CANONICAL = {
        P, P + 1, P + 2, -1L /* 2^64 - 1 */, -2L, 0xFFFF_FFFF_7FFF_FFFFL, 0xFFFF_FFFF_FFFF_0000L,
        P + 0xFFFF_FFFDL, // 2^64 - 2: the largest value below 2^64 - 1
    };

    // ---------------------------------------------------------------- the reference

    static BigInteger big(long x) {
        return new BigInteger(Long.toUnsignedString(x));
    }

    static long ref(BigInteger x) {
        return x.mod(P_BIG).longValue();
    }

    static String hex(long x) {
        return "0x" + Long.toHexString(x);
    }

    static Named<Long> named(long x) {
        return Named.of(hex(x), x);
    }

    // ---------------------------------------------------------------- value sources

    /** A canonical value: uniform, or biased towards the edges (small, near p, near 2^32 multiples). */
    static long randomCanonical(SplittableRandom rnd) {
        while (true) {
            long x;
            switch (rnd.nextInt(4)) {
                case 0 -> x = rnd.nextLong(1L << 33);
                case 1 -> x = P - 1 - rnd.nextLong(1L << 33);
                case 2 -> x = (rnd.nextLong() & 0xFFFF_FFFF_0000_0000L) | rnd.nextInt(4);
                default -> x = rnd.nextLong();
            }
            if (Goldilocks.isCanonical(x)) {
                return x;
            }
        }
    }

    static Stream<Arguments> pairs() {
        List<Arguments> out = new ArrayList<>();
        for (long a : CANONICAL_EDGES) {
            for (long b : CANONICAL_EDGES) {
                out.add(Arguments.of(named(a), named(b)));
            }
        }
        SplittableRandom rnd = new SplittableRandom(SEED);
        for (int i = 0; i < RANDOM_CASES; i++) {
            out.add(Arguments.of(named(randomCanonical(rnd)), named(randomCanonical(rnd))));
        }
        return out.stream();
    }

    static Stream<Arguments> singles() {
        List<Arguments> out = new ArrayList<>();
        for (long a : CANONICAL_EDGES) {
            out.add(Arguments.of(named(a)));
        }
        SplittableRandom rnd = new SplittableRandom(SEED + 1);
        for (int i = 0; i < RANDOM_CASES; i++) {
            out.add(Arguments.of(named(randomCanonical(rnd))));
        }
        return out.stream();
    }

    /** Any 64-bit words: canonical edges, non-canonical words and uniform random words. */
    static Stream<Arguments> words() {
        List<Arguments> out = new ArrayList<>();
        for (long a : CANONICAL_EDGES) {
            out.add(Arguments.of(named(a)));
        }
        for (long a : NON_CANONICAL) {
            out.add(Arguments.of(named(a)));
        }
        out.add(Arguments.of(named(Long.MIN_VALUE)));
        out.add(Arguments.of(named(Long.MAX_VALUE)));
        out.add(Arguments.of(named(-(P >>> 1))));
        SplittableRandom rnd = new SplittableRandom(SEED + 2);
        for (int i = 0; i < RANDOM_CASES; i++) {
            out.add(Arguments.of(named(rnd.nextLong())));
        }
        return out.stream();
    }

    static Stream<Arguments> powCases() {
        long[] exponents = {0, 1, 2, 3, P - 2, P - 1, P, -1L, 1L << 32, 1L << 63};
        List<Arguments> out = new ArrayList<>();
        SplittableRandom rnd = new SplittableRandom(SEED + 3);
        for (long a : new long[] {0, 1, 2, 7, P - 1, 1L << 32, (1L << 32) - 1}) {
            for (long e : exponents) {
                out.add(Arguments.of(named(a), named(e)));
            }
        }
        for (int i = 0; i < 64; i++) {
            out.add(Arguments.of(named(randomCanonical(rnd)), named(rnd.nextLong())));
        }
        return out.stream();
    }

    // ---------------------------------------------------------------- binary operations

    @ParameterizedTest(name = "seed=" + SEED + " a={0} b={1}")
    @MethodSource("pairs")
    void addSubMulMatchBigInteger(long a, long b) {
        BigInteger ba = big(a);
        BigInteger bb = big(b);
        assertEquals(ref(ba.add(bb)), Goldilocks.add(a, b), "add");
        assertEquals(ref(ba.subtract(bb)), Goldilocks.sub(a, b), "sub");
        assertEquals(ref(ba.multiply(bb)), Goldilocks.mul(a, b), "mul");
        // The results are canonical, and the operations are consistent with each other.
        assertTrue(Goldilocks.isCanonical(Goldilocks.add(a, b)));
        assertTrue(Goldilocks.isCanonical(Goldilocks.sub(a, b)));
        assertTrue(Goldilocks.isCanonical(Goldilocks.mul(a, b)));
        assertEquals(a, Goldilocks.sub(Goldilocks.add(a, b), b), "(a + b) - b");
        assertEquals(Goldilocks.mul(b, a), Goldilocks.mul(a, b), "commutativity");
    }

    // ---------------------------------------------------------------- unary operations

    @ParameterizedTest(name = "seed=" + SEED + " a={0}")
    @MethodSource("singles")
    void negSquareDblMatchBigInteger(long a) {
        BigInteger ba = big(a);
        assertEquals(ref(ba.negate()), Goldilocks.neg(a), "neg");
        assertEquals(ref(ba.multiply(ba)), Goldilocks.square(a), "square");
        assertEquals(ref(ba.shiftLeft(1)), Goldilocks.dbl(a), "dbl");
        assertEquals(0L, Goldilocks.add(a, Goldilocks.neg(a)), "a + (-a)");
    }

    @ParameterizedTest(name = "seed=" + SEED + " a={0}")
    @MethodSource("singles")
    void inverseMatchesBigInteger(long a) {
        if (a == 0) {
            assertThrows(ArithmeticException.class, () -> Goldilocks.inverse(0));
            return;
        }
        long inv = Goldilocks.inverse(a);
        assertEquals(ref(big(a).modInverse(P_BIG)), inv);
        assertEquals(1L, Goldilocks.mul(a, inv));
    }

    @ParameterizedTest(name = "seed=" + SEED + " a={0} e={1}")
    @MethodSource("powCases")
    void powMatchesBigInteger(long a, long e) {
        assertEquals(ref(big(a).modPow(big(e), P_BIG)), Goldilocks.pow(a, e));
    }

    // ---------------------------------------------------------------- reduction and signed values

    @ParameterizedTest(name = "seed=" + SEED + " x={0}")
    @MethodSource("words")
    void reduceAcceptsAnyWord(long x) {
        assertEquals(ref(big(x)), Goldilocks.reduce(x));
        assertEquals(Long.compareUnsigned(x, P) < 0, Goldilocks.isCanonical(x), "isCanonical");
    }

    @ParameterizedTest(name = "seed=" + SEED + " v={0}")
    @MethodSource("words")
    void fromSignedIsVModP(long v) {
        assertEquals(ref(BigInteger.valueOf(v)), Goldilocks.fromSigned(v));
    }

    @ParameterizedTest(name = "seed=" + SEED + " x={0}")
    @MethodSource("singles")
    void toSignedDecodesOntoTheSymmetricRange(long x) {
        long v = Goldilocks.toSigned(x);
        BigInteger bv = BigInteger.valueOf(v);
        // v = x (mod p) and |v| <= (p-1)/2, i.e. v in (-p/2, p/2).
        assertEquals(x, ref(bv));
        assertTrue(bv.abs().compareTo(P_BIG.subtract(BigInteger.ONE).shiftRight(1)) <= 0, "range");
        assertEquals(x, Goldilocks.fromSigned(v), "fromSigned(toSigned(x))");
    }

    @Test
    void signedEmbeddingRoundTripsOnTheSymmetricRange() {
        long half = (P - 1) >>> 1; // (p-1)/2
        long[] values = {0, 1, -1, 127, -128, 32767, -32768, Integer.MAX_VALUE, Integer.MIN_VALUE,
            1L << 62, -(1L << 62), half, -half};
        for (long v : values) {
            assertEquals(v, Goldilocks.toSigned(Goldilocks.fromSigned(v)), "v=" + v);
        }
        assertEquals(half, Goldilocks.toSigned(half));
        assertEquals(-half, Goldilocks.toSigned(half + 1));
        assertEquals(-1L, Goldilocks.toSigned(P - 1));
    }

    // ---------------------------------------------------------------- encoding

    @ParameterizedTest(name = "seed=" + SEED + " x={0}")
    @MethodSource("singles")
    void encodeIsBigEndianAndDecodeInvertsIt(long x) throws NonCanonicalEncodingException {
        byte[] expected = new byte[8];
        byte[] mag = big(x).toByteArray(); // big-endian, maybe with a leading sign byte
        int n = Math.min(mag.length, 8);
        System.arraycopy(mag, mag.length - n, expected, 8 - n, n);
        assertArrayEquals(expected, Goldilocks.encode(x));

        byte[] buf = new byte[13];
        Arrays.fill(buf, (byte) 0xA5);
        Goldilocks.encode(x, buf, 3);
        assertEquals((byte) 0xA5, buf[2], "wrote before the offset");
        assertEquals((byte) 0xA5, buf[11], "wrote past the element");
        assertEquals(x, Goldilocks.decode(buf, 3));
        assertEquals(x, Goldilocks.decode(expected, 0));
    }

    @Test
    void encodingAnArrayConcatenatesTheElementsEncodings() {
        long[] xs = {0, 1, P - 1, 1L << 32, 0x0123_4567_89AB_CDEFL, -1L};
        byte[] all = Goldilocks.encode(xs);
        assertEquals(8 * xs.length, all.length);
        for (int i = 0; i < xs.length; i++) {
            assertArrayEquals(Goldilocks.encode(xs[i]), Arrays.copyOfRange(all, 8 * i, 8 * i + 8), "element " + i);
        }
        assertEquals(0, Goldilocks.encode(new long[0]).length);
    }

    @ParameterizedTest(name = "x={0}")
    @MethodSource("nonCanonicalWords")
    void decodeRejectsNonCanonicalEncodings(long x) {
        byte[] bytes = new byte[10];
        for (int i = 0; i < 8; i++) {
            bytes[2 + i] = (byte) (x >>> (56 - 8 * i));
        }
        NonCanonicalEncodingException e =
                assertThrows(NonCanonicalEncodingException.class, () -> Goldilocks.decode(bytes, 2));
        assertTrue(e.getMessage().contains(Long.toUnsignedString(x)), e.getMessage());
    }

    static Stream<Arguments> nonCanonicalWords() {
        return Arrays.stream(NON_CANONICAL).mapToObj(x -> Arguments.of(named(x)));
    }

    // ---------------------------------------------------------------- batch inversion

    @ParameterizedTest(name = "seed=" + SEED + " n={0}")
    @ValueSource(ints = {1, 2, 3, 7, 64, 1001})
    void batchInverseMatchesInverse(int n) {
        SplittableRandom rnd = new SplittableRandom(SEED + n);
        long[] in = new long[n];
        for (int i = 0; i < n; i++) {
            do {
                in[i] = randomCanonical(rnd);
            } while (in[i] == 0);
        }
        in[0] = 1;
        if (n > 1) {
            in[n - 1] = P - 1;
        }
        long[] out = new long[n + 2];
        Goldilocks.batchInverse(out, in);
        for (int i = 0; i < n; i++) {
            assertEquals(Goldilocks.inverse(in[i]), out[i], "index " + i);
        }
        assertEquals(0L, out[n], "wrote past the input length");

        long[] inPlace = in.clone();
        Goldilocks.batchInverse(inPlace, inPlace);
        assertArrayEquals(Arrays.copyOf(out, n), inPlace, "in place");
    }

    @Test
    void batchInverseRejectsZero() {
        long[] in = {5, 9, 0, 11};
        ArithmeticException e =
                assertThrows(ArithmeticException.class, () -> Goldilocks.batchInverse(new long[4], in));
        assertTrue(e.getMessage().contains("index 2"), e.getMessage());
    }

    @Test
    void batchInverseEdgeShapes() {
        Goldilocks.batchInverse(new long[0], new long[0]);
        assertThrows(IllegalArgumentException.class, () -> Goldilocks.batchInverse(new long[1], new long[] {3, 4}));
    }

    // ---------------------------------------------------------------- the multiplicative group

    /** p - 1 = 2^32 * 3 * 5 * 17 * 257 * 65537. */
    static final long[] ODD_PRIME_FACTORS = {3, 5, 17, 257, 65537};

    @Test
    void orderFactorizationIsRight() {
        BigInteger product = BigInteger.ONE.shiftLeft(32);
        for (long q : ODD_PRIME_FACTORS) {
            assertTrue(BigInteger.valueOf(q).isProbablePrime(50));
            product = product.multiply(BigInteger.valueOf(q));
        }
        assertEquals(P_BIG.subtract(BigInteger.ONE), product);
        assertTrue(P_BIG.isProbablePrime(50), "p is prime");
        assertEquals(P_BIG.longValue(), P);
    }

    @Test
    void generatorGeneratesTheMultiplicativeGroup() {
        assertEquals(7L, Goldilocks.GENERATOR);
        long pMinus1 = P - 1;
        assertEquals(1L, Goldilocks.pow(Goldilocks.GENERATOR, pMinus1), "g^(p-1)");
        assertNotEquals(1L, Goldilocks.pow(Goldilocks.GENERATOR, Long.divideUnsigned(pMinus1, 2)), "q = 2");
        for (long q : ODD_PRIME_FACTORS) {
            assertNotEquals(1L, Goldilocks.pow(Goldilocks.GENERATOR, Long.divideUnsigned(pMinus1, q)), "q = " + q);
        }
    }

    @Test
    void rootOfUnity232HasOrderExactly2To32() {
        long r = Goldilocks.ROOT_OF_UNITY_2_32;
        assertEquals(32, Goldilocks.TWO_ADICITY);
        assertEquals(Goldilocks.pow(Goldilocks.GENERATOR, (P - 1) >>> 32), r, "g^((p-1)/2^32)");
        assertEquals(1L, Goldilocks.pow(r, 1L << 32));
        // The order divides 2^32; it is exactly 2^32 when r^(2^31) = -1 != 1.
        assertEquals(P - 1, Goldilocks.pow(r, 1L << 31));
    }

    static IntStream logSizes() {
        return IntStream.rangeClosed(0, 32);
    }

    @ParameterizedTest(name = "k={0}")
    @MethodSource("logSizes")
    void rootOfUnityHasOrderExactly2ToK(int k) {
        long w = Goldilocks.rootOfUnity(k);
        long x = w;
        for (int i = 0; i < k - 1; i++) {
            x = Goldilocks.square(x);
        }
        if (k == 0) {
            assertEquals(1L, w);
        } else {
            assertEquals(P - 1, x, "w^(2^(k-1)) = -1");
            assertEquals(1L, Goldilocks.square(x), "w^(2^k) = 1");
        }
    }

    @Test
    void rootOfUnityRejectsOutOfRangeSizes() {
        assertThrows(IllegalArgumentException.class, () -> Goldilocks.rootOfUnity(-1));
        assertThrows(IllegalArgumentException.class, () -> Goldilocks.rootOfUnity(33));
    }

    @Test
    void canonicalityIsExact() {
        assertTrue(Goldilocks.isCanonical(P - 1));
        assertFalse(Goldilocks.isCanonical(P));
        assertFalse(Goldilocks.isCanonical(-1L));
        assertTrue(Goldilocks.isCanonical(0));
    }
}
