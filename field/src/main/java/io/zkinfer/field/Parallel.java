package io.zkinfer.field;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;

/**
 * Splits index ranges across the machine's cores. Work is split at chunk level only: bodies
 * are plain loops over primitives, never a task per element.
 */
public final class Parallel {
    /** Ranges shorter than this run on the calling thread: forking costs more than it saves. */
    public static final int DEFAULT_GRAIN = 1 << 14;

    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());

    private Parallel() {}

    /** A loop body over the half-open index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        void run(int from, int to);
    }

    /** The number of threads work is split across. */
    public static int threads() {
        return THREADS;
    }

    /**
     * Runs {@code body} over [0, n) in at most {@link #threads()} contiguous pieces, each at
     * least {@code grain} long (one piece, on the caller, when n is small). Piece boundaries
     * are multiples of {@code align} (a power of two), except the last.
     */
    public static void forRange(int n, int grain, int align, RangeBody body) {
        int pieces = (int) Math.min(THREADS, Math.max(1, (long) n / Math.max(1, grain)));
        if (pieces <= 1) {
            body.run(0, n);
            return;
        }
        int step = (n + pieces - 1) / pieces;
        step = (step + align - 1) & -align;
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[pieces];
        int count = 0;
        for (int from = step; from < n; from += step) {
            int lo = from;
            int hi = Math.min(n, from + step);
            tasks[count++] = ForkJoinPool.commonPool().submit(() -> body.run(lo, hi));
        }
        body.run(0, Math.min(n, step));
        for (int i = 0; i < count; i++) {
            tasks[i].join();
        }
    }

    /** {@link #forRange(int, int, int, RangeBody)} with alignment 1. */
    public static void forRange(int n, int grain, RangeBody body) {
        forRange(n, grain, 1, body);
    }
}
