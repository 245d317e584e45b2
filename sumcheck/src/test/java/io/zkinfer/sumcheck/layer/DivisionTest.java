package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.AccumulatorOverflowException;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Witness;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Floor division by a run-time divisor: completeness against Math.floorDiv, soundness, bounds,
 * with zero knowledge on (range checks included); and the zero check's zero-knowledge protocol
 * on the relation alone, without lookups.
 */
class DivisionTest {
    private static final long SEED = 0xD1_7151L;

    /** a (committed, |a| <= aBound) / b (committed, same shape): quotient and remainder revealed. */
    record Built(Circuit circuit, int a, int b, Division.Result div) {}

    static Built circuit(Shape shape, long aBound, long minDivisor) {
        CircuitBuilder cb = new CircuitBuilder();
        int a = cb.committedInput("a", shape, aBound);
        int b = cb.committedInput("b", shape, Division.MAX_DIVISOR);
        Division.Result d = Division.add(cb, "q", a, b, minDivisor);
        cb.reveal(d.quotient());
        cb.reveal(d.remainder());
        return new Built(cb.build(), a, b, d);
    }

    static Stream<Arguments> cases() {
        return Stream.of(Arguments.of(Shape.of(1), 32767L, 1L, "random"),
                Arguments.of(Shape.of(5), 32767L, 1L, "random"),
                Arguments.of(Shape.of(9), 65535L, 2L, "extremes"),
                Arguments.of(Shape.of(4, 6), 32767L, 1L, "unit-divisor"),
                Arguments.of(Shape.of(3, 7), 1L << 20, 64L, "random"),
                Arguments.of(Shape.of(11), 300L, 1L, "small-negative"),
                Arguments.of(Shape.of(2, 3), 32767L, 1L, "all-equal"));
    }

    /** Dividends and divisors of one kind: {a, b}. */
    static long[][] values(String kind, SplittableRandom rng, int n, long aBound, long minDivisor) {
        long[] a = new long[n];
        long[] b = new long[n];
        long[] extremeA = {-65535, 65535, -32768, 32767, 0, 1, -1};
        long[] extremeB = {2, 3, 65536, 65535};
        for (int i = 0; i < n; i++) {
            switch (kind) {
                case "random" -> {
                    a[i] = rng.nextLong(-aBound, aBound + 1);
                    b[i] = rng.nextLong(minDivisor, Division.MAX_DIVISOR + 1);
                }
                case "extremes" -> {
                    a[i] = extremeA[i % extremeA.length];
                    b[i] = extremeB[rng.nextInt(extremeB.length)];
                }
                case "unit-divisor" -> {
                    a[i] = i % 2 == 0 ? 32767 : -32767;
                    b[i] = 1;
                }
                case "small-negative" -> {
                    a[i] = -rng.nextLong(1, aBound + 1);
                    b[i] = rng.nextLong(aBound + 1, Division.MAX_DIVISOR + 1);
                }
                case "all-equal" -> {
                    a[i] = -1000;
                    b[i] = 7;
                }
                default -> throw new IllegalArgumentException(kind);
            }
        }
        return new long[][] {a, b};
    }

    @ParameterizedTest(name = "{0} |a|<={1} b>={2} {3}")
    @MethodSource("cases")
    void provesFloorDivision(Shape shape, long aBound, long minDivisor, String kind) {
        System.out.println("DivisionTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED + shape.hashCode() + kind.hashCode());
        Built built = circuit(shape, aBound, minDivisor);
        Circuit c = built.circuit();
        long[][] ab = values(kind, rng, (int) shape.logicalSize(), aBound, minDivisor);
        long[][] g = new long[c.tensorCount()][];
        g[built.a()] = ab[0];
        g[built.b()] = ab[1];
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertReference(c, r.witness(), built.div(), ab[0], ab[1]);
    }

    static void assertReference(Circuit c, Witness w, Division.Result div, long[] a, long[] b) {
        long[] q = new long[a.length];
        long[] rem = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            q[i] = Math.floorDiv(a[i], b[i]);
            rem[i] = Math.floorMod(a[i], b[i]);
        }
        assertArrayEquals(q, Circuit.logical(c.tensor(div.quotient()), w.values(div.quotient())));
        assertArrayEquals(rem, Circuit.logical(c.tensor(div.remainder()), w.values(div.remainder())));
    }

    /** Softmax's normalization: each row of a (scaled numerators) over its row sum, broadcast. */
    @Test
    void dividesRowsByABroadcastDivisor() {
        CircuitBuilder cb = new CircuitBuilder();
        int a = cb.committedInput("a", Shape.of(3, 7), 32767);
        int rowSums = cb.committedInput("row-sums", Shape.of(3, 1), Division.MAX_DIVISOR);
        int b = DataMovement.broadcast(cb, "b", rowSums, Shape.of(3, 7));
        Division.Result div = Division.add(cb, "q", a, b);
        cb.reveal(div.quotient());
        Circuit c = cb.build();
        SplittableRandom rng = new SplittableRandom(SEED);
        long[] e = new long[21];
        long[] sums = new long[3];
        for (int i = 0; i < e.length; i++) {
            e[i] = rng.nextLong(0, 128);
            sums[i / 7] += e[i];
        }
        long[] scaled = new long[21];
        long[] divisors = new long[21];
        for (int i = 0; i < e.length; i++) {
            scaled[i] = e[i] << 8;
            divisors[i] = Math.max(1, sums[i / 7]);
        }
        long[][] g = new long[c.tensorCount()][];
        g[a] = scaled;
        g[rowSums] = new long[] {divisors[0], divisors[7], divisors[14]};
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        assertReference(c, r.witness(), div, scaled, divisors);
    }

    @Test
    void tamperingIsRejected() {
        Built built = circuit(Shape.of(3, 7), 1L << 20, 64);
        long[][] ab = values("random", new SplittableRandom(SEED), 21, 1L << 20, 64);
        long[][] g = new long[built.circuit().tensorCount()][];
        g[built.a()] = ab[0];
        g[built.b()] = ab[1];
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(built.circuit(), g, SEED);
        assertTrue(r.vk().zeroKnowledge());
        CircuitHarness.assertTamperingRejected(r, SEED, 40);
    }

    /** Entry 3 divides 7 by 5 (q = 1, r = 2); every case keeps a = q b + r unless it says otherwise. */
    private static final long[] DIVIDENDS = {100, -7, 0, 7, 32767, -32767, 5, -1};

    private static final long[] DIVISORS = {3, 2, 9, 5, 2, 65536, 7, 4};

    /**
     * Witnesses a cheating prover could try at entry 3; the other layers' values are recomputed
     * from the doctored ones ({@link MaxTest#doctor}), so only the relation named can catch it.
     */
    @ParameterizedTest(name = "doctor {0}")
    @MethodSource("doctored")
    void doctoredWitnessIsRejected(String what, long minDivisor) {
        Built built = circuit(Shape.of(8), 32767, minDivisor);
        Circuit c = built.circuit();
        long[][] g = new long[c.tensorCount()][];
        g[built.a()] = DIVIDENDS.clone();
        g[built.b()] = DIVISORS.clone();
        int q = built.div().quotient();
        int r = built.div().remainder();
        int b = built.b();
        Witness w = MaxTest.doctor(c, g, new int[] {q, r}, v -> {
            switch (what) {
                case "quotient one too large, remainder negative" -> set(v, 2, -3, -1, q, r, b);
                case "quotient one too small, remainder >= divisor" -> set(v, 0, 7, -1, q, r, b);
                case "remainder off by one" -> set(v, 1, 3, -1, q, r, b);
                case "zero divisor" -> set(v, 0, 7, 0, q, r, b);
                case "negative divisor" -> set(v, -2, 1, -3, q, r, b);
                case "divisor below the declared minimum" -> set(v, 7, 0, 1, q, r, b);
                default -> throw new IllegalArgumentException(what);
            }
        });
        CircuitHarness.Run run = CircuitHarness.proveWitness(CircuitHarness.setup(c), w, SEED);
        assertTrue(run.vk().zeroKnowledge());
        CircuitHarness.assertRejects(run.vk(), run.publicValues(), run.proof().encode());
    }

    /** Sets entry 3's quotient and remainder, and its divisor unless {@code divisor} is -1. */
    private static void set(Witness w, long quotient, long remainder, long divisor, int q, int r, int b) {
        w.values(q)[3] = Goldilocks.fromSigned(quotient);
        w.values(r)[3] = Goldilocks.fromSigned(remainder);
        if (divisor != -1) {
            w.values(b)[3] = Goldilocks.fromSigned(divisor);
        }
    }

    static Stream<Arguments> doctored() {
        return Stream.of(Arguments.of("quotient one too large, remainder negative", 1L),
                Arguments.of("quotient one too small, remainder >= divisor", 1L),
                Arguments.of("remainder off by one", 1L), Arguments.of("zero divisor", 1L),
                Arguments.of("negative divisor", 1L),
                Arguments.of("divisor below the declared minimum", 2L));
    }

    /** The control: the doctoring machinery with no change gives a proof that verifies. */
    @Test
    void undoctoredWitnessIsAccepted() {
        Built built = circuit(Shape.of(8), 32767, 1);
        Circuit c = built.circuit();
        long[][] g = new long[c.tensorCount()][];
        g[built.a()] = DIVIDENDS.clone();
        g[built.b()] = DIVISORS.clone();
        Witness w = MaxTest.doctor(c, g, new int[] {built.div().quotient(), built.div().remainder()}, v -> {});
        CircuitHarness.assertAccepts(CircuitHarness.proveWitness(CircuitHarness.setup(c), w, SEED));
    }

    /** a / b by the relation a = q b + r alone (no range checks, so no lookups), quotient revealed. */
    static Built relationOnly(Shape shape) {
        CircuitBuilder cb = new CircuitBuilder();
        int a = cb.committedInput("a", shape, 32767);
        int b = cb.committedInput("b", shape, Division.MAX_DIVISOR);
        Division.Result d = Division.relationOnly(cb, "q", a, b);
        cb.reveal(d.quotient());
        return new Built(cb.build(), a, b, d);
    }

    static long[][] relationGivens(Built built, long seed) {
        Circuit c = built.circuit();
        int n = (int) c.tensor(built.a()).shape().logicalSize();
        long[][] ab = values("random", new SplittableRandom(seed), n, 32767, 1);
        long[][] g = new long[c.tensorCount()][];
        g[built.a()] = ab[0];
        g[built.b()] = ab[1];
        return g;
    }

    @Test
    void zeroKnowledgeProofsVerifyAndShareNoMessageLimb() {
        Built built = relationOnly(Shape.of(3, 7));
        long[][] g = relationGivens(built, SEED);
        CircuitHarness.Run first = CircuitHarness.proveAndVerify(built.circuit(), g, SEED);
        assertReference(built.circuit(), first.witness(), built.div(), g[built.a()], g[built.b()]);
        Conv2dTest.assertNoSharedLimb(first, CircuitHarness.proveAndVerify(built.circuit(), g, SEED + 1));
        CircuitHarness.assertTamperingRejected(first, SEED, 40);
        Conv2dTest.assertMessageTamperingRejected(first, 200);
    }

    /**
     * One changed entry of a, b, q or r breaks a = q b + r there (entry 3: 7 = 1 * 5 + 2, so a
     * changed b shows too): the zero-knowledge zero check must fail.
     */
    @ParameterizedTest(name = "change {0}")
    @MethodSource("relationTensors")
    void zeroKnowledgeZeroCheckRejectsABrokenRelation(String which) {
        Built built = relationOnly(Shape.of(8));
        Circuit c = built.circuit();
        long[][] g = new long[c.tensorCount()][];
        g[built.a()] = DIVIDENDS.clone();
        g[built.b()] = DIVISORS.clone();
        Witness w = c.evaluate(g);
        int tensor = switch (which) {
            case "a" -> built.a();
            case "b" -> built.b();
            case "q" -> built.div().quotient();
            case "r" -> built.div().remainder();
            default -> throw new IllegalArgumentException(which);
        };
        w.values(tensor)[3] = Goldilocks.add(w.values(tensor)[3], 1);
        CircuitHarness.Run run = CircuitHarness.proveWitness(CircuitHarness.setup(c), w, SEED);
        assertTrue(run.vk().zeroKnowledge());
        CircuitHarness.assertRejects(run.vk(), run.publicValues(), run.proof().encode());
    }

    static Stream<String> relationTensors() {
        return Stream.of("a", "b", "q", "r");
    }

    @Test
    void wideDividendIsRejectedAtBuildTime() {
        assertThrows(AccumulatorOverflowException.class, () -> circuit(Shape.of(4), 1L << 20, 1));
        assertThrows(AccumulatorOverflowException.class, () -> circuit(Shape.of(4), 32768, 1));
        assertThrows(AccumulatorOverflowException.class, () -> circuit(Shape.of(4), 1L << 20, 16));
        circuit(Shape.of(4), 32767, 1);
        circuit(Shape.of(4), 1L << 20, 33);
    }

    @Test
    void badParametersAreRejected() {
        assertThrows(IllegalArgumentException.class, () -> circuit(Shape.of(4), 100, 0));
        assertThrows(IllegalArgumentException.class, () -> circuit(Shape.of(4), 100, Division.MAX_DIVISOR + 1));
        CircuitBuilder cb = new CircuitBuilder();
        int a = cb.committedInput("a", Shape.of(3, 4), 100);
        int b = cb.committedInput("b", Shape.of(3, 1), 100);
        assertThrows(IllegalArgumentException.class, () -> Division.add(cb, "q", a, b));
    }

    @Test
    void divisorOutsideItsRangeFailsAtWitnessTime() {
        Built built = circuit(Shape.of(2), 100, 4);
        long[][] g = new long[built.circuit().tensorCount()][];
        g[built.a()] = new long[] {5, 6};
        for (long bad : new long[] {0, 3, -2}) {
            g[built.b()] = new long[] {7, bad};
            assertThrows(IllegalArgumentException.class, () -> built.circuit().evaluate(g));
        }
    }
}
