package io.zkinfer.sumcheck.lookup;

import static io.zkinfer.sumcheck.lookup.LookupTestSupport.copy;
import static io.zkinfer.sumcheck.lookup.LookupTestSupport.nonzero;
import static io.zkinfer.sumcheck.lookup.LookupTestSupport.transcript;
import static io.zkinfer.sumcheck.lookup.LookupTestSupport.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.field.Goldilocks3;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.Sumcheck;
import io.zkinfer.sumcheck.SumcheckVerifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The fractional-sum GKR: completeness, the leaf claims, tampering, malformed proofs. */
class FractionalSumTest {

    /** Leaves of one numerator kind: p (null for unit) and q. */
    record Leaves(Numerators kind, long[] p, long[] q) {
        static Leaves random(SplittableRandom rng, ExtensionField ext, Numerators kind, int n) {
            int size = 1 << n;
            long[] p = switch (kind) {
                case UNIT -> null;
                case BASE -> vector(rng, size);
                case EXTENSION -> vector(rng, size * ext.degree());
            };
            return new Leaves(kind, p, nonzero(rng, ext, size));
        }

        FractionalSum.Output prove(Transcript t, ExtensionField ext) {
            return switch (kind) {
                case UNIT -> FractionalSum.proveUnit(t, "gkr", ext, q);
                case BASE -> FractionalSum.proveBase(t, "gkr", ext, p, q);
                case EXTENSION -> FractionalSum.proveExtension(t, "gkr", ext, p, q);
            };
        }

        FractionalSumProver prover(ExtensionField ext) {
            return switch (kind) {
                case UNIT -> FractionalSumProver.unit(ext, q);
                case BASE -> FractionalSumProver.base(ext, p, q);
                case EXTENSION -> FractionalSumProver.extension(ext, p, q);
            };
        }

        long[] numeratorAt(ExtensionField ext, long[] point) {
            return switch (kind) {
                case UNIT -> ext.one();
                case BASE -> Multilinear.evaluate(ext, p, point);
                case EXTENSION -> Multilinear.evaluateExt(ext, p, point);
            };
        }

        long[] denominatorAt(ExtensionField ext, long[] point) {
            return Multilinear.evaluateExt(ext, q, point);
        }

        /** sum_x p(x)/q(x), directly. */
        long[] sum(ExtensionField ext) {
            int d = ext.degree();
            long[] total = ext.zero();
            for (int i = 0; i < q.length / d; i++) {
                long[] num = switch (kind) {
                    case UNIT -> ext.one();
                    case BASE -> ext.fromBase(p[i]);
                    case EXTENSION -> ext.get(p, i);
                };
                total = ext.add(total, ext.mul(num, ext.inverse(ext.get(q, i))));
            }
            return total;
        }

        /** True when the claim's leaf values are the true MLE evaluations. */
        boolean holds(ExtensionField ext, FractionalSumClaim c) {
            return Arrays.equals(c.numerator(), numeratorAt(ext, c.point()))
                    && Arrays.equals(c.denominator(), denominatorAt(ext, c.point()));
        }
    }

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        long seed = 0x6C0000L;
        for (ExtensionField ext : List.of(Goldilocks2.FIELD, Goldilocks3.FIELD)) {
            for (Numerators kind : Numerators.values()) {
                for (int n = 0; n <= 12; n++) {
                    out.add(Arguments.of(ext, kind, n, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1} numerators, {2} variables, seed={3}")
    @MethodSource("cases")
    void honestProofsVerifyWithTrueLeafClaims(ExtensionField ext, Numerators kind, int n, long seed) throws Exception {
        Leaves leaves = Leaves.random(new SplittableRandom(seed), ext, kind, n);
        Transcript pt = transcript();
        FractionalSum.Output out = leaves.prove(pt, ext);
        Transcript vt = transcript();
        FractionalSumClaim claim = FractionalSum.verify(vt, "gkr", ext, n, kind == Numerators.UNIT, out.proof());
        assertArrayEquals(pt.state(), vt.state(), "prover and verifier transcripts agree");
        assertArrayEquals(out.point(), claim.point());
        assertArrayEquals(out.numerator(), claim.numerator());
        assertArrayEquals(out.denominator(), claim.denominator());
        assertTrue(leaves.holds(ext, claim), "leaf claims are the true MLE evaluations");
        // P / Q is the sum: P = Q * sum.
        assertArrayEquals(ext.mul(claim.rootDenominator(), leaves.sum(ext)), claim.rootNumerator(), "root");
        int d = ext.degree();
        assertEquals(2 + 4 * n + 3 * n * (n - 1) / 2, out.proof().elementCount(d), "proof size");
    }

    /** Every limb of every part of a proof, raised by one: rejected, or a false leaf claim. */
    @ParameterizedTest(name = "{0}, {1} numerators, {2} variables, seed={3}")
    @MethodSource("cases")
    void everyTamperedLimbIsCaught(ExtensionField ext, Numerators kind, int n, long seed) throws Exception {
        if (n > 5) {
            return; // every limb of every layer: n = 5 already covers all parts of the layout
        }
        Leaves leaves = Leaves.random(new SplittableRandom(seed), ext, kind, n);
        FractionalSumProof proof = leaves.prove(transcript(), ext).proof();
        int tampered = 0;
        for (int i = 0; i < proof.root().length; i++) {
            long[] root = proof.root();
            root[i] = Goldilocks.add(root[i], 1);
            assertCaught(ext, leaves, new FractionalSumProof(root, proof.messages(), proof.children()), "root " + i);
            tampered++;
        }
        for (int k = 0; k < n; k++) {
            for (int r = 0; r < k; r++) {
                for (int i = 0; i < 3 * ext.degree(); i++) {
                    long[][][] m = proof.messages();
                    m[k][r][i] = Goldilocks.add(m[k][r][i], 1);
                    assertCaught(ext, leaves, new FractionalSumProof(proof.root(), m, proof.children()),
                            "layer " + k + " round " + r + " limb " + i);
                    tampered++;
                }
            }
            for (int i = 0; i < 4 * ext.degree(); i++) {
                long[][] c = proof.children();
                c[k][i] = Goldilocks.add(c[k][i], 1);
                assertCaught(ext, leaves, new FractionalSumProof(proof.root(), proof.messages(), c),
                        "layer " + k + " children limb " + i);
                tampered++;
            }
        }
        assertEquals(proof.elementCount(ext.degree()) * ext.degree(), tampered, "every limb tampered");
    }

    private static void assertCaught(ExtensionField ext, Leaves leaves, FractionalSumProof proof, String what) {
        FractionalSumClaim claim;
        try {
            claim = FractionalSum.verify(transcript(), "gkr", ext, Multilinear.numVariables(leaves.q.length / ext.degree()),
                    leaves.kind == Numerators.UNIT, proof);
        } catch (LookupException e) {
            return;
        }
        // Accepted: then the root changed to a false one (n = 0 has nothing else to check) and the
        // leaf claims must be false, or the root is still the true sum.
        boolean rootTrue = Arrays.equals(ext.mul(claim.rootDenominator(), leaves.sum(ext)), claim.rootNumerator());
        assertFalse(leaves.holds(ext, claim) && !rootTrue, what + ": a false root with true leaf claims");
        assertFalse(leaves.holds(ext, claim), what + ": accepted with true leaf claims");
    }

    static Stream<ExtensionField> fields() {
        return Stream.of(Goldilocks2.FIELD, Goldilocks3.FIELD);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void malformedProofsAreCheckedExceptions(ExtensionField ext) {
        int n = 4;
        int d = ext.degree();
        Leaves leaves = Leaves.random(new SplittableRandom(21), ext, Numerators.BASE, n);
        FractionalSumProof good = leaves.prove(transcript(), ext).proof();
        List<FractionalSumProof> bad = new ArrayList<>();
        bad.add(null);
        bad.add(new FractionalSumProof(null, good.messages(), good.children()));
        bad.add(new FractionalSumProof(Arrays.copyOf(good.root(), 2 * d - 1), good.messages(), good.children()));
        bad.add(new FractionalSumProof(Arrays.copyOf(good.root(), 2 * d + 1), good.messages(), good.children()));
        long[] nonCanonicalRoot = good.root();
        nonCanonicalRoot[1] = Goldilocks.P;
        bad.add(new FractionalSumProof(nonCanonicalRoot, good.messages(), good.children()));
        bad.add(new FractionalSumProof(good.root(), null, good.children()));
        bad.add(new FractionalSumProof(good.root(), good.messages(), null));
        bad.add(new FractionalSumProof(good.root(), Arrays.copyOf(good.messages(), n - 1), good.children()));
        bad.add(new FractionalSumProof(good.root(), Arrays.copyOf(good.messages(), n + 1), good.children()));
        bad.add(new FractionalSumProof(good.root(), good.messages(), Arrays.copyOf(good.children(), n - 1)));
        long[][][] nullLayer = good.messages();
        nullLayer[2] = null;
        bad.add(new FractionalSumProof(good.root(), nullLayer, good.children()));
        long[][][] missingRound = good.messages();
        missingRound[3] = Arrays.copyOf(missingRound[3], 2);
        bad.add(new FractionalSumProof(good.root(), missingRound, good.children()));
        long[][][] nullRound = good.messages();
        nullRound[3][1] = null;
        bad.add(new FractionalSumProof(good.root(), nullRound, good.children()));
        long[][][] shortRound = good.messages();
        shortRound[3][0] = Arrays.copyOf(shortRound[3][0], 3 * d - 1);
        bad.add(new FractionalSumProof(good.root(), shortRound, good.children()));
        long[][][] nonCanonicalRound = good.messages();
        nonCanonicalRound[2][1][d] = -1L;
        bad.add(new FractionalSumProof(good.root(), nonCanonicalRound, good.children()));
        long[][] nullChildren = good.children();
        nullChildren[0] = null;
        bad.add(new FractionalSumProof(good.root(), good.messages(), nullChildren));
        long[][] longChildren = good.children();
        longChildren[1] = Arrays.copyOf(longChildren[1], 4 * d + 1);
        bad.add(new FractionalSumProof(good.root(), good.messages(), longChildren));
        long[][] nonCanonicalChildren = good.children();
        nonCanonicalChildren[3][4 * d - 1] = Goldilocks.P + 5;
        bad.add(new FractionalSumProof(good.root(), good.messages(), nonCanonicalChildren));
        for (int i = 0; i < bad.size(); i++) {
            FractionalSumProof proof = bad.get(i);
            LookupException e = assertThrows(LookupException.class,
                    () -> FractionalSum.verify(transcript(), "gkr", ext, n, false, proof), "malformed proof " + i);
            assertTrue(e.getMessage().startsWith("gkr"), e.getMessage());
        }
        // A proof for another number of variables is malformed for this one.
        assertThrows(LookupException.class, () -> FractionalSum.verify(transcript(), "gkr", ext, n + 1, false, good));
        assertThrows(LookupException.class, () -> FractionalSum.verify(transcript(), "gkr", ext, n - 1, false, good));
    }

    /** A base-numerator proof does not pass as one with unit numerators. */
    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void unitNumeratorsAreEnforced(ExtensionField ext) {
        Leaves leaves = Leaves.random(new SplittableRandom(5), ext, Numerators.BASE, 3);
        FractionalSumProof proof = leaves.prove(transcript(), ext).proof();
        assertThrows(LookupException.class, () -> FractionalSum.verify(transcript(), "gkr", ext, 3, true, proof));
    }

    /**
     * The layer prover's messages are those of the generic sumcheck prover on the same
     * polynomial, with the same transcript operations, so Sumcheck.verify checks them.
     */
    @ParameterizedTest(name = "{0}, {1} numerators")
    @MethodSource("layerCases")
    void layerProverMatchesTheGenericSumcheck(ExtensionField ext, Numerators kind) {
        int d = ext.degree();
        for (int k = 0; k <= 6; k++) {
            SplittableRandom rng = new SplittableRandom(100 + k);
            Leaves child = Leaves.random(rng, ext, kind, k + 1);
            long[] rho = vector(rng, k * d);
            long[] lambda = vector(rng, d);
            int half = 1 << k;
            ProductSum.Builder b = ProductSum.builder(ext, k);
            int eq = b.addExtension(Multilinear.eqTable(ext, rho));
            int ql = b.addExtension(Arrays.copyOfRange(child.q, 0, half * d));
            int qr = b.addExtension(Arrays.copyOfRange(child.q, half * d, 2 * half * d));
            long[] ones = new long[half];
            Arrays.fill(ones, 1);
            int pl = switch (kind) {
                case UNIT -> b.addBase(ones);
                case BASE -> b.addBase(Arrays.copyOfRange(child.p, 0, half));
                case EXTENSION -> b.addExtension(Arrays.copyOfRange(child.p, 0, half * d));
            };
            int pr = switch (kind) {
                case UNIT -> b.addBase(ones);
                case BASE -> b.addBase(Arrays.copyOfRange(child.p, half, 2 * half));
                case EXTENSION -> b.addExtension(Arrays.copyOfRange(child.p, half * d, 2 * half * d));
            };
            ProductSum inst = b.term(lambda, eq, pl, qr).term(lambda, eq, pr, ql).term(eq, ql, qr).build();
            long[] claim = inst.sum();
            Transcript generic = transcript();
            Sumcheck.Output expected = Sumcheck.prove(generic, "layer", inst, claim);

            // With the parent layer (as the tree prover runs it) and without (products multiplied out).
            long[] pParent = new long[half * d];
            long[] qParent = new long[half * d];
            FractionKernels.combine(ext, pParent, qParent, kind, child.p, child.q, half);
            for (boolean withParent : new boolean[] {true, false}) {
                Transcript t = transcript();
                t.absorbInt("layer/variables", k);
                t.absorbInt("layer/degree", 3);
                t.absorbFields("layer/claim", claim);
                LayerProver prover = new LayerProver(ext, rho, lambda, claim, kind, child.p, child.q,
                        withParent ? pParent : null, withParent ? qParent : null);
                for (int r = 0; r < k; r++) {
                    long[] message = prover.roundMessage();
                    assertArrayEquals(expected.messages()[r], message, "k=" + k + " round " + r);
                    t.absorbFields("layer/round", message);
                    prover.bind(t.challengeExtension("layer/challenge", d));
                }
                assertArrayEquals(generic.state(), t.state(), "transcripts agree");
                long[] ch = prover.children();
                long[][] fin = expected.finalValues();
                assertArrayEquals(fin[pl], Arrays.copyOfRange(ch, 0, d));
                assertArrayEquals(fin[pr], Arrays.copyOfRange(ch, d, 2 * d));
                assertArrayEquals(fin[ql], Arrays.copyOfRange(ch, 2 * d, 3 * d));
                assertArrayEquals(fin[qr], Arrays.copyOfRange(ch, 3 * d, 4 * d));
            }
        }
    }

    static Stream<Arguments> layerCases() {
        List<Arguments> out = new ArrayList<>();
        for (ExtensionField ext : List.of(Goldilocks2.FIELD, Goldilocks3.FIELD)) {
            for (Numerators kind : Numerators.values()) {
                out.add(Arguments.of(ext, kind));
            }
        }
        return out.stream();
    }

    /**
     * The interactive protocol alone, with challenges chosen by the test, zero and one among
     * them: rho coordinates of 0 make the layer prover take its direct s(1) path.
     */
    @ParameterizedTest(name = "{0}, {1} numerators")
    @MethodSource("layerCases")
    void interactiveProtocolWithEdgeChallenges(ExtensionField ext, Numerators kind) throws Exception {
        int d = ext.degree();
        int n = 6;
        SplittableRandom rng = new SplittableRandom(31);
        Leaves leaves = Leaves.random(rng, ext, kind, n);
        FractionalSumProver prover = leaves.prover(ext);
        FractionalSumVerifier verifier = new FractionalSumVerifier(ext, n, prover.root());
        for (int k = 0; k < n; k++) {
            long[] lambda = vector(rng, d);
            long[] claim = prover.startLayer(lambda);
            assertArrayEquals(claim, verifier.startLayer(lambda));
            SumcheckVerifier sumcheck = new SumcheckVerifier(ext, k, 3, claim);
            for (int r = 0; r < k; r++) {
                sumcheck.receive(prover.roundMessage());
                long[] challenge = edge(rng, ext, r + k);
                prover.bind(challenge);
                sumcheck.bind(challenge);
            }
            SubClaim sub = sumcheck.subClaim();
            verifier.receiveChildren(sub, prover.children());
            long[] c = edge(rng, ext, k + 1);
            prover.split(c);
            verifier.split(c);
        }
        FractionalSumClaim claim = verifier.claim();
        assertArrayEquals(prover.point(), claim.point());
        assertTrue(leaves.holds(ext, claim));
    }

    /** 0, 1 or a random element, in turn. */
    private static long[] edge(SplittableRandom rng, ExtensionField ext, int i) {
        return switch (i % 3) {
            case 0 -> ext.zero();
            case 1 -> ext.one();
            default -> vector(rng, ext.degree());
        };
    }

    @Test
    void proofRecordsCopyTheirArrays() {
        Leaves leaves = Leaves.random(new SplittableRandom(3), Goldilocks2.FIELD, Numerators.UNIT, 3);
        FractionalSumProof proof = leaves.prove(transcript(), Goldilocks2.FIELD).proof();
        long[][][] m = proof.messages();
        m[2][1][0] ^= 1;
        assertTrue(!Arrays.deepEquals(m, proof.messages()));
        assertEquals(proof, new FractionalSumProof(proof.root(), copy(proof.messages()), proof.children()));
    }
}
