package io.zkinfer.commit.whir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.Goldilocks;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Freezes the proof format: deterministic (non-hiding) proofs of fixed statements must encode
 * to exactly the bytes in {@code src/test/resources/golden/}. A change of the format must bump
 * {@link WhirProof#VERSION}, docs/PCS.md and these files together; regenerate them with
 * {@code -Dzkinfer.golden.update=true} (the files then name the new version).
 */
class WhirGoldenTest {
    private static final Path DIR = Path.of("src/test/resources/golden");

    /** Polynomials of the given sizes with values i^2 + 7 (poly index mixed in), and points. */
    private static byte[] proof(int[] logSizes, HashProfile profile) throws InvalidProofException {
        return proof(logSizes, profile, Masking.NONE);
    }

    /** The same with a masking mode; masks and salts from a fixed seed, so the bytes are fixed too. */
    private static byte[] proof(int[] logSizes, HashProfile profile, Masking masking) throws InvalidProofException {
        WhirParameters params = WhirParameters.provable100().withHash(profile);
        List<long[]> polys = new ArrayList<>();
        for (int p = 0; p < logSizes.length; p++) {
            long[] v = new long[1 << logSizes[p]];
            for (int i = 0; i < v.length; i++) {
                v[i] = Goldilocks.add(Goldilocks.mul(i, i), 7 + p);
            }
            polys.add(v);
        }
        WhirWitness w = WhirProver.commit(params, polys, masking, new java.util.SplittableRandom(2026));
        int d = w.plan().extension().degree();
        List<EvaluationClaim> claims = new ArrayList<>();
        for (int p = 0; p < logSizes.length; p++) {
            long[] point = new long[logSizes[p] * d];
            for (int i = 0; i < point.length; i++) {
                point[i] = 1000L * (p + 1) + i;
            }
            claims.add(WhirProver.claim(w, p, point));
        }
        byte[] bytes = WhirProver.open(w, claims, Transcript.create(profile, "zkinfer/whir-golden")).encode();
        WhirVerifier.verify(params, w.commitment(), claims, bytes, Transcript.create(profile, "zkinfer/whir-golden"));
        return bytes;
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SHA256", "KECCAK256"})
    void smallProofBytesAreFrozen(HashProfile profile) throws Exception {
        String hex = HexFormat.of().formatHex(proof(new int[] {5, 3}, profile));
        checkOrUpdate("whir-proof-v" + WhirProof.VERSION + "-small-" + profile.name().toLowerCase() + ".hex", hex);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"SHA256"})
    void twoRoundProofDigestIsFrozen(HashProfile profile) throws Exception {
        byte[] bytes = proof(new int[] {14, 12, 9}, profile);
        String digest = HexFormat.of().formatHex(sha256(bytes)) + " " + bytes.length;
        checkOrUpdate("whir-proof-v" + WhirProof.VERSION + "-two-round-" + profile.name().toLowerCase() + ".sha256",
                digest);
    }

    /** The masked layouts: G at every claim and K symbols of G per leaf, or mu and one G_1 symbol. */
    @ParameterizedTest(name = "{0}")
    @CsvSource({"BLOCK", "COMMITTER"})
    void maskedProofDigestIsFrozen(Masking masking) throws Exception {
        byte[] bytes = proof(new int[] {14}, HashProfile.SHA256, masking);
        String digest = HexFormat.of().formatHex(sha256(bytes)) + " " + bytes.length;
        checkOrUpdate("whir-proof-v" + WhirProof.VERSION + "-" + masking.name().toLowerCase() + ".sha256", digest);
    }

    private static void checkOrUpdate(String name, String actual) throws IOException {
        Path file = DIR.resolve(name);
        if (Boolean.getBoolean("zkinfer.golden.update")) {
            Files.createDirectories(DIR);
            Files.writeString(file, actual + "\n", StandardCharsets.US_ASCII);
        }
        assertTrue(Files.exists(file), file + " is missing; regenerate with -Dzkinfer.golden.update=true");
        assertEquals(Files.readString(file, StandardCharsets.US_ASCII).strip(), actual,
                "the proof encoding changed: bump WhirProof.VERSION, update docs/PCS.md, regenerate " + file);
    }

    private static byte[] sha256(byte[] b) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(b);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
