package io.zkinfer.commit.whir;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.field.Goldilocks3;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The transform path of the query-weight update gives exactly the direct sum of eq tables. */
class QueryWeightsTest {

    @ParameterizedTest(name = "degree {0}, {1} leaves of 2^{2}, m = {3}, {4} queries")
    @CsvSource({"2, 13, 4, 12, 203", "2, 9, 4, 6, 40", "3, 10, 2, 8, 17", "2, 5, 1, 4, 1", "2, 6, 4, 1, 3"})
    void transformMatchesDirectSum(int degree, int logLeaves, int k, int m, int queries) {
        long seed = 31L * logLeaves + m;
        System.out.println("QueryWeightsTest seed " + seed);
        SplittableRandom rng = new SplittableRandom(seed);
        ExtensionField ext = degree == 2 ? Goldilocks2.FIELD : Goldilocks3.FIELD;
        int d = ext.degree();
        int[] leaves = new int[queries];
        long[][] coefs = new long[queries][];
        long[] ys = new long[queries];
        long shift = Goldilocks.pow(Folding.SHIFT, 1L << k);
        long g = Goldilocks.rootOfUnity(logLeaves);
        for (int q = 0; q < queries; q++) {
            leaves[q] = rng.nextInt(1 << logLeaves);
            coefs[q] = new long[d];
            for (int l = 0; l < d; l++) {
                coefs[q][l] = Goldilocks.random(rng);
            }
            ys[q] = Goldilocks.mul(shift, Goldilocks.pow(g, leaves[q]));
        }
        long[] start = new long[d << m];
        for (int i = 0; i < start.length; i++) {
            start[i] = Goldilocks.random(rng);
        }
        long[] direct = start.clone();
        QueryWeights.direct(ext, direct, coefs, ys, m);
        long[] transform = start.clone();
        QueryWeights.bySubgroup(ext, transform, coefs, leaves, logLeaves, k, m);
        assertArrayEquals(direct, transform);
        long[] chosen = start.clone();
        QueryWeights.add(ext, chosen, coefs, leaves, logLeaves, k, m);
        assertArrayEquals(direct, chosen);
    }
}
