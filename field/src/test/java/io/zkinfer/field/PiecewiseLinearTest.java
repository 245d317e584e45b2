package io.zkinfer.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.TreeSet;
import java.util.function.LongUnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Piecewise-linear evaluation against folding ({@link Multilinear#evaluate}): the two must agree
 * exactly on planted random runs, on requantization tables, and on tables with many runs. Random
 * data comes from fixed seeds, which every parameterized display name prints.
 */
class PiecewiseLinearTest {
    static final long SEED = 0x9137_11AEL;
    static final int NO_LIMIT = Integer.MAX_VALUE;

    static Stream<Arguments> degreesSizesSeeds() {
        List<Arguments> out = new ArrayList<>();
        for (int d = 2; d <= 3; d++) {
            for (int m = 0; m <= 16; m++) {
                out.add(Arguments.of(d, m, SEED + 100 * d + m));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "degree {0}, 2^{1} values, seed {2}")
    @MethodSource("degreesSizesSeeds")
    void plantedRunsEvaluateLikeFolding(int d, int m, long seed) {
        ExtensionField f = ExtensionField.ofDegree(d);
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < 4; trial++) {
            int planted = 1 + rnd.nextInt(Math.min(8, 1 << m));
            long[] values = planted(rnd, m, planted);
            PiecewiseLinear runs = PiecewiseLinear.find(values, NO_LIMIT).orElseThrow();
            // Maximal runs never outnumber the planted ones (neighbours may merge).
            assertTrue(runs.runs() <= planted, runs.runs() + " runs found, " + planted + " planted");
            long[] z = FieldTestSupport.randomVector(rnd, m * d);
            assertArrayEquals(Multilinear.evaluate(f, values, z), runs.evaluate(f, z));
        }
    }

    /** Requantization tables f(clamp(i - 2^(m-1), lo, hi)) for identity and relu, as Requantize builds them. */
    @ParameterizedTest(name = "2^{0} values, seed {1}")
    @MethodSource("requantSizes")
    void requantizationTablesAreCheapAndExact(int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int half = 1 << (m - 1);
        long[][] clamps = {{-128, 127}, {-half, half - 1}, {-half - 5, half + 5}, {0, 0}, {-3, 7}};
        LongUnaryOperator relu = v -> Math.max(0, v);
        for (long[] clamp : clamps) {
            for (LongUnaryOperator fn : List.of(LongUnaryOperator.identity(), relu)) {
                long[] values = new long[1 << m];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Goldilocks.fromSigned(fn.applyAsLong(Math.max(clamp[0], Math.min(clamp[1], i - half))));
                }
                PiecewiseLinear runs = PiecewiseLinear.ifCheaper(values).orElseThrow();
                assertTrue(runs.runs() <= 4, runs.runs() + " runs");
                for (int d = 2; d <= 3; d++) {
                    ExtensionField f = ExtensionField.ofDegree(d);
                    long[] z = FieldTestSupport.randomVector(rnd, m * d);
                    assertArrayEquals(Multilinear.evaluate(f, values, z), runs.evaluate(f, z));
                }
            }
        }
    }

    static Stream<Arguments> requantSizes() {
        return Stream.of(11, 13, 14, 16).map(m -> Arguments.of(m, SEED ^ m));
    }

    /** Tables with many runs (a quadratic, random values) are left to folding, yet stay exact if forced. */
    @ParameterizedTest(name = "2^{0} values")
    @ValueSource(ints = {4, 10, 16})
    void manyRunsAreNotCheaperButStillExact(int m) {
        SplittableRandom rnd = new SplittableRandom(SEED + m);
        long[] square = new long[1 << m];
        for (int i = 0; i < square.length; i++) {
            square[i] = Goldilocks.fromSigned((long) i * i / 16);
        }
        long[] random = FieldTestSupport.randomVector(rnd, 1 << m);
        ExtensionField f = ExtensionField.ofDegree(2);
        for (long[] values : List.of(square, random)) {
            assertTrue(PiecewiseLinear.ifCheaper(values).isEmpty());
            long[] z = FieldTestSupport.randomVector(rnd, m * 2);
            assertArrayEquals(Multilinear.evaluate(f, values, z),
                    PiecewiseLinear.find(values, NO_LIMIT).orElseThrow().evaluate(f, z));
        }
    }

    @Test
    void edgeValuesAndBooleanPoints() {
        ExtensionField f = ExtensionField.ofDegree(2);
        // A slope of -1 wraps through 0 into p - 1, p - 2, ...; a jump back to 2^32 after.
        long[] values = new long[64];
        for (int i = 0; i < 64; i++) {
            values[i] = i < 40 ? Goldilocks.fromSigned(3 - i) : 1L << 32;
        }
        PiecewiseLinear runs = PiecewiseLinear.find(values, NO_LIMIT).orElseThrow();
        assertEquals(2, runs.runs());
        // At a Boolean point the extension is the value at that index.
        for (int i = 0; i < 64; i++) {
            long[] z = new long[12];
            for (int j = 0; j < 6; j++) {
                z[2 * j] = i >>> j & 1;
            }
            assertArrayEquals(f.fromBase(values[i]), runs.evaluate(f, z));
        }
    }

    @Test
    void oneValueAndLimits() {
        ExtensionField f = ExtensionField.ofDegree(3);
        long v = Goldilocks.P - 1;
        PiecewiseLinear one = PiecewiseLinear.ifCheaper(new long[] {v}).orElseThrow();
        assertArrayEquals(f.fromBase(v), one.evaluate(f, new long[0]));
        long[] two = {5, 9};
        assertTrue(PiecewiseLinear.find(two, 0).isEmpty());
        assertThrows(IllegalArgumentException.class,
                () -> PiecewiseLinear.find(two, 1).orElseThrow().evaluate(f, new long[6]));
    }

    /** values of 2^m entries on {@code runs} runs with random breaks, starts and slopes (some 0, some negative). */
    static long[] planted(SplittableRandom rnd, int m, int runs) {
        int n = 1 << m;
        TreeSet<Integer> breaks = new TreeSet<>(List.of(0, n));
        while (breaks.size() < runs + 1) {
            breaks.add(1 + rnd.nextInt(n - 1));
        }
        long[] values = new long[n];
        Integer a = 0;
        for (Integer b = breaks.higher(a); b != null; a = b, b = breaks.higher(b)) {
            long start = FieldTestSupport.randomElement(rnd);
            long slope = switch (rnd.nextInt(4)) {
                case 0 -> 0;
                case 1 -> Goldilocks.fromSigned(rnd.nextLong(-3, 4));
                default -> FieldTestSupport.randomElement(rnd);
            };
            for (int i = a; i < b; i++) {
                values[i] = Goldilocks.add(start, Goldilocks.mul(slope, i - a));
            }
        }
        return values;
    }
}
