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
     * @throws IllegalArgumentException if the tensor is not a private committed tensor, or the width is
     *     outside 1 to 16 bits
     */
    public static Binding add(CircuitBuilder cb, int tensor, int valueBits) {
        Tensor t = cb.get(tensor);
        if (t.kind() != Tensor.Kind.COMMITTED) {
            throw new IllegalArgumentException("tensor " + t.name() + " is " + t.kind().name().toLowerCase(java.util.Locale.ROOT)
                    + "; only a private committed tensor is bound to a commitment (public weights need none)");
        }
        SisParameters params = SisParameters.forBits(valueBits);
        String name = t.name();
        int salt = cb.committedInput(name + "/salt", params.saltShape(t.shape()), 1L << (SisParameters.SALT_BITS - 1));
        if (valueBits == SisParameters.SALT_BITS) {
            RangeCheck.signed(cb, name + "/range", valueBits, tensor, salt);
        } else {
            RangeCheck.signed(cb, name + "/range", valueBits, tensor);
            RangeCheck.signed(cb, name + "/salt-range", SisParameters.SALT_BITS, salt);
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

    /** The binding of the tensor named {@code name} in a built circuit, or null if it has none. */
    public static Binding find(Circuit circuit, String name) {
        Integer tensor = null;
        Integer salt = null;
        Integer digest = null;
        for (Tensor t : circuit.tensors()) {
            if (t.name().equals(name)) {
                tensor = t.id();
            } else if (t.name().equals(name + "/salt")) {
                salt = t.id();
            } else if (t.name().equals(name + DIGEST_SUFFIX)) {
                digest = t.id();
            }
        }
        if (tensor == null || salt == null || digest == null || !circuit.tensor(digest).revealed()) {
            return null;
        }
        Shape shape = circuit.tensor(tensor).shape();
        SisParameters params = paramsOf(circuit, digest);
        return params == null ? null : new Binding(name, tensor, salt, digest, params, shape);
    }

    private static SisParameters paramsOf(Circuit circuit, int digest) {
        for (var layer : circuit.layers()) {
            if (layer instanceof SisDigest s && s.outputs()[0] == digest) {
                return s.parameters();
            }
        }
        return null;
    }
}
