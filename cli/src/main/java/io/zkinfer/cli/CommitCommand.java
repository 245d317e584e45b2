package io.zkinfer.cli;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.prover.CommittedModel;
import io.zkinfer.prover.CompiledModel;
import io.zkinfer.prover.ModelFile;
import io.zkinfer.prover.ModelProver;
import io.zkinfer.prover.ModelVerifyingKey;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zkinfer commit}: the model commitment C_M, the verifying key, and the owner's secret. */
@Command(name = "commit", mixinStandardHelpOptions = true,
        description = {"Commits to a compiled model's private weights (fresh random salts) and writes the verifying "
            + "key (publish it: it holds C_M and no private weight) and the secret (keep it: the prover needs it).",
            "With -o DIR the files are DIR/NAME.vk and DIR/NAME.secret, NAME the model file's name without .zkm."},
        footerHeading = "%nExample:%n",
        footer = "  zkinfer commit credit.zkm -o keys/")
final class CommitCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL.zkm", description = "the compiled model")
    Path model;

    @Option(names = {"-o", "--output-dir"}, paramLabel = "DIR", description = "the folder to write the key and secret to")
    Path dir;

    @Option(names = "--vk", paramLabel = "FILE", description = "where to write the verifying key")
    Path vkFile;

    @Option(names = "--secret", paramLabel = "FILE", description = "where to write the secret")
    Path secretFile;

    @Option(names = "--force", description = "replace an existing secret (the old one can no longer open its key's C_M)")
    boolean force;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        String stem = model.getFileName().toString().replaceFirst("\\.zkm$", "");
        Path vkOut = vkFile != null ? vkFile : dir != null ? dir.resolve(stem + ".vk") : null;
        Path secretOut = secretFile != null ? secretFile : dir != null ? dir.resolve(stem + ".secret") : null;
        if (vkOut == null || secretOut == null) {
            throw new UsageException("commit: give -o DIR, or both --vk FILE and --secret FILE");
        }
        if (!force && java.nio.file.Files.exists(secretOut)) {
            throw new UsageException("secret " + secretOut + " exists: a new commitment would replace it, and proofs "
                    + "under its key could no longer be made; move it away, or pass --force");
        }
        Report.Progress progress = new Report.Progress(spec.commandLine().getErr());
        ModelFile mf;
        try {
            mf = ModelFile.decode(FileIo.read(model, "compiled model"));
        } catch (io.zkinfer.model.ModelException e) {
            throw new UsageException(model + ": " + e.getMessage());
        }
        CompiledModel compiled = progress.step("compile", mf::compile);
        CommittedModel committed = progress.step("commit", () -> CommittedModel.commit(compiled, ChaChaRandom.create()));
        WhirParameters params = WhirParameters.provable100();
        // The key describes the input quantization too, so a data owner commits to an input with it alone.
        ModelVerifyingKey vk = progress.step("setup", () -> ModelProver.setup(committed, params).verifyingKey()
                .withQuantization(mf.model()));
        byte[] vkBytes = vk.encode();
        byte[] secret = committed.secret().encode();
        FileIo.write(vkOut, vkBytes, "verifying key");
        FileIo.writePrivate(secretOut, secret, "secret", force);

        Report r = new Report();
        r.put("model_commitment", vk.commitment() == null ? "none (public weights)" : vk.commitment().fingerprint());
        r.put("circuit_digest", HexFormat.of().formatHex(compiled.circuit().digest()));
        r.put("verifying_key", vkOut.toString()).put("verifying_key_bytes", vkBytes.length);
        r.put("secret", secretOut.toString()).put("secret_bytes", secret.length);
        r.put("pcs_parameters", params.toString()).put("security_bits", params.securityBits());
        r.print(spec.commandLine().getOut(), json);
        return 0;
    }
}
