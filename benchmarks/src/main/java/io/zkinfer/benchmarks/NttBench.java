package io.zkinfer.benchmarks;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Ntt;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A forward Goldilocks NTT of 2^logSize elements, in place (using every core the NTT uses),
 * milliseconds per transform. The input is restored before each invocation (a copy costs well
 * under a tenth of the transform, and is not timed). After the trial a few outputs are checked
 * against a Horner evaluation of the input polynomial.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "--sun-misc-unsafe-memory-access=allow"})
public class NttBench {
    @Param({"20"})
    int logSize;

    long[] coefficients;
    long[] work;

    @Setup(Level.Trial)
    public void setup() {
        coefficients = FieldBench.randomElements(new SplittableRandom(44), 1 << logSize);
        work = new long[1 << logSize];
    }

    @Setup(Level.Invocation)
    public void restore() {
        System.arraycopy(coefficients, 0, work, 0, work.length);
    }

    @Benchmark
    public long[] forward() {
        Ntt.forward(work);
        return work;
    }

    @TearDown(Level.Trial)
    public void check() {
        restore();
        Ntt.forward(work);
        long w = Goldilocks.rootOfUnity(logSize);
        for (int j : new int[] {0, 1, work.length / 3, work.length - 1}) {
            long x = Goldilocks.pow(w, j);
            long y = 0;
            for (int i = coefficients.length - 1; i >= 0; i--) {
                y = Goldilocks.add(Goldilocks.mul(y, x), coefficients[i]);
            }
            if (work[j] != y) {
                throw new AssertionError("NTT output wrong at index " + j);
            }
        }
    }
}
