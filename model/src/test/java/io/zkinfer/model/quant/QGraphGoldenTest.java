package io.zkinfer.model.quant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;

/**
 * Freezes the quantized graph encoding: {@link QGraphCodecTest#everyOp()} must encode to the
 * bytes whose SHA-256 and length are in {@code src/test/resources/golden/}. A change of the
 * format must bump {@link QGraphCodec#VERSION} and regenerate the file with
 * {@code -Dzkinfer.golden.update=true}.
 */
class QGraphGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");

    @Test
    void encodingIsFrozen() throws Exception {
        for (boolean values : new boolean[] {true, false}) {
            byte[] bytes = QGraphCodec.encode(QGraphCodecTest.everyOp(), values);
            String digest = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + " "
                    + bytes.length;
            Path file = DIR.resolve("qgraph-v" + QGraphCodec.VERSION + (values ? "-values" : "-shapes") + ".sha256");
            if (Boolean.getBoolean("zkinfer.golden.update")) {
                Files.createDirectories(DIR);
                Files.writeString(file, digest + "\n", StandardCharsets.US_ASCII);
            }
            assertTrue(Files.exists(file), file + " is missing; regenerate with -Dzkinfer.golden.update=true");
            assertEquals(Files.readString(file, StandardCharsets.US_ASCII).strip(), digest,
                    "the quantized graph encoding changed: bump QGraphCodec.VERSION and regenerate " + file);
        }
    }
}
