package io.zkinfer.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built command as a user runs it: the repository's {@code ./zkinfer} launcher on
 * {@code target/zkinfer.jar}, one fresh process per step, on the bundled credit model. Compile,
 * commit, commit-input, then prove and verify every claim kind (argmax on the digits MLP, whose
 * output has classes), one of them for a batch; a
 * tampered proof, another model's key, a changed public claim, a different expected claim and a
 * wrong input commitment are INVALID (exit 1); malformed files and bad arguments are one line
 * on stderr with exit 2 and no stack trace. Runs after {@code package} (failsafe).
 */
class LauncherIT {
    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path CREDIT = ROOT.resolve("fixtures/credit_mlp");

    @TempDir
    static Path dir;

    record Run(int status, String out, String err) {
        String all() {
            return out + err;
        }

        /** stderr without the launcher's warning that the sources are newer than the jar. */
        String errors() {
            return err.lines().filter(l -> !l.startsWith("zkinfer: warning:")).reduce("", (a, b) -> a + b + "\n");
        }
    }

    static Run zkinfer(String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(ROOT.resolve("zkinfer").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(dir.toFile())
                .redirectOutput(dir.resolve("stdout.txt").toFile()).redirectError(dir.resolve("stderr.txt").toFile())
                .start();
        if (!p.waitFor(300, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("zkinfer " + String.join(" ", args) + " did not finish in 300 s");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve("stdout.txt")), Files.readString(dir.resolve("stderr.txt")));
    }

    private static String p(String name) {
        return dir.resolve(name).toString();
    }

    private static Run ok(String... args) throws Exception {
        Run r = zkinfer(args);
        assertEquals(0, r.status(), String.join(" ", args) + ": " + r.all());
        assertClean(r);
        return r;
    }

    @BeforeAll
    static void compileCommitAndCommitInputs() throws Exception {
        assertTrue(Files.isRegularFile(ROOT.resolve("cli/target/zkinfer.jar")), "the jar is built before this test");
        ok("compile", CREDIT.resolve("model.onnx").toString(), "--calibration", CREDIT.resolve("applicants.csv").toString(),
                "-o", p("credit.zkm"));
        ok("commit", p("credit.zkm"), "-o", p("keys"));
        ok("commit", p("credit.zkm"), "--vk", p("other.vk"), "--secret", p("other.secret"));
        ok("commit-input", "--vk", p("keys/credit.vk"), "--input", CREDIT.resolve("applicant.json").toString(),
                "--commitment", p("applicant.zkic"), "--secret", p("applicant.zkis"));
        ok("commit-input", "--model", p("credit.zkm"), "--input", CREDIT.resolve("applicants.csv").toString(),
                "--commitment", p("batch.zkic"), "--secret", p("batch.zkis"));

        StringBuilder calib = new StringBuilder();
        for (int i = 0; i < 64; i++) {
            calib.append(i == 0 ? "" : ",").append("p").append(i);
        }
        for (double[] row : EndToEndTest.rows("calib_x.f32", 64)) {
            calib.append('\n').append(String.join(",", Arrays.stream(row).mapToObj(Double::toString).toList()));
        }
        Files.writeString(dir.resolve("digits-calib.csv"), calib.append('\n'));
        Files.writeString(dir.resolve("digit.json"), "{\"input_data\": [" + Arrays.toString(
                EndToEndTest.rows("test_x.f32", 1)[0]) + "]}");
        ok("compile", ROOT.resolve("fixtures/digits_mlp/model.onnx").toString(), "--calibration", p("digits-calib.csv"),
                "-o", p("digits.zkm"));
        ok("commit", p("digits.zkm"), "-o", p("keys"));
        ok("commit-input", "--model", p("digits.zkm"), "--input", p("digit.json"), "--commitment", p("digit.zkic"),
                "--secret", p("digit.zkis"));
    }

    private static Run prove(String claim, String inputSecret, String proof, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("prove", "--model", p("credit.zkm"), "--secret",
                p("keys/credit.secret"), "--input-secret", p(inputSecret), "--claim", claim, "-o", p(proof)));
        args.addAll(List.of(extra));
        return ok(args.toArray(String[]::new));
    }

    private static Run verify(String proof, String inputCommitment, String... extra) throws Exception {
        List<String> args = new ArrayList<>(List.of("verify", "--vk", p("keys/credit.vk"), "--proof", p(proof),
                "--input-commitment", p(inputCommitment)));
        args.addAll(List.of(extra));
        return zkinfer(args.toArray(String[]::new));
    }

    @Test
    void everyClaimKindProvesAndVerifies() throws Exception {
        String[][] cases = {
            {"full", "full.zkp", "pd:"},
            {"threshold:pd[0]>=0.5", "reject.zkp", "claim/decision:"},
            {"threshold:pd[0]<0.5", "approve.zkp", "claim/decision:"},
            {"band:pd[0]:0.2,0.5,0.8", "band.zkp", "claim/band:"},
        };
        for (String[] c : cases) {
            prove(c[0], "applicant.zkis", c[1]);
            Run v = verify(c[1], "applicant.zkic");
            assertEquals(0, v.status(), c[0] + ": " + v.all());
            assertTrue(v.out().startsWith("result: VALID") && v.out().contains(c[2]), c[0] + ": " + v.out());
        }
        prove("committed:pd", "applicant.zkis", "hidden.zkp", "--output-secret", p("pd.zkis"), "--output-commitment",
                p("pd.zkic"));
        Run v = verify("hidden.zkp", "applicant.zkic", "--write-output-commitment", p("seen.zkic"));
        assertEquals(0, v.status(), v.all());
        assertFalse(v.out().contains("quantized"), v.out());
        assertTrue(Arrays.equals(Files.readAllBytes(dir.resolve("pd.zkic")), Files.readAllBytes(dir.resolve("seen.zkic"))));

        // An argmax needs classes: the digits MLP's ten.
        ok("prove", "--model", p("digits.zkm"), "--secret", p("keys/digits.secret"), "--input-secret", p("digit.zkis"),
                "--claim", "argmax", "-o", p("class.zkp"));
        Run digit = ok("verify", "--vk", p("keys/digits.vk"), "--proof", p("class.zkp"), "--input-commitment",
                p("digit.zkic"), "--expect-claim", "argmax:logits");
        assertTrue(digit.out().contains("claim/argmax:"), digit.out());
        Run single = zkinfer("prove", "--model", p("credit.zkm"), "--secret", p("keys/credit.secret"), "--input-secret",
                p("applicant.zkis"), "--claim", "argmax", "-o", p("x.zkp"));
        assertEquals(2, single.status(), single.all());
        assertTrue(single.err().contains("always 0"), single.all());

        prove("threshold:pd[0]<0.5", "batch.zkis", "batch.zkp");
        Run batch = verify("batch.zkp", "batch.zkic", "--expect-rows", "100", "--expect-claim", "threshold:pd[0]<0.5",
                "--json");
        assertEquals(0, batch.status(), batch.all());
        assertTrue(batch.out().contains("\"VALID\"") && batch.out().contains("\"rows\" : 100"), batch.out());
    }

    @Test
    void falseProofsAreInvalid() throws Exception {
        prove("threshold:pd[0]<0.5", "applicant.zkis", "decision.zkp");
        byte[] proof = Files.readAllBytes(dir.resolve("decision.zkp"));

        byte[] tampered = proof.clone();
        tampered[tampered.length - 1000] ^= 0x04;
        Files.write(dir.resolve("tampered.zkp"), tampered);
        assertInvalid(verify("tampered.zkp", "applicant.zkic"));

        assertInvalid(zkinfer("verify", "--vk", p("other.vk"), "--proof", p("decision.zkp"), "--input-commitment",
                p("applicant.zkic")));

        // The public claim's decision flipped: the claim ends with its one value (i64) and no public inputs (u16 0).
        int claimLength = ByteBuffer.wrap(proof, 6, 4).getInt();
        byte[] flipped = proof.clone();
        flipped[10 + claimLength - 3] ^= 1;
        Files.write(dir.resolve("flipped.zkp"), flipped);
        assertInvalid(verify("flipped.zkp", "applicant.zkic"));

        assertInvalid(verify("decision.zkp", "applicant.zkic", "--expect-claim", "threshold:pd[0]<0.4"));
        assertInvalid(verify("decision.zkp", "batch.zkic"));
        assertInvalid(zkinfer("verify", "--vk", p("keys/credit.vk"), "--proof", p("decision.zkp")));
    }

    @Test
    void malformedFilesAndBadArgumentsAreOneLineErrors() throws Exception {
        byte[] vk = Files.readAllBytes(dir.resolve("keys/credit.vk"));
        Files.write(dir.resolve("half.vk"), Arrays.copyOf(vk, vk.length / 2));
        Files.write(dir.resolve("text.zkp"), "not a proof".getBytes(StandardCharsets.US_ASCII));
        Files.writeString(dir.resolve("short.json"), "{\"input_data\": [[1, 2, 3]]}");
        assertUsage("verify", "--vk", p("half.vk"), "--proof", p("text.zkp"));
        assertUsage("verify", "--vk", p("keys/credit.vk"), "--proof", p("text.zkp"));
        assertUsage("verify", "--vk", p("keys/credit.vk"), "--proof", p("missing.zkp"));
        assertUsage("verify", "--vk", p("keys/credit.vk"), "--proof", p("text.zkp"), "--input-commitment", p("half.vk"));
        assertUsage("commit-input", "--model", p("credit.zkm"), "--input", p("short.json"), "--commitment", p("x.zkic"),
                "--secret", p("x.zkis"));
        assertUsage("prove", "--model", p("credit.zkm"), "--secret", p("keys/credit.secret"), "--input-secret",
                p("applicant.zkis"), "--claim", "threshold:nope[0]>=1", "-o", p("x.zkp"));
        assertUsage("prove", "--model", p("credit.zkm"));
        assertUsage("frobnicate");
    }

    private static void assertInvalid(Run r) {
        assertEquals(1, r.status(), r.all());
        assertTrue(r.out().startsWith("INVALID: "), r.all());
        assertClean(r);
    }

    private static void assertUsage(String... args) throws Exception {
        Run r = zkinfer(args);
        String what = String.join(" ", args) + ": " + r.all();
        assertEquals(2, r.status(), what);
        assertEquals("", r.out(), what);
        assertEquals(1, r.errors().strip().lines().count(), what);
        assertTrue(r.errors().startsWith("zkinfer: "), what);
        assertClean(r);
    }

    private static void assertClean(Run r) {
        assertFalse(r.all().contains("Exception") || r.all().contains("\tat "), r.all());
    }
}
