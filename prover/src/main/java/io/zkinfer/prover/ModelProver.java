package io.zkinfer.prover;

import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.quant.QGraph;
import io.zkinfer.model.quant.QGraphCodec;
import io.zkinfer.model.quant.QInfo;
import io.zkinfer.sumcheck.binding.Binding;
import io.zkinfer.sumcheck.binding.Commitments;
import io.zkinfer.sumcheck.binding.TensorCommitment;
import io.zkinfer.sumcheck.binding.TensorOpening;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitProof;
import io.zkinfer.sumcheck.circuit.CircuitProver;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.Witness;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Proves inferences of a committed model: quantized inputs in, a zero-knowledge proof and its
 * public claim out. One prover serves any number of proofs; each commits the private weights
 * and inputs afresh with fresh masks.
 */
public final class ModelProver {
    /**
     * A proof and the claim it proves.
     *
     * @param output for a {@link ClaimSpec.Committed} claim, the output's commitment (which the
     *     claim reveals as its digest) and its opening (secret: the prover keeps it, to open it or
     *     prove about it later, or hands it on as a next model's committed input); else null
     */
    public record Inference(PublicClaim claim, CircuitProof proof, CommittedInput output) {
        public Inference(PublicClaim claim, CircuitProof proof) {
            this(claim, proof, null);
        }
    }

    private final CommittedModel committed;
    private final ProvingKey key;
    /** The compiled circuit and key of each claim other than the full output, made on first use. */
    private final Map<String, Prepared> claims = new java.util.concurrent.ConcurrentHashMap<>();

    private record Prepared(CompiledModel model, ProvingKey key) {}

    private ModelProver(CommittedModel committed, ProvingKey key) {
        this.committed = committed;
        this.key = key;
    }

    /** The proving key for {@code committed} (zero knowledge on) under the given commitment parameters. */
    public static ModelProver setup(CommittedModel committed, WhirParameters parameters) {
        return new ModelProver(committed, ProvingKey.setup(committed.model().circuit(), parameters));
    }

    /** {@link #verifyingKey()}, made once: verifiers key their caches by it. */
    private volatile ModelVerifyingKey verifyingKey;

    /** What the verifier needs; publish it ({@link ModelVerifyingKey#encode()}), with C_M inside. */
    public ModelVerifyingKey verifyingKey() {
        ModelVerifyingKey vk = verifyingKey;
        if (vk == null) {
            vk = makeVerifyingKey();
            verifyingKey = vk;
        }
        return vk;
    }

    private ModelVerifyingKey makeVerifyingKey() {
        CompiledModel m = committed.model();
        if (m.options().weights() == Visibility.PUBLIC) {
            return new ModelVerifyingKey(m.graph(), m.options(), key.verifyingKey(), null);
        }
        try {
            // The key holds the graph as a verifier sees it: private weights' shapes and bounds only.
            QGraph withoutValues = QGraphCodec.decode(QGraphCodec.encode(m.graph(), false));
            return new ModelVerifyingKey(withoutValues, m.options(), key.verifyingKey(), committed.commitment());
        } catch (io.zkinfer.model.ModelException e) {
            throw new IllegalStateException("a graph's own encoding does not decode", e);
        }
    }

    /**
     * Proves one inference on {@code inputs} (quantized, by input name, row-major).
     *
     * @throws IllegalArgumentException if an input is missing, has the wrong size or a value
     *     beyond its bound, or the inference leaves what a layer admits (naming where)
     */
    public Inference prove(Map<String, long[]> inputs) {
        return prove(inputs, ClaimSpec.full());
    }

    /**
     * Proves {@code claim} of one inference on {@code inputs}: the proof reveals only the claim's
     * value ({@link ClaimSpec}). The first proof of a claim compiles its circuit and sets up its key.
     *
     * @throws IllegalArgumentException as {@link #prove(Map)}, or if the claim names an output or
     *     entry the model lacks
     */
    public Inference prove(Map<String, long[]> inputs, ClaimSpec claim) {
        return prove(inputs, claim, 1, null);
    }

    /**
     * Proves {@code claim} of every row of a batch in one proof: {@code rows} is the list of
     * inputs (quantized, by input name, each one row), and the claim holds per row (its values
     * come rows first). The first proof of a claim and batch size compiles its circuit.
     *
     * @throws IllegalArgumentException as {@link #prove(Map, ClaimSpec)}, or if the model mixes
     *     rows (it cannot be proven in batches) or the rows disagree in their inputs
     */
    public Inference prove(List<Map<String, long[]>> rows, ClaimSpec claim) {
        return prove(stack(rows), claim, rows.size(), null);
    }

    /**
     * Proves {@code claim} of the committed input's rows (one or a batch), bound to its
     * commitment: the public claim names {@code input.commitment()}, and the proof holds for the
     * committed values only. The data owner made {@code input} ({@link CommittedInput#commit}) and
     * published its commitment.
     *
     * @throws IllegalArgumentException as {@link #prove(List, ClaimSpec)}, or if the commitment is
     *     not to this model's input (another shape or width)
     */
    public Inference prove(CommittedInput input, ClaimSpec claim) {
        List<Map<String, long[]>> rows = input.rows(committed.model());
        return prove(stack(rows), claim, rows.size(), input);
    }

    private Map<String, long[]> stack(List<Map<String, long[]>> rows) {
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("a batch has at least one row");
        }
        Map<String, long[]> stacked = new LinkedHashMap<>();
        for (QInfo in : committed.model().graph().inputs()) {
            long[] all = new long[in.size() * rows.size()];
            for (int r = 0; r < rows.size(); r++) {
                long[] v = rows.get(r).get(in.name());
                if (v == null || v.length != in.size()) {
                    throw new IllegalArgumentException("row " + r + ": input '" + in.name() + "' needs " + in.size()
                            + " values, got " + (v == null ? "none" : v.length));
                }
                System.arraycopy(v, 0, all, r * in.size(), in.size());
            }
            stacked.put(in.name(), all);
        }
        return stacked;
    }

    private Inference prove(Map<String, long[]> inputs, ClaimSpec claim, int rows, CommittedInput bound) {
        boolean bind = bound != null;
        Prepared p = claim instanceof ClaimSpec.Full && rows == 1 && !bind ? new Prepared(committed.model(), key)
                : claims.computeIfAbsent(claim.text() + "/" + rows + (bind ? "/input-commitment" : ""), t -> {
                    CompiledModel m = CompiledModel.compile(committed.model().graph(), committed.model().options(),
                            claim, rows, bind);
                    return new Prepared(m, ProvingKey.setup(m.circuit(), key.verifyingKey().parameters(),
                            key.verifyingKey().zeroKnowledge()));
                });
        CompiledModel m = p.model();
        Circuit c = m.circuit();
        long[][] given = new long[c.tensorCount()][];
        for (QInfo in : m.graph().inputs()) {
            long[] v = inputs.get(in.name());
            if (v == null) {
                throw new IllegalArgumentException("no value for the model's input '" + in.name() + "'");
            }
            given[m.tensorId(in.name())] = v;
        }
        if (m.options().weights() == Visibility.PRIVATE) {
            committed.give(m, given);
        }
        if (bind) {
            try {
                m.inputBinding().check(bound.commitment().tensor());
            } catch (io.zkinfer.sumcheck.binding.InvalidCommitmentException e) {
                throw new IllegalArgumentException("input commitment: " + e.getMessage(), e);
            }
            m.inputBinding().give(given, bound.opening());
        }
        Binding out = m.outputBinding();
        long[] salt = null;
        if (out != null) {
            salt = Commitments.salt(out.params(), out.shape(), io.zkinfer.commit.random.ChaChaRandom.create());
            given[out.salt()] = salt;
        }
        Witness witness = c.evaluate(given);
        CircuitProof proof = CircuitProver.prove(p.key(), witness);
        CommittedInput output = null;
        if (out != null) {
            TensorCommitment tc = new TensorCommitment(out.params(), out.shape(), witness.values(out.digest()));
            output = new CommittedInput(new InputCommitment(rows, tc),
                    new TensorOpening(Circuit.logical(c.tensor(out.tensor()), witness.values(out.tensor())), salt));
        }
        Map<String, long[]> outputs = new LinkedHashMap<>();
        List<String> names = claim instanceof ClaimSpec.Full ? m.graph().outputs() : List.of(claim.revealedName());
        for (String name : names) {
            int id = m.tensorId(name);
            outputs.put(name, Circuit.logical(c.tensor(id), witness.values(id)));
        }
        Map<String, long[]> publicInputs = new LinkedHashMap<>();
        if (m.options().inputs() == Visibility.PUBLIC) {
            for (QInfo in : m.graph().inputs()) {
                publicInputs.put(in.name(), inputs.get(in.name()).clone());
            }
        }
        byte[] id = bind ? bound.commitment().id() : new byte[0];
        return new Inference(new PublicClaim(claim.text(), rows, id, outputs, publicInputs), proof, output);
    }
}
