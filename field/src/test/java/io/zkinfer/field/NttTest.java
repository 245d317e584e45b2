package io.zkinfer.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Radix-2 NTTs against naive polynomial evaluation, round trips, convolution and the low-degree
 * extension. Random data comes from fixed seeds, which every parameterized display name prints.
 */
class NttTest {
    static final long P = Goldilocks.P;
    static final long SEED = 0x5EED_0771L;
    static final int MAX_ROUND_TRIP_LOG = 16;
    static final int MAX_FULL_NAIVE_LOG = 10;

    static long randomElement(SplittableRandom rnd) {
        return FieldTestSupport.randomElement(rnd);
    }

    static long[] randomVector(SplittableRandom rnd, int len) {
        return FieldTestSupport.randomVector(rnd, len);
    }

    static long randomNonZero(SplittableRandom rnd) {
        long x;
        do {
            x = randomElement(rnd);
        } while (x == 0);
        return x;
    }

    /** Limb l of an interleaved vector of the given width. */
    static long[] limb(long[] v, int width, int l) {
        long[] r = new long[v.length / width];
        for (int i = 0; i < r.length; i++) {
            r[i] = v[i * width + l];
        }
        return r;
    }

    /** Horner evaluation of sum c_i x^i. */
    static long evalPoly(long[] c, long x) {
        long acc = 0;
        for (int i = c.length - 1; i >= 0; i--) {
            acc = Goldilocks.add(Goldilocks.mul(acc, x), c[i]);
        }
        return acc;
    }

    static Stream<Arguments> sizesAndWidths() {
        List<Arguments> out = new ArrayList<>();
        for (int log = 0; log <= MAX_ROUND_TRIP_LOG; log++) {
            for (int width = 1; width <= 3; width++) {
                out.add(Arguments.of(log, width, SEED + 31L * log + width));
            }
        }
        return out.stream();
    }

    // ---------------------------------------------------------------- round trips and naive evaluation

    @ParameterizedTest(name = "logN={0} width={1} seed={2}")
    @MethodSource("sizesAndWidths")
    void roundTrips(int log, int width, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 << log;
        long[] coeffs = randomVector(rnd, n * width);

        long[] a = coeffs.clone();
        Ntt.forward(a, width);
        Ntt.inverse(a, width);
        assertArrayEquals(coeffs, a, "inverse(forward(a))");

        a = coeffs.clone();
        Ntt.inverse(a, width);
        Ntt.forward(a, width);
        assertArrayEquals(coeffs, a, "forward(inverse(a))");

        for (long shift : new long[] {1L, Goldilocks.GENERATOR, randomNonZero(rnd)}) {
            a = coeffs.clone();
            Ntt.forwardCoset(a, width, shift);
            Ntt.inverseCoset(a, width, shift);
            assertArrayEquals(coeffs, a, "inverseCoset(forwardCoset(a)), shift=" + Long.toUnsignedString(shift));
        }
        if (width == 1) {
            long shift = randomNonZero(rnd);
            a = coeffs.clone();
            Ntt.forwardCoset(a, shift);
            Ntt.inverseCoset(a, shift);
            assertArrayEquals(coeffs, a, "base coset round trip, shift=" + Long.toUnsignedString(shift));
        }
    }

    @ParameterizedTest(name = "logN={0} width={1} seed={2}")
    @MethodSource("sizesAndWidths")
    void forwardMatchesNaiveEvaluation(int log, int width, long seed) {
        SplittableRandom rnd = new SplittableRandom(~seed);
        int n = 1 << log;
        long[] coeffs = randomVector(rnd, n * width);
        long w = Goldilocks.rootOfUnity(log);
        long shift = randomNonZero(rnd);
        long[] evals = coeffs.clone();
        Ntt.forward(evals, width);
        long[] coset = coeffs.clone();
        Ntt.forwardCoset(coset, width, shift);

        int[] js;
        if (log <= MAX_FULL_NAIVE_LOG) {
            js = new int[n];
            for (int j = 0; j < n; j++) {
                js[j] = j;
            }
        } else {
            js = new int[18];
            js[0] = 0;
            js[1] = n - 1;
            for (int k = 2; k < js.length; k++) {
                js[k] = rnd.nextInt(n);
            }
        }
        // The cost of the full naive check at 2^10 is n^2 per limb, so check the coset only at a few points there.
        for (int l = 0; l < width; l++) {
            long[] c = limb(coeffs, width, l);
            for (int k = 0; k < js.length; k++) {
                int j = js[k];
                long x = Goldilocks.pow(w, j);
                assertEquals(evalPoly(c, x), evals[j * width + l], "a(w^" + j + ") limb " + l);
                if (k < 24 || log <= 6) {
                    assertEquals(evalPoly(c, Goldilocks.mul(shift, x)), coset[j * width + l],
                            "a(shift w^" + j + ") limb " + l + " shift=" + Long.toUnsignedString(shift));
                }
            }
        }
    }

    /** The tiled permutation (from 2^12) against the definition: a[i] moves to rev(i). */
    @ParameterizedTest(name = "logN={0}")
    @ValueSource(ints = {0, 1, 2, 3, 7, 11, 12, 13, 14, 17})
    void bitReverseMatchesDefinition(int log) {
        int n = 1 << log;
        long[] a = new long[n];
        for (int i = 0; i < n; i++) {
            a[i] = i;
        }
        Ntt.bitReverse(a);
        for (int i = 0; i < n; i++) {
            long expected = log == 0 ? 0 : Integer.reverse(i) >>> (32 - log);
            assertEquals(expected, a[i], "index " + i + " of 2^" + log);
        }
    }

    @Test
    void rootsOfUnityArePrimitive() {
        for (int log = 1; log <= Goldilocks.TWO_ADICITY; log++) {
            long w = Goldilocks.rootOfUnity(log);
            assertEquals(P - 1, Goldilocks.pow(w, 1L << (log - 1)), "w^(n/2) = -1 for n = 2^" + log);
        }
        assertEquals(1L, Goldilocks.rootOfUnity(0));
    }

    @Test
    void transformOfMonomialsAndConstants() {
        for (int log = 0; log <= 12; log++) {
            int n = 1 << log;
            long w = Goldilocks.rootOfUnity(log);
            // forward(e_k)[j] = w^(jk)
            int k = (n / 2 + 1) % n;
            long[] e = new long[n];
            e[k] = 1;
            Ntt.forward(e);
            for (int j = 0; j < n; j++) {
                assertEquals(Goldilocks.pow(w, (long) j * k), e[j], "n=" + n + " k=" + k + " j=" + j);
            }
            // forward(e_0) = (1, ..., 1); inverse(1, ..., 1) = e_0.
            long[] ones = new long[n];
            Arrays.fill(ones, 1L);
            long[] e0 = new long[n];
            e0[0] = 1;
            long[] t = e0.clone();
            Ntt.forward(t);
            assertArrayEquals(ones, t, "forward(e_0) at n=" + n);
            Ntt.inverse(ones);
            assertArrayEquals(e0, ones, "inverse(1,...,1) = e_0 at n=" + n);
        }
    }

    // ---------------------------------------------------------------- convolution

    static long[] naiveProduct(long[] a, long[] b) {
        long[] c = new long[a.length + b.length - 1];
        for (int i = 0; i < a.length; i++) {
            for (int j = 0; j < b.length; j++) {
                c[i + j] = Goldilocks.add(c[i + j], Goldilocks.mul(a[i], b[j]));
            }
        }
        return c;
    }

    static Stream<Arguments> convolutionCases() {
        List<Arguments> out = new ArrayList<>();
        int[][] lens = {{1, 1}, {1, 5}, {2, 2}, {3, 4}, {7, 9}, {16, 16}, {33, 31}, {100, 28}, {256, 256}, {500, 523}};
        for (int[] l : lens) {
            out.add(Arguments.of(l[0], l[1], SEED ^ (l[0] * 1000L + l[1])));
        }
        return out.stream();
    }

    @ParameterizedTest(name = "lenA={0} lenB={1} seed={2}")
    @MethodSource("convolutionCases")
    void linearConvolution(int lenA, int lenB, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] a = randomVector(rnd, lenA);
        long[] b = randomVector(rnd, lenB);
        long[] expected = naiveProduct(a, b);
        int n = Integer.highestOneBit(Math.max(1, expected.length - 1)) << 1;
        if (expected.length == 1) {
            n = 1;
        }
        long[] fa = Arrays.copyOf(a, n);
        long[] fb = Arrays.copyOf(b, n);
        Ntt.forward(fa);
        Ntt.forward(fb);
        for (int i = 0; i < n; i++) {
            fa[i] = Goldilocks.mul(fa[i], fb[i]);
        }
        Ntt.inverse(fa);
        assertArrayEquals(expected, Arrays.copyOf(fa, expected.length), "product coefficients");
        for (int i = expected.length; i < n; i++) {
            assertEquals(0L, fa[i], "padding coefficient " + i);
        }
        // Same product evaluated on a coset.
        long shift = Goldilocks.GENERATOR;
        fa = Arrays.copyOf(a, n);
        fb = Arrays.copyOf(b, n);
        Ntt.forwardCoset(fa, shift);
        Ntt.forwardCoset(fb, shift);
        for (int i = 0; i < n; i++) {
            fa[i] = Goldilocks.mul(fa[i], fb[i]);
        }
        Ntt.inverseCoset(fa, shift);
        assertArrayEquals(expected, Arrays.copyOf(fa, expected.length), "coset product coefficients");
    }

    static Stream<Arguments> cyclicCases() {
        return Stream.of(0, 1, 2, 3, 5, 8, 10).map(log -> Arguments.of(log, SEED + log));
    }

    @ParameterizedTest(name = "logN={0} seed={1}")
    @MethodSource("cyclicCases")
    void cyclicConvolution(int log, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 << log;
        long[] a = randomVector(rnd, n);
        long[] b = randomVector(rnd, n);
        long[] expected = new long[n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int k = (i + j) & (n - 1);
                expected[k] = Goldilocks.add(expected[k], Goldilocks.mul(a[i], b[j]));
            }
        }
        long[] fa = a.clone();
        long[] fb = b.clone();
        Ntt.forward(fa);
        Ntt.forward(fb);
        for (int i = 0; i < n; i++) {
            fa[i] = Goldilocks.mul(fa[i], fb[i]);
        }
        Ntt.inverse(fa);
        assertArrayEquals(expected, fa, "cyclic convolution mod X^n - 1, n=" + n);
    }

    @ParameterizedTest(name = "width={0} lenA={1} lenB={2}")
    @MethodSource("extensionConvolutionCases")
    void extensionLinearConvolution(int width, int lenA, int lenB) {
        ExtensionField f = ExtensionField.ofDegree(width);
        SplittableRandom rnd = new SplittableRandom(SEED * width + lenA * 7L + lenB);
        long[] a = randomVector(rnd, lenA * width);
        long[] b = randomVector(rnd, lenB * width);
        int outLen = lenA + lenB - 1;
        long[] expected = new long[outLen * width];
        for (int i = 0; i < lenA; i++) {
            for (int j = 0; j < lenB; j++) {
                f.mulAdd(expected, (i + j) * width, expected, (i + j) * width, a, i * width, b, j * width);
            }
        }
        int n = Integer.highestOneBit(outLen) == outLen ? outLen : Integer.highestOneBit(outLen) << 1;
        long[] fa = Arrays.copyOf(a, n * width);
        long[] fb = Arrays.copyOf(b, n * width);
        Ntt.forward(fa, width);
        Ntt.forward(fb, width);
        for (int i = 0; i < n; i++) {
            f.mul(fa, i * width, fa, i * width, fb, i * width);
        }
        Ntt.inverse(fa, width);
        assertArrayEquals(expected, Arrays.copyOf(fa, outLen * width), "extension product, width " + width);
    }

    static Stream<Arguments> extensionConvolutionCases() {
        return Stream.of(
                Arguments.of(2, 1, 1), Arguments.of(2, 5, 12), Arguments.of(2, 64, 65),
                Arguments.of(3, 1, 3), Arguments.of(3, 17, 16), Arguments.of(3, 100, 29));
    }

    // ---------------------------------------------------------------- low-degree extension

    static Stream<Arguments> extendCases() {
        int[][] pairs = {{0, 0}, {0, 3}, {1, 1}, {1, 4}, {2, 2}, {3, 5}, {4, 9}, {5, 6}, {6, 12}, {8, 10}, {10, 11}, {12, 14}};
        List<Arguments> out = new ArrayList<>();
        for (int[] p : pairs) {
            for (int width = 1; width <= 3; width++) {
                out.add(Arguments.of(p[0], p[1], width, SEED + 100L * p[0] + 10L * p[1] + width));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "m={0} logN={1} width={2} seed={3}")
    @MethodSource("extendCases")
    void extendEqualsPaddedCosetTransform(int m, int logN, int width, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        long[] coeffs = randomVector(rnd, width << m);
        long[] original = coeffs.clone();
        for (long shift : new long[] {1L, Goldilocks.GENERATOR, randomNonZero(rnd)}) {
            long[] ext = Ntt.extend(coeffs, width, logN, shift);
            assertArrayEquals(original, coeffs, "extend must not modify its input");
            long[] padded = Arrays.copyOf(coeffs, width << logN);
            Ntt.forwardCoset(padded, width, shift);
            assertArrayEquals(padded, ext, "extend(2^" + m + " -> 2^" + logN + ", width " + width + ", shift "
                    + Long.toUnsignedString(shift) + ")");
        }
    }

    @Test
    void extendRejectsBadSizes() {
        assertThrows(IllegalArgumentException.class, () -> Ntt.extend(new long[8], 1, 2, 7));
        assertThrows(IllegalArgumentException.class, () -> Ntt.extend(new long[16], 2, 2, 7));
        assertThrows(IllegalArgumentException.class, () -> Ntt.extend(new long[3], 1, 4, 7));
        assertThrows(IllegalArgumentException.class, () -> Ntt.extend(new long[9], 3, 4, 7));
        assertThrows(IllegalArgumentException.class, () -> Ntt.extend(new long[0], 1, 4, 7));
        assertThrows(IllegalArgumentException.class, () -> Ntt.extend(new long[4], 1, Ntt.MAX_LOG_SIZE + 1, 7));
    }

    /** Like the width variants of forward/inverse, extend should reject a ragged interleaved vector. */
    @Test
    void extendRejectsLengthNotAMultipleOfWidth() {
        assertThrows(IllegalArgumentException.class, () -> Ntt.extend(new long[5], 2, 3, 7));
        assertThrows(IllegalArgumentException.class, () -> Ntt.extend(new long[7], 3, 3, 7));
    }

    // ---------------------------------------------------------------- bad sizes

    @ParameterizedTest(name = "length={0}")
    @ValueSource(ints = {0, 3, 5, 6, 7, 12, 1000, 1025})
    void nonPowerOfTwoSizesThrow(int len) {
        assertThrows(IllegalArgumentException.class, () -> Ntt.forward(new long[len]));
        assertThrows(IllegalArgumentException.class, () -> Ntt.inverse(new long[len]));
        assertThrows(IllegalArgumentException.class, () -> Ntt.forwardCoset(new long[len], 7));
        assertThrows(IllegalArgumentException.class, () -> Ntt.inverseCoset(new long[len], 7));
        for (int width = 2; width <= 3; width++) {
            int w = width;
            assertThrows(IllegalArgumentException.class, () -> Ntt.forward(new long[len * w], w));
            assertThrows(IllegalArgumentException.class, () -> Ntt.inverse(new long[len * w], w));
            assertThrows(IllegalArgumentException.class, () -> Ntt.forwardCoset(new long[len * w], w, 7));
            assertThrows(IllegalArgumentException.class, () -> Ntt.inverseCoset(new long[len * w], w, 7));
        }
    }

    @Test
    void lengthNotAMultipleOfWidthThrows() {
        assertThrows(IllegalArgumentException.class, () -> Ntt.forward(new long[5], 2));
        assertThrows(IllegalArgumentException.class, () -> Ntt.inverse(new long[8], 3));
        assertThrows(IllegalArgumentException.class, () -> Ntt.forwardCoset(new long[7], 2, 7));
    }

    // ---------------------------------------------------------------- large sizes

    @Test
    void roundTrip2To22() {
        int log = 22;
        SplittableRandom rnd = new SplittableRandom(SEED + log);
        long[] coeffs = randomVector(rnd, 1 << log);
        long[] a = coeffs.clone();
        Ntt.forward(a);
        long w = Goldilocks.rootOfUnity(log);
        for (int k = 0; k < 3; k++) {
            int j = k == 0 ? 1 : rnd.nextInt(1 << log);
            assertEquals(evalPoly(coeffs, Goldilocks.pow(w, j)), a[j], "a(w^" + j + ") at 2^22");
        }
        Ntt.inverse(a);
        assertArrayEquals(coeffs, a, "round trip at 2^22");
    }

    /**
     * The transform of the polynomial X at a large size is exactly the powers of w, and the inverse
     * brings e_1 back. 2^24 (128 MiB) runs by default; 2^26 (512 MiB, plus 256 MiB of uncached
     * twiddles, about 20 s on two cores) only with {@code -Dzkinfer.ntt.huge=true}.
     */
    @Test
    void monomialAt2To24() {
        checkMonomial(24);
    }

    @Test
    @EnabledIfSystemProperty(named = "zkinfer.ntt.huge", matches = "true")
    void monomialAt2To26() {
        checkMonomial(26);
    }

    static void checkMonomial(int log) {
        int n = 1 << log;
        long[] a = new long[n];
        a[1] = 1;
        Ntt.forward(a);
        long w = Goldilocks.rootOfUnity(log);
        // Every entry: a[j] = w^j, checked as a[0] = 1 and a[j+1] = a[j] * w.
        assertEquals(1L, a[0]);
        for (int j = 0; j + 1 < n; j++) {
            if (a[j + 1] != Goldilocks.mul(a[j], w)) {
                assertEquals(Goldilocks.mul(a[j], w), a[j + 1], "forward(X)[" + (j + 1) + "] at 2^" + log);
            }
        }
        SplittableRandom rnd = new SplittableRandom(SEED + log);
        for (int k = 0; k < 8; k++) {
            int j = rnd.nextInt(n);
            assertEquals(Goldilocks.pow(w, j), a[j], "forward(X)[" + j + "] = w^j at 2^" + log);
        }
        assertEquals(P - 1, a[n / 2], "w^(n/2) = -1");
        Ntt.inverse(a);
        assertEquals(0L, a[0]);
        assertEquals(1L, a[1]);
        for (int i = 2; i < n; i++) {
            if (a[i] != 0) {
                assertEquals(0L, a[i], "inverse(forward(X)) coefficient " + i + " at 2^" + log);
            }
        }
    }
}
