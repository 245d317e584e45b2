package io.zkinfer.sumcheck.binding;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.layer.SisDigest;
import io.zkinfer.commit.random.ChaChaRandom;
import java.util.Arrays;

/**
 * Making and checking commitments outside any circuit: what a model owner runs once per model,
 * and a data owner once per input (or per batch of inputs: one commitment over all rows), with
 * no model and no proof system involved.
 */
public final class Commitments {
    private Commitments() {}

    /** A commitment with the opening its owner keeps. */
    public record Committed(TensorCommitment commitment, TensorOpening opening) {}

    /**
     * Commits to {@code values} (signed, logical, row-major) of {@code shape}, each a
     * {@code valueBits}-bit signed integer, with a fresh salt from {@code rng}: a cryptographic
     * generator ({@link ChaChaRandom#create()}), since the salt is what hides low-entropy values.
     *
     * @throws IllegalArgumentException if a value is out of range (naming its index and the range)
     *     or the count does not match the shape
     */
    public static Committed commit(Shape shape, int valueBits, long[] values, ChaChaRandom rng) {
        SisParameters params = SisParameters.forBits(valueBits);
        TensorOpening opening = new TensorOpening(values, salt(params, shape, rng));
        return new Committed(new TensorCommitment(params, shape, digest(params, shape, opening)), opening);
    }

    /**
     * A fresh salt for a tensor of {@code shape} (signed, [chunks, 2^saltVariables], row-major),
     * from {@code rng}, a cryptographic generator: what a proof that commits to a value it
     * computes (a hidden output) gives its binding.
     */
    public static long[] salt(SisParameters params, Shape shape, ChaChaRandom rng) {
        long[] salt = new long[params.saltShape(shape).paddedSize()];
        for (int i = 0; i < salt.length; i++) {
            salt[i] = rng.nextInt(1 << SisParameters.SALT_BITS) - (1 << (SisParameters.SALT_BITS - 1));
        }
        return salt;
    }

    /** Whether {@code opening} is what {@code commitment} binds. */
    public static boolean opens(TensorCommitment commitment, TensorOpening opening) {
        try {
            return Arrays.equals(digest(commitment.params(), commitment.shape(), opening), commitment.digest());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The digest of an opening, on the digest's padded hypercube. */
    static long[] digest(SisParameters params, Shape shape, TensorOpening opening) {
        long[] values = embed(shape, opening.values(), params.valueLimit(), "value");
        Shape saltShape = params.saltShape(shape);
        long[] salt = embed(saltShape, opening.salt(), 1L << (SisParameters.SALT_BITS - 1), "salt entry");
        int rowVars = params.digestShape(shape).log(1);
        long[] d = SisDigest.digest(params, SisMatrix.Part.VALUES, params.chunkVariables(shape), values, rowVars);
        long[] s = SisDigest.digest(params, SisMatrix.Part.SALT, params.saltVariables(), salt, rowVars);
        for (int i = 0; i < d.length; i++) {
            d[i] = Goldilocks.add(d[i], s[i]);
        }
        return d;
    }

    /** Signed logical values in [-limit, limit) onto the padded hypercube. */
    private static long[] embed(Shape shape, long[] logical, long limit, String what) {
        int[] idx = shape.logicalIndices();
        if (logical.length != idx.length) {
            throw new IllegalArgumentException("a tensor of shape " + shape + " has " + idx.length + " " + what
                    + "s, got " + logical.length);
        }
        long[] out = new long[shape.paddedSize()];
        for (int i = 0; i < idx.length; i++) {
            long v = logical[i];
            if (v < -limit || v >= limit) {
                throw new IllegalArgumentException(what + " " + i + " is " + v + ", outside the committed range ["
                        + -limit + ", " + (limit - 1) + "]");
            }
            out[idx[i]] = Goldilocks.fromSigned(v);
        }
        return out;
    }
}
