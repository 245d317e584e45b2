package io.zkinfer.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.ImportOptions;
import io.zkinfer.model.onnx.OnnxImporter;
import io.zkinfer.model.quant.Calibration;
import io.zkinfer.model.quant.QuantizationOptions;
import io.zkinfer.model.quant.QuantizedModel;
import io.zkinfer.model.quant.QuantizedModelCodec;
import io.zkinfer.model.quant.Quantizer;
import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import io.zkinfer.sumcheck.circuit.CircuitProof;
import io.zkinfer.sumcheck.circuit.ProofException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The command line's files: the compiled model (ZKMF, with ZKQM inside), the model secret (ZKSK),
 * the input commitment (ZKIC) and its secret (ZKIS), and the proof file (ZKPF). Each round-trips, is frozen by a golden SHA-256 (in
 * {@code src/test/resources/golden/}, regenerated with {@code -Dzkinfer.golden.update=true}), and
 * rejects every truncation and corruption with its checked exception, never another one.
 */
class FileFormatsTest {
    private static QuantizedModel quantized;
    private static CompiledModel compiled;

    @BeforeAll
    static void quantizeTheMlp() throws Exception {
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (Tensor row : ReadmePipelineTest.rows("calib_x.f32").subList(0, 32)) {
            samples.add(Map.of("input", row));
        }
        Graph graph = OnnxImporter.load(Files.readAllBytes(Path.of("../fixtures/digits_mlp/model.onnx")),
                ImportOptions.defaults());
        quantized = Quantizer.quantize(graph, Calibration.run(graph, samples), QuantizationOptions.defaults());
        compiled = CompiledModel.compile(quantized.graph(), CompileOptions.defaults());
    }

    /** A proof file around the smallest well-formed circuit proof (no commitment, no messages). */
    static ProofFile fixedProofFile() throws ProofException {
        CircuitProof empty = CircuitProof.decode(new byte[] {'Z', 'K', 'C', 'P', 0, (byte) CircuitProof.VERSION,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
        Map<String, long[]> outputs = new LinkedHashMap<>();
        outputs.put("logits", new long[] {-3, 0, 5, Long.MAX_VALUE});
        return new ProofFile(new PublicClaim(outputs, Map.of()), empty);
    }

    static CommittedModel fixedCommitment() {
        return CommittedModel.commit(compiled, ChaChaRandom.withKey(new byte[32]));
    }

    @Test
    void compiledModelRoundTripsAndIsFrozen() throws Exception {
        byte[] bytes = new ModelFile(quantized, CompileOptions.defaults()).encode();
        ModelFile back = ModelFile.decode(bytes);
        assertArrayEquals(bytes, back.encode());
        assertArrayEquals(QuantizedModelCodec.encode(quantized), QuantizedModelCodec.encode(back.model()));
        assertArrayEquals(compiled.circuit().digest(), back.compile().circuit().digest());
        Tensor x = ReadmePipelineTest.rows("test_x.f32").getFirst();
        assertArrayEquals(quantized.quantizeInput("input", x), back.model().quantizeInput("input", x));
        EncodingGoldenTest.check("compiled-model-v" + ModelFile.VERSION + "-quantized-v" + QuantizedModelCodec.VERSION
                + "-digits-mlp.sha256", bytes);
        rejectsCorruption(bytes, b -> ModelFile.decode(b), ModelException.class);
    }

    @Test
    void secretRoundTripsRestoresAndIsFrozen() throws Exception {
        CommittedModel committed = fixedCommitment();
        byte[] bytes = committed.secret().encode();
        ModelSecret back = ModelSecret.decode(bytes);
        assertArrayEquals(bytes, back.encode());
        CommittedModel restored = CommittedModel.restore(compiled, back);
        assertEquals(committed.commitment(), restored.commitment());
        EncodingGoldenTest.check("model-secret-v" + ModelSecret.VERSION + "-digits-mlp.sha256", bytes);
        rejectsCorruption(bytes, b -> ModelSecret.decode(b), InvalidCommitmentException.class);
    }

    @Test
    void aSecretForAnotherCircuitIsRefused() throws Exception {
        CompiledModel publicWeights = CompiledModel.compile(quantized.graph(),
                new CompileOptions(Visibility.PUBLIC, Visibility.PRIVATE));
        ModelSecret secret = fixedCommitment().secret();
        assertThrows(InvalidCommitmentException.class, () -> CommittedModel.restore(publicWeights, secret));
    }

    @Test
    void proofFileRoundTripsAndIsFrozen() throws Exception {
        byte[] bytes = fixedProofFile().encode();
        ProofFile back = ProofFile.decode(bytes);
        assertArrayEquals(bytes, back.encode());
        assertEquals(fixedProofFile().claim(), back.claim());
        EncodingGoldenTest.check("proof-file-v" + ProofFile.VERSION + "-circuit-proof-v" + CircuitProof.VERSION + ".sha256",
                bytes);
        rejectsCorruption(bytes, b -> ProofFile.decode(b), ProofException.class);
    }

    @Test
    void inputCommitmentAndSecretRoundTripAndAreFrozen() throws Exception {
        Tensor x = ReadmePipelineTest.rows("test_x.f32").getFirst();
        List<Map<String, long[]>> rows = List.of(Map.of("input", quantized.quantizeInput("input", x)));
        CommittedInput input = CommittedInput.commit(compiled, rows, ChaChaRandom.withKey(new byte[32]));
        byte[] commitment = input.commitment().encode();
        assertArrayEquals(commitment, InputCommitment.decode(commitment).encode());
        EncodingGoldenTest.check("input-commitment-v" + InputCommitment.VERSION + "-digits-mlp.sha256", commitment);
        rejectsCorruption(commitment, b -> InputCommitment.decode(b), InvalidCommitmentException.class);
        byte[] secret = input.encode();
        assertArrayEquals(secret, CommittedInput.decode(secret).encode());
        EncodingGoldenTest.check("input-secret-v" + CommittedInput.VERSION + "-digits-mlp.sha256", secret);
        rejectsCorruption(secret, b -> CommittedInput.decode(b), InvalidCommitmentException.class);
    }

    /** A key that carries the input quantization lets a data owner commit without the weights. */
    @Test
    void aKeyWithItsQuantizationCommitsInputsWithoutTheWeights() throws Exception {
        CommittedModel committed = fixedCommitment();
        ModelVerifyingKey vk = ModelProver.setup(committed, io.zkinfer.commit.whir.WhirParameters.provable100())
                .verifyingKey().withQuantization(quantized);
        ModelVerifyingKey back = ModelVerifyingKey.decode(vk.encode());
        assertArrayEquals(vk.encode(), back.encode());
        QuantizedModel q = back.quantization();
        for (long[] w : q.graph().constants().values().stream().map(k -> k.values()).toList()) {
            assertEquals(0, Arrays.stream(w).filter(v -> v != 0).count(), "a weight's value in the key");
        }
        Tensor x = ReadmePipelineTest.rows("test_x.f32").getFirst();
        List<Map<String, long[]>> rows = List.of(Map.of("input", q.quantizeInput("input", x)));
        assertArrayEquals(quantized.quantizeInput("input", x), rows.getFirst().get("input"));
        CommittedInput byKey = CommittedInput.commit(back, rows, ChaChaRandom.withKey(new byte[32]));
        CommittedInput byModel = CommittedInput.commit(compiled, rows, ChaChaRandom.withKey(new byte[32]));
        assertEquals(byModel.commitment(), byKey.commitment());
        byte[] plain = ModelProver.setup(committed, io.zkinfer.commit.whir.WhirParameters.provable100()).verifyingKey()
                .encode();
        assertEquals(null, ModelVerifyingKey.decode(plain).quantization());
    }

    @FunctionalInterface
    interface Decoder {
        Object decode(byte[] b) throws Exception;
    }

    /** Every truncation, and random byte flips, either decode or throw {@code expected}; nothing else. */
    private static void rejectsCorruption(byte[] bytes, Decoder d, Class<? extends Exception> expected) {
        int step = Math.max(1, bytes.length / 200);
        for (int n = 0; n < bytes.length; n += step) {
            byte[] cut = Arrays.copyOf(bytes, n);
            assertThrows(expected, () -> d.decode(cut), "truncated to " + n);
        }
        byte[] longer = Arrays.copyOf(bytes, bytes.length + 1);
        assertThrows(expected, () -> d.decode(longer), "a trailing byte");
        SplittableRandom rng = new SplittableRandom(20261122L);
        for (int t = 0; t < 200; t++) {
            byte[] flipped = bytes.clone();
            flipped[rng.nextInt(flipped.length)] ^= (byte) (1 << rng.nextInt(8));
            try {
                d.decode(flipped);
            } catch (Exception e) {
                assertEquals(expected, e.getClass(), "flip " + t + ": " + e);
            }
        }
    }
}
