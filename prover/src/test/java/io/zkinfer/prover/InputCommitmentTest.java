package io.zkinfer.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.quant.IntTable;
import io.zkinfer.model.quant.IntegerEvaluator;
import io.zkinfer.model.quant.QGraph;
import io.zkinfer.model.quant.QOp;
import io.zkinfer.sumcheck.binding.Commitments;
import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import io.zkinfer.sumcheck.binding.TensorOpening;
import io.zkinfer.sumcheck.circuit.ProofException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Proofs bound to a data owner's input commitment, and committed claims: a proof holds for the
 * committed input only, the verifier insists on the commitment it was given (never one the proof
 * brings), one commitment covers a batch, and a committed output is the next model's committed
 * input.
 */
class InputCommitmentTest {
    private static final long SEED = 0x1C0FFEEL;
    private static QGraph graph;
    private static CompiledModel model;
    private static ModelProver prover;
    private static final ClaimSpec CLAIM = ClaimSpec.parse("threshold:y[2]>=0.25");

    @BeforeAll
    static void setUp() {
        System.out.println("InputCommitmentTest seed " + SEED);
        graph = CompiledModelTest.mlp(new SplittableRandom(SEED));
        model = CompiledModel.compile(graph, CompileOptions.defaults());
        prover = ModelProver.setup(CommittedModel.commit(model, ChaChaRandom.create()), WhirParameters.provable100());
    }

    private static List<Map<String, long[]>> rows(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        List<Map<String, long[]>> rows = new ArrayList<>();
        for (int r = 0; r < n; r++) {
            rows.add(Map.of("x", CompiledModelTest.random(rng, 16, 127)));
        }
        return rows;
    }

    @Test
    void aProofHoldsForTheCommittedInputAndNoOther() throws Exception {
        List<Map<String, long[]>> row = rows(1, SEED + 1);
        CommittedInput input = CommittedInput.commit(model, row, ChaChaRandom.create());
        ModelProver.Inference inf = prover.prove(input, CLAIM);
        assertArrayEquals(input.commitment().id(), inf.claim().inputCommitment());
        ModelVerifier.verify(prover.verifyingKey(), inf.claim(), inf.proof(), input.commitment());
        long y2 = IntegerEvaluator.evaluate(graph, row.getFirst()).get("y")[2];
        long cut = ClaimSpec.fixedPointCeiling(new java.math.BigDecimal("0.25"), graph.info("y").frac());
        assertArrayEquals(new long[] {y2 >= cut ? 1 : 0}, inf.claim().output("claim/decision"));

        // Without the commitment, the verifier cannot tell which input: refused.
        ProofException none = assertThrows(ProofException.class,
                () -> ModelVerifier.verify(prover.verifyingKey(), inf.claim(), inf.proof()));
        assertTrue(none.getMessage().contains("refers to input commitment"), none.getMessage());

        // The same values committed again (another salt) is another commitment.
        CommittedInput again = CommittedInput.commit(model, row, ChaChaRandom.create());
        assertNotEquals(input.commitment().fingerprint(), again.commitment().fingerprint());
        assertThrows(ProofException.class,
                () -> ModelVerifier.verify(prover.verifyingKey(), inf.claim(), inf.proof(), again.commitment()));
        // Relabelling the claim with that commitment's id does not help: the proof's digest is the first's.
        PublicClaim relabelled = new PublicClaim(inf.claim().claim(), 1, again.commitment().id(), inf.claim().outputs(),
                Map.of());
        assertThrows(ProofException.class,
                () -> ModelVerifier.verify(prover.verifyingKey(), relabelled, inf.proof(), again.commitment()));
        // Nor does dropping the reference: an unbound claim is another circuit.
        PublicClaim unbound = new PublicClaim(inf.claim().claim(), 1, inf.claim().outputs(), Map.of());
        assertThrows(ProofException.class, () -> ModelVerifier.verify(prover.verifyingKey(), unbound, inf.proof()));
        // A commitment to other values, relabelled: refused.
        CommittedInput other = CommittedInput.commit(model, rows(1, SEED + 2), ChaChaRandom.create());
        PublicClaim toOther = new PublicClaim(inf.claim().claim(), 1, other.commitment().id(), inf.claim().outputs(),
                Map.of());
        assertThrows(ProofException.class,
                () -> ModelVerifier.verify(prover.verifyingKey(), toOther, inf.proof(), other.commitment()));
        // A flipped decision: refused.
        long[] flipped = {1 - inf.claim().output("claim/decision")[0]};
        PublicClaim lie = new PublicClaim(inf.claim().claim(), 1, input.commitment().id(),
                Map.of("claim/decision", flipped), Map.of());
        assertThrows(ProofException.class,
                () -> ModelVerifier.verify(prover.verifyingKey(), lie, inf.proof(), input.commitment()));
    }

    @Test
    void aProofOfNoCommitmentIsRefusedWhenOneIsRequired() throws Exception {
        List<Map<String, long[]>> row = rows(1, SEED + 3);
        CommittedInput input = CommittedInput.commit(model, row, ChaChaRandom.create());
        ModelProver.Inference free = prover.prove(row, CLAIM);
        ModelVerifier.verify(prover.verifyingKey(), free.claim(), free.proof());
        ProofException e = assertThrows(ProofException.class,
                () -> ModelVerifier.verify(prover.verifyingKey(), free.claim(), free.proof(), input.commitment()));
        assertTrue(e.getMessage().contains("no input commitment"), e.getMessage());
    }

    @Test
    void oneCommitmentCoversABatchAndProofsOfItDiffer() throws Exception {
        List<Map<String, long[]>> batch = rows(6, SEED + 4);
        CommittedInput input = CommittedInput.commit(model, batch, ChaChaRandom.create());
        assertEquals(6, input.commitment().rows());
        ModelProver.Inference a = prover.prove(input, CLAIM);
        ModelProver.Inference b = prover.prove(input, CLAIM);
        ModelVerifier.verify(prover.verifyingKey(), a.claim(), a.proof(), input.commitment());
        ModelVerifier.verify(prover.verifyingKey(), b.claim(), b.proof(), input.commitment());
        assertEquals(6, a.claim().rows());
        assertEquals(a.claim(), b.claim());
        // Zero knowledge: the same statement, freshly masked proofs.
        assertFalse(Arrays.equals(a.proof().encode(), b.proof().encode()));
        long cut = ClaimSpec.fixedPointCeiling(new java.math.BigDecimal("0.25"), graph.info("y").frac());
        long[] decisions = a.claim().output("claim/decision");
        for (int r = 0; r < 6; r++) {
            long y2 = IntegerEvaluator.evaluate(graph, batch.get(r)).get("y")[2];
            assertEquals(y2 >= cut ? 1 : 0, decisions[r], "row " + r);
        }
        // A one-row commitment does not cover a 6-row claim.
        CommittedInput one = CommittedInput.commit(model, batch.subList(0, 1), ChaChaRandom.create());
        PublicClaim relabelled = new PublicClaim(a.claim().claim(), 6, one.commitment().id(), a.claim().outputs(),
                Map.of());
        assertThrows(ProofException.class,
                () -> ModelVerifier.verify(prover.verifyingKey(), relabelled, a.proof(), one.commitment()));
    }

    @Test
    void encodingsRoundTripAndASecretMustOpenItsCommitment() throws Exception {
        CommittedInput input = CommittedInput.commit(model, rows(2, SEED + 5), ChaChaRandom.create());
        assertEquals(input.commitment(), InputCommitment.decode(input.commitment().encode()));
        CommittedInput back = CommittedInput.decode(input.encode());
        assertEquals(input.commitment(), back.commitment());
        assertArrayEquals(input.opening().values(), back.opening().values());
        assertFalse(input.toString().contains(Long.toString(input.opening().values()[0]) + ","));

        long[] salt = input.opening().salt();
        salt[0] = salt[0] == 0 ? 1 : 0;
        CommittedInput forged = new CommittedInput(input.commitment(), new TensorOpening(input.opening().values(), salt));
        InvalidCommitmentException e = assertThrows(InvalidCommitmentException.class,
                () -> CommittedInput.decode(forged.encode()));
        assertTrue(e.getMessage().contains("do not open"), e.getMessage());
        byte[] bytes = input.commitment().encode();
        assertThrows(InvalidCommitmentException.class,
                () -> InputCommitment.decode(Arrays.copyOf(bytes, bytes.length - 1)));
        byte[] wrongMagic = bytes.clone();
        wrongMagic[0] = 'X';
        assertThrows(InvalidCommitmentException.class, () -> InputCommitment.decode(wrongMagic));
        assertThrows(InvalidCommitmentException.class, () -> CommittedInput.decode(bytes));
    }

    @Test
    void aPublicInputHasNothingToCommit() {
        CompiledModel open = CompiledModel.compile(graph, new CompileOptions(Visibility.PRIVATE, Visibility.PUBLIC));
        assertThrows(IllegalArgumentException.class,
                () -> CommittedInput.commit(open, rows(1, SEED + 6), ChaChaRandom.create()));
        assertThrows(IllegalArgumentException.class,
                () -> CompiledModel.compile(graph, open.options(), CLAIM, 1, true));
    }

    /** x [1, 8] (8-bit, as y is) -> 4 logits; the model a committed y chains into. */
    private static QGraph next(SplittableRandom rng) {
        return QGraph.builder()
                .input("h", new int[] {1, 8}, 128, 7)
                .constant("w2", new int[] {4, 8}, 7, CompiledModelTest.random(rng, 32, 127))
                .node("fc2", new QOp.MatMul(false, true), List.of("h", "w2"), "acc2", 14)
                .node("fc2/requant", new QOp.Requantize(1, 9, -128, 127, IntTable.identity(-128, 127)), List.of("acc2"),
                        "z", 5)
                .output("z")
                .build();
    }

    @Test
    void aCommittedOutputIsHiddenBoundAndChainsIntoTheNextModel() throws Exception {
        List<Map<String, long[]>> batch = rows(3, SEED + 7);
        CommittedInput input = CommittedInput.commit(model, batch, ChaChaRandom.create());
        ClaimSpec committed = ClaimSpec.parse("committed:y");
        assertEquals("committed:y", committed.text());
        ModelProver.Inference first = prover.prove(input, committed);
        InputCommitment shown = ModelVerifier.verify(prover.verifyingKey(), first.claim(), first.proof(),
                input.commitment()).orElseThrow();
        assertEquals(first.output().commitment(), shown);
        assertEquals(3, shown.rows());
        // The opening is y itself, every row, and it opens the commitment the verifier saw.
        assertTrue(Commitments.opens(shown.tensor(), first.output().opening()));
        long[] y = first.output().opening().values();
        for (int r = 0; r < 3; r++) {
            long[] want = IntegerEvaluator.evaluate(graph, batch.get(r)).get("y");
            assertArrayEquals(want, Arrays.copyOfRange(y, r * 8, (r + 1) * 8), "row " + r);
        }
        // The claim shows a digest, not y.
        assertEquals(java.util.Set.of("claim/committed/digest"), first.claim().outputs().keySet());
        // Another digest: refused.
        long[] digest = first.claim().output("claim/committed/digest");
        digest[5] += 1;
        PublicClaim moved = new PublicClaim(first.claim().claim(), 3, first.claim().inputCommitment(),
                Map.of("claim/committed/digest", digest), Map.of());
        assertThrows(ProofException.class,
                () -> ModelVerifier.verify(prover.verifyingKey(), moved, first.proof(), input.commitment()));
        // Two proofs of one committed claim show different commitments (fresh salts).
        ModelProver.Inference again = prover.prove(input, committed);
        assertNotEquals(first.output().commitment().fingerprint(), again.output().commitment().fingerprint());

        // Chaining: the hidden y is the next model's committed input.
        QGraph g2 = next(new SplittableRandom(SEED + 8));
        CompiledModel m2 = CompiledModel.compile(g2, CompileOptions.defaults());
        ModelProver p2 = ModelProver.setup(CommittedModel.commit(m2, ChaChaRandom.create()), WhirParameters.provable100());
        ModelProver.Inference second = p2.prove(first.output(), ClaimSpec.parse("argmax:z"));
        ModelVerifier.verify(p2.verifyingKey(), second.claim(), second.proof(), shown);
        long[] classes = second.claim().output("claim/argmax");
        for (int r = 0; r < 3; r++) {
            long[] z = IntegerEvaluator.evaluate(g2, Map.of("h", Arrays.copyOfRange(y, r * 8, (r + 1) * 8))).get("z");
            int best = 0;
            for (int i = 1; i < z.length; i++) {
                best = z[i] > z[best] ? i : best;
            }
            assertEquals(best, classes[r], "row " + r);
        }
    }
}
