package io.zkinfer.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.quant.IntTable;
import io.zkinfer.model.quant.IntegerEvaluator;
import io.zkinfer.model.quant.QGraph;
import io.zkinfer.model.quant.QOp;
import io.zkinfer.sumcheck.circuit.ProofException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Hand-built quantized graphs through compile, commit, prove and verify: the proof's claim is the
 * integer evaluator's output, bit for bit, and a false claim or another model's commitment is
 * rejected.
 */
class CompiledModelTest {
    private static final long SEED = 0x5EED_0005L;

    static long[] random(SplittableRandom rng, int n, int bound) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(-bound, bound + 1);
        }
        return v;
    }

    /** x [1, 16] -> dense 16 -> 8 with an int32 bias, ReLU fused in the requantization, a tanh-like table, argmax. */
    static QGraph mlp(SplittableRandom rng) {
        IntTable squash = IntTable.of("squash/in8/out7", -128, 127, v -> Math.round(127 * Math.tanh(v / 32.0)));
        return QGraph.builder()
                .input("x", new int[] {1, 16}, 128, 7)
                .constant("w", new int[] {8, 16}, 7, random(rng, 128, 127))
                .constant("b", new int[] {8}, 14, random(rng, 8, 100_000))
                .node("fc", new QOp.MatMul(false, true), List.of("x", "w", "b"), "acc", 14)
                .node("fc/requant", new QOp.Requantize(1, 9, -128, 127, IntTable.relu(-128, 127)), List.of("acc"), "h", 5)
                .node("squash", new QOp.Table(8, squash), List.of("h"), "y", 7)
                .node("class", new QOp.ArgMax(1, false), List.of("y"), "class", 0)
                .output("y")
                .output("class")
                .build();
    }

    /** x [1, 1, 8, 8] -> conv 2@3x3 (pad 1) -> requantize -> sum pool 2x2 -> max pool 2x2 -> flatten. */
    static QGraph cnn(SplittableRandom rng) {
        QOp.Window pad1 = new QOp.Window(1, 1, 1, 1, 1, 1, 1, 1);
        QOp.Window stride2 = new QOp.Window(2, 2, 1, 1, 0, 0, 0, 0);
        return QGraph.builder()
                .input("x", new int[] {1, 1, 8, 8}, 128, 7)
                .constant("k", new int[] {2, 1, 3, 3}, 7, random(rng, 18, 127))
                .constant("kb", new int[] {2}, 14, random(rng, 2, 3000))
                .node("conv", new QOp.Conv(pad1), List.of("x", "k", "kb"), "c", 14)
                .node("conv/requant", new QOp.Requantize(1, 8, -128, 127, null), List.of("c"), "r", 6)
                .node("pool", new QOp.SumPool(2, 2, stride2), List.of("r"), "p", 6)
                .node("maxpool", new QOp.MaxPool(2, 2, stride2), List.of("p"), "m", 6)
                .node("flatten", new QOp.Reshape(new int[] {1, 8}), List.of("m"), "out", 6)
                .output("out")
                .build();
    }

    private static ModelProver prover(QGraph g, CompileOptions options) {
        CompiledModel m = CompiledModel.compile(g, options);
        return ModelProver.setup(CommittedModel.commit(m, ChaChaRandom.create()), WhirParameters.provable100());
    }

    private static void provesTheEvaluatorsOutputs(QGraph g, CompileOptions options, Map<String, long[]> input)
            throws ProofException {
        ModelProver p = prover(g, options);
        ModelProver.Inference inf = p.prove(input);
        Map<String, long[]> expected = IntegerEvaluator.evaluate(g, input);
        for (String out : g.outputs()) {
            assertArrayEquals(expected.get(out), inf.claim().output(out), out);
        }
        ModelVerifier.verify(p.verifyingKey(), inf.claim(), inf.proof());
    }

    @ParameterizedTest(name = "weights {0}")
    @EnumSource(Visibility.class)
    void anMlpProvesItsIntegerOutputs(Visibility weights) throws ProofException {
        System.out.println("CompiledModelTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED);
        QGraph g = mlp(rng);
        provesTheEvaluatorsOutputs(g, new CompileOptions(weights, Visibility.PRIVATE), Map.of("x", random(rng, 16, 127)));
    }

    @Test
    void aCnnProvesItsIntegerOutputs() throws ProofException {
        SplittableRandom rng = new SplittableRandom(SEED + 1);
        QGraph g = cnn(rng);
        provesTheEvaluatorsOutputs(g, CompileOptions.defaults(), Map.of("x", random(rng, 64, 127)));
    }

    @Test
    void claimsAndProofsRoundTripThroughTheirEncodings() throws Exception {
        SplittableRandom rng = new SplittableRandom(SEED + 4);
        QGraph g = mlp(rng);
        ModelProver p = prover(g, new CompileOptions(Visibility.PRIVATE, Visibility.PUBLIC));
        ModelProver.Inference inf = p.prove(Map.of("x", random(rng, 16, 127)));
        byte[] claim = inf.claim().encode();
        PublicClaim decoded = PublicClaim.decode(claim);
        org.junit.jupiter.api.Assertions.assertEquals(inf.claim(), decoded);
        ModelVerifier.verify(p.verifyingKey(), decoded,
                io.zkinfer.sumcheck.circuit.CircuitProof.decode(inf.proof().encode()));
        // Malformed claims: every truncation, a wrong magic, a wrong version, trailing bytes.
        for (int cut = 0; cut < claim.length; cut++) {
            byte[] shorter = java.util.Arrays.copyOf(claim, cut);
            assertThrows(ProofException.class, () -> PublicClaim.decode(shorter), "cut at " + cut);
        }
        byte[] magic = claim.clone();
        magic[0] = 'X';
        assertThrows(ProofException.class, () -> PublicClaim.decode(magic));
        byte[] version = claim.clone();
        version[5] = 9;
        assertThrows(ProofException.class, () -> PublicClaim.decode(version));
        byte[] trailing = java.util.Arrays.copyOf(claim, claim.length + 1);
        assertThrows(ProofException.class, () -> PublicClaim.decode(trailing));
    }

    @ParameterizedTest(name = "weights {0}")
    @EnumSource(Visibility.class)
    void verifyingKeysRoundTripAndHoldNoPrivateWeight(Visibility weights) throws Exception {
        SplittableRandom rng = new SplittableRandom(SEED + 5);
        QGraph g = mlp(rng);
        ModelProver p = prover(g, new CompileOptions(weights, Visibility.PRIVATE));
        ModelProver.Inference inf = p.prove(Map.of("x", random(rng, 16, 127)));
        byte[] key = p.verifyingKey().encode();
        ModelVerifyingKey vk = ModelVerifyingKey.decode(key);
        ModelVerifier.verify(vk, inf.claim(), inf.proof());
        org.junit.jupiter.api.Assertions.assertArrayEquals(key, vk.encode(), "decode then encode is the identity");
        long[] w = vk.graph().constants().get("w").values();
        if (weights == Visibility.PRIVATE) {
            org.junit.jupiter.api.Assertions.assertArrayEquals(new long[w.length], w, "no private weight in the key");
        } else {
            org.junit.jupiter.api.Assertions.assertArrayEquals(g.constants().get("w").values(), w);
        }
        // Every truncation is refused with a ModelException, never another exception.
        for (int cut = 0; cut < key.length; cut += 1 + key.length / 300) {
            byte[] shorter = java.util.Arrays.copyOf(key, cut);
            assertThrows(io.zkinfer.model.ModelException.class, () -> ModelVerifyingKey.decode(shorter), "cut " + cut);
        }
        // A changed table entry or requantization constant gives another circuit: C_M or the proof no longer fits.
        byte[] changed = key.clone();
        changed[changed.length / 2] ^= 1;
        try {
            ModelVerifyingKey other = ModelVerifyingKey.decode(changed);
            assertThrows(ProofException.class, () -> ModelVerifier.verify(other, inf.claim(), inf.proof()));
        } catch (io.zkinfer.model.ModelException refused) {
            assertTrue(refused.getMessage().contains("verifying key"), refused.getMessage());
        }
    }

    /**
     * C_M names the model it commits to (the quantized graph's structure and the compile options):
     * one model's commitment in another model's key is refused by name, even where the weights'
     * shapes agree (here only a requantization shift differs).
     */
    @Test
    void aCommitmentOfOneModelIsRefusedForAnother() throws ProofException {
        QGraph a = mlp(new SplittableRandom(SEED + 11));
        QGraph b = QGraph.builder()
                .input("x", new int[] {1, 16}, 128, 7)
                .constant("w", new int[] {8, 16}, 7, a.constants().get("w").values())
                .constant("b", new int[] {8}, 14, a.constants().get("b").values())
                .node("fc", new QOp.MatMul(false, true), List.of("x", "w", "b"), "acc", 14)
                .node("fc/requant", new QOp.Requantize(1, 10, -128, 127, IntTable.relu(-128, 127)), List.of("acc"), "h", 4)
                .output("h")
                .build();
        CompiledModel ca = CompiledModel.compile(a, CompileOptions.defaults());
        CompiledModel cb = CompiledModel.compile(b, CompileOptions.defaults());
        org.junit.jupiter.api.Assertions.assertFalse(java.util.Arrays.equals(ca.modelDigest(), cb.modelDigest()));
        ModelProver pb = ModelProver.setup(CommittedModel.commit(cb, ChaChaRandom.create()), WhirParameters.provable100());
        ModelProver.Inference inf = pb.prove(Map.of("x", random(new SplittableRandom(SEED + 12), 16, 127)));
        ModelVerifier.verify(pb.verifyingKey(), inf.claim(), inf.proof());
        ModelVerifyingKey mixed = new ModelVerifyingKey(pb.verifyingKey().graph(), pb.verifyingKey().options(),
                pb.verifyingKey().key(), CommittedModel.commit(ca, ChaChaRandom.create()).commitment());
        ProofException e = assertThrows(ProofException.class, () -> ModelVerifier.verify(mixed, inf.claim(), inf.proof()));
        assertTrue(e.getMessage().contains("another model"), e.getMessage());
    }

    /**
     * A prover that commits a private input beyond its bound (x = 506 where |x| <= 128; found by
     * review, accepted before private inputs were range-checked) to reach an output no honest
     * input gives cannot make a proof that verifies.
     */
    @Test
    void aPrivateInputBeyondItsBoundIsRejected() {
        QGraph g = QGraph.builder()
                .input("x", new int[] {1, 2}, 128, 0)
                .constant("w", new int[] {1, 2}, 0, new long[] {1, 0})
                .node("mm", new QOp.MatMul(false, true), List.of("x", "w"), "acc", 0)
                .node("rq", new QOp.Requantize(1, 2, -128, 127, null), List.of("acc"), "y", 0)
                .output("y")
                .build();
        CompiledModel m = CompiledModel.compile(g, CompileOptions.defaults());
        CommittedModel committed = CommittedModel.commit(m, ChaChaRandom.create());
        ModelProver honest = ModelProver.setup(committed, WhirParameters.provable100());
        io.zkinfer.sumcheck.circuit.Circuit c = m.circuit();
        long[][] given = new long[c.tensorCount()][];
        given[m.tensorId("x")] = new long[] {127, 0};
        committed.give(given);
        io.zkinfer.sumcheck.circuit.Witness w = c.evaluate(given);
        long[] x = w.values(m.tensorId("x")).clone();
        x[0] = io.zkinfer.field.Goldilocks.fromSigned(506);
        w.set(m.tensorId("x"), x);
        int y = m.tensorId("y");
        // The cheat: recompute the layers on the forged input and prove the unreachable y = 127. The
        // input's range check refuses it (here already when its lookup witness is made).
        assertThrows(Exception.class, () -> {
            for (io.zkinfer.sumcheck.circuit.Layer l : c.layers()) {
                l.compute(w);
            }
            long[] out = io.zkinfer.sumcheck.circuit.Circuit.logical(c.tensor(y), w.values(y));
            org.junit.jupiter.api.Assertions.assertEquals(127, out[0], "honest outputs stay within +-32");
            PublicClaim lie = new PublicClaim(Map.of("y", out), Map.of());
            ModelVerifier.verify(honest.verifyingKey(), lie, io.zkinfer.sumcheck.circuit.CircuitProver.prove(
                    io.zkinfer.sumcheck.circuit.ProvingKey.setup(c, WhirParameters.provable100()), w));
        });
    }

    /**
     * Widths with few values (here the bias's limbs: 2 and 16 bits) join the main packed vector
     * (the weights' 8 bits), one salt and one digest: the 2-bit high limb as it is, range-checked
     * at its own width when unpacked, so that an entry that fits the vector's width but not its
     * own (5 where |hi| <= 2) cannot be proven; the 16-bit low limb in two 8-bit digits, added
     * back exactly.
     */
    @Test
    void smallWidthsRideInTheMainVectorCheckedAtTheirOwnWidth() throws ProofException {
        QGraph g = mlp(new SplittableRandom(SEED + 7));
        CompiledModel m = CompiledModel.compile(g, CompileOptions.defaults());
        io.zkinfer.sumcheck.circuit.Circuit c = m.circuit();
        List<io.zkinfer.sumcheck.circuit.Tensor> packed = c.tensors().stream()
                .filter(t -> t.name().matches("weights/int[0-9]+")).toList();
        assertEquals(List.of("weights/int8"), packed.stream().map(io.zkinfer.sumcheck.circuit.Tensor::name).toList(),
                "one packed vector, the weights' width");
        int high = c.tensors().stream().filter(t -> t.name().equals("b/high")).findFirst().orElseThrow().id();
        assertTrue(c.layers().stream().anyMatch(l -> l.describe().startsWith("lookup(")
                && java.util.Arrays.stream(l.inputs()).anyMatch(t -> t == high)),
                "the narrow limb is range-checked");
        assertTrue(c.tensors().stream().anyMatch(t -> t.name().equals("b/low/digit1")), "the wide limb is in digits");
        provesTheEvaluatorsOutputs(g, CompileOptions.defaults(), Map.of("x", random(new SplittableRandom(SEED), 16, 127)));

        CommittedModel committed = CommittedModel.commit(m, ChaChaRandom.create());
        long[][] given = new long[c.tensorCount()][];
        given[m.tensorId("x")] = random(new SplittableRandom(SEED + 8), 16, 127);
        committed.give(given);
        c.evaluate(given); // the honest weights pass every check
        WeightGroup.Member highMember = m.weights().getFirst().members().stream()
                .filter(x -> x.constant().equals("b") && x.part() == WeightGroup.Part.HIGH).findFirst().orElseThrow();
        int vector = packed.getFirst().id();
        given[vector] = given[vector].clone();
        given[vector][highMember.offset()] = 5; // inside the vector's 8 bits, outside the limb's 2
        // The unpacked limb's range check refuses it (here already when its lookup witness is made).
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.evaluate(given));
        assertTrue(e.getMessage().contains("value 5 is not in the table"), e.getMessage());
    }

    /** A digit split gives back every value of its width, the extremes included. */
    @ParameterizedTest(name = "bits={0}, count={1}")
    @org.junit.jupiter.params.provider.CsvSource({"8, 2", "8, 3", "4, 4", "8, 1"})
    void digitsAddBackToTheValue(int bits, int count) {
        long half = 1L << (bits * count - 1);
        SplittableRandom rng = new SplittableRandom(SEED + bits * 31L + count);
        long[] values = new long[200];
        values[0] = -half;
        values[1] = half - 1;
        for (int i = 2; i < values.length; i++) {
            values[i] = rng.nextLong(-half, half);
        }
        for (long v : values) {
            if (count == 1) {
                assertEquals(v, WeightGroup.Digit.WHOLE.of(v));
                continue;
            }
            long sum = 0; // the lower digits' stored offsets, 2^(bits-1) each at its place
            for (int k = 0; k < count - 1; k++) {
                sum += 1L << (bits * k + bits - 1);
            }
            for (int k = 0; k < count; k++) {
                long d = new WeightGroup.Digit(k, bits, count).of(v);
                assertTrue(d >= -(1L << (bits - 1)) && d < 1L << (bits - 1), "digit " + k + " of " + v + ": " + d);
                sum += d << (bits * k);
            }
            assertEquals(v, sum, "digits of " + v);
        }
    }

    /** Reductions to one value are outputs like any other (they are scalars inside the circuit). */
    @Test
    void aFullReductionIsAnOutput() throws ProofException {
        QGraph g = QGraph.builder()
                .input("x", new int[] {1, 4}, 128, 0)
                .node("sum", new QOp.ReduceSum(new int[] {0, 1}, false), List.of("x"), "s", 0)
                .node("rows", new QOp.ReduceSum(new int[] {0}, false), List.of("x"), "v", 0)
                .node("max", new QOp.ReduceMax(0, false), List.of("v"), "m", 0)
                .output("s")
                .output("m")
                .build();
        provesTheEvaluatorsOutputs(g, CompileOptions.defaults(), Map.of("x", new long[] {1, 2, 3, -4}));
    }

    /** A layer without a zero-knowledge protocol (a product over one inner entry) is refused when compiling. */
    @Test
    void aCircuitWithoutZeroKnowledgeIsRefusedAtCompileTime() {
        QGraph g = QGraph.builder().input("x", new int[] {4, 1}, 128, 0)
                .constant("w", new int[] {1, 3}, 0, new long[] {1, 2, 3})
                .node("outer", new QOp.MatMul(false, false), List.of("x", "w"), "y", 0).output("y").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompiledModel.compile(g, CompileOptions.defaults()));
        assertTrue(e.getMessage().contains("zero-knowledge"), e.getMessage());
    }

    @Test
    void privateInputBoundsMustBeWhatARangeCheckEnforces() {
        QGraph g = QGraph.builder().input("x", new int[] {1, 4}, 127, 0)
                .node("sum", new QOp.ReduceSum(new int[] {1}, true), List.of("x"), "s", 0).output("s").build();
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> CompiledModel.compile(g, CompileOptions.defaults()));
        assertTrue(e.getMessage().contains("power of two"), e.getMessage());
    }

    @Test
    void publicInputsAreInTheClaim() throws ProofException {
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        QGraph g = mlp(rng);
        ModelProver p = prover(g, new CompileOptions(Visibility.PRIVATE, Visibility.PUBLIC));
        long[] x = random(rng, 16, 127);
        ModelProver.Inference inf = p.prove(Map.of("x", x));
        assertArrayEquals(x, inf.claim().publicInputs().get("x"));
        ModelVerifier.verify(p.verifyingKey(), inf.claim(), inf.proof());
        Map<String, long[]> otherInput = Map.of("x", x.clone());
        otherInput.get("x")[3] ^= 1;
        PublicClaim lie = new PublicClaim(inf.claim().outputs(), otherInput);
        assertThrows(ProofException.class, () -> ModelVerifier.verify(p.verifyingKey(), lie, inf.proof()));
    }

    @Test
    void aFalseClaimOrAnotherCommitmentIsRejected() throws ProofException {
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        QGraph g = mlp(rng);
        CompiledModel m = CompiledModel.compile(g, CompileOptions.defaults());
        ModelProver p = ModelProver.setup(CommittedModel.commit(m, ChaChaRandom.create()), WhirParameters.provable100());
        ModelProver.Inference inf = p.prove(Map.of("x", random(rng, 16, 127)));
        ModelVerifyingKey vk = p.verifyingKey();
        ModelVerifier.verify(vk, inf.claim(), inf.proof());

        Map<String, long[]> outputs = new HashMap<>(inf.claim().outputs());
        long[] cls = outputs.get("class").clone();
        cls[0] = (cls[0] + 1) % 8;
        outputs.put("class", cls);
        PublicClaim otherClass = new PublicClaim(outputs, Map.of());
        assertThrows(ProofException.class, () -> ModelVerifier.verify(vk, otherClass, inf.proof()));

        // The same weights committed again (another salt): another C_M, which this proof does not open.
        ModelVerifyingKey otherCm = new ModelVerifyingKey(vk.graph(), vk.options(), vk.key(),
                CommittedModel.commit(m, ChaChaRandom.create()).commitment());
        ProofException e = assertThrows(ProofException.class, () -> ModelVerifier.verify(otherCm, inf.claim(), inf.proof()));
        assertTrue(e.getMessage() != null);

        PublicClaim missing = new PublicClaim(Map.of("y", inf.claim().output("y")), Map.of());
        assertThrows(ProofException.class, () -> ModelVerifier.verify(vk, missing, inf.proof()));
    }
}
