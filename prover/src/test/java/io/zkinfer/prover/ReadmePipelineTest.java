package io.zkinfer.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.ImportOptions;
import io.zkinfer.model.onnx.OnnxImporter;
import io.zkinfer.model.quant.Calibration;
import io.zkinfer.model.quant.QuantizationOptions;
import io.zkinfer.model.quant.QuantizedModel;
import io.zkinfer.model.quant.Quantizer;
import io.zkinfer.sumcheck.circuit.ProofException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's "From an ONNX model to a verified proof" example, as written there, on the MLP fixture. */
class ReadmePipelineTest {
    private static final Path DIR = Path.of("../fixtures/digits_mlp");

    /** Rows of the fixture's float32 [N, 64] file as model inputs [1, 64]. */
    static List<Tensor> rows(String file) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(DIR.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
        List<Tensor> out = new ArrayList<>();
        while (b.remaining() >= 64 * 4) {
            double[] v = new double[64];
            for (int i = 0; i < 64; i++) {
                v[i] = b.getFloat();
            }
            out.add(Tensor.of(new int[] {1, 64}, v));
        }
        return out;
    }

    @Test
    void readmePipelineExampleProvesAndVerifies() throws Exception {
        List<Map<String, Tensor>> samples = new ArrayList<>();
        for (Tensor row : rows("calib_x.f32")) {
            samples.add(Map.of("input", row));
        }
        Tensor x = rows("test_x.f32").getFirst();

        // Import, calibrate on sample inputs, quantize, compile to a circuit.
        Graph graph = OnnxImporter.load(Files.readAllBytes(DIR.resolve("model.onnx")), ImportOptions.defaults());
        Calibration calibration = Calibration.run(graph, samples);
        QuantizedModel quantized = Quantizer.quantize(graph, calibration, QuantizationOptions.defaults());
        CompiledModel compiled = CompiledModel.compile(quantized.graph(), CompileOptions.defaults());

        // The model owner commits to the weights once (publish committed.commitment()) and sets up.
        CommittedModel committed = CommittedModel.commit(compiled, ChaChaRandom.create());
        ModelProver prover = ModelProver.setup(committed, WhirParameters.provable100());
        ModelVerifyingKey vk = prover.verifyingKey();

        // Prove one inference; anyone holding vk checks it.
        ModelProver.Inference inference = prover.prove(quantized.quantizeInputs(Map.of("input", x)));
        ModelVerifier.verify(vk, inference.claim(), inference.proof());
        Map<String, Tensor> logits = quantized.dequantizeOutputs(inference.claim().outputs());

        assertEquals(10, logits.get("logits").toDoubleArray().length);
        Map<String, long[]> other = new HashMap<>(inference.claim().outputs());
        String name = other.keySet().iterator().next();
        long[] changed = other.get(name).clone();
        changed[0] += 1;
        other.put(name, changed);
        assertThrows(ProofException.class,
                () -> ModelVerifier.verify(vk, new PublicClaim(other, Map.of()), inference.proof()));
    }
}
