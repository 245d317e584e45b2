package io.zkinfer.benchmarks;

import io.zkinfer.field.Goldilocks;
import java.math.BigInteger;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Goldilocks base-field arithmetic. Scores are nanoseconds per field operation
 * ({@code @OperationsPerInvocation} divides by the loop length).
 *
 * <ul>
 *   <li>{@code mulChain}: each product feeds the next, so this is the latency of one mul.
 *   <li>{@code mulVector}, {@code addVector}: independent element-wise ops over an odd length
 *       (4099, so no loop unrolling or vector width divides it evenly): throughput.
 * </ul>
 *
 * <p>Extension fields: {@link ExtensionFieldBench}; the NTT: {@link NttBench}.
 *
 * <p>Results are checked against {@link BigInteger} after each trial, so a benchmark that
 * computes something wrong fails instead of reporting a fast time.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--sun-misc-unsafe-memory-access=allow"})
public class FieldBench {
    static final int N = 4099;
    static final int CHAIN = 1024;
    static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

    long[] a;
    long[] b;
    long[] out;
    long x;
    long y;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(42);
        a = randomElements(rnd, N);
        b = randomElements(rnd, N);
        out = new long[N];
        x = Goldilocks.reduce(rnd.nextLong());
        y = Goldilocks.reduce(rnd.nextLong());
    }

    static long[] randomElements(SplittableRandom rnd, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = Goldilocks.reduce(rnd.nextLong());
        }
        return v;
    }

    @Benchmark
    @OperationsPerInvocation(CHAIN)
    public long mulChain() {
        long acc = x;
        long m = y;
        for (int i = 0; i < CHAIN; i++) {
            acc = Goldilocks.mul(acc, m);
        }
        return acc;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] mulVector() {
        long[] a = this.a;
        long[] b = this.b;
        long[] out = this.out;
        for (int i = 0; i < N; i++) {
            out[i] = Goldilocks.mul(a[i], b[i]);
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] addVector() {
        long[] a = this.a;
        long[] b = this.b;
        long[] out = this.out;
        for (int i = 0; i < N; i++) {
            out[i] = Goldilocks.add(a[i], b[i]);
        }
        return out;
    }

    /** Checks the last results of mulVector/addVector and the chain against BigInteger. */
    @TearDown(Level.Trial)
    public void check() {
        BigInteger chain = new BigInteger(Long.toUnsignedString(x))
                .multiply(new BigInteger(Long.toUnsignedString(y)).modPow(BigInteger.valueOf(CHAIN), P))
                .mod(P);
        if (chain.longValue() != mulChain()) {
            throw new AssertionError("mulChain computed a wrong product");
        }
        // mulChain leaves out untouched (all zero); mulVector and addVector fill it.
        boolean written = false;
        for (long v : out) {
            written |= v != 0;
        }
        for (int i = 0; i < N; i += 97) {
            long m = Goldilocks.mul(a[i], b[i]);
            long expected = new BigInteger(Long.toUnsignedString(a[i]))
                    .multiply(new BigInteger(Long.toUnsignedString(b[i]))).mod(P).longValue();
            if (m != expected) {
                throw new AssertionError("mul wrong at index " + i);
            }
            if (written && out[i] != m && out[i] != Goldilocks.add(a[i], b[i])) {
                throw new AssertionError("vector output wrong at index " + i);
            }
        }
    }
}
