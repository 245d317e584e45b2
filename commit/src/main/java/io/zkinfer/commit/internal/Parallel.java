package io.zkinfer.commit.internal;

import java.util.function.IntConsumer;

/**
 * Chunk-level fork/join for the few coarse tasks in this module (Merkle subtrees, grinding).
 *
 * <p>Task 0 runs on the calling thread and tasks 1..n-1 on fresh virtual threads, so a caller
 * on a 2-core machine keeps both cores busy without a shared pool to configure or shut down.
 * Tasks are meant to be few (about the core count) and long (milliseconds or more).
 */
public final class Parallel {
    private Parallel() {}

    /** The number of tasks worth forking on this machine: its available processors, at least 1. */
    public static int cores() {
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /**
     * Runs {@code body.accept(t)} for every t in [0, tasks) and returns when all are done.
     * An exception from any task is rethrown here (the first one, others suppressed), after
     * every task has finished.
     */
    public static void run(int tasks, IntConsumer body) {
        if (tasks <= 1) {
            if (tasks == 1) {
                body.accept(0);
            }
            return;
        }
        Thread[] threads = new Thread[tasks];
        Throwable[] failures = new Throwable[tasks];
        for (int t = 1; t < tasks; t++) {
            final int task = t;
            threads[t] = Thread.ofVirtual().unstarted(() -> body.accept(task));
            threads[t].setUncaughtExceptionHandler((th, e) -> failures[task] = e);
            threads[t].start();
        }
        try {
            body.accept(0);
        } catch (Throwable e) {
            failures[0] = e;
        }
        boolean interrupted = false;
        for (int t = 1; t < tasks; t++) {
            while (true) {
                try {
                    threads[t].join();
                    break;
                } catch (InterruptedException e) {
                    // Workers write into the caller's arrays: never return before they finish.
                    interrupted = true;
                }
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        Throwable first = null;
        for (Throwable f : failures) {
            if (f == null) {
                continue;
            }
            if (first == null) {
                first = f;
            } else {
                first.addSuppressed(f);
            }
        }
        if (first instanceof RuntimeException re) {
            throw re;
        }
        if (first instanceof Error err) {
            throw err;
        }
        if (first != null) {
            throw new IllegalStateException(first);
        }
    }
}
