package io.zkinfer.benchmarks;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.field.Goldilocks3;
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
 * Element-wise multiplication in the degree-2 and degree-3 extensions of Goldilocks, over 4099
 * interleaved elements: nanoseconds per extension-field mul. Results are checked against a
 * schoolbook product (u^2 = 7, resp. u^3 = 7) written here with base-field ops only.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "--sun-misc-unsafe-memory-access=allow"})
public class ExtensionFieldBench {
    static final int N = 4099;

    long[] a2, b2, out2;
    long[] a3, b3, out3;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rnd = new SplittableRandom(43);
        a2 = FieldBench.randomElements(rnd, 2 * N);
        b2 = FieldBench.randomElements(rnd, 2 * N);
        a3 = FieldBench.randomElements(rnd, 3 * N);
        b3 = FieldBench.randomElements(rnd, 3 * N);
        out2 = new long[2 * N];
        out3 = new long[3 * N];
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] mulDegree2() {
        long[] a = a2, b = b2, out = out2;
        for (int i = 0; i < 2 * N; i += 2) {
            Goldilocks2.mul(out, i, a, i, b, i);
        }
        return out;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public long[] mulDegree3() {
        long[] a = a3, b = b3, out = out3;
        for (int i = 0; i < 3 * N; i += 3) {
            Goldilocks3.mul(out, i, a, i, b, i);
        }
        return out;
    }

    @TearDown(Level.Trial)
    public void check() {
        for (int e = 0; e < N; e += 101) {
            if (out2[2 * e] != 0 || out2[2 * e + 1] != 0) {
                check(out2, a2, b2, 2, e);
            }
            if (out3[3 * e] != 0 || out3[3 * e + 1] != 0 || out3[3 * e + 2] != 0) {
                check(out3, a3, b3, 3, e);
            }
        }
    }

    /** Schoolbook product in F_p[u] / (u^d - 7), compared with out at element e. */
    static void check(long[] out, long[] a, long[] b, int d, int e) {
        long[] c = new long[d];
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                long t = Goldilocks.mul(a[d * e + i], b[d * e + j]);
                int k = i + j;
                if (k >= d) {
                    t = Goldilocks.mul(t, 7);
                    k -= d;
                }
                c[k] = Goldilocks.add(c[k], t);
            }
        }
        for (int k = 0; k < d; k++) {
            if (out[d * e + k] != c[k]) {
                throw new AssertionError("degree-" + d + " mul wrong at element " + e + ", limb " + k);
            }
        }
    }
}
