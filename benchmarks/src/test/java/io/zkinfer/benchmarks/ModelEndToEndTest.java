package io.zkinfer.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The real networks of fixtures/ end to end through {@code ./bench model}, the public API's whole
 * chain (import, calibrate, quantize, compile, commit, prove with zero knowledge, verify): each
 * proof verifies (the benchmark verifies every proof it times, and fails otherwise), and the
 * quantized model's argmax agrees with the float model's on at least 99% of held-out rows.
 */
class ModelEndToEndTest {
    private static final Path FIXTURES = Path.of("../fixtures");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"digits_mlp", "digits_transformer", "lenet5"})
    void aFixtureModelProvesVerifiesAndAgreesWithTheFloatModel(String fixture) throws Exception {
        Path model = FIXTURES.resolve(fixture).resolve("model.onnx");
        assertTrue(Files.isRegularFile(model), model + " is missing");
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = Bench.run(new String[] {"model", model.toString(), "--proofs", "1"}, new PrintWriter(out),
                new PrintWriter(err));
        assertEquals(0, status, err.toString());
        String[] lines = out.toString().strip().split("\n");
        JsonNode figures = new ObjectMapper().readTree(lines[lines.length - 1]);
        System.out.println(fixture + ": " + figures);
        assertTrue(figures.get("argmax_agreement").asDouble() >= 0.99, figures.toString());
        assertTrue(figures.get("proof_bytes").asInt() > 0);
        assertFalse(err.toString().contains("Exception"), err.toString());
    }
}
