package io.zkinfer.benchmarks;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.commit.whir.EvaluationClaim;
import io.zkinfer.commit.whir.InvalidProofException;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.commit.whir.WhirProver;
import io.zkinfer.commit.whir.WhirVerifier;
import io.zkinfer.commit.whir.WhirWitness;
import java.util.ArrayList;
import java.util.List;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * WHIR commit, open and verify (default provable 100-bit parameters, SHA-256), for the shapes
 * the foundation issue names: one polynomial of 2^20, one of 2^24, and a batch of 16 of 2^16
 * (shape "BxL": B polynomials of 2^L evaluations), each opened at one random point per
 * polynomial. Verify checks every proof it times (a rejected honest proof fails the run). Proof
 * sizes and security bits of the same configurations come from {@code ./bench pcs}.
 *
 * <p>2^24 is slow to set up (a few seconds per commitment); run it alone with
 * {@code -p shape=1x24}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3)
@Measurement(iterations = 5)
// AlwaysPreTouch: verify allocates about 2 MB per call; without pre-touching, a fresh multi-GB
// eden costs a page fault per new page until the first GC, which tripled verify times.
@Fork(value = 1, jvmArgsAppend = {"-Xms8g", "-Xmx12g", "-XX:+AlwaysPreTouch", "--sun-misc-unsafe-memory-access=allow"})
public class PcsJmhBench {
    @Param({"1x20", "16x16", "1x24"})
    String shape;

    @Param({"false"})
    boolean hiding;

    WhirParameters params;
    List<long[]> polynomials;
    WhirWitness witness;
    List<EvaluationClaim> claims;
    byte[] proof;

    @Setup(Level.Trial)
    public void setup() {
        String[] parts = shape.split("x");
        int batch = Integer.parseInt(parts[0]);
        int logSize = Integer.parseInt(parts[1]);
        params = WhirParameters.provable100();
        SplittableRandom rng = new SplittableRandom(45);
        polynomials = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            polynomials.add(FieldBench.randomElements(rng, 1 << logSize));
        }
        witness = WhirProver.commit(params, polynomials, hiding);
        claims = new ArrayList<>();
        for (int b = 0; b < batch; b++) {
            long[] point = FieldBench.randomElements(rng, logSize * witness.plan().extension().degree());
            claims.add(WhirProver.claim(witness, b, point));
        }
        proof = WhirProver.open(witness, claims, transcript()).encode();
    }

    /** A fresh commitment before each open when hiding: a hiding witness opens once. */
    @Setup(Level.Invocation)
    public void freshWitness() {
        if (hiding) {
            witness = WhirProver.commit(params, polynomials, true);
        }
    }

    private Transcript transcript() {
        return Transcript.create(params.hash(), "zkinfer/jmh/pcs");
    }

    @Benchmark
    public byte[] commit() {
        return WhirProver.commit(params, polynomials, hiding).commitment().root();
    }

    @Benchmark
    public byte[] open() {
        return WhirProver.open(witness, claims, transcript()).encode();
    }

    @Benchmark
    @BenchmarkMode(Mode.AverageTime)
    @Warmup(iterations = 3, time = 2)
    @Measurement(iterations = 5, time = 2)
    public int verify() throws InvalidProofException {
        WhirVerifier.verify(params, witness.commitment(), claims, proof, transcript());
        return proof.length;
    }
}
