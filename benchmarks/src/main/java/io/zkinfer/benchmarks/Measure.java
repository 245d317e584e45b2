package io.zkinfer.benchmarks;

import java.util.Arrays;
import java.util.function.LongSupplier;

/**
 * Wall-clock timing for the end-to-end benchmarks: warm up for a while, then time several
 * rounds and report the median. Each run returns a value that is folded into {@link #sink}, so
 * that the JIT cannot drop the work as dead code.
 */
final class Measure {
    /** Everything a measured run returns ends up here. */
    static volatile long sink;

    private Measure() {}

    /**
     * Runs {@code body} repeatedly for at least {@code warmupMillis}, then {@code rounds} timed
     * times, and returns the median nanoseconds of one run.
     */
    static double medianNanos(LongSupplier body, long warmupMillis, int rounds) {
        long acc = 0;
        long warmupEnd = System.nanoTime() + warmupMillis * 1_000_000L;
        int warmups = 0;
        do {
            acc ^= body.getAsLong();
            warmups++;
        } while (System.nanoTime() < warmupEnd || warmups < 2);
        long[] times = new long[rounds];
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            acc ^= body.getAsLong();
            times[r] = System.nanoTime() - t0;
        }
        sink ^= acc;
        Arrays.sort(times);
        return rounds % 2 == 1 ? times[rounds / 2] : (times[rounds / 2 - 1] + times[rounds / 2]) / 2.0;
    }

    /** Rounds to 3 significant decimals after the point, for readable JSON. */
    static double round3(double x) {
        return Math.round(x * 1000.0) / 1000.0;
    }
}
