package io.zkinfer.field;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@link Parallel#forRange} covers [0, n) exactly once, in aligned pieces. */
class ParallelTest {
    static final int G = Parallel.DEFAULT_GRAIN;

    record Piece(int from, int to, Thread thread) {}

    static List<Piece> run(int n, int grain, int align) {
        ConcurrentLinkedQueue<Piece> pieces = new ConcurrentLinkedQueue<>();
        // Exercise both overloads: the 3-argument one (alignment 1) on about half the align-1 cases.
        if (align == 1 && grain % 2 == 0) {
            Parallel.forRange(n, grain, (from, to) -> pieces.add(new Piece(from, to, Thread.currentThread())));
        } else {
            Parallel.forRange(n, grain, align, (from, to) -> pieces.add(new Piece(from, to, Thread.currentThread())));
        }
        List<Piece> sorted = new ArrayList<>(pieces);
        sorted.sort(Comparator.comparingInt(Piece::from));
        return sorted;
    }

    /** Checks exact, ordered, gap-free coverage, aligned inner boundaries and the piece count. */
    static void check(int n, int grain, int align) {
        String ctx = "n=" + n + " grain=" + grain + " align=" + align;
        List<Piece> pieces = run(n, grain, align);
        if (pieces.isEmpty()) {
            fail("no piece ran: " + ctx + " (n = 0 may run one empty piece, but never none at all for n > 0)");
        }
        assertTrue(pieces.size() <= Math.max(1, Parallel.threads()), "at most threads() pieces: " + ctx + " got " + pieces);
        int expectedFrom = 0;
        for (int k = 0; k < pieces.size(); k++) {
            Piece p = pieces.get(k);
            assertEquals(expectedFrom, p.from(), "gap or overlap before piece " + k + ": " + ctx + " " + pieces);
            boolean last = k == pieces.size() - 1;
            if (n > 0) {
                assertTrue(p.to() > p.from(), "empty piece " + p + ": " + ctx);
            }
            if (!last) {
                assertEquals(0, p.to() % align, "inner boundary " + p.to() + " not a multiple of align: " + ctx);
                assertTrue(p.to() - p.from() >= grain, "inner piece " + p + " shorter than grain: " + ctx);
            }
            expectedFrom = p.to();
        }
        assertEquals(n, expectedFrom, "coverage must end at n: " + ctx + " " + pieces);
        if ((long) n < 2L * Math.max(1, grain)) {
            // Small ranges run as one piece on the caller.
            assertEquals(1, pieces.size(), "small range split: " + ctx);
            assertSame(Thread.currentThread(), pieces.get(0).thread(), "small range not run on the caller: " + ctx);
        }
    }

    static Stream<Arguments> combos() {
        int[] ns = {0, 1, 2, 3, 7, 100, 1023, 1024, 1025, G - 1, G, G + 1, 2 * G - 1, 2 * G, 2 * G + 1, 3 * G + 5, 99_999, (1 << 20) + 3};
        int[] grains = {0, 1, 2, 3, 16, 1000, G};
        int[] aligns = {1, 2, 4, 64, 4096, 1 << 15};
        List<Arguments> out = new ArrayList<>();
        for (int n : ns) {
            for (int grain : grains) {
                for (int align : aligns) {
                    out.add(Arguments.of(n, grain, align));
                }
            }
        }
        return out.stream();
    }

    @Test
    void coversRangeExactlyOnceForManyCombos() {
        // One test over all (n, grain, align) combos: ~750 cases, so no per-case display names.
        combos().forEach(a -> check((int) a.get()[0], (int) a.get()[1], (int) a.get()[2]));
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {1L, 0x9A2A11E1L, 0x5EED_7A11L})
    void randomCombos(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int t = 0; t < 300; t++) {
            int n = switch (rnd.nextInt(3)) {
                case 0 -> rnd.nextInt(64);
                case 1 -> rnd.nextInt(1 << 16);
                default -> rnd.nextInt(1 << 22);
            };
            int grain = rnd.nextBoolean() ? rnd.nextInt(1, 64) : 1 << rnd.nextInt(18);
            int align = 1 << rnd.nextInt(17);
            check(n, grain, align);
        }
    }

    static Stream<Arguments> hugeCombos() {
        List<Arguments> out = new ArrayList<>();
        for (int n : new int[] {1 << 30, (1 << 30) + 1, (3 << 29) + 1, Integer.MAX_VALUE - 1, Integer.MAX_VALUE}) {
            for (int align : new int[] {1, 1 << 12, 1 << 20}) {
                out.add(Arguments.of(n, align));
            }
        }
        return out.stream();
    }

    /**
     * Ranges near Integer.MAX_VALUE (the body only records its piece, so nothing is allocated):
     * the piece arithmetic must not overflow int.
     */
    @ParameterizedTest(name = "n={0} align={1}")
    @MethodSource("hugeCombos")
    void hugeRangesDoNotOverflow(int n, int align) {
        check(n, G, align);
    }

    @ParameterizedTest(name = "n={0}")
    @ValueSource(ints = {0, 1, 5, 4 * G + 3, 1 << 20})
    void everyIndexVisitedOnce(int n) {
        AtomicIntegerArray counts = new AtomicIntegerArray(Math.max(n, 1));
        Parallel.forRange(n, 1, 8, (from, to) -> {
            for (int i = from; i < to; i++) {
                counts.incrementAndGet(i);
            }
        });
        for (int i = 0; i < n; i++) {
            if (counts.get(i) != 1) {
                assertEquals(1, counts.get(i), "index " + i + " of " + n);
            }
        }
    }

    @Test
    void exceptionsPropagate() {
        int n = 1 << 20;
        for (int bad : new int[] {0, n - 1}) {
            RuntimeException e = assertThrows(RuntimeException.class, () -> Parallel.forRange(n, 1, (from, to) -> {
                if (from <= bad && bad < to) {
                    throw new IllegalStateException("boom at " + bad);
                }
            }));
            Throwable t = e;
            while (t != null && !(t instanceof IllegalStateException)) {
                t = t.getCause();
            }
            assertTrue(t != null, "the body's exception (or one wrapping it) must reach the caller, got " + e);
        }
    }

    @Test
    void threadsIsPositive() {
        assertTrue(Parallel.threads() >= 1);
        assertEquals(Math.max(1, Runtime.getRuntime().availableProcessors()), Parallel.threads());
    }
}
