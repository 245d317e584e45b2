package io.zkinfer.field;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.function.IntConsumer;

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
     * Runs {@code body} over [0, n) in at most {@link #threads()} contiguous pieces, each but the
     * last at least {@code grain} long (one piece, on the caller, when n is small). Piece
     * boundaries are multiples of {@code align} (a power of two).
     */
    public static void forRange(int n, int grain, int align, RangeBody body) {
        int pieces = (int) Math.min(THREADS, Math.max(1, (long) n / Math.max(1, grain)));
        if (pieces <= 1) {
            body.run(0, n);
            return;
        }
        // long arithmetic: n near Integer.MAX_VALUE must not overflow the piece bounds.
        long step = ((long) n + pieces - 1) / pieces;
        step = (step + align - 1) & -(long) align;
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[pieces];
        int count = 0;
        for (long from = step; from < n; from += step) {
            int lo = (int) from;
            int hi = (int) Math.min(n, from + step);
            tasks[count++] = ForkJoinPool.commonPool().submit(() -> body.run(lo, hi));
        }
        body.run(0, (int) Math.min(n, step));
        for (int i = 0; i < count; i++) {
            tasks[i].join();
        }
    }

    /**
     * Runs {@code body.accept(t)} for every t in [0, tasks), spread over the cores (task 0 on
     * the caller), and returns when all are done; a task's exception is rethrown here. Meant
     * for a few coarse tasks, such as one Merkle subtree per core.
     */
    public static void forTasks(int tasks, IntConsumer body) {
        forRange(tasks, 1, (from, to) -> {
            for (int t = from; t < to; t++) {
                body.accept(t);
            }
        });
    }

    /** {@link #forRange(int, int, int, RangeBody)} with alignment 1. */
    public static void forRange(int n, int grain, RangeBody body) {
        forRange(n, grain, 1, body);
    }
}
