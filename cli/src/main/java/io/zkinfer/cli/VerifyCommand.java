package io.zkinfer.cli;

import io.zkinfer.model.quant.QInfo;
import io.zkinfer.prover.ClaimSpec;
import io.zkinfer.prover.ModelVerifier;
import io.zkinfer.prover.ModelVerifyingKey;
import io.zkinfer.prover.ProofFile;
import io.zkinfer.sumcheck.circuit.ProofException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zkinfer verify}: VALID (exit 0) with the claim, or INVALID (exit 1) with the reason. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {"Checks a proof file against a model's verifying key and prints VALID with the claim it "
            + "proves (outputs dequantized with the key's scales) or INVALID with the reason.",
            "A proof that refers to an input commitment is VALID only with --input-commitment naming that commitment "
                + "(from the data owner, never from the prover); one that refers to none is INVALID when "
                + "--input-commitment is given.",
            "Exit status: 0 VALID, 1 INVALID, 2 unusable input (a file missing or not a key, proof or commitment file)."},
        footerHeading = "%nExample:%n",
        footer = {"  zkinfer verify --vk keys/credit.vk --proof applicant.zkp --input-commitment applicant.zkic \\",
            "      --expect-claim 'threshold:pd[0]<0.5'"})
final class VerifyCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--vk", required = true, paramLabel = "KEY", description = "the model's verifying key")
    Path vkFile;

    @Option(names = "--proof", required = true, paramLabel = "PROOF", description = "the proof file")
    Path proofFile;

    @Option(names = "--expect-claim", paramLabel = "CLAIM",
            description = "insist on this claim (its text form, as prove's --claim; docs/CLAIMS.md)")
    String expectClaim;

    @Option(names = "--expect-rows", paramLabel = "N", description = "insist that the proof covers N input rows")
    Integer expectRows;

    @Option(names = "--input-commitment", paramLabel = "FILE",
            description = "the data owner's input commitment the proof must refer to (required when it refers to one)")
    Path inputCommitmentFile;

    @Option(names = "--write-output-commitment", paramLabel = "FILE",
            description = "for a committed claim: write the output commitment the proof shows (the next proof's "
                + "--input-commitment)")
    Path outputCommitmentFile;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    /**
     * What a claim reveals, for printing: an output tensor as its integers and their real values
     * (by the graph's scale), a claim's value (a decision bit, a class, a band) as integers.
     */
    static Map<String, Object> revealed(io.zkinfer.model.quant.QGraph graph, io.zkinfer.prover.PublicClaim claim) {
        Map<String, Object> outputs = new LinkedHashMap<>();
        for (Map.Entry<String, long[]> e : claim.outputs().entrySet()) {
            if (!graph.outputs().contains(e.getKey())) {
                outputs.put(e.getKey(), e.getValue()); // a class, a decision bit, a band: integers as they are
                continue;
            }
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("quantized", e.getValue());
            QInfo info = graph.info(e.getKey());
            double[] d = new double[e.getValue().length];
            for (int i = 0; i < d.length; i++) {
                d[i] = info.dequantize(e.getValue()[i]);
            }
            o.put("value", d);
            outputs.put(e.getKey(), o);
        }
        return outputs;
    }

    @Override
    public Integer call() throws Exception {
        String expected = null;
        if (expectClaim != null) {
            try {
                expected = ClaimSpec.parse(expectClaim).text();
            } catch (IllegalArgumentException e) {
                throw new UsageException("--expect-claim: " + e.getMessage());
            }
        }
        ModelVerifyingKey vk;
        try {
            vk = ModelVerifyingKey.decode(FileIo.read(vkFile, "verifying key"));
        } catch (io.zkinfer.model.ModelException e) {
            throw new UsageException(vkFile + ": " + e.getMessage());
        }
        io.zkinfer.prover.InputCommitment input = inputCommitmentFile == null ? null
                : FileIo.inputCommitment(inputCommitmentFile);
        byte[] bytes = FileIo.read(proofFile, "proof");
        try {
            ProofFile.checkEnvelope(bytes);
        } catch (ProofException e) {
            throw new UsageException("proof " + proofFile + ": " + e.getMessage());
        }
        Report r = new Report();
        try {
            ProofFile pf = ProofFile.decode(bytes);
            if (expected != null && !pf.claim().claim().equals(expected)) {
                throw new ProofException("the proof's claim is '" + pf.claim().claim() + "', expected '" + expected + "'");
            }
            if (expectRows != null && pf.claim().rows() != expectRows) {
                throw new ProofException("the proof covers " + pf.claim().rows() + " rows, expected " + expectRows);
            }
            if (outputCommitmentFile != null && !pf.claim().claim().startsWith("committed:")) {
                throw new UsageException("--write-output-commitment: the proof's claim '" + pf.claim().claim()
                        + "' is not a committed claim; it shows no output commitment");
            }
            var output = ModelVerifier.verify(vk, pf.claim(), pf.proof(), input);
            r.put("result", "VALID").put("claim", pf.claim().claim()).put("rows", pf.claim().rows());
            r.put("input_commitment", input == null ? "none (the proof may be about any input)" : input.fingerprint());
            if (output.isPresent()) {
                r.put("output_commitment", output.get().fingerprint());
                if (outputCommitmentFile != null) {
                    FileIo.write(outputCommitmentFile, output.get().encode(), "output commitment");
                }
            } else {
                r.put("outputs", revealed(vk.graph(), pf.claim()));
            }
            if (vk.commitment() != null) {
                r.put("model_commitment", vk.commitment().fingerprint());
            }
            r.print(spec.commandLine().getOut(), json);
            return 0;
        } catch (ProofException | IllegalArgumentException e) {
            r.put("result", "INVALID").put("reason", Zkinfer.oneLine(e.getMessage()));
            if (json) {
                r.print(spec.commandLine().getOut(), true);
            } else {
                spec.commandLine().getOut().println("INVALID: " + Zkinfer.oneLine(e.getMessage()));
                spec.commandLine().getOut().flush();
            }
            return Zkinfer.INVALID;
        }
    }
}
