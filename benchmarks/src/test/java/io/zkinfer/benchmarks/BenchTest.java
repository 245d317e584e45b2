package io.zkinfer.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The {@code ./bench} dispatcher: exit statuses and the JSON line (only a tiny PCS run is timed). */
class BenchTest {
    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    int run(String args) {
        return Bench.run(args.isEmpty() ? new String[0] : args.split(" "), new PrintWriter(out), new PrintWriter(err));
    }

    @ParameterizedTest(name = "./bench {0}")
    @ValueSource(strings = {
        "", "nope", "pcs", "pcs --log-size", "pcs --log-size x", "pcs --log-size 0", "pcs --log-size 31",
        "pcs --log-size 20 --batch 0", "pcs --log-size 20 --security 90", "pcs --log-size 20 --bogus",
        "field --bogus", "pcs --log-size 22 --batch 32", "model", "model ../fixtures/digits_mlp/model.onnx --proofs 0",
        "model ../fixtures/digits_mlp/model.onnx --log-inverse-rate 9",
    })
    void usageErrorsExitWith2AndNoStackTrace(String args) {
        assertEquals(Bench.EXIT_USAGE, run(args));
        assertEquals("", out.toString(), "no figures on stdout");
        assertTrue(err.toString().startsWith("bench: "), err.toString());
        assertFalse(err.toString().contains("Exception"), "no stack trace: " + err);
    }

    /** Arguments that parse but cannot be run (a hiding 2^26 needs a 27th variable): exit 1, a message, no trace. */
    @Test
    void unrunnableRequestsExplainWithoutStackTrace() {
        assertEquals(Bench.EXIT_FAILED, run("pcs --log-size 26 --hiding"));
        assertEquals("", out.toString(), "no figures on stdout");
        assertTrue(err.toString().contains("bench pcs: "), err.toString());
        assertFalse(err.toString().contains("Exception"), "no stack trace: " + err);
    }

    /** A file that is not a model, or no file: exit 1 with a one-line reason, no stack trace. */
    @ParameterizedTest(name = "./bench {0}")
    @ValueSource(strings = {"model ../README.md", "model missing.onnx"})
    void badModelsExplainWithoutStackTrace(String args) {
        assertEquals(Bench.EXIT_FAILED, run(args));
        assertEquals("", out.toString(), "no figures on stdout");
        assertTrue(err.toString().contains("bench model: "), err.toString());
        assertFalse(err.toString().contains("Exception"), "no stack trace: " + err);
    }

    @Test
    void helpExitsWith0() {
        assertEquals(0, run("--help"));
        assertEquals(0, run("pcs --help"));
        assertTrue(out.toString().contains("--log-size"), out.toString());
    }

    @Test
    void smallPcsRunPrintsItsFiguresAsTheLastLine() throws Exception {
        assertEquals(0, run("pcs --log-size 6 --batch 2 --hiding"), err.toString());
        String[] lines = out.toString().strip().split("\n");
        JsonNode figures = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("pcs", figures.get("bench").asText());
        assertEquals(6, figures.get("log_size").asInt());
        assertEquals(2, figures.get("batch").asInt());
        assertTrue(figures.get("hiding").asBoolean());
        assertTrue(figures.get("proof_bytes").asInt() > 0);
    }

    @Test
    void figuresPrintAsOneJsonObjectInInsertionOrder() {
        Map<String, Object> figures = new LinkedHashMap<>();
        figures.put("bench", "field");
        figures.put("goldilocks_mul_ns", 2.5);
        figures.put("cores", 2);
        figures.put("hiding", true);
        assertEquals("{\"bench\":\"field\",\"goldilocks_mul_ns\":2.5,\"cores\":2,\"hiding\":true}", Bench.toJson(figures));
    }
}
