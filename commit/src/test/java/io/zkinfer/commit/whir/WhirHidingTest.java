package io.zkinfer.commit.whir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Zero knowledge, tested rather than claimed: hiding openings of the same statement differ in
 * every masked message, and no private value (evaluation, coefficient or unmasked codeword
 * symbol) appears anywhere in a hiding proof, while it does in a plain one.
 */
class WhirHidingTest {

    private static List<long[]> polynomials(long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        return List.of(WhirTestSupport.polynomial(rng, 12), WhirTestSupport.polynomial(rng, 10));
    }

    private static List<EvaluationClaim> claimsFor(WhirWitness w, long seed) {
        return WhirTestSupport.claims(w, new SplittableRandom(seed), 1);
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {41, 42})
    void maskedMessagesDifferAcrossRunsOnTheSameStatement(long seed) throws Exception {
        WhirParameters params = WhirParameters.provable100();
        List<long[]> polys = polynomials(seed);
        WhirWitness a = WhirProver.commit(params, polys, true, new SplittableRandom(seed * 31 + 1));
        WhirWitness b = WhirProver.commit(params, polys, true, new SplittableRandom(seed * 31 + 2));
        List<EvaluationClaim> claims = claimsFor(a, seed);
        for (EvaluationClaim c : claims) { // the same statement holds for both commitments
            assertEquals(c, WhirProver.claim(b, c.polynomial(), c.point()));
        }
        WhirProof pa = WhirProver.open(a, claims, WhirTestSupport.transcript(params));
        WhirProof pb = WhirProver.open(b, claims, WhirTestSupport.transcript(params));
        WhirVerifier.verify(params, a.commitment(), claims, pa.encode(), WhirTestSupport.transcript(params));
        WhirVerifier.verify(params, b.commitment(), claims, pb.encode(), WhirTestSupport.transcript(params));

        assertFalse(Arrays.equals(a.commitment().root(), b.commitment().root()), "commitments");
        assertFalse(Arrays.equals(pa.maskValues, pb.maskValues), "mask evaluations");
        for (int r = 0; r < pa.rounds.length; r++) {
            int d = a.plan().extension().degree();
            for (int s = 0; s < pa.rounds[r].sumcheck.length; s += 2 * d) {
                long[] ma = Arrays.copyOfRange(pa.rounds[r].sumcheck, s, s + 2 * d);
                long[] mb = Arrays.copyOfRange(pb.rounds[r].sumcheck, s, s + 2 * d);
                assertFalse(Arrays.equals(ma, mb), "round " + r + " sumcheck message " + s);
            }
            if (pa.rounds[r].nextRoot != null) {
                assertFalse(Arrays.equals(pa.rounds[r].nextRoot, pb.rounds[r].nextRoot), "round " + r + " root");
            }
        }
        assertFalse(Arrays.equals(pa.finalCoefficients, pb.finalCoefficients), "final polynomial");
        assertNotEquals(Arrays.hashCode(pa.encode()), Arrays.hashCode(pb.encode()));
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {43})
    void noPrivateValueAppearsInAHidingProof(long seed) {
        WhirParameters params = WhirParameters.provable100();
        List<long[]> polys = polynomials(seed);
        WhirWitness hidden = WhirProver.commit(params, polys, true, new SplittableRandom(seed + 5));
        WhirWitness plain = WhirProver.commit(params, polys, false);
        List<EvaluationClaim> claims = claimsFor(hidden, seed);

        Set<Long> secrets = privateValues(hidden, polys);
        byte[] hiddenProof = WhirProver.open(hidden, claims, WhirTestSupport.transcript(params)).encode();
        assertEquals(0, occurrences(hiddenProof, secrets), "private values found in a hiding proof");

        // Control: the same search finds the polynomial's codeword in a plain proof, so it can fail.
        Set<Long> plainSecrets = privateValues(plain, polys);
        byte[] plainProof = WhirProver.open(plain, claims, WhirTestSupport.transcript(params)).encode();
        assertTrue(occurrences(plainProof, plainSecrets) > 100, "the leak detector found nothing in a plain proof");
    }

    /**
     * Regression: with a base-field mask G (version 1), limb 1 of a sumcheck message gave G's
     * part and limb 0 then gave F's: a claim at a base-field point leaked P(0, z1, z2) and
     * P(1, z1, z2) - P(0, z1, z2), and a Boolean claim leaked its neighbour. Round 0's sumcheck
     * now runs on F itself, masked by the block through its two claims: for a claim at a
     * base-field point F's part of c2 is a base-field value, and the block's part must hide it
     * in both limbs. Control: a plain proof shows it exactly.
     */
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {46, 47, 48})
    void theFirstSumcheckMessageHidesAClaimAtABaseFieldPoint(long seed) throws Exception {
        for (WhirParameters params : List.of(WhirParameters.provable100(), WhirParameters.provable128())) {
            int d = params.extension().degree();
            long[] secret = {11, 22, 33, 44, 55, 66, 77, 88};
            for (long[] z : List.of(basePoint(d, 5, 9, 13), basePoint(d, 0, 0, 0))) {
                // Without masking, c2 = (2 z0 - 1)(P(1, z1, z2) - P(0, z1, z2)).
                long truth = Goldilocks.mul(Goldilocks.sub(Goldilocks.add(z[0], z[0]), 1),
                        Goldilocks.sub(Multilinear.evaluate(new long[] {22, 44, 66, 88}, new long[] {z[d], z[2 * d]}),
                                Multilinear.evaluate(new long[] {11, 33, 55, 77}, new long[] {z[d], z[2 * d]})));
                for (boolean hiding : new boolean[] {true, false}) {
                    WhirWitness w = WhirProver.commit(params, List.of(secret), hiding, new SplittableRandom(seed));
                    EvaluationClaim claim = WhirProver.claim(w, 0, z);
                    byte[] bytes = WhirProver.open(w, List.of(claim), WhirTestSupport.transcript(params)).encode();
                    WhirVerifier.verify(params, w.commitment(), List.of(claim), bytes,
                            WhirTestSupport.transcript(params));
                    WhirProof p = WhirProof.decode(bytes, w.plan(), w.commitment().masking());
                    long[] c2 = Arrays.copyOfRange(p.rounds[0].sumcheck, d, 2 * d);
                    String where = params + (hiding ? " hiding" : " plain") + " at " + Arrays.toString(z);
                    if (hiding) {
                        assertNotEquals(truth, c2[0], where + ": F's part of c2 shows");
                        assertNotEquals(0L, c2[1], where + ": c2 has no mask in its extension limb");
                    } else {
                        assertEquals(truth, c2[0], where + ": the control no longer reads c2");
                    }
                }
            }
        }
    }

    private static long[] basePoint(int d, long... coordinates) {
        long[] p = new long[coordinates.length * d];
        for (int i = 0; i < coordinates.length; i++) {
            p[i * d] = coordinates[i];
        }
        return p;
    }

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {44})
    void aHidingWitnessOpensOnce(long seed) {
        WhirParameters params = WhirParameters.provable100();
        WhirWitness w = WhirProver.commit(params, polynomials(seed), true, new SplittableRandom(seed));
        List<EvaluationClaim> claims = claimsFor(w, seed);
        WhirProver.open(w, claims, WhirTestSupport.transcript(params));
        assertThrows(IllegalStateException.class, () -> WhirProver.open(w, claims, WhirTestSupport.transcript(params)));
    }

    /**
     * {@link Masking#COMMITTER}: no mask block, so a 2^14 polynomial stays at 14 variables. With
     * the committer's mask (a random vector of the low l variables added to every row) no symbol
     * of P's own codeword appears in the proof; without it the same search finds hundreds, so the
     * caller's mask is what hides the round-0 leaves. The masking is bound to the commitment: the
     * proof does not verify against the same root labelled with a mask block.
     */
    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {51})
    void aCommitterMaskedCommitmentKeepsItsSizeAndHidesOnlyWithTheMask(long seed) throws Exception {
        WhirParameters params = WhirParameters.provable100();
        SplittableRandom rng = new SplittableRandom(seed);
        long[] p = WhirTestSupport.polynomial(rng, 14);
        int l = 32 - Integer.numberOfLeadingZeros(WhirProver.committerMaskedValues(params, 14) + 128 - 1);
        assertTrue(l < 14, "mask variables " + l);
        long[] mask = WhirTestSupport.polynomial(rng, l);
        long[] masked = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            masked[i] = Goldilocks.add(p[i], mask[i & ((1 << l) - 1)]);
        }
        Set<Long> secrets = privateValues(WhirProver.commit(params, List.of(p), false), List.of(p));

        WhirWitness w = WhirProver.commit(params, List.of(masked), Masking.COMMITTER, new SplittableRandom(seed + 1));
        assertEquals(14, w.layout.numVariables(), "no extra variable");
        assertEquals(Masking.COMMITTER, w.commitment().masking());
        List<EvaluationClaim> claims = claimsFor(w, seed);
        byte[] proof = WhirProver.open(w, claims, WhirTestSupport.transcript(params)).encode();
        WhirVerifier.verify(params, w.commitment(), claims, proof, WhirTestSupport.transcript(params));
        assertEquals(0, occurrences(proof, secrets), "P's codeword symbols found behind the committer's mask");
        WhirCommitment relabelled = new WhirCommitment(w.commitment().root(), new int[] {14}, Masking.BLOCK, params);
        assertThrows(InvalidProofException.class,
                () -> WhirVerifier.verify(params, relabelled, claims, proof, WhirTestSupport.transcript(params)));

        // Control: the committer forgot its mask.
        WhirWitness bare = WhirProver.commit(params, List.of(p), Masking.COMMITTER, new SplittableRandom(seed + 2));
        byte[] bareProof = WhirProver.open(bare, claimsFor(bare, seed), WhirTestSupport.transcript(params)).encode();
        assertTrue(occurrences(bareProof, secrets) > 100, "the leak detector found nothing without the mask");
    }

    /**
     * The evaluations and monomial coefficients of every committed polynomial, and every symbol
     * of the unmasked stacked codeword on the commitment's own domain (zero and one excluded:
     * they are too common to mean anything).
     */
    private static Set<Long> privateValues(WhirWitness w, List<long[]> polys) {
        Set<Long> out = new HashSet<>();
        for (long[] p : polys) {
            long[] c = p.clone();
            Multilinear.toCoefficients(c, 1);
            for (int i = 0; i < p.length; i++) {
                out.add(p[i]);
                out.add(c[i]);
            }
        }
        long[] unmasked = new long[1 << w.layout.numVariables()];
        for (int i = 0; i < polys.size(); i++) {
            System.arraycopy(polys.get(i), 0, unmasked, w.layout.offset(i), polys.get(i).length);
        }
        Multilinear.toCoefficients(unmasked, 1);
        for (long x : Folding.encode(unmasked, 1, w.plan.logDomain(0))) {
            out.add(x);
        }
        out.remove(0L);
        out.remove(1L);
        out.remove(Goldilocks.P - 1);
        return out;
    }

    /** How many 8-byte windows of the proof, at any offset, hold one of the values. */
    private static int occurrences(byte[] proof, Set<Long> values) {
        int count = 0;
        for (int i = 0; i + 8 <= proof.length; i++) {
            long v = 0;
            for (int j = 0; j < 8; j++) {
                v = (v << 8) | (proof[i + j] & 0xFF);
            }
            if (values.contains(v)) {
                count++;
            }
        }
        return count;
    }
}
