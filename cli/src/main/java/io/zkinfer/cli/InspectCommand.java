package io.zkinfer.cli;

import io.zkinfer.model.quant.QGraph;
import io.zkinfer.model.quant.QGraphCodec;
import io.zkinfer.model.quant.QInfo;
import io.zkinfer.model.quant.QuantizationOptions;
import io.zkinfer.prover.CommittedInput;
import io.zkinfer.prover.InputCommitment;
import io.zkinfer.prover.ModelFile;
import io.zkinfer.prover.ModelSecret;
import io.zkinfer.prover.ModelVerifyingKey;
import io.zkinfer.prover.ProofFile;
import io.zkinfer.prover.PublicClaim;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.graph.TensorInfo;
import io.zkinfer.sumcheck.binding.ModelCommitment;
import io.zkinfer.sumcheck.binding.TensorOpening;
import io.zkinfer.sumcheck.circuit.CircuitProof;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code zkinfer inspect}: what a zkinfer file holds, recognized by its magic bytes. */
@Command(name = "inspect", mixinStandardHelpOptions = true,
        description = {"Prints what a zkinfer file holds: a compiled model (.zkm), verifying key, secret (never its "
            + "values), input commitment or input secret (never its values), proof file, claim, model commitment or "
            + "bare circuit proof. The format is told by the file's "
            + "first four bytes (docs/FORMATS.md)."},
        footerHeading = "%nExample:%n",
        footer = "  zkinfer inspect keys/credit.vk --json")
final class InspectCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "FILE", description = "the file")
    Path file;

    @Option(names = "--json", description = "print the result as one JSON object")
    boolean json;

    @Override
    public Integer call() throws Exception {
        byte[] bytes = FileIo.read(file, "file");
        String magic = bytes.length < 4 ? "" : new String(bytes, 0, 4, StandardCharsets.ISO_8859_1);
        Report r = new Report();
        r.put("file", file.toString()).put("bytes", bytes.length);
        switch (magic) {
            case "ZKVK" -> key(r, ModelVerifyingKey.decode(bytes));
            case "ZKMF" -> model(r, ModelFile.decode(bytes));
            case "ZKSK" -> secret(r, ModelSecret.decode(bytes));
            case "ZKPF" -> proof(r, ProofFile.decode(bytes));
            case "ZKPC" -> {
                r.put("format", "public claim (ZKPC) version " + PublicClaim.VERSION);
                claim(r, PublicClaim.decode(bytes));
            }
            case "ZKCM" -> {
                ModelCommitment cm = ModelCommitment.decode(bytes);
                r.put("format", "model commitment (ZKCM) version " + ModelCommitment.VERSION);
                commitment(r, cm);
            }
            case "ZKIC" -> {
                r.put("format", "input commitment (ZKIC) version " + InputCommitment.VERSION + ": public");
                inputCommitment(r, InputCommitment.decode(bytes));
            }
            case "ZKIS" -> {
                CommittedInput ci = CommittedInput.decode(bytes);
                r.put("format", "input secret (ZKIS) version " + CommittedInput.VERSION
                        + ": a committed input's (or committed claim's output's) opening, for the prover only");
                inputCommitment(r, ci.commitment());
                r.put("opening", ci.opening().values().length + " values, " + ci.opening().salt().length
                        + " salt entries");
            }
            case "ZKCP" -> {
                CircuitProof p = CircuitProof.decode(bytes);
                r.put("format", "circuit proof (ZKCP)").put("proof_bytes", p.sizeBytes());
            }
            default -> throw new UsageException("file " + file + ": not a zkinfer file (its first bytes are not a "
                    + "known magic; see docs/FORMATS.md)");
        }
        r.print(spec.commandLine().getOut(), json);
        return 0;
    }

    private static void key(Report r, ModelVerifyingKey vk) {
        r.put("format", "verifying key (ZKVK) version " + ModelVerifyingKey.VERSION);
        graph(r, vk.graph());
        r.put("weights", vk.options().weights().name().toLowerCase(Locale.ROOT));
        r.put("inputs", vk.options().inputs().name().toLowerCase(Locale.ROOT));
        r.put("circuit_digest", HexFormat.of().formatHex(vk.key().circuit().digest()));
        r.put("circuit_layers", vk.key().circuit().layers().size());
        params(r, vk.key().parameters());
        r.put("zero_knowledge", vk.key().zeroKnowledge());
        r.put("model_commitment", vk.commitment() == null ? "none (public weights)" : vk.commitment().fingerprint());
    }

    private static void model(Report r, ModelFile mf) {
        r.put("format", "compiled model (ZKMF) version " + ModelFile.VERSION + ", private: holds the weights");
        graph(r, mf.model().graph());
        Map<String, Object> in = new LinkedHashMap<>();
        for (TensorInfo t : mf.model().floatInputs()) {
            in.put(t.name(), Arrays.toString(t.shape()) + (mf.model().normalizations().containsKey(t.name())
                    ? " (normalized before quantization)" : ""));
        }
        r.put("float_inputs", in);
        QuantizationOptions o = mf.model().options();
        r.put("weight_bits", o.weightBits()).put("activation_bits", o.activationBits()).put("output_bits", o.outputBits());
        r.put("weights", mf.options().weights().name().toLowerCase(Locale.ROOT));
        r.put("inputs", mf.options().inputs().name().toLowerCase(Locale.ROOT));
        r.put("circuit_digest", HexFormat.of().formatHex(mf.compile().circuit().digest()));
    }

    private static void secret(Report r, ModelSecret s) {
        r.put("format", "model secret (ZKSK) version " + ModelSecret.VERSION + ": keep it private");
        commitment(r, s.commitment());
        Map<String, Object> o = new LinkedHashMap<>();
        for (Map.Entry<String, TensorOpening> e : s.openings().entrySet()) {
            o.put(e.getKey(), e.getValue().values().length + " values, " + e.getValue().salt().length + " salt entries");
        }
        r.put("openings", o);
    }

    private static void proof(Report r, ProofFile pf) {
        r.put("format", "proof file (ZKPF) version " + ProofFile.VERSION);
        r.put("claim", pf.claim().claim()).put("rows", pf.claim().rows());
        r.put("input_commitment", pf.inputCommitment().length == 0 ? "none"
                : HexFormat.of().formatHex(pf.inputCommitment()));
        claim(r, pf.claim());
        r.put("circuit_proof_bytes", pf.proof().sizeBytes());
    }

    private static void claim(Report r, PublicClaim c) {
        Map<String, Object> outputs = new LinkedHashMap<>(c.outputs());
        r.put("outputs", outputs);
        if (!c.publicInputs().isEmpty()) {
            r.put("public_inputs", new LinkedHashMap<>(c.publicInputs()));
        }
    }

    private static void inputCommitment(Report r, InputCommitment ic) {
        r.put("input_commitment", ic.fingerprint()).put("rows", ic.rows());
        r.put("shape", ic.tensor().shape().toString()).put("value_bits", ic.tensor().params().valueBits());
        r.put("sis_parameters", ic.tensor().params().describe());
        r.put("binding_bits", Math.round(ic.tensor().params().bindingBits()));
        r.put("hiding_bits", ic.tensor().params().hidingBits());
    }

    private static void commitment(Report r, ModelCommitment cm) {
        r.put("model_commitment", cm.fingerprint());
        r.put("model_digest", HexFormat.of().formatHex(cm.modelDigest()));
        r.put("committed_tensors", List.copyOf(cm.tensors().keySet()));
    }

    private static void graph(Report r, QGraph g) {
        r.put("graph_hash", FileIo.sha256(QGraphCodec.encode(g, false)));
        Map<String, Object> in = new LinkedHashMap<>();
        for (QInfo i : g.inputs()) {
            in.put(i.name(), Arrays.toString(i.shape()) + " scale 2^-" + i.frac());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (String name : g.outputs()) {
            QInfo i = g.info(name);
            out.put(name, Arrays.toString(i.shape()) + " scale 2^-" + i.frac());
        }
        r.put("graph_inputs", in).put("graph_outputs", out);
        r.put("layers", g.nodes().size()).put("parameter_count", g.parameterCount());
    }

    private static void params(Report r, WhirParameters p) {
        r.put("pcs_parameters", p.toString());
        r.put("security_bits", p.securityBits());
        r.put("hash", p.hash().toString());
    }
}
