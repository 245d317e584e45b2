package io.zkinfer.commit.whir;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Honest openings verify: single and batched, plain and hiding, every size from 2^1 to 2^22. */
class WhirCompletenessTest {
    private static final long SEED = 0x5EED_0001L;

    static Stream<Arguments> singleSizes() {
        List<Arguments> args = new ArrayList<>();
        for (int log = 1; log <= 22; log++) {
            args.add(Arguments.of(log, log % 3 == 0, SEED + log));
        }
        return args.stream();
    }

    @ParameterizedTest(name = "2^{0} evaluations, hiding={1}, seed={2}")
    @MethodSource("singleSizes")
    void singlePolynomialOpensAtTwoPoints(int logSize, boolean hiding, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        WhirParameters params = WhirParameters.provable100();
        WhirWitness w = WhirProver.commit(params, List.of(WhirTestSupport.polynomial(rng, logSize)), hiding,
                new SplittableRandom(seed ^ 1));
        List<EvaluationClaim> claims = WhirTestSupport.claims(w, rng, 2);
        byte[] proof = WhirProver.open(w, claims, WhirTestSupport.transcript(params)).encode();
        assertDoesNotThrow(() -> WhirVerifier.verify(params, w.commitment(), claims, proof,
                WhirTestSupport.transcript(params)));
    }

    static Stream<Arguments> batchedSizes() {
        List<Arguments> args = new ArrayList<>();
        for (int log = 1; log <= 22; log += 3) {
            args.add(Arguments.of(log, log % 2 == 0, SEED + 200 + log));
        }
        return args.stream();
    }

    /** Every size again, now as the largest of a batch of three different sizes. */
    @ParameterizedTest(name = "batch (2^{0}, 2^{0}-3, 2^0), hiding={1}, seed={2}")
    @MethodSource("batchedSizes")
    void batchAroundEachSizeOpens(int logSize, boolean hiding, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        WhirParameters params = WhirParameters.provable100();
        List<long[]> polys = List.of(WhirTestSupport.polynomial(rng, logSize),
                WhirTestSupport.polynomial(rng, Math.max(0, logSize - 3)), WhirTestSupport.polynomial(rng, 0));
        WhirWitness w = WhirProver.commit(params, polys, hiding, new SplittableRandom(seed ^ 3));
        List<EvaluationClaim> claims = WhirTestSupport.claims(w, rng, 2);
        byte[] proof = WhirProver.open(w, claims, WhirTestSupport.transcript(params)).encode();
        assertDoesNotThrow(() -> WhirVerifier.verify(params, w.commitment(), claims, proof,
                WhirTestSupport.transcript(params)));
    }

    static Stream<Arguments> batches() {
        return Stream.of(
                Arguments.of(new int[] {16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16, 16}, false, SEED + 100),
                Arguments.of(new int[] {3, 10, 1, 7, 7, 12, 0}, false, SEED + 101),
                Arguments.of(new int[] {3, 10, 1, 7, 7, 12, 0}, true, SEED + 102),
                Arguments.of(new int[] {12, 12, 12, 12}, true, SEED + 103));
    }

    @ParameterizedTest(name = "batch {0}, hiding={1}, seed={2}")
    @MethodSource("batches")
    void batchOfDifferentSizesOpensAtSeveralPoints(int[] logSizes, boolean hiding, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        List<long[]> polys = new ArrayList<>();
        for (int s : logSizes) {
            polys.add(WhirTestSupport.polynomial(rng, s));
        }
        for (WhirParameters params : List.of(WhirParameters.provable100(), WhirParameters.provable128(),
                WhirTestSupport.keccak(WhirParameters.provable100()))) {
            WhirWitness w = WhirProver.commit(params, polys, hiding, new SplittableRandom(seed ^ 7));
            List<EvaluationClaim> claims = WhirTestSupport.claims(w, rng, 2);
            byte[] proof = WhirProver.open(w, claims, WhirTestSupport.transcript(params)).encode();
            assertDoesNotThrow(() -> WhirVerifier.verify(params, w.commitment(), claims, proof,
                    WhirTestSupport.transcript(params)), params.toString());
        }
    }
}
