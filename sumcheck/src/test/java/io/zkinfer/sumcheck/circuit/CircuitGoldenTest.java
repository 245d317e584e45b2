package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.sumcheck.layer.MatMul;
import io.zkinfer.sumcheck.layer.Requantize;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Freezes the circuit proof format: a fixed circuit, witness and mask seed must give exactly the
 * proof in {@code src/test/resources/golden/} (its SHA-256 and length), with and without zero
 * knowledge. A change of the format must bump {@link CircuitProof#VERSION} and regenerate these
 * files with {@code -Dzkinfer.golden.update=true}.
 */
class CircuitGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");

    /**
     * x [2, 4] and w [3, 4] committed, y = requant(x w^T + b) with ReLU, revealed; and z [64, 64]
     * committed and range-checked (2^12 rows: the masked fraction tree with zero knowledge).
     */
    static byte[] proof(boolean zk) throws ProofException {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(2, 4), 128);
        int w = cb.committedInput("w", Shape.of(3, 4), 128);
        int b = cb.committedInput("b", Shape.of(3), 1000);
        int acc = MatMul.add(cb, "acc", x, false, w, true, b);
        int y = Requantize.add(cb, "y", acc, 5, 7, -128, 127, "relu", v -> Math.max(0, v)).y();
        cb.reveal(y);
        int z = cb.committedInput("z", Shape.of(64, 64), 128);
        io.zkinfer.sumcheck.layer.RangeCheck.signed(cb, "z/range", 8, z);
        Circuit c = cb.build();
        long[][] g = new long[c.tensorCount()][];
        g[z] = new long[4096];
        for (int i = 0; i < 4096; i++) {
            g[z][i] = (i * 37 % 256) - 128;
        }
        g[x] = new long[] {1, -2, 3, -4, 5, -6, 7, -8};
        g[w] = new long[] {10, 20, -30, 40, -50, 60, 70, -80, 90, -100, 110, 120};
        g[b] = new long[] {7, -7, 700};
        ProvingKey key = ProvingKey.setup(c, CircuitHarness.PARAMS, zk);
        Witness witness = c.evaluate(g);
        CircuitProof proof = CircuitProver.prove(key, witness, CircuitHarness.testRandom(20261121L));
        byte[] bytes = proof.encode();
        CircuitVerifier.verify(key.verifyingKey(), CircuitProver.publicValues(c, witness), CircuitProof.decode(bytes));
        return bytes;
    }

    @ParameterizedTest(name = "zero knowledge {0}")
    @ValueSource(booleans = {true, false})
    void proofBytesAreFrozen(boolean zk) throws Exception {
        byte[] bytes = proof(zk);
        String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + " "
                + bytes.length;
        checkOrUpdate("circuit-proof-v" + CircuitProof.VERSION + "-" + (zk ? "zk" : "plain") + ".sha256", digest);
    }

    private static void checkOrUpdate(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("zkinfer.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual + "\n", StandardCharsets.US_ASCII);
        }
        assertTrue(Files.exists(file), file + " is missing; regenerate with -Dzkinfer.golden.update=true");
        assertEquals(Files.readString(file, StandardCharsets.US_ASCII).strip(), actual,
                "the circuit proof encoding changed: bump CircuitProof.VERSION and regenerate " + file);
    }
}
