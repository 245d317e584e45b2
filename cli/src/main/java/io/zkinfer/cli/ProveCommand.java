package io.zkinfer.cli;

import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.quant.QuantizedModel;
import io.zkinfer.prover.ClaimSpec;
import io.zkinfer.prover.CommittedInput;
import io.zkinfer.prover.CommittedModel;
import io.zkinfer.prover.CompiledModel;
import io.zkinfer.prover.ModelFile;
import io.zkinfer.prover.ModelProver;
import io.zkinfer.prover.ModelSecret;
import io.zkinfer.prover.ProofFile;
import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zkinfer prove}: one inference or a batch, proved; the proof file carries its public claim. */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = {"Runs the compiled model on the input and proves the claim (zero knowledge: the proof "
            + "reveals the claim's value and nothing else). Writes the proof file and prints what it reveals.",
            "INPUT is JSON {\"input_data\": [[...], ...]} or CSV with a header line; one sample or row is one "
                + "inference, several are one batch proof whose claim holds per row.",
            "With --input-secret (from the data owner's 'zkinfer commit-input') the input is the committed one and "
                + "the proof refers to its commitment; with --input it may be any input the prover chose.",
            "A committed claim reveals only a commitment to the output: --output-secret saves its opening (the "
                + "output and salt), which proves about it later or is the next model's --input-secret."},
        footerHeading = "%nExample:%n",
        footer = {"  zkinfer prove --model credit.zkm --secret keys/credit.secret \\",
            "      --input-secret applicant.zkis --claim 'threshold:pd[0]<0.5' \\",
            "      -o applicant.zkp",
            "  zkinfer prove --model credit.zkm --secret keys/credit.secret \\",
            "      --input fixtures/credit_mlp/applicants.csv \\",
            "      --claim 'threshold:pd[0]<0.5' -o batch.zkp"})
final class ProveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.zkm", description = "the compiled model")
    Path model;

    @Option(names = "--secret", required = true, paramLabel = "FILE", description = "the secret from 'zkinfer commit'")
    Path secret;

    @Option(names = "--input", paramLabel = "INPUT", description = "the input: JSON or CSV (or give --input-secret)")
    Path input;

    @Option(names = "--input-secret", paramLabel = "FILE",
            description = "the committed input, from 'zkinfer commit-input' (or give --input)")
    Path inputSecret;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PROOF", description = "the proof file to write")
    Path output;

    @Option(names = "--claim", paramLabel = "CLAIM", defaultValue = "full",
            description = "what the proof reveals: full | argmax:OUT | threshold:OUT[k]>=T | threshold:OUT[k]<T | "
                + "band:OUT[k]:t1,t2,... | committed:OUT (docs/CLAIMS.md; argmax and committed alone name the "
                + "model's only output; default: ${DEFAULT-VALUE})")
    String claim;

    @Option(names = "--output-secret", paramLabel = "FILE",
            description = "for a committed claim: where to write the output's opening (secret)")
    Path outputSecret;

    @Option(names = "--output-commitment", paramLabel = "FILE",
            description = "for a committed claim: where to write the output commitment (public; verify prints it too)")
    Path outputCommitment;

    @Option(names = "--force", description = "replace an existing --output-secret")
    boolean force;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if ((input == null) == (inputSecret == null)) {
            throw new UsageException("prove: give --input INPUT or --input-secret FILE (exactly one)");
        }
        ModelFile mf = FileIo.model(model);
        QuantizedModel q = mf.model();
        ClaimSpec asked;
        try {
            asked = ClaimSpec.parse(alone(claim, q));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--claim: " + e.getMessage());
        }
        boolean committedClaim = asked instanceof ClaimSpec.Committed;
        if (committedClaim && outputSecret == null) {
            throw new UsageException("prove: a committed claim needs --output-secret FILE, where its output's opening goes "
                    + "(without it the hidden output could never be used)");
        }
        if (!committedClaim && (outputSecret != null || outputCommitment != null)) {
            throw new UsageException("prove: --output-secret and --output-commitment go with a committed claim only");
        }
        if (outputSecret != null && !force && java.nio.file.Files.exists(outputSecret)) {
            throw new UsageException("output secret " + outputSecret + " exists and would be lost: move it away, or pass "
                    + "--force");
        }
        ModelSecret ms;
        try {
            ms = ModelSecret.decode(FileIo.read(secret, "secret"));
        } catch (InvalidCommitmentException e) {
            throw new UsageException(secret + ": " + e.getMessage());
        }
        CommittedInput bound = null;
        List<Map<String, long[]>> quantized = null;
        if (inputSecret != null) {
            try {
                bound = CommittedInput.decode(FileIo.read(inputSecret, "input secret"));
            } catch (InvalidCommitmentException e) {
                throw new UsageException(inputSecret + ": " + e.getMessage());
            }
        } else {
            quantized = InputData.quantized(q, model, input, spec.commandLine().getErr());
        }
        int rows = bound != null ? bound.commitment().rows() : quantized.size();
        ClaimSpec proven = asked.renamed(n -> q.outputNames().getOrDefault(n, n));
        Report.Progress progress = new Report.Progress(spec.commandLine().getErr());
        CompiledModel compiled = progress.step("compile", mf::compile);
        CommittedModel committed;
        try {
            committed = CommittedModel.restore(compiled, ms);
        } catch (InvalidCommitmentException e) {
            throw new UsageException("secret " + secret + " does not belong to model " + model + ": " + e.getMessage());
        }
        ModelProver prover = progress.step("setup", () -> ModelProver.setup(committed, WhirParameters.provable100()));
        ModelProver.Inference inference;
        Path source = bound != null ? inputSecret : input;
        try {
            CommittedInput b = bound;
            List<Map<String, long[]>> free = quantized;
            inference = progress.step("prove " + rows + (rows == 1 ? " row" : " rows"),
                    () -> b != null ? prover.prove(b, proven) : prover.prove(free, proven));
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot prove " + proven.text() + " on " + source + ": " + e.getMessage());
        }
        byte[] bytes = ProofFile.of(inference).encode();
        FileIo.write(output, bytes, "proof");

        Report r = new Report();
        r.put("proof", output.toString()).put("bytes", bytes.length).put("claim", proven.text()).put("rows", rows);
        r.put("input_commitment", bound == null ? "none (the proof may be about any input)"
                : bound.commitment().fingerprint());
        if (inference.output() != null) {
            FileIo.writePrivate(outputSecret, inference.output().encode(), "output secret", force);
            if (outputCommitment != null) {
                FileIo.write(outputCommitment, inference.output().commitment().encode(), "output commitment");
            }
            r.put("output_commitment", inference.output().commitment().fingerprint());
            r.put("output_secret", outputSecret.toString());
        } else {
            r.put("outputs", VerifyCommand.revealed(q.graph(), inference.claim()));
        }
        r.print(spec.commandLine().getOut(), json);
        return 0;
    }

    /** "argmax" or "committed" alone: about the model's only output (its name in the ONNX model). */
    static String alone(String claim, QuantizedModel q) throws UsageException {
        String c = claim == null ? "" : claim.strip();
        if (!c.equals("argmax") && !c.equals("committed")) {
            return claim;
        }
        List<String> outs = List.copyOf(q.outputNames().keySet());
        if (outs.size() != 1) {
            throw new UsageException("--claim " + c + ": the model has " + outs.size() + " outputs " + outs
                    + "; name one, as " + c + ":OUT");
        }
        String name = outs.getFirst();
        return c + ":" + name;
    }
}
