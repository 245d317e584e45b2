package io.zkinfer.cli;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.ImportOptions;
import io.zkinfer.model.onnx.OnnxImporter;
import io.zkinfer.model.quant.Calibration;
import io.zkinfer.model.quant.IntegerEvaluator;
import io.zkinfer.model.quant.QuantizationOptions;
import io.zkinfer.model.quant.QuantizedModel;
import io.zkinfer.model.quant.Quantizer;
import io.zkinfer.prover.ClaimSpec;
import io.zkinfer.prover.CommittedInput;
import io.zkinfer.prover.CommittedModel;
import io.zkinfer.prover.CompileOptions;
import io.zkinfer.prover.CompiledModel;
import io.zkinfer.prover.ModelFile;
import io.zkinfer.prover.ModelProver;
import io.zkinfer.prover.ModelVerifier;
import io.zkinfer.prover.ModelVerifyingKey;
import io.zkinfer.prover.ProofFile;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.FloatBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/**
 * {@code zkinfer demo}: the bundled credit model (fixtures/credit_mlp, inside the jar) end to end:
 * quantize it on its calibration rows (reporting held-out AUC), commit to its weights, commit to
 * the applicants' data as their data owner would (one applicant; a batch of 100 in one
 * commitment), prove "approve: probability of default below 0.5" for each, bound to those
 * commitments, verify both, and write the key, the input commitments and the proofs to a folder
 * for {@code zkinfer verify}.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = {"Runs the bundled credit-scoring model (an MLP trained on German Credit) end to end: commit "
            + "to its weights, commit to one applicant's data and to a batch of 100 applicants' (as their data owner "
            + "would), prove 'approve: probability of default < 0.5' for both, bound to those commitments, verify "
            + "both. Writes the verifying key, the input commitments and the proofs to a folder, so that 'zkinfer "
            + "verify' can check them again. Needs no network and no file outside the jar."},
        footerHeading = "%nExample:%n",
        footer = {"  zkinfer demo -o zkinfer-demo",
            "  zkinfer verify --vk zkinfer-demo/credit.vk --proof zkinfer-demo/batch.zkp \\",
            "      --input-commitment zkinfer-demo/batch.zkic --expect-rows 100"})
final class DemoCommand implements Callable<Integer> {
    private static final String DATA = "/io/zkinfer/cli/demo/";
    private static final int FEATURES = 61;
    private static final int BATCH = 100;
    /** The decision the lender proves: approve when the probability of default is below this. */
    private static final String CLAIM = "threshold:pd[0]<0.5";

    @Spec
    CommandSpec spec;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", defaultValue = "zkinfer-demo",
            description = "where to write the key and the proofs (default: ${DEFAULT-VALUE})")
    Path out;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        Report.Progress progress = new Report.Progress(spec.commandLine().getErr());
        Map<String, Object> timings = new LinkedHashMap<>();
        long start = System.nanoTime();

        Graph graph = OnnxImporter.load(resource("model.onnx"), ImportOptions.defaults());
        List<Map<String, Tensor>> calibration = samples(floats("calib_x.f32"));
        List<Map<String, Tensor>> heldOut = samples(floats("test_x.f32"));
        byte[] labels = resource("test_y.u8");
        long t = System.nanoTime();
        QuantizedModel q = progress.step("quantize", () -> Quantizer.quantize(graph,
                Calibration.run(graph, calibration), QuantizationOptions.defaults()));
        CompiledModel compiled = CompiledModel.compile(q.graph(), CompileOptions.defaults());
        timings.put("quantize_and_compile_ms", ms(t));
        double[] floatPd = new double[heldOut.size()];
        double[] quantPd = new double[heldOut.size()];
        for (int i = 0; i < heldOut.size(); i++) {
            floatPd[i] = FloatEvaluator.evaluate(graph, heldOut.get(i)).get("pd").get(0);
            long[] y = IntegerEvaluator.evaluate(q.graph(), q.quantizeInputs(heldOut.get(i))).get(q.outputNames().get("pd"));
            quantPd[i] = q.dequantizeOutput("pd", y).get(0);
        }

        t = System.nanoTime();
        CommittedModel committed = progress.step("commit", () -> CommittedModel.commit(compiled, ChaChaRandom.create()));
        ModelProver prover = ModelProver.setup(committed, WhirParameters.provable100());
        ModelVerifyingKey vk = prover.verifyingKey().withQuantization(q);
        timings.put("commit_ms", ms(t));

        List<Map<String, long[]>> applicants = new ArrayList<>();
        for (double[] row : InputData.read(extract("applicants.csv"), "applicants", FEATURES).subList(0, BATCH)) {
            applicants.add(q.quantizeInputs(Map.of("input", Tensor.of(new int[] {1, FEATURES}, row))));
        }
        ClaimSpec claim = ClaimSpec.parse(CLAIM).renamed(n -> q.outputNames().getOrDefault(n, n));
        // The data owner's side (an applicant, a credit bureau): commitments the lender's proofs must refer to.
        t = System.nanoTime();
        CommittedInput applicant = CommittedInput.commit(compiled, applicants.subList(0, 1), ChaChaRandom.create());
        CommittedInput everyone = CommittedInput.commit(compiled, applicants, ChaChaRandom.create());
        timings.put("commit_inputs_ms", ms(t));
        t = System.nanoTime();
        ModelProver.Inference one = progress.step("prove 1 applicant", () -> prover.prove(applicant, claim));
        timings.put("prove_one_ms", ms(t));
        t = System.nanoTime();
        ModelVerifier.verify(vk, one.claim(), one.proof(), applicant.commitment());
        timings.put("verify_one_ms", ms(t));
        t = System.nanoTime();
        ModelProver.Inference batch = progress.step("prove " + BATCH + " applicants", () -> prover.prove(everyone, claim));
        timings.put("prove_batch_ms", ms(t));
        t = System.nanoTime();
        ModelVerifier.verify(vk, batch.claim(), batch.proof(), everyone.commitment());
        timings.put("verify_batch_ms", ms(t));

        byte[] vkBytes = vk.encode();
        byte[] oneBytes = ProofFile.of(one).encode();
        byte[] batchBytes = ProofFile.of(batch).encode();
        FileIo.write(out.resolve("credit.vk"), vkBytes, "verifying key");
        FileIo.write(out.resolve("applicant.zkic"), applicant.commitment().encode(), "input commitment");
        FileIo.write(out.resolve("batch.zkic"), everyone.commitment().encode(), "input commitment");
        FileIo.write(out.resolve("applicant.zkp"), oneBytes, "proof");
        FileIo.write(out.resolve("batch.zkp"), batchBytes, "proof");
        timings.put("total_ms", ms(start));

        long[] decisions = batch.claim().output(claim.revealedName());
        Report r = new Report();
        r.put("model", "credit MLP 61-32-16-1 on German Credit (" + q.graph().parameterCount() + " weights)");
        r.put("held_out_auc", Map.of("float", round(auc(floatPd, labels)), "quantized", round(auc(quantPd, labels)),
                "rows", heldOut.size()));
        r.put("claim", claim.text() + "  (1 = approve)");
        r.put("applicant_decision", one.claim().output(claim.revealedName())[0]);
        r.put("batch_approved", Arrays.stream(decisions).sum() + " of " + decisions.length);
        r.put("verified", "both proofs VALID");
        r.put("timings", timings);
        r.put("sizes", Map.of("applicant_proof_bytes", oneBytes.length, "batch_proof_bytes", batchBytes.length,
                "verifying_key_bytes", vkBytes.length));
        r.put("stayed_private", List.of("the model's weights (bound by the commitment " + vk.commitment().fingerprint()
                .substring(0, 16) + "...)", "every applicant's 61 features (bound by the input commitments "
                + applicant.commitment().fingerprint().substring(0, 16) + "... and "
                + everyone.commitment().fingerprint().substring(0, 16) + "...)", "every probability of default",
                "only the approve bits are public"));
        Map<String, Object> files = new LinkedHashMap<>();
        files.put("verifying_key", out.resolve("credit.vk").toString());
        files.put("applicant_commitment", out.resolve("applicant.zkic").toString());
        files.put("applicant_proof", out.resolve("applicant.zkp").toString());
        files.put("batch_commitment", out.resolve("batch.zkic").toString());
        files.put("batch_proof", out.resolve("batch.zkp").toString());
        r.put("files", files);
        r.put("check_again", "zkinfer verify --vk " + out.resolve("credit.vk") + " --proof " + out.resolve("batch.zkp")
                + " --input-commitment " + out.resolve("batch.zkic") + " --expect-claim '" + claim.text()
                + "' --expect-rows " + BATCH);
        r.print(spec.commandLine().getOut(), json);
        return 0;
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = DemoCommand.class.getResourceAsStream(DATA + name)) {
            if (in == null) {
                throw new IllegalStateException("the demo's " + name + " is missing from the jar; rebuild it");
            }
            return in.readAllBytes();
        }
    }

    /** A bundled file written beside the outputs, where the user can read it too. */
    private Path extract(String name) throws IOException, UsageException {
        Path p = out.resolve(name);
        FileIo.write(p, resource(name), name);
        return p;
    }

    private static float[] floats(String name) throws IOException {
        FloatBuffer fb = ByteBuffer.wrap(resource(name)).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer();
        float[] v = new float[fb.remaining()];
        fb.get(v);
        return v;
    }

    private static List<Map<String, Tensor>> samples(float[] rows) {
        List<Map<String, Tensor>> out = new ArrayList<>();
        for (int i = 0; i + FEATURES <= rows.length; i += FEATURES) {
            out.add(Map.of("input", Tensor.ofFloats(new int[] {1, FEATURES}, Arrays.copyOfRange(rows, i, i + FEATURES))));
        }
        return out;
    }

    /** Area under the ROC curve: the chance a random Bad row scores above a random Good one (ties half). */
    static double auc(double[] score, byte[] label) {
        double wins = 0;
        long pairs = 0;
        for (int i = 0; i < score.length; i++) {
            for (int j = 0; j < score.length; j++) {
                if (label[i] == 1 && label[j] == 0) {
                    wins += score[i] > score[j] ? 1 : score[i] == score[j] ? 0.5 : 0;
                    pairs++;
                }
            }
        }
        return wins / pairs;
    }

    private static double round(double v) {
        return Math.round(v * 10_000) / 10_000.0;
    }

    private static long ms(long since) {
        return (System.nanoTime() - since) / 1_000_000;
    }
}
