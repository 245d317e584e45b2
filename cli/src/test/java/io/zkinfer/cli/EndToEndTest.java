package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * The command as a user drives it, in-process, on the digits MLP fixture: compile, commit,
 * commit-input, prove, verify; a tampered proof, a proof against another model's key, input
 * commitments missing or wrong, malformed files and bad arguments. Every error is one line naming the problem, with exit status 2 and no stack trace.
 */
class EndToEndTest {
    private static final Path FIXTURE = Path.of("../fixtures/digits_mlp");

    @TempDir
    static Path dir;

    /** One command's exit status and what it printed. */
    record Run(int status, String out, String err) {
        String all() {
            return out + err;
        }
    }

    static Run zkinfer(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Zkinfer.newCommandLine();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int status = cl.execute(args);
        return new Run(status, out.toString(), err.toString());
    }

    /** Rows of the fixture's float32 [N, 64] file. */
    static double[][] rows(String file, int count) throws Exception {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(FIXTURE.resolve(file))).order(ByteOrder.LITTLE_ENDIAN);
        double[][] out = new double[count][64];
        for (double[] row : out) {
            for (int i = 0; i < 64; i++) {
                row[i] = b.getFloat();
            }
        }
        return out;
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    @BeforeAll
    static void compileCommitProve() throws Exception {
        StringBuilder csv = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            csv.append(i == 0 ? "" : ",").append("p").append(i);
        }
        csv.append('\n');
        for (double[] row : rows("calib_x.f32", 64)) {
            csv.append(String.join(",", Arrays.stream(row).mapToObj(v -> String.format(Locale.ROOT, "%s", v))
                    .toList())).append('\n');
        }
        Files.writeString(dir.resolve("calib.csv"), csv);
        double[] x = rows("test_x.f32", 1)[0];
        Files.writeString(dir.resolve("input.json"), "{\"input_data\": [" + Arrays.toString(x) + "]}");

        Run compile = zkinfer("compile", FIXTURE.resolve("model.onnx").toString(), "--calibration", p("calib.csv"),
                "-o", p("digits.zkm"), "--json");
        assertEquals(0, compile.status(), compile.all());
        assertTrue(compile.out().contains("\"argmax_agreement\""), compile.out());
        Run commit = zkinfer("commit", p("digits.zkm"), "-o", p("keys"));
        assertEquals(0, commit.status(), commit.all());
        assertTrue(commit.out().contains("model_commitment: "), commit.out());
        Run other = zkinfer("commit", p("digits.zkm"), "--vk", p("other.vk"), "--secret", p("other.secret"));
        assertEquals(0, other.status(), other.all());
        Run prove = zkinfer("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.secret"), "--input",
                p("input.json"), "-o", p("proof.zkp"));
        assertEquals(0, prove.status(), prove.all());
        assertTrue(prove.out().contains("logits:"), prove.out());
    }

    @Test
    void aProofVerifies() {
        Run verify = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("proof.zkp"), "--expect-claim", "full");
        assertEquals(0, verify.status(), verify.all());
        assertTrue(verify.out().startsWith("result: VALID"), verify.out());
        Run json = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("proof.zkp"), "--json");
        assertEquals(0, json.status(), json.all());
        assertTrue(json.out().strip().startsWith("{") && json.out().contains("\"VALID\""), json.out());
        assertEquals("", json.err());
    }

    /** A batch of three rows proves its argmax per row; a threshold reveals one bit; a different expected claim is INVALID. */
    @Test
    void claimsAndBatchesProveAndVerify() throws Exception {
        double[][] xs = rows("test_x.f32", 3);
        StringBuilder json = new StringBuilder("{\"input_data\": [");
        for (int r = 0; r < xs.length; r++) {
            json.append(r == 0 ? "" : ",").append(Arrays.toString(xs[r]));
        }
        Files.writeString(dir.resolve("batch.json"), json.append("]}"));
        Run prove = zkinfer("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.secret"), "--input",
                p("batch.json"), "--claim", "argmax:logits", "-o", p("batch.zkp"));
        assertEquals(0, prove.status(), prove.all());
        Run verify = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("batch.zkp"), "--expect-claim",
                "argmax:logits");
        assertEquals(0, verify.status(), verify.all());
        assertTrue(verify.out().startsWith("result: VALID") && verify.out().contains("rows: 3"), verify.out());
        Run wrong = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("batch.zkp"), "--expect-claim", "full");
        assertEquals(1, wrong.status(), wrong.all());
        assertTrue(wrong.out().startsWith("INVALID: "), wrong.out());
        Run rows = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("batch.zkp"), "--expect-rows", "4");
        assertEquals(1, rows.status(), rows.all());
        assertTrue(rows.out().contains("covers 3 rows"), rows.out());

        Run bit = zkinfer("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.secret"), "--input",
                p("input.json"), "--claim", "threshold:logits[3]>=0", "-o", p("bit.zkp"), "--json");
        assertEquals(0, bit.status(), bit.all());
        assertTrue(bit.out().contains("claim/decision") && !bit.out().contains("\"logits\""), bit.out());
        Run checked = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("bit.zkp"));
        assertEquals(0, checked.status(), checked.all());
    }

    /** The demo commits, proves and verifies the bundled credit model and leaves files that verify again. */
    @Test
    void theDemoLeavesAKeyAndProofsThatVerifyAgain() {
        Run demo = zkinfer("demo", "-o", p("demo"), "--json");
        assertEquals(0, demo.status(), demo.all());
        assertTrue(demo.out().contains("\"batch_approved\"") && demo.out().contains("both proofs VALID"), demo.out());
        Run again = zkinfer("verify", "--vk", p("demo/credit.vk"), "--proof", p("demo/batch.zkp"), "--input-commitment",
                p("demo/batch.zkic"), "--expect-claim", "threshold:pd[0]<0.5", "--expect-rows", "100");
        assertEquals(0, again.status(), again.all());
        Run one = zkinfer("verify", "--vk", p("demo/credit.vk"), "--proof", p("demo/applicant.zkp"), "--input-commitment",
                p("demo/applicant.zkic"), "--expect-rows", "1");
        assertEquals(0, one.status(), one.all());
    }

    /**
     * A data owner's input commitment: a proof bound to it verifies only with it; without it, with
     * another, or for a proof bound to none, the answer is INVALID. A committed claim shows only an
     * output commitment, which verify writes out as the prover did.
     */
    @Test
    void inputCommitmentsAndCommittedClaims() throws Exception {
        Run commit = zkinfer("commit-input", "--model", p("digits.zkm"), "--input", p("input.json"), "--commitment",
                p("in.zkic"), "--secret", p("in.zkis"));
        assertEquals(0, commit.status(), commit.all());
        // The data owner needs the key only: it describes how the model quantizes its input.
        Run again = zkinfer("commit-input", "--vk", p("keys/digits.vk"), "--input", p("input.json"), "--commitment",
                p("in2.zkic"), "--secret", p("in2.zkis"), "--json");
        assertEquals(0, again.status(), again.all());
        Run prove = zkinfer("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.secret"), "--input-secret",
                p("in.zkis"), "--claim", "argmax", "-o", p("bound.zkp"));
        assertEquals(0, prove.status(), prove.all());
        assertTrue(prove.out().contains("claim: argmax:logits"), prove.out());

        Run ok = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("bound.zkp"), "--input-commitment",
                p("in.zkic"));
        assertEquals(0, ok.status(), ok.all());
        String id = commit.out().lines().filter(l -> l.startsWith("input_commitment: ")).findFirst().orElseThrow();
        assertTrue(ok.out().contains(id), ok.out());
        Run missing = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("bound.zkp"));
        assertEquals(1, missing.status(), missing.all());
        assertTrue(missing.out().contains("refers to input commitment"), missing.out());
        Run other = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("bound.zkp"), "--input-commitment",
                p("in2.zkic"));
        assertEquals(1, other.status(), other.all());
        Run unbound = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("proof.zkp"), "--input-commitment",
                p("in.zkic"));
        assertEquals(1, unbound.status(), unbound.all());
        assertTrue(unbound.out().contains("no input commitment"), unbound.out());

        Run hidden = zkinfer("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.secret"), "--input-secret",
                p("in.zkis"), "--claim", "committed:logits", "-o", p("hidden.zkp"), "--output-secret", p("out.zkis"),
                "--output-commitment", p("out.zkic"));
        assertEquals(0, hidden.status(), hidden.all());
        Run shown = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("hidden.zkp"), "--input-commitment",
                p("in.zkic"), "--write-output-commitment", p("seen.zkic"));
        assertEquals(0, shown.status(), shown.all());
        assertTrue(!shown.out().contains("quantized") && shown.out().contains("output_commitment: "), shown.out());
        assertTrue(Arrays.equals(Files.readAllBytes(dir.resolve("out.zkic")), Files.readAllBytes(dir.resolve("seen.zkic"))));
        for (String f : new String[] {"in.zkic", "in.zkis", "out.zkis"}) {
            Run r = zkinfer("inspect", p(f));
            assertEquals(0, r.status(), f + ": " + r.all());
            assertTrue(r.out().contains("input_commitment: "), r.out());
        }

        assertUsage("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.secret"), "--input", p("input.json"),
                "--input-secret", p("in.zkis"), "-o", p("x.zkp"));
        assertUsage("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.secret"), "-o", p("x.zkp"));
        assertUsage("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.secret"), "--input-secret",
                p("in.zkis"), "--claim", "committed:logits", "-o", p("x.zkp"));
        assertUsage("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.secret"), "--input-secret",
                p("in.zkic"), "-o", p("x.zkp"));
        assertUsage("verify", "--vk", p("keys/digits.vk"), "--proof", p("bound.zkp"), "--input-commitment",
                p("keys/digits.vk"));
        assertUsage("verify", "--vk", p("keys/digits.vk"), "--proof", p("bound.zkp"), "--input-commitment",
                p("in.zkic"), "--write-output-commitment", p("x.zkic"));
        // An input beyond the range the calibration gave its scale is clamped, with a warning.
        double[] huge = new double[64];
        java.util.Arrays.fill(huge, 1e9);
        Files.writeString(dir.resolve("huge.json"), "{\"input_data\": [" + Arrays.toString(huge) + "]}");
        Run clamped = zkinfer("commit-input", "--vk", p("keys/digits.vk"), "--input", p("huge.json"), "--commitment",
                p("huge.zkic"), "--secret", p("huge.zkis"));
        assertEquals(0, clamped.status(), clamped.all());
        assertTrue(clamped.err().contains("warning: 64 values in 1 of 1 row") && clamped.err().contains("clamped"),
                clamped.err());
        assertFalse(commit.err().contains("warning"), commit.err());

        // A secret is never replaced silently: it may be the only way to open a published commitment.
        assertUsage("commit-input", "--model", p("digits.zkm"), "--input", p("input.json"), "--commitment", p("y.zkic"),
                "--secret", p("in.zkis"));
        assertUsage("commit", p("digits.zkm"), "-o", p("keys"));
        assertEquals(java.util.Set.of(java.nio.file.attribute.PosixFilePermission.OWNER_READ,
                java.nio.file.attribute.PosixFilePermission.OWNER_WRITE),
                Files.getPosixFilePermissions(dir.resolve("in.zkis")));
        assertUsage("commit-input", "--model", p("digits.zkm"), "--vk", p("keys/digits.vk"), "--input", p("input.json"),
                "--commitment", p("x.zkic"), "--secret", p("x.zkis"));
        assertUsage("commit-input", "--model", p("digits.zkm"), "--input", p("bad.json"), "--commitment", p("x.zkic"),
                "--secret", p("x.zkis"));
        assertUsage("commit-input", "--model", p("keys/digits.vk"), "--input", p("input.json"), "--commitment",
                p("x.zkic"), "--secret", p("x.zkis"));
    }

    @Test
    void aTamperedProofIsInvalid() throws Exception {
        byte[] proof = Files.readAllBytes(dir.resolve("proof.zkp"));
        proof[proof.length / 2] ^= 0x10;
        Files.write(dir.resolve("tampered.zkp"), proof);
        Run verify = zkinfer("verify", "--vk", p("keys/digits.vk"), "--proof", p("tampered.zkp"));
        assertEquals(1, verify.status(), verify.all());
        assertTrue(verify.out().startsWith("INVALID: "), verify.out());
        assertClean(verify);
    }

    @Test
    void anotherModelsKeyRejectsTheProof() {
        Run verify = zkinfer("verify", "--vk", p("other.vk"), "--proof", p("proof.zkp"));
        assertEquals(1, verify.status(), verify.all());
        assertTrue(verify.out().startsWith("INVALID: "), verify.out());
    }

    @Test
    void inspectReadsEveryFile() {
        for (String f : new String[] {"digits.zkm", "keys/digits.vk", "keys/digits.secret", "proof.zkp"}) {
            Run r = zkinfer("inspect", p(f), "--json");
            assertEquals(0, r.status(), f + ": " + r.all());
            assertTrue(r.out().contains("\"format\""), r.out());
        }
        Run vk = zkinfer("inspect", p("keys/digits.vk"));
        assertTrue(vk.out().contains("security_bits: 100"), vk.out());
    }

    @Test
    void malformedFilesAreUsageErrors() throws Exception {
        byte[] vk = Files.readAllBytes(dir.resolve("keys/digits.vk"));
        Files.write(dir.resolve("truncated.vk"), Arrays.copyOf(vk, vk.length / 2));
        byte[] random = new byte[4096];
        new SplittableRandom(7).nextBytes(random);
        Files.write(dir.resolve("random.zkp"), random);
        byte[] proof = Files.readAllBytes(dir.resolve("proof.zkp"));
        Files.write(dir.resolve("short.zkp"), Arrays.copyOf(proof, proof.length - 100));
        byte[] zkm = Files.readAllBytes(dir.resolve("digits.zkm"));
        Files.write(dir.resolve("truncated.zkm"), Arrays.copyOf(zkm, zkm.length - 10));
        Files.writeString(dir.resolve("two.json"), "{\"input_data\": [[1,2],[3,4]]}");
        Files.writeString(dir.resolve("bad.json"), "{\"input_data\": [[1,2,");

        assertUsage("verify", "--vk", p("truncated.vk"), "--proof", p("proof.zkp"));
        assertUsage("verify", "--vk", p("keys/digits.vk"), "--proof", p("random.zkp"));
        assertUsage("verify", "--vk", p("keys/digits.vk"), "--proof", p("short.zkp"));
        assertUsage("verify", "--vk", p("missing.vk"), "--proof", p("proof.zkp"));
        assertUsage("verify", "--vk", p("keys/digits.vk"), "--proof", p("proof.zkp"), "--expect-claim", "nonsense");
        assertUsage("inspect", p("random.zkp"));
        assertUsage("inspect", p("truncated.vk"));
        assertUsage("commit", p("truncated.zkm"), "-o", p("k2"));
        assertUsage("commit", p("keys/digits.vk"), "-o", p("k2"));
        assertUsage("commit", p("digits.zkm"));
        assertUsage("prove", "--model", p("digits.zkm"), "--secret", p("other.secret"), "--input", p("input.json"),
                "-o", p("x.zkp"), "--claim", "argmax:nope");
        assertUsage("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.vk"), "--input", p("input.json"),
                "-o", p("x.zkp"));
        assertUsage("prove", "--model", p("digits.zkm"), "--secret", p("other.secret"), "--input", p("two.json"),
                "-o", p("x.zkp"));
        assertUsage("prove", "--model", p("digits.zkm"), "--secret", p("other.secret"), "--input", p("bad.json"),
                "-o", p("x.zkp"));
        assertUsage("compile", p("random.zkp"), "--calibration", p("calib.csv"), "-o", p("x.zkm"));
        assertUsage("compile", FIXTURE.resolve("model.onnx").toString(), "--calibration", p("two.json"), "-o",
                p("x.zkm"));
        assertUsage("compile", FIXTURE.resolve("model.onnx").toString(), "--calibration", p("calib.csv"), "-o",
                p("x.zkm"), "--weight-bits", "40");
    }

    @Test
    void badArgumentsAreUsageErrors() {
        assertUsage("verify", "--vk", p("keys/digits.vk"));
        assertUsage("verify", "--bogus");
        assertUsage("frobnicate");
        assertUsage("compile", "--weight-bits", "eight");
    }

    @Test
    void everyCommandHasHelpWithAnExample() {
        for (String c : new String[] {"compile", "commit", "commit-input", "prove", "verify", "inspect", "demo"}) {
            Run r = zkinfer(c, "--help");
            assertEquals(0, r.status(), r.all());
            assertTrue(r.out().contains("Example:") && r.out().contains("zkinfer " + c), r.out());
            // An example wrapped by the terminal's 80 columns would not paste.
            r.out().lines().forEach(l -> assertTrue(l.length() < 80, c + ": " + l));
        }
    }

    private static void assertUsage(String... args) {
        Run r = zkinfer(args);
        assertEquals(2, r.status(), String.join(" ", args) + ": " + r.all());
        assertEquals("", r.out(), String.join(" ", args) + ": " + r.all());
        assertEquals(1, r.err().strip().lines().count(), String.join(" ", args) + ": " + r.err());
        assertTrue(r.err().startsWith("zkinfer: "), r.err());
        assertClean(r);
    }

    private static void assertClean(Run r) {
        assertFalse(r.all().contains("Exception") || r.all().contains("\tat "), r.all());
    }
}
