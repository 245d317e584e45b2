package io.zkinfer.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.quant.IntegerEvaluator;
import io.zkinfer.model.quant.QGraph;
import io.zkinfer.sumcheck.circuit.ProofException;
import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Claims that reveal less than the output: a threshold bit, the argmax, a band. Each proves and
 * verifies with exactly the semantics ClaimSpec documents (checked against the integer
 * evaluator), reveals nothing but its value, and a changed value or claim text is refused.
 */
class ClaimsTest {
    private static final long SEED = 0xC1A1_5L;
    private static QGraph graph;
    private static ModelProver prover;
    private static Map<String, long[]> input;
    /** The evaluator's output y (quantized; frac 7) on {@link #input}. */
    private static long[] y;

    @BeforeAll
    static void setUp() {
        System.out.println("ClaimsTest seed " + SEED);
        graph = CompiledModelTest.mlp(new SplittableRandom(SEED));
        CompiledModel m = CompiledModel.compile(graph, CompileOptions.defaults());
        prover = ModelProver.setup(CommittedModel.commit(m, ChaChaRandom.create()), WhirParameters.provable100());
        input = Map.of("x", CompiledModelTest.random(new SplittableRandom(SEED + 1), 16, 127));
        y = IntegerEvaluator.evaluate(graph, input).get("y");
    }

    private static ModelProver.Inference proveAndVerify(String claim) throws ProofException {
        ModelProver.Inference inf = prover.prove(input, ClaimSpec.parse(claim));
        ModelVerifier.verify(prover.verifyingKey(), inf.claim(), inf.proof());
        assertEquals(ClaimSpec.parse(claim).text(), inf.claim().claim());
        return inf;
    }

    /**
     * A decoded key checks a claim against the claim's own circuit, and compiles the full one
     * only when asked (then the prover's, by digest), so either order verifies.
     */
    @Test
    void aDecodedKeyVerifiesClaimsAndTheFullOutput() throws Exception {
        ModelProver.Inference claim = prover.prove(input, ClaimSpec.parse("argmax:y"));
        ModelProver.Inference full = prover.prove(input);
        ModelVerifyingKey vk = ModelVerifyingKey.decode(prover.verifyingKey().encode());
        ModelVerifier.verify(vk, claim.claim(), claim.proof());
        ModelVerifier.verify(vk, full.claim(), full.proof());
        assertArrayEquals(prover.verifyingKey().key().circuit().digest(), vk.key().circuit().digest());
        assertEquals(prover.verifyingKey().parameters(), vk.parameters());
        assertEquals(prover.verifyingKey().zeroKnowledge(), vk.zeroKnowledge());
    }

    /** T exactly at y[3] (a tie: at least holds), just above, and beyond the output's range. */
    @ParameterizedTest(name = "offset {0}")
    @ValueSource(ints = {0, 1, -1, 100_000, -100_000})
    void aThresholdRevealsOneBitWithTheDocumentedFixedPointRule(int offset) throws ProofException {
        long yq = y[3];
        BigDecimal t = BigDecimal.valueOf(yq + offset).divide(BigDecimal.valueOf(128)); // frac 7: exact
        for (String op : List.of(">=", "<")) {
            ModelProver.Inference inf = proveAndVerify("threshold:y[3]" + op + t.toPlainString());
            boolean atLeast = yq >= yq + offset;
            long expected = op.equals(">=") == atLeast ? 1 : 0;
            assertEquals(List.of("claim/decision"), List.copyOf(inf.claim().outputs().keySet()), "only the bit");
            assertEquals(expected, inf.claim().output("claim/decision")[0], op + " " + t);
        }
    }

    @Test
    void argmaxAndBandRevealOnlyTheirValue() throws ProofException {
        ModelProver.Inference a = proveAndVerify("argmax:y");
        int best = 0;
        for (int i = 1; i < y.length; i++) {
            best = y[i] > y[best] ? i : best;
        }
        assertEquals(List.of("claim/argmax"), List.copyOf(a.claim().outputs().keySet()));
        assertEquals(best, a.claim().output("claim/argmax")[0]);

        // Cuts below, at and above y[5]: the entry at a cut belongs to the interval above it.
        double v = y[5] / 128.0;
        String cuts = (v - 1) + "," + v + "," + (v + 0.25);
        ModelProver.Inference b = proveAndVerify("band:y[5]:" + cuts);
        assertEquals(2, b.claim().output("claim/band")[0]);
    }

    /** A changed decision, another threshold under the same proof, or a claim that does not fit, is refused. */
    @Test
    void aChangedValueOrClaimIsRefused() throws ProofException {
        BigDecimal t = BigDecimal.valueOf(y[3]).divide(BigDecimal.valueOf(128));
        ModelProver.Inference inf = proveAndVerify("threshold:y[3]>=" + t.toPlainString());
        long bit = inf.claim().output("claim/decision")[0];
        PublicClaim flipped = new PublicClaim(inf.claim().claim(), Map.of("claim/decision", new long[] {1 - bit}),
                Map.of());
        assertThrows(ProofException.class, () -> ModelVerifier.verify(prover.verifyingKey(), flipped, inf.proof()));
        PublicClaim otherT = new PublicClaim("threshold:y[3]>=" + t.add(BigDecimal.ONE).toPlainString(),
                inf.claim().outputs(), Map.of());
        assertThrows(ProofException.class, () -> ModelVerifier.verify(prover.verifyingKey(), otherT, inf.proof()));
        PublicClaim asFull = new PublicClaim(inf.claim().outputs(), Map.of());
        assertThrows(ProofException.class, () -> ModelVerifier.verify(prover.verifyingKey(), asFull, inf.proof()));
        PublicClaim unknown = new PublicClaim("threshold:nope[0]>=1", inf.claim().outputs(), Map.of());
        ProofException e = assertThrows(ProofException.class,
                () -> ModelVerifier.verify(prover.verifyingKey(), unknown, inf.proof()));
        assertTrue(e.getMessage().contains("not an output"), e.getMessage());
    }

    /** A claim text is proven and printed in its canonical form only. */
    @Test
    void aNonCanonicalClaimTextIsRefused() throws ProofException {
        ModelProver.Inference inf = proveAndVerify("threshold:y[2]>=0.25");
        PublicClaim spaced = new PublicClaim(" threshold:y[2] >= 0.250 ", inf.claim().outputs(), Map.of());
        ProofException e = assertThrows(ProofException.class,
                () -> ModelVerifier.verify(prover.verifyingKey(), spaced, inf.proof()));
        assertTrue(e.getMessage().contains("not canonical"), e.getMessage());
    }

    /**
     * Review finding: an output that reaches its bound (a clamp to [0, 64], bound 64) must stay
     * provable; the comparison's table once stopped one short of the bound.
     */
    @Test
    void anOutputAtItsBoundIsComparedToo() throws ProofException {
        QGraph g = QGraph.builder()
                .input("x", new int[] {1, 2}, 128, 0)
                .constant("w", new int[] {1, 2}, 0, new long[] {1, 0})
                .node("mm", new io.zkinfer.model.quant.QOp.MatMul(false, true), List.of("x", "w"), "acc", 0)
                .node("rq", new io.zkinfer.model.quant.QOp.Requantize(1, 1, 0, 64, null), List.of("acc"), "y", 0)
                .output("y")
                .build();
        ModelProver p = ModelProver.setup(
                CommittedModel.commit(CompiledModel.compile(g, CompileOptions.defaults()), ChaChaRandom.create()),
                WhirParameters.provable100());
        Map<String, long[]> top = Map.of("x", new long[] {127, 0});
        assertEquals(64, IntegerEvaluator.evaluate(g, top).get("y")[0]);
        ModelProver.Inference inf = p.prove(top, ClaimSpec.parse("threshold:y[0]>=64"));
        ModelVerifier.verify(p.verifyingKey(), inf.claim(), inf.proof());
        assertEquals(1, inf.claim().output("claim/decision")[0]);
    }

    @ParameterizedTest(name = "[{index}] ''{0}''")
    @ValueSource(strings = {"", "everything", "threshold:y>=1", "threshold:y[3]<=1", "threshold:y[3]>=x",
        "band:y[1]:2,1", "band:y[1]", "argmax:"})
    void malformedClaimsAreRefusedByName(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ClaimSpec.parse(text));
        assertTrue(e.getMessage().startsWith("claim") || e.getMessage().startsWith("an empty claim"), e.getMessage());
    }

    @Test
    void theTextFormIsCanonical() {
        assertEquals("threshold:pd[0]<0.5", ClaimSpec.parse(" threshold:pd[0] < 0.50 ").text());
        assertEquals("band:pd[0]:0.1,0.25,100", ClaimSpec.parse("band:pd[0]:0.10,0.25,1E+2").text());
        assertEquals(-2, ClaimSpec.fixedPointCeiling(new BigDecimal("-0.02"), 7)); // ceil(-2.56)
        assertEquals(1, ClaimSpec.fixedPointCeiling(new BigDecimal("0.001"), 7)); // ceil(0.128)
        assertEquals(3, ClaimSpec.fixedPointCeiling(new BigDecimal("12"), -2)); // 12 / 4
        assertEquals(1L << 62, ClaimSpec.fixedPointCeiling(new BigDecimal("1099511627776"), 40)); // clamped
    }
}
