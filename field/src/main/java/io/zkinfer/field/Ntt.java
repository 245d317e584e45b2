package io.zkinfer.field;

/**
 * Radix-2 number-theoretic transforms over Goldilocks, in place, natural order in and out.
 *
 * <p>{@code forward(a)} replaces the coefficients a[0..n) of a(X) = sum a_i X^i by the
 * evaluations a(w^j), j in [0, n), where w = {@link Goldilocks#rootOfUnity}(log2 n).
 * {@code inverse} undoes it. The coset variants evaluate at shift * w^j. Sizes are powers of
 * two from 1 to 2^30 (p - 1 has 2^32 but Java arrays stop below 2^31).
 *
 * <p>Extension-field vectors (interleaved, width d) transform limb by limb: the twiddles are
 * base-field elements, so an extension NTT is d base NTTs.
 *
 * <p>The transform first runs all stages whose butterflies fit in a cache-sized block, block by
 * block, then the remaining wide stages; both phases split across the cores.
 */
public final class Ntt {
    /** The largest supported transform, 2^30 elements. */
    public static final int MAX_LOG_SIZE = 30;
    private static final int BLOCK_LOG = 12;
    private static final int CACHED_MAX_LOG = 22;
    private static final long[][] TWIDDLES = new long[CACHED_MAX_LOG + 1][];

    private Ntt() {}

    /** Evaluates in place: coefficients in, evaluations at the powers of w out. */
    public static void forward(long[] a) {
        forward(a, true);
    }

    /** The forward transform, split across cores or not (when the caller already is). */
    private static void forward(long[] a, boolean parallel) {
        int log = logSize(a.length);
        bitReverse(a);
        butterflies(a, twiddles(log), log, parallel);
    }

    /** Interpolates in place: evaluations at the powers of w in, coefficients out. */
    public static void inverse(long[] a) {
        int n = a.length;
        int log = logSize(n);
        // forward(a) with w^-1 equals forward(a) followed by reversing a[1..n).
        forward(a);
        for (int i = 1, j = n - 1; i < j; i++, j--) {
            long t = a[i];
            a[i] = a[j];
            a[j] = t;
        }
        long nInv = Goldilocks.inverse(1L << log);
        scale(a, nInv);
    }

    /** Evaluates at shift * w^j: scales coefficient i by shift^i, then transforms. */
    public static void forwardCoset(long[] a, long shift) {
        scaleByPowers(a, shift);
        forward(a);
    }

    /** Inverse of {@link #forwardCoset}. */
    public static void inverseCoset(long[] a, long shift) {
        inverse(a);
        scaleByPowers(a, Goldilocks.inverse(shift));
    }

    /** {@link #forward(long[])} on an interleaved vector of width {@code width}. */
    public static void forward(long[] a, int width) {
        byLimb(a, width, Ntt::forward);
    }

    /** {@link #inverse(long[])} on an interleaved vector of width {@code width}. */
    public static void inverse(long[] a, int width) {
        byLimb(a, width, Ntt::inverse);
    }

    /** {@link #forwardCoset} on an interleaved vector of width {@code width}. */
    public static void forwardCoset(long[] a, int width, long shift) {
        byLimb(a, width, limb -> forwardCoset(limb, shift));
    }

    /** {@link #inverseCoset} on an interleaved vector of width {@code width}. */
    public static void inverseCoset(long[] a, int width, long shift) {
        byLimb(a, width, limb -> inverseCoset(limb, shift));
    }

    /**
     * The low-degree extension: evaluates the polynomial with the given coefficients (length
     * 2^m elements of {@code width} limbs) at shift * w^j for all j in [0, 2^logN), w a primitive
     * 2^logN-th root of unity, natural order. Computed as 2^(logN - m) coset transforms of size
     * 2^m (point j = c + 2^(logN-m) i lies in the coset shift * w^c * &lt;w^(2^(logN-m))&gt;), which
     * skips the zero padding a single large transform would multiply through.
     */
    public static long[] extend(long[] coefficients, int width, int logN, long shift) {
        if (width < 1 || coefficients.length % width != 0) {
            throw new IllegalArgumentException("length " + coefficients.length + " is not a multiple of width " + width);
        }
        int m = logSize(coefficients.length / width);
        if (logN < m || logN > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("cannot extend 2^" + m + " coefficients to 2^" + logN + " points");
        }
        int r = logN - m;
        int size = 1 << m;
        long[] out = new long[width << logN];
        long w = Goldilocks.rootOfUnity(logN);
        // Many small transforms: one per task, each sequential. Few large ones: each parallel.
        boolean perTask = (1 << r) * width >= Parallel.threads() && size < (1 << 16);
        Parallel.RangeBody body = (from, to) -> {
            long[] limb = new long[size];
            for (int job = from; job < to; job++) {
                int c = job / width;
                int l = job % width;
                long cosetShift = Goldilocks.mul(shift, Goldilocks.pow(w, c));
                split(size, !perTask, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        limb[i] = coefficients[i * width + l];
                    }
                });
                scaleByPowers(limb, cosetShift, !perTask);
                forward(limb, !perTask);
                split(size, !perTask, (lo, hi) -> {
                    for (int i = lo; i < hi; i++) {
                        out[((i << r) + c) * width + l] = limb[i];
                    }
                });
            }
        };
        int jobs = (1 << r) * width;
        if (perTask) {
            Parallel.forRange(jobs, 1, body);
        } else {
            body.run(0, jobs);
        }
        return out;
    }

    /** A loop over [0, n), split across the cores when asked (else on the caller's thread). */
    private static void split(int n, boolean parallel, Parallel.RangeBody body) {
        if (parallel) {
            Parallel.forRange(n, Parallel.DEFAULT_GRAIN, body);
        } else {
            body.run(0, n);
        }
    }

    private interface LimbTransform {
        void apply(long[] limb);
    }

    private static void byLimb(long[] a, int width, LimbTransform t) {
        if (width == 1) {
            t.apply(a);
            return;
        }
        if (a.length % width != 0) {
            throw new IllegalArgumentException("length " + a.length + " is not a multiple of width " + width);
        }
        int n = a.length / width;
        long[] limb = new long[n];
        for (int l = 0; l < width; l++) {
            for (int i = 0; i < n; i++) {
                limb[i] = a[i * width + l];
            }
            t.apply(limb);
            for (int i = 0; i < n; i++) {
                a[i * width + l] = limb[i];
            }
        }
    }

    static int logSize(int n) {
        if (n <= 0 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("NTT size must be a power of two, got " + n);
        }
        int log = Integer.numberOfTrailingZeros(n);
        if (log > MAX_LOG_SIZE) {
            throw new IllegalArgumentException("NTT size 2^" + log + " exceeds 2^" + MAX_LOG_SIZE);
        }
        return log;
    }

    /**
     * Twiddles laid out by stage: t[h + j] = w_(2h)^j for every half-width h = 1, 2, ..., n/2
     * and j &lt; h, so each stage reads its twiddles contiguously (a strided walk through one
     * table missed the cache on nearly every butterfly of the wide stages). Cached up to 2^22.
     */
    private static long[] twiddles(int log) {
        if (log == 0) {
            return new long[1];
        }
        if (log <= CACHED_MAX_LOG) {
            synchronized (TWIDDLES) {
                if (TWIDDLES[log] == null) {
                    TWIDDLES[log] = computeTwiddles(log);
                }
                return TWIDDLES[log];
            }
        }
        return computeTwiddles(log);
    }

    private static long[] computeTwiddles(int log) {
        int n = 1 << log;
        int half = n >>> 1;
        long[] tw = new long[n];
        long w = Goldilocks.rootOfUnity(log);
        Parallel.forRange(half, Parallel.DEFAULT_GRAIN, (from, to) -> {
            long x = Goldilocks.pow(w, from);
            for (int j = from; j < to; j++) {
                tw[half + j] = x;
                x = Goldilocks.mul(x, w);
            }
        });
        // w_(2h)^j = w_(4h)^(2j): each stage takes every other twiddle of the stage above.
        for (int h = half >>> 1; h >= 1; h >>>= 1) {
            for (int j = 0; j < h; j++) {
                tw[h + j] = tw[2 * h + 2 * j];
            }
        }
        return tw;
    }

    /** Decimation-in-time stages on bit-reversed input; tw is laid out by stage (see twiddles). */
    private static void butterflies(long[] a, long[] tw, int log, boolean parallel) {
        int n = a.length;
        int blockLog = Math.min(log, BLOCK_LOG);
        int block = 1 << blockLog;
        // Phase 1: every stage of half-width below the block size, one block at a time.
        Parallel.RangeBody phase1 = (from, to) -> {
            for (int start = from; start < to; start += block) {
                int s = 0;
                if (blockLog >= 2) {
                    radix4(a, tw[3], start, start + block);
                    s = 2;
                }
                for (; s + 1 < blockLog; s += 2) {
                    doubleStage(a, tw, s, start, start + block);
                }
                if (s < blockLog) {
                    stage(a, tw, log, s, start, start + block);
                }
            }
        };
        if (parallel) {
            Parallel.forRange(n, block, block, phase1);
        } else {
            phase1.run(0, n);
        }
        // Phase 2: the wide stages, two at a time (one pass over memory for both), split by
        // group index.
        int s = blockLog;
        for (; s + 1 < log; s += 2) {
            int stage = s;
            split(n / 4, parallel, (from, to) -> wideDoubleStage(a, tw, stage, from, to));
        }
        if (s < log) {
            int stage = s;
            split(n / 2, parallel, (from, to) -> wideStage(a, tw, log, stage, from, to));
        }
    }

    /**
     * Stages s and s + 1 at once (half-widths h and 2h) on the groups of four elements
     * i, i + h, i + 2h, i + 3h: the same four multiplications as two radix-2 stages, one pass.
     */
    private static void quad(long[] a, long[] tw, int h, int i, int j) {
        long w = tw[h + j];
        long x0 = a[i];
        long x1 = Goldilocks.mul(a[i + h], w);
        long x2 = a[i + 2 * h];
        long x3 = Goldilocks.mul(a[i + 3 * h], w);
        long y0 = Goldilocks.add(x0, x1);
        long y1 = Goldilocks.sub(x0, x1);
        long z2 = Goldilocks.mul(Goldilocks.add(x2, x3), tw[2 * h + j]);
        long z3 = Goldilocks.mul(Goldilocks.sub(x2, x3), tw[3 * h + j]);
        a[i] = Goldilocks.add(y0, z2);
        a[i + 2 * h] = Goldilocks.sub(y0, z2);
        a[i + h] = Goldilocks.add(y1, z3);
        a[i + 3 * h] = Goldilocks.sub(y1, z3);
    }

    /** Stages s and s + 1 over the blocks inside [from, to). */
    private static void doubleStage(long[] a, long[] tw, int s, int from, int to) {
        int h = 1 << s;
        for (int base = from; base < to; base += 4 * h) {
            for (int j = 0; j < h; j++) {
                quad(a, tw, h, base + j, j);
            }
        }
    }

    /** Stages s and s + 1 for group numbers [from, to) of n/4. */
    private static void wideDoubleStage(long[] a, long[] tw, int s, int from, int to) {
        int h = 1 << s;
        for (int t = from; t < to; ) {
            int j = t & (h - 1);
            int base = (t >>> s) << (s + 2);
            int end = Math.min(to - t, h - j);
            for (int e = 0; e < end; e++, j++) {
                quad(a, tw, h, base + j, j);
            }
            t += end;
        }
    }

    /**
     * The first two stages at once on groups of four: twiddles 1, 1 and then 1, w_4, so one
     * multiplication per four elements instead of four.
     */
    private static void radix4(long[] a, long w4, int from, int to) {
        for (int i = from; i < to; i += 4) {
            long a0 = a[i], a1 = a[i + 1], a2 = a[i + 2], a3 = a[i + 3];
            long b0 = Goldilocks.add(a0, a1);
            long b1 = Goldilocks.sub(a0, a1);
            long b2 = Goldilocks.add(a2, a3);
            long b3 = Goldilocks.mul(Goldilocks.sub(a2, a3), w4);
            a[i] = Goldilocks.add(b0, b2);
            a[i + 2] = Goldilocks.sub(b0, b2);
            a[i + 1] = Goldilocks.add(b1, b3);
            a[i + 3] = Goldilocks.sub(b1, b3);
        }
    }

    /** Stage s (half-width h = 2^s) over the blocks inside [from, to). */
    private static void stage(long[] a, long[] tw, int log, int s, int from, int to) {
        int h = 1 << s;
        for (int base = from; base < to; base += 2 * h) {
            for (int j = 0; j < h; j++) {
                int i = base + j;
                long u = a[i];
                long v = Goldilocks.mul(a[i + h], tw[h + j]);
                a[i] = Goldilocks.add(u, v);
                a[i + h] = Goldilocks.sub(u, v);
            }
        }
    }

    /** Stage s for butterfly numbers [from, to) of n/2. */
    private static void wideStage(long[] a, long[] tw, int log, int s, int from, int to) {
        int h = 1 << s;
        for (int t = from; t < to; ) {
            int j = t & (h - 1);
            int base = (t >>> s) << (s + 1);
            int end = Math.min(to - t, h - j);
            for (int e = 0; e < end; e++, j++) {
                int i = base + j;
                long u = a[i];
                long v = Goldilocks.mul(a[i + h], tw[h + j]);
                a[i] = Goldilocks.add(u, v);
                a[i + h] = Goldilocks.sub(u, v);
            }
            t += end;
        }
    }

    /** Tiles of 2^TILE_LOG x 2^TILE_LOG elements for the bit-reversal permutation. */
    private static final int TILE_LOG = 5;

    /**
     * Permutes a into bit-reversed order. Large arrays go tile by tile: index (h, m, l), with h
     * and l of TILE_LOG bits each, moves to (rev l, rev m, rev h), so the tiles of m and rev m
     * swap with a transpose. Every read and write then touches whole runs of 2^TILE_LOG
     * neighbours instead of one element per cache line (a plain swap loop spent a third of a
     * 2^20 transform waiting for memory).
     */
    static void bitReverse(long[] a) {
        int n = a.length;
        if (n <= 2) {
            return;
        }
        int log = Integer.numberOfTrailingZeros(n);
        if (log < 2 * TILE_LOG + 2) {
            int shift = 32 - log;
            for (int i = 0; i < n; i++) {
                int j = Integer.reverse(i) >>> shift;
                if (i < j) {
                    long t = a[i];
                    a[i] = a[j];
                    a[j] = t;
                }
            }
            return;
        }
        int side = 1 << TILE_LOG;
        int midLog = log - 2 * TILE_LOG;
        int highShift = log - TILE_LOG;
        int[] rev = new int[side];
        for (int i = 0; i < side; i++) {
            rev[i] = Integer.reverse(i) >>> (32 - TILE_LOG);
        }
        Parallel.forRange(1 << midLog, 64, (from, to) -> {
            long[] tileM = new long[side * side];
            long[] tileR = new long[side * side];
            for (int m = from; m < to; m++) {
                int mr = Integer.reverse(m) >>> (32 - midLog);
                if (mr < m) {
                    continue;
                }
                readTile(a, tileM, m << TILE_LOG, highShift, side);
                if (mr == m) {
                    writeTile(a, tileM, m << TILE_LOG, highShift, side, rev);
                } else {
                    readTile(a, tileR, mr << TILE_LOG, highShift, side);
                    writeTile(a, tileM, mr << TILE_LOG, highShift, side, rev);
                    writeTile(a, tileR, m << TILE_LOG, highShift, side, rev);
                }
            }
        });
    }

    private static void readTile(long[] a, long[] tile, int mid, int highShift, int side) {
        for (int h = 0; h < side; h++) {
            System.arraycopy(a, (h << highShift) | mid, tile, h * side, side);
        }
    }

    /** Position (x, mid, y) receives the tile's element (h, l) = (rev y, rev x). */
    private static void writeTile(long[] a, long[] tile, int mid, int highShift, int side, int[] rev) {
        for (int x = 0; x < side; x++) {
            int row = (x << highShift) | mid;
            int column = rev[x];
            for (int y = 0; y < side; y++) {
                a[row + y] = tile[rev[y] * side + column];
            }
        }
    }

    private static void scale(long[] a, long c) {
        Parallel.forRange(a.length, Parallel.DEFAULT_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                a[i] = Goldilocks.mul(a[i], c);
            }
        });
    }

    /** a[i] *= shift^i. */
    private static void scaleByPowers(long[] a, long shift) {
        scaleByPowers(a, shift, true);
    }

    private static void scaleByPowers(long[] a, long shift, boolean parallel) {
        Parallel.RangeBody body = (from, to) -> {
            long x = Goldilocks.pow(shift, from);
            for (int i = from; i < to; i++) {
                a[i] = Goldilocks.mul(a[i], x);
                x = Goldilocks.mul(x, shift);
            }
        };
        split(a.length, parallel, body);
    }
}
