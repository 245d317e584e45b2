package io.zkinfer.benchmarks;

import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitProof;
import io.zkinfer.sumcheck.circuit.CircuitProver;
import io.zkinfer.sumcheck.circuit.CircuitVerifier;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.Witness;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Times a circuit end to end (prove from a computed witness, verify) next to a plain integer
 * computation of the same thing, and reports {@code prove_ms, verify_ms, proof_bytes, plain_ms,
 * peak_mb}: medians over timed rounds after warm-up rounds, peak heap over the proving rounds.
 */
final class CircuitFigures {
    private CircuitFigures() {}

    /** Median prove and verify times (verify: the best of 5 per round) and the proof's size. */
    record Timings(double proveNanos, double verifyNanos, int proofBytes) {}

    static Map<String, Object> measure(String name, Circuit circuit, long[][] given, boolean zeroKnowledge,
            LongSupplier plain, int warmups, int rounds) {
        resetPeaks();
        Timings t = time(name, circuit, given, zeroKnowledge, warmups, rounds);
        double peakMb = peakHeapBytes() / (1024.0 * 1024.0);
        Bench.progress(name + ": plain integer computation");
        double plainNanos = Measure.medianNanos(plain, 500, 11);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("prove_ms", Measure.round3(t.proveNanos() / 1e6));
        out.put("verify_ms", Measure.round3(t.verifyNanos() / 1e6));
        out.put("proof_bytes", t.proofBytes());
        out.put("plain_ms", Measure.round3(plainNanos / 1e6));
        out.put("peak_mb", Math.round(peakMb));
        out.put("zero_knowledge", zeroKnowledge);
        out.put("threads", Runtime.getRuntime().availableProcessors());
        return out;
    }

    /** Sets up a key, then proves and verifies {@code rounds} times after {@code warmups} untimed rounds. */
    static Timings time(String name, Circuit circuit, long[][] given, boolean zeroKnowledge, int warmups, int rounds) {
        ProvingKey key = ProvingKey.setup(circuit, WhirParameters.provable100(), zeroKnowledge);
        Witness w = circuit.evaluate(given);
        long[][] pub = CircuitProver.publicValues(circuit, w);
        long[] prove = new long[rounds];
        long[] verify = new long[rounds];
        int bytes = 0;
        for (int r = -warmups; r < rounds; r++) {
            Bench.progress(name + (r < 0 ? ": warm-up " + (r + warmups + 1) + "/" + warmups
                    : ": round " + (r + 1) + "/" + rounds) + ": prove");
            long t0 = System.nanoTime();
            CircuitProof proof = CircuitProver.prove(key, w);
            long t1 = System.nanoTime();
            byte[] encoded = proof.encode();
            long best = Long.MAX_VALUE;
            for (int v = 0; v < 5; v++) {
                long s = System.nanoTime();
                try {
                    CircuitVerifier.verify(key.verifyingKey(), pub, CircuitProof.decode(encoded));
                } catch (ProofException e) {
                    throw new IllegalStateException("an honest proof was rejected: " + e.getMessage(), e);
                }
                best = Math.min(best, System.nanoTime() - s);
            }
            if (r >= 0) {
                prove[r] = t1 - t0;
                verify[r] = best;
                bytes = encoded.length;
            }
        }
        return new Timings(median(prove), median(verify), bytes);
    }

    static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    /** Sum of the heap pools' peaks: an upper estimate of the live peak (pools peak at different times). */
    static long peakHeapBytes() {
        long sum = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                sum += pool.getPeakUsage().getUsed();
            }
        }
        return sum;
    }

    static double median(long[] v) {
        long[] s = v.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
