package io.zkinfer.benchmarks;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.field.Goldilocks3;
import io.zkinfer.field.Ntt;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code ./bench field}: quick figures for the field layer. Goldilocks mul throughput
 * (independent element-wise products over 2^16 + 3 elements) and latency (a dependent chain),
 * extension-field mul throughput, all in ns per mul, and a forward NTT of 2^20 elements in ms.
 * For careful numbers use the JMH benchmarks ({@link FieldBench}, {@link ExtensionFieldBench},
 * {@link NttBench}); this gives the headline figures in one run.
 */
@Command(name = "field", description = "Goldilocks and extension-field mul (ns per mul), NTT 2^20 (ms).")
final class FieldFigures implements Callable<Map<String, Object>> {
    @Mixin
    Bench.Help help;

    static final int N = (1 << 16) + 3;
    static final int CHAIN = 1 << 16;
    static final int NTT_LOG = 20;
    static final int ROUNDS = 21;

    @Override
    public Map<String, Object> call() {
        SplittableRandom rnd = new SplittableRandom(7);
        long[] a = FieldBench.randomElements(rnd, 3 * N);
        long[] b = FieldBench.randomElements(rnd, 3 * N);
        long[] out = new long[3 * N];

        Bench.progress("goldilocks mul: " + N + " independent products, warm-up 2 s, " + ROUNDS + " rounds");
        double vectorNs = Measure.medianNanos(() -> mulVector(out, a, b), 2000, ROUNDS) / N;
        Bench.progress("goldilocks mul: dependent chain of " + CHAIN);
        double chainNs = Measure.medianNanos(() -> mulChain(a[0], b[0]), 1000, ROUNDS) / CHAIN;
        Bench.progress("goldilocks2 mul: " + N + " independent products");
        double mul2Ns = Measure.medianNanos(() -> mul2Vector(out, a, b), 1000, ROUNDS) / N;
        ExtensionFieldBench.check(out, a, b, 2, N - 1);
        Bench.progress("goldilocks3 mul: " + N + " independent products");
        double mul3Ns = Measure.medianNanos(() -> mul3Vector(out, a, b), 1000, ROUNDS) / N;
        ExtensionFieldBench.check(out, a, b, 3, N - 1);

        Bench.progress("ntt: forward, 2^" + NTT_LOG + " elements, " + Runtime.getRuntime().availableProcessors() + " cores");
        long[] poly = FieldBench.randomElements(rnd, 1 << NTT_LOG);
        checkNtt(poly);
        // The transform's cost does not depend on the values, so it runs on its own output.
        double nttMs = Measure.medianNanos(() -> {
            Ntt.forward(poly);
            return poly[1];
        }, 3000, 11) / 1e6;

        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "field");
        figures.put("cores", Runtime.getRuntime().availableProcessors());
        figures.put("goldilocks_mul_ns", Measure.round3(vectorNs));
        figures.put("goldilocks_mul_latency_ns", Measure.round3(chainNs));
        figures.put("goldilocks2_mul_ns", Measure.round3(mul2Ns));
        figures.put("goldilocks3_mul_ns", Measure.round3(mul3Ns));
        figures.put("ntt_2_20_ms", Measure.round3(nttMs));
        return figures;
    }

    static long mulVector(long[] out, long[] a, long[] b) {
        for (int i = 0; i < N; i++) {
            out[i] = Goldilocks.mul(a[i], b[i]);
        }
        return out[N - 1] ^ out[N >> 1];
    }

    static long mulChain(long x, long y) {
        long acc = x;
        for (int i = 0; i < CHAIN; i++) {
            acc = Goldilocks.mul(acc, y);
        }
        return acc;
    }

    static long mul2Vector(long[] out, long[] a, long[] b) {
        for (int i = 0; i < 2 * N; i += 2) {
            Goldilocks2.mul(out, i, a, i, b, i);
        }
        return out[2 * N - 1];
    }

    static long mul3Vector(long[] out, long[] a, long[] b) {
        for (int i = 0; i < 3 * N; i += 3) {
            Goldilocks3.mul(out, i, a, i, b, i);
        }
        return out[3 * N - 1];
    }

    /** One forward NTT on a copy, checked at two points against Horner's rule. */
    static void checkNtt(long[] coefficients) {
        long[] evals = coefficients.clone();
        Ntt.forward(evals);
        long w = Goldilocks.rootOfUnity(Integer.numberOfTrailingZeros(coefficients.length));
        for (int j : new int[] {1, evals.length - 1}) {
            long x = Goldilocks.pow(w, j);
            long y = 0;
            for (int i = coefficients.length - 1; i >= 0; i--) {
                y = Goldilocks.add(Goldilocks.mul(y, x), coefficients[i]);
            }
            if (evals[j] != y) {
                throw new IllegalStateException("Ntt.forward is wrong at index " + j + ": refusing to time it");
            }
        }
    }
}
