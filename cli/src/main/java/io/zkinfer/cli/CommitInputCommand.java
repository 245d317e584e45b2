package io.zkinfer.cli;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.prover.CommittedInput;
import io.zkinfer.prover.CompiledModel;
import io.zkinfer.prover.ModelFile;
import io.zkinfer.prover.ModelVerifyingKey;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zkinfer commit-input}: the data owner's commitment to a private input, and its secret for the prover. */
@Command(name = "commit-input", mixinStandardHelpOptions = true,
        description = {"Commits to a private input (one row, or every row of a CSV or JSON file in one commitment) as "
            + "the compiled model quantizes it, with a fresh random salt. Writes the commitment (publish it: it reveals "
            + "nothing about the input) and the secret (hand it to the prover only: it holds the input).",
            "A proof made with 'zkinfer prove --input-secret' refers to the commitment, and 'zkinfer verify "
                + "--input-commitment' checks that it does. Needs the model's verifying key (which describes how "
                + "inputs are quantized; no weights) or the compiled model."},
        footerHeading = "%nExample:%n",
        footer = {"  zkinfer commit-input --vk keys/credit.vk \\",
            "      --input fixtures/credit_mlp/applicant.json \\",
            "      --commitment applicant.zkic --secret applicant.zkis"})
final class CommitInputCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--vk", paramLabel = "KEY", description = "the model's verifying key (or give --model)")
    Path vkFile;

    @Option(names = "--model", paramLabel = "MODEL.zkm", description = "the compiled model (or give --vk)")
    Path model;

    @Option(names = "--input", required = true, paramLabel = "INPUT", description = "the input: JSON or CSV")
    Path input;

    @Option(names = "--commitment", required = true, paramLabel = "FILE",
            description = "where to write the input commitment (public)")
    Path commitmentFile;

    @Option(names = "--secret", required = true, paramLabel = "FILE",
            description = "where to write the input secret (for the prover only)")
    Path secretFile;

    @Option(names = "--force", description = "replace an existing input secret")
    boolean force;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        if (!force && java.nio.file.Files.exists(secretFile)) {
            throw new UsageException("input secret " + secretFile + " exists and would be lost: move it away, or pass "
                    + "--force");
        }
        if ((vkFile == null) == (model == null)) {
            throw new UsageException("commit-input: give --vk KEY or --model MODEL.zkm (exactly one)");
        }
        Report.Progress progress = new Report.Progress(spec.commandLine().getErr());
        Path source = vkFile != null ? vkFile : model;
        List<Map<String, long[]>> rows;
        java.util.function.Supplier<CommittedInput> commit;
        if (vkFile != null) {
            ModelVerifyingKey vk;
            try {
                vk = ModelVerifyingKey.decode(FileIo.read(vkFile, "verifying key"));
            } catch (io.zkinfer.model.ModelException e) {
                throw new UsageException(vkFile + ": " + e.getMessage());
            }
            if (vk.quantization() == null) {
                throw new UsageException("verifying key " + vkFile + " does not describe the model's input quantization "
                        + "(it was made by an older zkinfer commit): commit with --model, or commit the model again");
            }
            rows = InputData.quantized(vk.quantization(), vkFile, input, spec.commandLine().getErr());
            commit = () -> CommittedInput.commit(vk, rows, ChaChaRandom.create());
        } else {
            ModelFile mf = FileIo.model(model);
            rows = InputData.quantized(mf.model(), model, input, spec.commandLine().getErr());
            CompiledModel compiled = progress.step("compile", mf::compile);
            commit = () -> CommittedInput.commit(compiled, rows, ChaChaRandom.create());
        }
        CommittedInput committed;
        try {
            committed = progress.step("commit " + rows.size() + (rows.size() == 1 ? " row" : " rows"), commit::get);
        } catch (IllegalArgumentException e) {
            throw new UsageException("cannot commit to " + input + " for model " + source + ": " + e.getMessage());
        }
        byte[] commitment = committed.commitment().encode();
        byte[] secret = committed.encode();
        FileIo.write(commitmentFile, commitment, "input commitment");
        FileIo.writePrivate(secretFile, secret, "input secret", force);

        Report r = new Report();
        r.put("input_commitment", committed.commitment().fingerprint()).put("rows", rows.size());
        r.put("commitment", commitmentFile.toString()).put("commitment_bytes", commitment.length);
        r.put("secret", secretFile.toString()).put("secret_bytes", secret.length);
        r.put("binding_bits", Math.round(committed.commitment().tensor().params().bindingBits()));
        r.put("hiding_bits", committed.commitment().tensor().params().hidingBits());
        r.print(spec.commandLine().getOut(), json);
        return 0;
    }
}
