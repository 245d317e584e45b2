package io.zkinfer.sumcheck;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.field.Goldilocks3;
import io.zkinfer.field.Multilinear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Sumcheck over products of multilinears: completeness, soundness, malformed messages. */
class SumcheckTest {

    /** A random instance: factors (some base, some extension) and terms of degree up to maxDegree. */
    private static ProductSum instance(SplittableRandom rng, ExtensionField ext, int vars, int maxDegree,
            boolean allBase) {
        ProductSum.Builder b = ProductSum.builder(ext, vars);
        int factors = 1 + rng.nextInt(4);
        for (int j = 0; j < factors; j++) {
            if (allBase || rng.nextBoolean()) {
                b.addBase(vector(rng, 1 << vars));
            } else {
                b.addExtension(vector(rng, ext.degree() << vars));
            }
        }
        int terms = 1 + rng.nextInt(3);
        for (int t = 0; t < terms; t++) {
            int deg = t == 0 ? maxDegree : 1 + rng.nextInt(maxDegree);
            int[] idx = new int[deg];
            for (int k = 0; k < deg; k++) {
                idx[k] = rng.nextInt(factors);
            }
            b.term(vector(rng, ext.degree()), idx);
        }
        return b.build();
    }

    private static long[] vector(SplittableRandom rng, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(8) == 0 ? Goldilocks.P - 1 - rng.nextInt(3) : Goldilocks.reduce(rng.nextLong());
        }
        return v;
    }

    private static Transcript transcript() {
        return Transcript.create(HashProfile.SHA256, "zkinfer/sumcheck-test");
    }

    /** Each factor's value at the point, computed from scratch. */
    private static long[][] evaluations(ProductSum inst, long[] point) {
        long[][] out = new long[inst.factorCount()][];
        for (int j = 0; j < out.length; j++) {
            out[j] = inst.baseFactor[j] ? Multilinear.evaluate(inst.ext, inst.factors.get(j), point)
                    : Multilinear.evaluateExt(inst.ext, inst.factors.get(j), point);
        }
        return out;
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 0x5C00L;
        for (ExtensionField ext : List.of(Goldilocks2.FIELD, Goldilocks3.FIELD)) {
            for (int degree = 1; degree <= 4; degree++) {
                for (int vars : new int[] {0, 1, 2, 5, 11}) {
                    out.add(Arguments.of(ext, degree, vars, vars % 2 == 0, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, degree {1}, {2} variables, allBase={3}, seed={4}")
    @MethodSource("cases")
    void honestProofsLeaveATrueSubClaim(ExtensionField ext, int degree, int vars, boolean allBase, long seed)
            throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        ProductSum inst = instance(rng, ext, vars, degree, allBase);
        long[] claim = inst.sum();
        Sumcheck.Output out = Sumcheck.prove(transcript(), "test", inst, claim);
        SubClaim sub = Sumcheck.verify(transcript(), "test", ext, vars, inst.degree(), claim, out.messages());
        assertArrayEquals(out.point(), sub.point());
        long[][] actual = evaluations(inst, sub.point());
        for (int j = 0; j < actual.length; j++) {
            assertArrayEquals(actual[j], out.finalValues()[j], "factor " + j + " final value");
        }
        assertArrayEquals(inst.combine(actual), sub.expectedValue(), "sub-claim");
    }

    @ParameterizedTest(name = "{0}, degree {1}, {2} variables, allBase={3}, seed={4}")
    @MethodSource("cases")
    void falseClaimsAndTamperedMessagesLeaveAFalseSubClaim(ExtensionField ext, int degree, int vars, boolean allBase,
            long seed) throws Exception {
        if (vars == 0) {
            return; // no messages; the sub-claim is the claim itself, checked directly by the caller
        }
        SplittableRandom rng = new SplittableRandom(seed);
        ProductSum inst = instance(rng, ext, vars, degree, allBase);
        long[] claim = inst.sum();
        Sumcheck.Output out = Sumcheck.prove(transcript(), "test", inst, claim);

        long[] wrong = claim.clone();
        wrong[0] = Goldilocks.add(wrong[0], 1);
        assertFalse(holds(inst, Sumcheck.verify(transcript(), "test", ext, vars, inst.degree(), wrong, out.messages())),
                "a false claim");
        for (int r = 0; r < vars; r++) {
            for (int i = 0; i < out.messages()[r].length; i++) {
                long[][] tampered = deepCopy(out.messages());
                tampered[r][i] = Goldilocks.add(tampered[r][i], 1);
                assertFalse(holds(inst, Sumcheck.verify(transcript(), "test", ext, vars, inst.degree(), claim, tampered)),
                        "round " + r + " limb " + i);
            }
        }
    }

    /**
     * A cheating prover for a false claim: it runs the honest prover but shifts its first
     * message so that h(0) + h(1) matches the false claim. Fiat-Shamir then moves every
     * challenge, and the final check fails.
     */
    @ParameterizedTest(name = "{0}, degree {1}, {2} variables, allBase={3}, seed={4}")
    @MethodSource("cases")
    void aProverShiftingTheFirstMessageIsCaught(ExtensionField ext, int degree, int vars, boolean allBase, long seed)
            throws Exception {
        if (vars == 0) {
            return;
        }
        SplittableRandom rng = new SplittableRandom(seed ^ 77);
        ProductSum inst = instance(rng, ext, vars, degree, allBase);
        long[] falseClaim = ext.add(inst.sum(), ext.one());
        Transcript t = transcript();
        t.absorbInt("test/variables", vars);
        t.absorbInt("test/degree", inst.degree());
        t.absorbFields("test/claim", falseClaim);
        SumcheckProver prover = new SumcheckProver(inst);
        long[][] messages = new long[vars][];
        for (int r = 0; r < vars; r++) {
            messages[r] = prover.roundMessage();
            if (r == 0) {
                // Lower h(0) by 1/2 and keep h(2..D): with the claim raised by 1, h(1) = claim - h(0)
                // rises by 3/2; a well-formed first message for the false claim.
                messages[r][0] = Goldilocks.sub(messages[r][0], Goldilocks.inverse(2));
            }
            t.absorbFields("test/round", messages[r]);
            prover.bind(t.challengeExtension("test/challenge", ext.degree()));
        }
        SubClaim sub = Sumcheck.verify(transcript(), "test", ext, vars, inst.degree(), falseClaim, messages);
        assertFalse(holds(inst, sub), "the false claim survived");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void malformedMessagesAreCheckedExceptions(ExtensionField ext) {
        SplittableRandom rng = new SplittableRandom(9);
        ProductSum inst = instance(rng, ext, 4, 3, false);
        long[] claim = inst.sum();
        long[][] messages = Sumcheck.prove(transcript(), "test", inst, claim).messages();
        int deg = inst.degree();
        assertThrows(SumcheckException.class, () -> Sumcheck.verify(transcript(), "test", ext, 4, deg, claim,
                Arrays.copyOf(messages, 3)));
        assertThrows(SumcheckException.class, () -> Sumcheck.verify(transcript(), "test", ext, 4, deg, claim, null));
        long[][] shortRound = deepCopy(messages);
        shortRound[2] = Arrays.copyOf(shortRound[2], shortRound[2].length - 1);
        assertThrows(SumcheckException.class, () -> Sumcheck.verify(transcript(), "test", ext, 4, deg, claim, shortRound));
        long[][] nonCanonical = deepCopy(messages);
        nonCanonical[1][0] = Goldilocks.P;
        assertThrows(SumcheckException.class,
                () -> Sumcheck.verify(transcript(), "test", ext, 4, deg, claim, nonCanonical));
        long[][] nullRound = deepCopy(messages);
        nullRound[0] = null;
        assertThrows(SumcheckException.class, () -> Sumcheck.verify(transcript(), "test", ext, 4, deg, claim, nullRound));
    }

    static Stream<ExtensionField> fields() {
        return Stream.of(Goldilocks2.FIELD, Goldilocks3.FIELD);
    }

    /** The interactive protocol alone, with challenges chosen by the test (no transcript). */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void interactiveProtocolWithoutFiatShamir(ExtensionField ext) throws Exception {
        SplittableRandom rng = new SplittableRandom(13);
        ProductSum inst = instance(rng, ext, 6, 4, false);
        SumcheckProver prover = new SumcheckProver(inst);
        SumcheckVerifier verifier = new SumcheckVerifier(ext, 6, inst.degree(), inst.sum());
        for (int r = 0; r < 6; r++) {
            verifier.receive(prover.roundMessage());
            long[] challenge = vector(rng, ext.degree());
            prover.bind(challenge);
            verifier.bind(challenge);
        }
        SubClaim sub = verifier.subClaim();
        assertArrayEquals(inst.combine(prover.finalValues()), sub.expectedValue());
        assertEquals(0, prover.remainingRounds());
        assertThrows(IllegalStateException.class, prover::roundMessage);
    }

    private static boolean holds(ProductSum inst, SubClaim sub) {
        return Arrays.equals(inst.combine(evaluations(inst, sub.point())), sub.expectedValue());
    }

    private static long[][] deepCopy(long[][] m) {
        long[][] c = new long[m.length][];
        for (int i = 0; i < m.length; i++) {
            c[i] = m[i].clone();
        }
        return c;
    }
}
