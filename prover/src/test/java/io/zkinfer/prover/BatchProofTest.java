package io.zkinfer.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.quant.IntegerEvaluator;
import io.zkinfer.model.quant.QGraph;
import io.zkinfer.model.quant.QOp;
import io.zkinfer.sumcheck.circuit.ProofException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Many input rows in one proof: the claim holds per row (checked against the integer evaluator
 * row by row), one verifying key and C_M serve every batch size, a changed row's value or row
 * count is refused, and a model that mixes rows is refused by name.
 */
class BatchProofTest {
    private static final long SEED = 0xBA7C4L;

    @Test
    void aThresholdHoldsPerRowAndOneKeyServesEveryBatchSize() throws ProofException {
        System.out.println("BatchProofTest seed " + SEED);
        QGraph g = CompiledModelTest.mlp(new SplittableRandom(SEED));
        ModelProver prover = ModelProver.setup(
                CommittedModel.commit(CompiledModel.compile(g, CompileOptions.defaults()), ChaChaRandom.create()),
                WhirParameters.provable100());
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        List<Map<String, long[]>> rows = new ArrayList<>();
        for (int r = 0; r < 5; r++) {
            rows.add(Map.of("x", CompiledModelTest.random(rng, 16, 127)));
        }
        BigDecimal t = new BigDecimal("0.25");
        ClaimSpec claim = ClaimSpec.parse("threshold:y[2]>=" + t);
        ModelProver.Inference batch = prover.prove(rows, claim);
        ModelVerifier.verify(prover.verifyingKey(), batch.claim(), batch.proof());
        assertEquals(5, batch.claim().rows());
        long[] decisions = batch.claim().output("claim/decision");
        long cut = ClaimSpec.fixedPointCeiling(t, g.info("y").frac());
        for (int r = 0; r < 5; r++) {
            long y2 = IntegerEvaluator.evaluate(g, rows.get(r)).get("y")[2];
            assertEquals(y2 >= cut ? 1 : 0, decisions[r], "row " + r);
        }

        // The full output of a batch is every row's output, rows first.
        ModelProver.Inference full = prover.prove(rows.subList(0, 3), ClaimSpec.full());
        ModelVerifier.verify(prover.verifyingKey(), full.claim(), full.proof());
        long[] y = full.claim().output("y");
        for (int r = 0; r < 3; r++) {
            long[] want = IntegerEvaluator.evaluate(g, rows.get(r)).get("y");
            assertArrayEquals(want, java.util.Arrays.copyOfRange(y, r * want.length, (r + 1) * want.length));
        }

        long[] flipped = decisions.clone();
        flipped[3] = 1 - flipped[3];
        PublicClaim changed = new PublicClaim(batch.claim().claim(), 5, Map.of("claim/decision", flipped), Map.of());
        assertThrows(ProofException.class, () -> ModelVerifier.verify(prover.verifyingKey(), changed, batch.proof()));
        PublicClaim fewer = new PublicClaim(batch.claim().claim(), 4,
                Map.of("claim/decision", java.util.Arrays.copyOf(decisions, 4)), Map.of());
        assertThrows(ProofException.class, () -> ModelVerifier.verify(prover.verifyingKey(), fewer, batch.proof()));
    }

    @Test
    void aModelThatMixesRowsIsRefusedByName() {
        QGraph g = QGraph.builder()
                .input("x", new int[] {1, 4}, 128, 0)
                .node("total", new QOp.ReduceSum(new int[] {0, 1}, true), List.of("x"), "s", 0)
                .output("s")
                .build();
        CompiledModel m = CompiledModel.compile(g, CompileOptions.defaults());
        ModelProver prover = ModelProver.setup(CommittedModel.commit(m, ChaChaRandom.create()),
                WhirParameters.provable100());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> prover.prove(List.of(Map.of("x", new long[4]), Map.of("x", new long[4])), ClaimSpec.full()));
        assertTrue(e.getMessage().contains("reduces over rows"), e.getMessage());
    }
}
