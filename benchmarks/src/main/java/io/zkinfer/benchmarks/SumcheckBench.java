package io.zkinfer.benchmarks;

import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.Sumcheck;
import io.zkinfer.sumcheck.SumcheckException;
import java.util.Arrays;
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
 * Sumcheck over sum_b f(b) g(b) (degree 2) or f g h (degree 3), base-field factors of
 * 2^logSize evaluations, challenges in F_p^2, with the Fiat-Shamir transcript. After the trial
 * the last proof is verified and its sub-claim checked against the factors' final values.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Xms4g", "-Xmx4g", "-XX:+AlwaysPreTouch", "--sun-misc-unsafe-memory-access=allow"})
public class SumcheckBench {
    @Param({"20"})
    int logSize;

    @Param({"2", "3"})
    int degree;

    ProductSum instance;
    long[] claim;
    Sumcheck.Output last;

    @Setup(Level.Trial)
    public void setup() {
        SplittableRandom rng = new SplittableRandom(46);
        ProductSum.Builder b = ProductSum.builder(Goldilocks2.FIELD, logSize);
        int[] factors = new int[degree];
        for (int j = 0; j < degree; j++) {
            factors[j] = b.addBase(FieldBench.randomElements(rng, 1 << logSize));
        }
        instance = b.term(factors).build();
        claim = instance.sum();
    }

    @Benchmark
    public Sumcheck.Output prove() {
        last = Sumcheck.prove(Transcript.create(HashProfile.SHA256, "jmh"), "s", instance, claim);
        return last;
    }

    @TearDown(Level.Trial)
    public void check() throws SumcheckException {
        SubClaim sub = Sumcheck.verify(Transcript.create(HashProfile.SHA256, "jmh"), "s", Goldilocks2.FIELD, logSize,
                degree, claim, last.messages());
        if (!Arrays.equals(sub.expectedValue(), instance.combine(last.finalValues()))) {
            throw new IllegalStateException("the benchmarked sumcheck proof does not verify");
        }
    }
}
