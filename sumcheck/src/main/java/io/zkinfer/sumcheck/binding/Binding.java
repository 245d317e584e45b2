package io.zkinfer.sumcheck.binding;

import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.layer.RangeCheck;
import io.zkinfer.sumcheck.layer.SisDigest;

/**
 * Ties a private tensor of a circuit to a published {@link TensorCommitment}: the proof commits
 * to the tensor afresh (with fresh masks, like every private tensor) together with its salt,
 * range-checks both, and computes their digest, which it reveals; the verifier supplies the
 * published digest as that revealed tensor's value. So the proof holds only for the committed
 * values, and reveals nothing about them however many proofs use one commitment.
 *
 * <p>The digest tensor is named {@code NAME/digest} for a tensor named NAME, which is how
 * {@link ModelCommitment} finds it.
 *
 * @param tensor the bound tensor (committed, private)
 * @param salt its salt (committed, private), shape {@link SisParameters#saltShape}
 * @param digest the revealed digest, shape {@link SisParameters#digestShape}
 */
public record Binding(String name, int tensor, int salt, int digest, SisParameters params, Shape shape) {
    /** The suffix of a digest tensor's name. */
    public static final String DIGEST_SUFFIX = "/digest";

    /**
     * Adds the binding of {@code tensor}, whose entries are {@code valueBits}-bit signed integers.
     *
     * @throws IllegalArgumentException if the tensor is not a private committed tensor, its declared
     *     bound is below the width's 2^(valueBits-1) (the range check would not enforce it), its name
     *     is not unique or its binding's names are taken, or the width is outside 1 to 16 bits
     */
    public static Binding add(CircuitBuilder cb, int tensor, int valueBits) {
        Tensor t = cb.get(tensor);
        if (t.kind() != Tensor.Kind.COMMITTED) {
            throw new IllegalArgumentException("tensor " + t.name() + " is " + t.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + "; only a private committed tensor is bound to a commitment (public weights need none)");
        }
        SisParameters params = SisParameters.forBits(valueBits);
        if (t.bound().compareTo(java.math.BigInteger.valueOf(params.valueLimit())) < 0) {
            throw new IllegalArgumentException("tensor " + t.name() + " is declared with bound " + t.bound() + ", below "
                    + params.valueLimit() + ", what a " + valueBits + "-bit range check admits; declare bound "
                    + params.valueLimit() + " or bind it with fewer bits");
        }
        return bind(cb, tensor, valueBits);
    }

    /**
     * Adds the binding of a tensor that a layer computes (a model's output, which a proof then
     * shows only as a commitment, to be opened or proven about later), in {@code valueBits}
     * signed bits. Its layer already bounds it; the binding's range check makes the digest's
     * inputs short whatever that bound's proof, as SIS binding needs.
     *
     * @throws IllegalArgumentException if the tensor is public, preprocessed or revealed (a
     *     commitment to a revealed value hides nothing), its bound exceeds what {@code valueBits}
     *     admit (an honest value would fail the range check), or as {@link #add}
     */
    public static Binding addComputed(CircuitBuilder cb, int tensor, int valueBits) {
        Tensor t = cb.get(tensor);
        if ((t.kind() != Tensor.Kind.COMMITTED && t.kind() != Tensor.Kind.INTERMEDIATE) || t.revealed()) {
            throw new IllegalArgumentException("tensor " + t.name() + " is "
                    + (t.revealed() ? "revealed" : t.kind().name().toLowerCase(java.util.Locale.ROOT))
                    + "; only a private tensor is bound to a commitment");
        }
        SisParameters params = SisParameters.forBits(valueBits);
        // A bound of exactly 2^(b-1) is admitted: the check's [-2^(b-1), 2^(b-1)) then refuses
        // only the value +2^(b-1) (an impossible proof, never a false one).
        if (t.bound().compareTo(java.math.BigInteger.valueOf(params.valueLimit())) > 0) {
            throw new IllegalArgumentException("tensor " + t.name() + " is bounded by " + t.bound() + ", beyond "
                    + params.valueLimit() + ", what a " + valueBits + "-bit range check admits");
        }
        return bind(cb, tensor, valueBits);
    }

    private static Binding bind(CircuitBuilder cb, int tensor, int valueBits) {
        Tensor t = cb.get(tensor);
        SisParameters params = SisParameters.forBits(valueBits);
        String name = t.name();
        for (int id = 0; id < cb.tensorCount(); id++) {
            String other = cb.get(id).name();
            if ((id != tensor && other.equals(name)) || other.equals(name + "/salt") || other.equals(name + DIGEST_SUFFIX)
                    || other.equals(name + "/salt-digest")) {
                throw new IllegalArgumentException("tensor name " + other + " is taken: a bound tensor needs a unique name, "
                        + "and its binding adds " + name + "/salt, " + name + "/salt-digest and " + name + DIGEST_SUFFIX);
            }
        }
        int salt = cb.committedInput(name + "/salt", params.saltShape(t.shape()), 1L << (SisParameters.SALT_BITS - 1));
        // Padding entries too: the digest covers the whole hypercube (an honest committer's padding is zero).
        if (valueBits == SisParameters.SALT_BITS) {
            RangeCheck.signedCoveringPadding(cb, name + "/range", valueBits, tensor, salt);
        } else {
            RangeCheck.signedCoveringPadding(cb, name + "/range", valueBits, tensor);
            RangeCheck.signedCoveringPadding(cb, name + "/salt-range", SisParameters.SALT_BITS, salt);
        }
        int saltDigest = SisDigest.add(cb, name + "/salt-digest", salt, -1, params, SisMatrix.Part.SALT);
        int digest = SisDigest.add(cb, name + DIGEST_SUFFIX, tensor, saltDigest, params, SisMatrix.Part.VALUES);
        cb.reveal(digest);
        return new Binding(name, tensor, salt, digest, params, t.shape());
    }

    /** Puts an opening's values and salt into a prover's given values (indexed by tensor id). */
    public void give(long[][] given, TensorOpening opening) {
        given[tensor] = opening.values();
        given[salt] = opening.salt();
    }

    /**
     * Puts the published digest into a verifier's public values (indexed by tensor id).
     *
     * @throws InvalidCommitmentException if the commitment is for another shape or another width
     */
    public void publish(long[][] publicValues, TensorCommitment commitment) throws InvalidCommitmentException {
        check(commitment);
        publicValues[digest] = commitment.digest();
    }

    /** @throws InvalidCommitmentException if {@code commitment} does not fit this tensor */
    public void check(TensorCommitment commitment) throws InvalidCommitmentException {
        if (!commitment.shape().equals(shape)) {
            throw new InvalidCommitmentException("the commitment is to a tensor of shape " + commitment.shape() + ", but "
                    + name + " has shape " + shape);
        }
        if (!commitment.params().equals(params)) {
            throw new InvalidCommitmentException("the commitment is to " + commitment.params().valueBits()
                    + "-bit values, but " + name + " is bound as " + params.valueBits() + "-bit");
        }
    }

    /**
     * Every binding of a built circuit, read from its layers: a revealed value digest whose bias
     * is the digest of a committed salt.
     */
    public static java.util.List<Binding> all(Circuit circuit) {
        java.util.List<Binding> out = new java.util.ArrayList<>();
        for (var layer : circuit.layers()) {
            if (!(layer instanceof SisDigest d) || d.part() != SisMatrix.Part.VALUES || d.bias() < 0
                    || !circuit.tensor(d.outputs()[0]).revealed()) {
                continue;
            }
            int producer = circuit.producer(d.bias());
            if (producer < 0 || !(circuit.layers().get(producer) instanceof SisDigest s)
                    || s.part() != SisMatrix.Part.SALT || !s.parameters().equals(d.parameters())) {
                continue;
            }
            Tensor t = circuit.tensor(d.input());
            out.add(new Binding(t.name(), t.id(), s.input(), d.outputs()[0], d.parameters(), t.shape()));
        }
        return out;
    }

    /**
     * The binding of the tensor named {@code name} in a built circuit, or null if it has none.
     *
     * @throws IllegalArgumentException if several bound tensors have that name
     */
    public static Binding find(Circuit circuit, String name) {
        Binding found = null;
        for (Binding b : all(circuit)) {
            if (b.name().equals(name)) {
                if (found != null) {
                    throw new IllegalArgumentException("several bound tensors are named " + name);
                }
                found = b;
            }
        }
        return found;
    }
}
