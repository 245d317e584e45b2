package io.zkinfer.sumcheck.lookup;

import static io.zkinfer.sumcheck.lookup.LookupTestSupport.transcript;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 2^16 ReLU lookups, (x, relu(x)) into the 2^16-row table over [-2^15, 2^15), at full size: a
 * correctness check at scale that also prints wall-clock times on a warm JVM (a rough figure;
 * the JMH benchmarks are the reference). It asserts nothing about time.
 */
class ReluTimingTest {
    static final int BITS = 16;

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.zkinfer.sumcheck.lookup.FractionalSumTest#fields")
    void reluLookupsAtFullSize(ExtensionField ext) throws Exception {
        SplittableRandom rng = new SplittableRandom(0x2E1_0L);
        long[] x = new long[1 << BITS];
        long[] y = new long[1 << BITS];
        for (int i = 0; i < x.length; i++) {
            long v = rng.nextLong(1L << BITS) - (1L << (BITS - 1));
            x[i] = Goldilocks.fromSigned(v);
            y[i] = Goldilocks.fromSigned(Math.max(0, v));
        }
        Table table = Table.function(BITS, v -> Math.max(0, v));
        List<long[][]> lookups = List.<long[][]>of(new long[][] {x, y});
        int[] variables = {BITS};

        long[] m = null;
        LogUp.Output out = null;
        List<LookupClaim> claims = null;
        long best = Long.MAX_VALUE;
        long bestM = Long.MAX_VALUE;
        long bestVerify = Long.MAX_VALUE;
        for (int iter = 0; iter < 8; iter++) {
            long t0 = System.nanoTime();
            m = LogUp.multiplicities(table, lookups);
            long t1 = System.nanoTime();
            out = LogUp.prove(transcript(), "relu", ext, table, lookups, m);
            long t2 = System.nanoTime();
            claims = LogUp.verify(transcript(), "relu", ext, table, variables, out.proof());
            long t3 = System.nanoTime();
            bestM = Math.min(bestM, t1 - t0);
            best = Math.min(best, t2 - t1);
            bestVerify = Math.min(bestVerify, t3 - t2);
        }
        long gkrBest = Long.MAX_VALUE;
        long[] q = LookupTestSupport.nonzero(rng, ext, 1 << BITS);
        for (int iter = 0; iter < 8; iter++) {
            long t0 = System.nanoTime();
            FractionalSum.proveBase(transcript(), "gkr", ext, m, q);
            gkrBest = Math.min(gkrBest, System.nanoTime() - t0);
        }
        System.out.printf("%s, 2^%d ReLU lookups into 2^%d rows: multiplicities %.1f ms, prove %.1f ms, verify %.2f ms, "
                + "proof %d elements, %d bits; one 2^%d-leaf fractional sum: %.1f ms%n", ext, BITS, BITS, bestM / 1e6,
                best / 1e6, bestVerify / 1e6, out.proof().elementCount(ext.degree()),
                LogUp.securityBits(ext, table, variables), BITS, gkrBest / 1e6);

        assertEquals(out.claims(), claims);
        assertEquals(4, claims.size(), "x, relu(x), the table's output column, multiplicities");
        long[][] columns = table.columns();
        for (LookupClaim c : claims) {
            long[] evals = switch (c.kind()) {
                case LOOKED_UP -> c.column() == 0 ? x : y;
                case TABLE -> columns[c.column()];
                case MULTIPLICITY -> m;
            };
            assertTrue(Arrays.equals(Multilinear.evaluate(ext, evals, c.point()), c.value()), c.toString());
        }
    }
}
