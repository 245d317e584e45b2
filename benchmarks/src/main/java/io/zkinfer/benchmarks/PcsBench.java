package io.zkinfer.benchmarks;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.commit.whir.EvaluationClaim;
import io.zkinfer.commit.whir.InvalidProofException;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.commit.whir.WhirPlan;
import io.zkinfer.commit.whir.WhirProver;
import io.zkinfer.commit.whir.WhirVerifier;
import io.zkinfer.commit.whir.WhirWitness;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code ./bench pcs --log-size N [--batch B] [--hiding] [--security 100|128]}: commit to B
 * multilinear polynomials of 2^N evaluations each and open them, end to end.
 */
@Command(name = "pcs", description = "Polynomial commitment: commit, open and verify, end to end.")
final class PcsBench implements Callable<Map<String, Object>> {
    @Mixin
    Bench.Help help;

    static final int MAX_LOG_SIZE = 26;

    @Spec
    CommandSpec spec;

    @Option(names = "--log-size", required = true, paramLabel = "N",
            description = "log2 of the number of evaluations per polynomial (1..26).")
    int logSize;

    @Option(names = "--batch", paramLabel = "B", defaultValue = "1",
            description = "Number of polynomials committed and opened together (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--hiding", description = "Use the hiding (zero-knowledge) commitment.")
    boolean hiding;

    @Option(names = "--security", paramLabel = "BITS", defaultValue = "100",
            description = "Security level in bits: 100 or 128 (default: ${DEFAULT-VALUE}).")
    int security;

    @Override
    public Map<String, Object> call() {
        if (logSize < 1 || logSize > MAX_LOG_SIZE) {
            throw new ParameterException(spec.commandLine(),
                    "--log-size must be in 1.." + MAX_LOG_SIZE + ", got " + logSize);
        }
        if (batch < 1) {
            throw new ParameterException(spec.commandLine(), "--batch must be at least 1, got " + batch);
        }
        if (security != 100 && security != 128) {
            throw new ParameterException(spec.commandLine(), "--security must be 100 or 128, got " + security);
        }
        if ((long) batch << logSize > 1L << WhirPlan.MAX_VARIABLES) {
            throw new ParameterException(spec.commandLine(), "--batch " + batch + " x 2^" + logSize
                    + " evaluations exceeds the 2^" + WhirPlan.MAX_VARIABLES + " one commitment holds");
        }
        return runPcs(new PcsArgs(logSize, batch, hiding, security));
    }

    /**
     * Commits to {@code batch} random polynomials of 2^logSize evaluations, opens each at one
     * random point, verifies; warm-up rounds first, then the median of the timed rounds. A fresh
     * commitment every round: a hiding one opens only once.
     */
    static Map<String, Object> runPcs(PcsArgs args) {
        WhirParameters params = args.security() == 128 ? WhirParameters.provable128() : WhirParameters.provable100();
        SplittableRandom rng = new SplittableRandom(20261121L);
        List<long[]> polys = new ArrayList<>();
        for (int b = 0; b < args.batch(); b++) {
            long[] p = new long[1 << args.logSize()];
            for (int i = 0; i < p.length; i++) {
                p[i] = rng.nextLong() >>> 1; // below 2^63 < p: canonical
            }
            polys.add(p);
        }
        boolean big = (long) args.batch() << args.logSize() >= 1L << 22;
        int warmups = big ? 1 : 3;
        int rounds = big ? 3 : 5;
        long[] commit = new long[rounds];
        long[] open = new long[rounds];
        long[] verify = new long[rounds];
        int proofBytes = 0;
        WhirPlan plan = null;
        for (int r = -warmups; r < rounds; r++) {
            Bench.progress((r < 0 ? "warm-up " + (r + warmups + 1) + "/" + warmups : "round " + (r + 1) + "/" + rounds)
                    + ": commit");
            long t0 = System.nanoTime();
            WhirWitness w = WhirProver.commit(params, polys, args.hiding());
            long t1 = System.nanoTime();
            plan = w.plan();
            List<EvaluationClaim> claims = new ArrayList<>();
            for (int b = 0; b < args.batch(); b++) {
                long[] point = new long[args.logSize() * plan.extension().degree()];
                for (int i = 0; i < point.length; i++) {
                    point[i] = rng.nextLong() >>> 1;
                }
                claims.add(WhirProver.claim(w, b, point));
            }
            Bench.progress("  open");
            long t2 = System.nanoTime();
            byte[] proof = WhirProver.open(w, claims, transcript(params)).encode();
            long t3 = System.nanoTime();
            long best = Long.MAX_VALUE;
            for (int v = 0; v < 10; v++) {
                long s = System.nanoTime();
                try {
                    WhirVerifier.verify(params, w.commitment(), claims, proof, transcript(params));
                } catch (InvalidProofException e) {
                    throw new IllegalStateException("an honest proof was rejected: " + e.getMessage(), e);
                }
                best = Math.min(best, System.nanoTime() - s);
            }
            if (r >= 0) {
                commit[r] = t1 - t0;
                open[r] = t3 - t2;
                verify[r] = best;
                proofBytes = proof.length;
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("bench", "pcs");
        out.put("log_size", args.logSize());
        out.put("batch", args.batch());
        out.put("hiding", args.hiding());
        out.put("commit_ms", Measure.round3(median(commit) / 1e6));
        out.put("open_ms", Measure.round3(median(open) / 1e6));
        out.put("verify_ms", Measure.round3(median(verify) / 1e6));
        out.put("proof_bytes", proofBytes);
        out.put("security_bits", Math.floor(plan.securityBits() * 10) / 10);
        out.put("extension_degree", plan.extension().degree());
        out.put("committed_variables", plan.numVariables());
        out.put("threads", Runtime.getRuntime().availableProcessors());
        return out;
    }

    private static Transcript transcript(WhirParameters params) {
        return Transcript.create(params.hash(), "zkinfer/bench/pcs");
    }

    private static double median(long[] v) {
        long[] s = v.clone();
        java.util.Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }
}
