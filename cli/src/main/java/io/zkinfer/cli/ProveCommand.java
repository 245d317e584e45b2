package io.zkinfer.cli;

import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.graph.TensorInfo;
import io.zkinfer.model.quant.QuantizedModel;
import io.zkinfer.prover.ClaimSpec;
import io.zkinfer.prover.CommittedModel;
import io.zkinfer.prover.CompiledModel;
import io.zkinfer.prover.ModelFile;
import io.zkinfer.prover.ModelProver;
import io.zkinfer.prover.ModelSecret;
import io.zkinfer.prover.ProofFile;
import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zkinfer prove}: one inference, proved; the proof file carries its public claim. */
@Command(name = "prove", mixinStandardHelpOptions = true,
        description = {"Runs the compiled model on the input and proves the claim (zero knowledge: the proof "
            + "reveals the claim's value and nothing else). Writes the proof file and prints what it reveals.",
            "INPUT is JSON {\"input_data\": [[...], ...]} or CSV with a header line; one sample or row is one "
                + "inference, several are one batch proof whose claim holds per row."},
        footerHeading = "%nExample:%n",
        footer = {"  zkinfer prove --model credit.zkm --secret keys/credit.secret \\",
            "      --input fixtures/credit_mlp/applicant.json --claim 'threshold:pd[0]<0.5' -o applicant.zkp",
            "  zkinfer prove --model credit.zkm --secret keys/credit.secret \\",
            "      --input fixtures/credit_mlp/applicants.csv --claim 'threshold:pd[0]<0.5' -o batch.zkp"})
final class ProveCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "MODEL.zkm", description = "the compiled model")
    Path model;

    @Option(names = "--secret", required = true, paramLabel = "FILE", description = "the secret from 'zkinfer commit'")
    Path secret;

    @Option(names = "--input", required = true, paramLabel = "INPUT", description = "the input: JSON or CSV")
    Path input;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "PROOF", description = "the proof file to write")
    Path output;

    @Option(names = "--claim", paramLabel = "CLAIM", defaultValue = "full",
            description = "what the proof reveals: full | argmax:OUT | threshold:OUT[k]>=T | threshold:OUT[k]<T | "
                + "band:OUT[k]:t1,t2,... (docs/CLAIMS.md; default: ${DEFAULT-VALUE})")
    String claim;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        ClaimSpec asked;
        try {
            asked = ClaimSpec.parse(claim);
        } catch (IllegalArgumentException e) {
            throw new UsageException("--claim: " + e.getMessage());
        }
        Report.Progress progress = new Report.Progress(spec.commandLine().getErr());
        ModelFile mf;
        ModelSecret ms;
        try {
            mf = ModelFile.decode(FileIo.read(model, "compiled model"));
        } catch (io.zkinfer.model.ModelException e) {
            throw new UsageException(model + ": " + e.getMessage());
        }
        try {
            ms = ModelSecret.decode(FileIo.read(secret, "secret"));
        } catch (InvalidCommitmentException e) {
            throw new UsageException(secret + ": " + e.getMessage());
        }
        QuantizedModel q = mf.model();
        if (q.floatInputs().size() != 1) {
            throw new UsageException("model " + model + ": " + q.floatInputs().size()
                    + " inputs; the command line takes models with exactly one input for now");
        }
        TensorInfo in = q.floatInputs().getFirst();
        List<double[]> rows = InputData.read(input, "input", in.size());
        List<Map<String, long[]>> quantized = new java.util.ArrayList<>();
        for (double[] row : rows) {
            quantized.add(q.quantizeInputs(Map.of(in.name(), Tensor.of(in.type(), in.shape(), row))));
        }
        ClaimSpec proven = asked.renamed(n -> q.outputNames().getOrDefault(n, n));
        CompiledModel compiled = progress.step("compile", mf::compile);
        CommittedModel committed;
        try {
            committed = CommittedModel.restore(compiled, ms);
        } catch (InvalidCommitmentException e) {
            throw new UsageException("secret " + secret + " does not belong to model " + model + ": " + e.getMessage());
        }
        ModelProver prover = progress.step("setup", () -> ModelProver.setup(committed, WhirParameters.provable100()));
        ModelProver.Inference inference;
        try {
            inference = progress.step("prove " + rows.size() + (rows.size() == 1 ? " row" : " rows"),
                    () -> prover.prove(quantized, proven));
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot prove " + proven.text() + " on " + input + ": " + e.getMessage());
        }
        byte[] bytes = ProofFile.of(inference).encode();
        FileIo.write(output, bytes, "proof");

        Report r = new Report();
        r.put("proof", output.toString()).put("bytes", bytes.length).put("claim", proven.text())
                .put("rows", rows.size());
        r.put("outputs", VerifyCommand.revealed(q.graph(), inference.claim()));
        r.print(spec.commandLine().getOut(), json);
        return 0;
    }
}
