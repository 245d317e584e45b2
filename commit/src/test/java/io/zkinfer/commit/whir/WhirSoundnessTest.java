package io.zkinfer.commit.whir;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.Goldilocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Consumer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Alters every part of an opening proof in turn, and the claims, the commitment, the parameters
 * and the transcript, and expects rejection every time; feeds malformed bytes and expects the one
 * documented checked exception, never another.
 */
class WhirSoundnessTest {

    /** A valid statement and proof to tamper with. */
    private record Fixture(WhirParameters params, WhirCommitment commitment, List<EvaluationClaim> claims,
            WhirProof proof, WhirPlan plan) {
        void assertRejected(WhirProof tampered, String what) {
            assertRejectedBytes(tampered.encode(), what);
        }

        void assertRejectedBytes(byte[] bytes, String what) {
            assertThrows(InvalidProofException.class, () -> WhirVerifier.verify(params, commitment, claims, bytes,
                    WhirTestSupport.transcript(params)), what);
        }
    }

    private static Fixture fixture(long seed, Masking masking) {
        SplittableRandom rng = new SplittableRandom(seed);
        WhirParameters params = WhirParameters.provable100();
        List<long[]> polys = List.of(WhirTestSupport.polynomial(rng, 13), WhirTestSupport.polynomial(rng, 9));
        WhirWitness w = WhirProver.commit(params, polys, masking, new SplittableRandom(seed + 1));
        List<EvaluationClaim> claims = WhirTestSupport.claims(w, rng, 2);
        WhirProof proof = WhirProver.open(w, claims, WhirTestSupport.transcript(params));
        Fixture f = new Fixture(params, w.commitment(), claims, proof, w.plan());
        assertTrue(f.plan().rounds() >= 2, "the fixture must exercise intermediate roots");
        assertDoesNotThrow(() -> WhirVerifier.verify(params, f.commitment(), claims, proof.encode(),
                WhirTestSupport.transcript(params)));
        return f;
    }

    /** A deep copy of the proof with one change applied. */
    private static WhirProof mutate(WhirProof p, Consumer<WhirProof> change) {
        WhirProof.Round[] rounds = new WhirProof.Round[p.rounds.length];
        for (int i = 0; i < rounds.length; i++) {
            WhirProof.Round r = p.rounds[i];
            byte[][] siblings = new byte[r.siblings.length][];
            for (int s = 0; s < siblings.length; s++) {
                siblings[s] = r.siblings[s].clone();
            }
            rounds[i] = new WhirProof.Round(r.sumcheck.clone(), r.nextRoot == null ? null : r.nextRoot.clone(),
                    r.powNonce, r.distinctQueries, r.leafValues.clone(), r.salts.clone(), siblings);
        }
        WhirProof copy = new WhirProof(p.maskValues.clone(), rounds, p.finalCoefficients.clone(),
                p.finalSumcheck.clone());
        change.accept(copy);
        return copy;
    }

    private static void bump(long[] v, int i) {
        v[i] = Goldilocks.add(v[i], 1);
    }

    @ParameterizedTest(name = "masking={0}, seed={1}")
    @CsvSource({"NONE, 11", "BLOCK, 12", "COMMITTER, 13"})
    void everyPartOfTheProofIsChecked(Masking masking, long seed) {
        Fixture f = fixture(seed, masking);
        WhirProof p = f.proof();
        int checked = 0;
        for (int i = 0; i < p.maskValues.length; i++) {
            int idx = i;
            f.assertRejected(mutate(p, c -> bump(c.maskValues, idx)), "mask value " + i);
            checked++;
        }
        for (int r = 0; r < p.rounds.length; r++) {
            int ri = r;
            WhirProof.Round round = p.rounds[r];
            for (int i = 0; i < round.sumcheck.length; i++) {
                int idx = i;
                f.assertRejected(mutate(p, c -> bump(c.rounds[ri].sumcheck, idx)), "round " + r + " sumcheck " + i);
                checked++;
            }
            if (round.nextRoot != null) {
                for (int b = 0; b < 32; b += 7) {
                    int bi = b;
                    f.assertRejected(mutate(p, c -> c.rounds[ri].nextRoot[bi] ^= 1), "round " + r + " root byte " + b);
                    checked++;
                }
            }
            f.assertRejected(mutate(p, c -> {
                WhirProof.Round o = c.rounds[ri];
                c.rounds[ri] = new WhirProof.Round(o.sumcheck, o.nextRoot, o.powNonce + 1, o.distinctQueries,
                        o.leafValues, o.salts, o.siblings);
            }), "round " + r + " nonce");
            int width = round.leafValues.length / round.distinctQueries;
            for (int q = 0; q < round.distinctQueries; q++) {
                // Every element of the first leaf; one element (rotating) of every other leaf.
                int[] elems = q == 0 ? range(width) : new int[] {q % width};
                for (int e : elems) {
                    int idx = q * width + e;
                    f.assertRejected(mutate(p, c -> bump(c.rounds[ri].leafValues, idx)),
                            "round " + r + " leaf " + q + " element " + e);
                    checked++;
                }
            }
            for (int s = 0; s < round.salts.length; s += WhirProver.SALT_BYTES) {
                int si = s;
                f.assertRejected(mutate(p, c -> c.rounds[ri].salts[si] ^= 0x40), "round " + r + " salt " + s);
                checked++;
            }
            for (int s = 0; s < round.siblings.length; s++) {
                int si = s;
                f.assertRejected(mutate(p, c -> c.rounds[ri].siblings[si][si % 32] ^= 1), "round " + r + " sibling " + s);
                checked++;
            }
        }
        for (int i = 0; i < p.finalCoefficients.length; i++) {
            int idx = i;
            f.assertRejected(mutate(p, c -> bump(c.finalCoefficients, idx)), "final coefficient " + i);
            checked++;
        }
        for (int i = 0; i < p.finalSumcheck.length; i++) {
            int idx = i;
            f.assertRejected(mutate(p, c -> bump(c.finalSumcheck, idx)), "final sumcheck " + i);
            checked++;
        }
        assertTrue(checked > 500, "tampered " + checked + " parts");
    }

    @ParameterizedTest(name = "masking={0}, seed={1}")
    @CsvSource({"NONE, 21", "BLOCK, 22", "COMMITTER, 23"})
    void claimsCommitmentParametersAndTranscriptAreBound(Masking masking, long seed) {
        Fixture f = fixture(seed, masking);
        byte[] bytes = f.proof().encode();
        int d = f.plan().extension().degree();
        for (int c = 0; c < f.claims().size(); c++) {
            EvaluationClaim claim = f.claims().get(c);
            for (int l = 0; l < d; l++) {
                long[] value = claim.value();
                bump(value, l);
                assertRejectedClaims(f, bytes, replace(f.claims(), c, new EvaluationClaim(claim.polynomial(), claim.point(), value)),
                        "claim " + c + " value limb " + l);
            }
            long[] point = claim.point();
            bump(point, 0);
            assertRejectedClaims(f, bytes, replace(f.claims(), c, new EvaluationClaim(claim.polynomial(), point, claim.value())),
                    "claim " + c + " point");
        }
        // Swapping which polynomial two claims are about.
        EvaluationClaim a = f.claims().get(0);
        List<EvaluationClaim> dropped = new ArrayList<>(f.claims().subList(1, f.claims().size()));
        assertRejectedClaims(f, bytes, dropped, "a claim dropped");
        assertRejectedClaims(f, bytes, replace(f.claims(), 1, a), "a claim duplicated");

        for (int b = 0; b < 32; b++) {
            byte[] root = f.commitment().root();
            root[b] ^= (byte) (1 << (b % 8));
            WhirCommitment forged = new WhirCommitment(root, f.commitment().logSizes(), masking, f.params());
            assertThrows(InvalidProofException.class, () -> WhirVerifier.verify(f.params(), forged, f.claims(), bytes,
                    WhirTestSupport.transcript(f.params())), "commitment root byte " + b);
        }
        for (Masking other : Masking.values()) {
            if (other != masking) {
                WhirCommitment flipped = new WhirCommitment(f.commitment().root(), f.commitment().logSizes(), other,
                        f.params());
                assertThrows(InvalidProofException.class, () -> WhirVerifier.verify(f.params(), flipped, f.claims(),
                        bytes, WhirTestSupport.transcript(f.params())), "masking relabelled " + other);
            }
        }
        for (WhirParameters other : List.of(WhirParameters.provable128(), WhirTestSupport.keccak(f.params()),
                WhirParameters.of(100, 1, 4, 9, 17, 2, f.params().hash(), SoundnessAssumption.UNIQUE_DECODING))) {
            assertThrows(InvalidProofException.class, () -> WhirVerifier.verify(other, f.commitment(), f.claims(), bytes,
                    WhirTestSupport.transcript(other)), other.toString());
        }
        // The same root relabelled with weaker parameters of the same shape: refused.
        WhirParameters weaker = WhirParameters.of(90, 1, 4, 9, 16, 2, f.params().hash(),
                SoundnessAssumption.UNIQUE_DECODING);
        WhirCommitment relabelled = new WhirCommitment(f.commitment().root(), f.commitment().logSizes(), masking, weaker);
        assertThrows(InvalidProofException.class, () -> WhirVerifier.verify(f.params(), relabelled, f.claims(), bytes,
                WhirTestSupport.transcript(f.params())), "commitment parameters");
        Transcript elsewhere = WhirTestSupport.transcript(f.params());
        elsewhere.absorbBytes("test/other-context", new byte[] {9});
        assertThrows(InvalidProofException.class,
                () -> WhirVerifier.verify(f.params(), f.commitment(), f.claims(), bytes, elsewhere), "transcript state");
    }

    @ParameterizedTest(name = "seed={0}")
    @CsvSource({"31"})
    void malformedBytesGiveOnlyTheCheckedException(long seed) {
        Fixture f = fixture(seed, Masking.BLOCK);
        byte[] bytes = f.proof().encode();
        SplittableRandom rng = new SplittableRandom(seed);
        List<byte[]> inputs = new ArrayList<>();
        for (int len = 0; len < bytes.length; len += 1 + len / 64) {
            inputs.add(Arrays.copyOf(bytes, len)); // truncated
        }
        inputs.add(Arrays.copyOf(bytes, bytes.length + 1)); // extended by one zero byte
        byte[] doubled = Arrays.copyOf(bytes, 2 * bytes.length);
        System.arraycopy(bytes, 0, doubled, bytes.length, bytes.length);
        inputs.add(doubled);
        for (int i = 0; i < 200; i++) { // random bit flips anywhere
            byte[] b = bytes.clone();
            int pos = rng.nextInt(b.length);
            b[pos] ^= (byte) (1 << rng.nextInt(8));
            inputs.add(b);
        }
        for (int i = 0; i < 50; i++) { // random strings, some starting like a proof
            byte[] b = new byte[rng.nextInt(1, 4096)];
            rng.nextBytes(b);
            if (i % 2 == 0 && b.length > 6) {
                System.arraycopy(bytes, 0, b, 0, 6);
            }
            inputs.add(b);
        }
        inputs.add(new byte[0]);
        inputs.add(null);
        for (byte[] input : inputs) {
            try {
                WhirVerifier.verify(f.params(), f.commitment(), f.claims(), input, WhirTestSupport.transcript(f.params()));
                fail("accepted a malformed proof of " + (input == null ? "null" : input.length + " bytes"));
            } catch (InvalidProofException expected) {
                // the documented rejection
            } catch (RuntimeException e) {
                throw new AssertionError("malformed input raised " + e, e);
            }
        }
    }

    private static void assertRejectedClaims(Fixture f, byte[] bytes, List<EvaluationClaim> claims, String what) {
        assertThrows(InvalidProofException.class, () -> WhirVerifier.verify(f.params(), f.commitment(), claims, bytes,
                WhirTestSupport.transcript(f.params())), what);
    }

    private static List<EvaluationClaim> replace(List<EvaluationClaim> claims, int i, EvaluationClaim c) {
        List<EvaluationClaim> out = new ArrayList<>(claims);
        out.set(i, c);
        return out;
    }

    private static int[] range(int n) {
        int[] r = new int[n];
        for (int i = 0; i < n; i++) {
            r[i] = i;
        }
        return r;
    }
}
