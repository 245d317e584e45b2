package io.zkinfer.prover;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Freezes the claim encoding (ZKPC) and the verifying key encoding (ZKVK) of a model with public
 * weights (with private ones the key holds C_M, whose salt is random): their SHA-256 and length
 * are in {@code src/test/resources/golden/}. A change of either format must bump its VERSION and
 * regenerate the files with {@code -Dzkinfer.golden.update=true}.
 */
class EncodingGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");

    @Test
    void claimEncodingIsFrozen() throws Exception {
        Map<String, long[]> outputs = new LinkedHashMap<>();
        outputs.put("y", new long[] {0, 1, -1, Long.MAX_VALUE, Long.MIN_VALUE});
        outputs.put("class", new long[] {7});
        PublicClaim claim = new PublicClaim(outputs, Map.of("x", new long[] {-128, 127}));
        check("claim-v" + PublicClaim.VERSION + ".sha256", claim.encode());
    }

    @Test
    void verifyingKeyEncodingIsFrozen() throws Exception {
        CompiledModel m = CompiledModel.compile(CompiledModelTest.mlp(new SplittableRandom(20261122L)),
                new CompileOptions(Visibility.PUBLIC, Visibility.PRIVATE));
        ModelProver p = ModelProver.setup(CommittedModel.commit(m, ChaChaRandom.create()), WhirParameters.provable100());
        check("verifying-key-v" + ModelVerifyingKey.VERSION + "-public-weights.sha256", p.verifyingKey().encode());
    }

    static void check(String name, byte[] bytes) throws Exception {
        String actual = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)) + " " + bytes.length;
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("zkinfer.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual + "\n", StandardCharsets.US_ASCII);
        }
        assertTrue(Files.exists(file), file + " is missing; regenerate with -Dzkinfer.golden.update=true");
        assertEquals(Files.readString(file, StandardCharsets.US_ASCII).strip(), actual,
                "the encoding changed: bump its VERSION and regenerate " + file);
    }
}
