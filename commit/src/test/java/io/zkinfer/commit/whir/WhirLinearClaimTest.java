package io.zkinfer.commit.whir;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Linear claims: sums of scaled evaluations of several committed polynomials, proven as one. */
class WhirLinearClaimTest {
    private static final long SEED = 0x11AEA2L;

    private record Setup(WhirParameters params, WhirWitness witness, List<long[]> polys, List<LinearClaim> claims) {}

    private static Setup setup(boolean hiding, long seed) {
        return setup(hiding, seed, false);
    }

    /**
     * Four claims of 1 to 4 terms (10 terms: the prover builds weight tables); with
     * {@code booleanHigh}, each point's upper coordinates are 0 or 1 (a random number of them,
     * all of them included), the shape of a mask pool's slot points.
     */
    private static Setup setup(boolean hiding, long seed, boolean booleanHigh) {
        WhirParameters params = WhirParameters.provable100();
        ExtensionField ext = params.extension();
        SplittableRandom rng = new SplittableRandom(seed);
        List<long[]> polys = List.of(WhirTestSupport.polynomial(rng, 6), WhirTestSupport.polynomial(rng, 3),
                WhirTestSupport.polynomial(rng, 0), WhirTestSupport.polynomial(rng, 10));
        WhirWitness w = WhirProver.commit(params, polys, hiding, new SplittableRandom(seed + 1));
        List<LinearClaim> claims = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            List<LinearClaim.Term> terms = new ArrayList<>();
            long[] value = ext.zero();
            for (int t = 0; t <= c; t++) {
                int poly = rng.nextInt(polys.size());
                int vars = Multilinear.numVariables(polys.get(poly).length);
                long[] point = WhirTestSupport.point(rng, ext, vars);
                if (booleanHigh) {
                    int d = ext.degree();
                    for (int j = vars - rng.nextInt(vars + 1); j < vars; j++) {
                        java.util.Arrays.fill(point, j * d, j * d + d, 0);
                        point[j * d] = rng.nextInt(2);
                    }
                }
                long[] coef = WhirTestSupport.point(rng, ext, 1);
                terms.add(new LinearClaim.Term(poly, point, coef));
                value = ext.add(value, ext.mul(coef, Multilinear.evaluate(ext, polys.get(poly), point)));
            }
            claims.add(new LinearClaim(terms, value));
        }
        return new Setup(params, w, polys, claims);
    }

    @ParameterizedTest(name = "hiding {0}")
    @ValueSource(booleans = {false, true})
    void trueLinearClaimsVerify(boolean hiding) throws InvalidProofException {
        System.out.println("WhirLinearClaimTest seed " + SEED);
        Setup s = setup(hiding, SEED);
        byte[] proof = WhirProver.openLinear(s.witness(), s.claims(), WhirTestSupport.transcript(s.params())).encode();
        WhirVerifier.verifyLinear(s.params(), s.witness().commitment(), s.claims(), proof,
                WhirTestSupport.transcript(s.params()));
    }

    /** Points with 0/1 upper coordinates take the prover's block shortcut; the verifier evaluates them in full. */
    @ParameterizedTest(name = "hiding {0}")
    @ValueSource(booleans = {false, true})
    void pointsWithBooleanCoordinatesVerify(boolean hiding) throws InvalidProofException {
        for (long seed = SEED + 100; seed < SEED + 110; seed++) {
            Setup s = setup(hiding, seed, true);
            byte[] proof = WhirProver.openLinear(s.witness(), s.claims(), WhirTestSupport.transcript(s.params())).encode();
            WhirVerifier.verifyLinear(s.params(), s.witness().commitment(), s.claims(), proof,
                    WhirTestSupport.transcript(s.params()));
        }
    }

    @ParameterizedTest(name = "hiding {0}")
    @ValueSource(booleans = {false, true})
    void wrongValueOrCoefficientIsRejected(boolean hiding) {
        Setup s = setup(hiding, SEED + 7);
        ExtensionField ext = s.params().extension();
        byte[] proof = WhirProver.openLinear(s.witness(), s.claims(), WhirTestSupport.transcript(s.params())).encode();
        for (int c = 0; c < s.claims().size(); c++) {
            LinearClaim claim = s.claims().get(c);
            List<LinearClaim> wrongValue = new ArrayList<>(s.claims());
            wrongValue.set(c, new LinearClaim(claim.terms(), ext.add(claim.value(), ext.one())));
            assertThrows(InvalidProofException.class, () -> WhirVerifier.verifyLinear(s.params(),
                    s.witness().commitment(), wrongValue, proof, WhirTestSupport.transcript(s.params())));
            List<LinearClaim.Term> terms = new ArrayList<>(claim.terms());
            LinearClaim.Term t0 = terms.get(0);
            terms.set(0, new LinearClaim.Term(t0.polynomial(), t0.point(), ext.add(t0.coefficient(), ext.one())));
            List<LinearClaim> wrongCoefficient = new ArrayList<>(s.claims());
            wrongCoefficient.set(c, new LinearClaim(terms, claim.value()));
            assertThrows(InvalidProofException.class, () -> WhirVerifier.verifyLinear(s.params(),
                    s.witness().commitment(), wrongCoefficient, proof, WhirTestSupport.transcript(s.params())));
        }
    }

    /** A false linear claim yields a proof that is rejected (the prover does not check). */
    @ParameterizedTest(name = "hiding {0}")
    @ValueSource(booleans = {false, true})
    void falseClaimIsRejected(boolean hiding) {
        Setup s = setup(hiding, SEED + 11);
        ExtensionField ext = s.params().extension();
        List<LinearClaim> claims = new ArrayList<>(s.claims());
        LinearClaim last = claims.get(claims.size() - 1);
        claims.set(claims.size() - 1, new LinearClaim(last.terms(), ext.add(last.value(), ext.fromBase(Goldilocks.P - 1))));
        byte[] proof = WhirProver.openLinear(s.witness(), claims, WhirTestSupport.transcript(s.params())).encode();
        assertThrows(InvalidProofException.class, () -> WhirVerifier.verifyLinear(s.params(), s.witness().commitment(),
                claims, proof, WhirTestSupport.transcript(s.params())));
    }

    @ParameterizedTest(name = "hiding {0}")
    @ValueSource(booleans = {false})
    void malformedTermsAreRejected(boolean hiding) {
        Setup s = setup(hiding, SEED + 13);
        byte[] proof = WhirProver.openLinear(s.witness(), s.claims(), WhirTestSupport.transcript(s.params())).encode();
        List<LinearClaim> bad = new ArrayList<>(s.claims());
        LinearClaim c = bad.get(1);
        List<LinearClaim.Term> terms = new ArrayList<>(c.terms());
        terms.add(new LinearClaim.Term(9, new long[0], new long[2]));
        bad.set(1, new LinearClaim(terms, c.value()));
        assertThrows(InvalidProofException.class, () -> WhirVerifier.verifyLinear(s.params(), s.witness().commitment(),
                bad, proof, WhirTestSupport.transcript(s.params())));
    }
}
