package io.zkinfer.prover;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.sumcheck.binding.Binding;
import io.zkinfer.sumcheck.binding.Commitments;
import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import io.zkinfer.sumcheck.binding.ModelCommitment;
import io.zkinfer.sumcheck.binding.TensorCommitment;
import io.zkinfer.sumcheck.binding.TensorOpening;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The model owner's side of a model commitment: the published C_M (which binds the model's
 * digest, so the architecture and quantization, and every private weight tensor's salted
 * digest) and the openings, kept secret, that each proof uses. Public weights need no opening:
 * they are in the key.
 */
public final class CommittedModel {
    private final CompiledModel model;
    private final ModelCommitment commitment;
    /** Each bound tensor's opening, by its name in the circuit. */
    private final Map<String, TensorOpening> openings;

    private CommittedModel(CompiledModel model, ModelCommitment commitment, Map<String, TensorOpening> openings) {
        this.model = model;
        this.commitment = commitment;
        this.openings = openings;
    }

    /** Commits to the model's private weights with fresh salts from {@code rng} (a cryptographic generator). */
    public static CommittedModel commit(CompiledModel model, ChaChaRandom rng) {
        Map<String, TensorCommitment> published = new LinkedHashMap<>();
        Map<String, TensorOpening> openings = new LinkedHashMap<>();
        for (WeightGroup w : model.weights()) {
            Binding b = w.binding();
            long[] values = w.values(name -> model.graph().constants().get(name).values());
            Commitments.Committed c = Commitments.commit(b.shape(), b.params().valueBits(), values, rng);
            published.put(b.name(), c.commitment());
            openings.put(b.name(), c.opening());
        }
        try {
            return new CommittedModel(model, ModelCommitment.of(model.modelDigest(), model.circuit(), published), openings);
        } catch (InvalidCommitmentException e) {
            throw new IllegalStateException("a commitment made for this circuit does not fit it", e);
        }
    }

    /**
     * The committed model again, from the owner's saved secret ({@link ModelSecret}): C_M and the
     * openings that {@link #commit} made for this compiled model.
     *
     * @throws InvalidCommitmentException if C_M is for another circuit, or an opening is missing,
     *     extra, or does not open its commitment (the weights differ from the committed ones)
     */
    public static CommittedModel restore(CompiledModel model, ModelSecret secret) throws InvalidCommitmentException {
        ModelCommitment cm = secret.commitment();
        if (!java.util.Arrays.equals(cm.modelDigest(), model.modelDigest())) {
            throw new InvalidCommitmentException("the secret's model commitment is for another model");
        }
        Map<String, TensorOpening> openings = secret.openings();
        java.util.Set<String> expected = new java.util.HashSet<>();
        for (WeightGroup w : model.weights()) {
            expected.add(w.binding().name());
        }
        if (!expected.equals(openings.keySet()) || !expected.equals(cm.tensors().keySet())) {
            throw new InvalidCommitmentException("the secret opens tensors " + openings.keySet() + "; the model binds "
                    + expected);
        }
        for (WeightGroup w : model.weights()) {
            String name = w.binding().name();
            TensorOpening o = openings.get(name);
            long[] values = w.values(n -> model.graph().constants().get(n).values());
            if (!java.util.Arrays.equals(values, o.values()) || !Commitments.opens(cm.tensors().get(name), o)) {
                throw new InvalidCommitmentException("the secret's opening of " + name
                        + " does not open its commitment to this model's weights");
            }
        }
        return new CommittedModel(model, cm, new LinkedHashMap<>(openings));
    }

    /** What the owner keeps to prove later: C_M and the openings. */
    public ModelSecret secret() {
        return new ModelSecret(commitment, openings);
    }

    public CompiledModel model() {
        return model;
    }

    /** C_M, to publish. */
    public ModelCommitment commitment() {
        return commitment;
    }

    /**
     * Puts every private weight's values and salt into the given values of {@code target}, a
     * circuit compiled from this model (for any claim): its bindings, by name.
     */
    void give(CompiledModel target, long[][] given) {
        for (WeightGroup w : target.weights()) {
            TensorOpening o = openings.get(w.binding().name());
            if (o == null) {
                throw new IllegalStateException("no opening for " + w.binding().name() + ": another model's circuit");
            }
            w.binding().give(given, o);
        }
    }

    /** {@link #give(CompiledModel, long[][])} for the model's own circuit. */
    void give(long[][] given) {
        give(model, given);
    }
}
