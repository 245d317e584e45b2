package io.zkinfer.sumcheck.binding;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.NonCanonicalEncodingException;
import io.zkinfer.sumcheck.circuit.Shape;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.BufferUnderflowException;
import java.util.Arrays;

/**
 * A published commitment to one private tensor: its shape, the digest's parameters and the
 * digest D = A T + A_s S (chunk by chunk, {@link SisParameters}). Binding and hiding, and reusable
 * by any number of proofs: a proof never opens it, it shows that its freshly committed tensor
 * has this digest.
 *
 * <p>Encoding (big-endian): "ZKTC", version byte 1, value bits (1 byte), rows (2 bytes), chunk
 * and salt variables (1 byte each), rank (1 byte) and dimensions (4 bytes each), the digest's
 * length (4 bytes) and entries (8 bytes each, canonical, big-endian as everywhere in proofs).
 *
 * @param digest the digest on its padded hypercube [chunks, rows] (canonical field elements)
 */
public record TensorCommitment(SisParameters params, Shape shape, long[] digest) {
    static final byte[] MAGIC = {'Z', 'K', 'T', 'C'};
    public static final int VERSION = 1;

    /**
     * @throws IllegalArgumentException if the parameters are not this build's for their width,
     *     the digest has the wrong length, or an entry is non-canonical or nonzero on a padding row
     */
    public TensorCommitment {
        if (!params.equals(SisParameters.forBits(params.valueBits()))) {
            throw new IllegalArgumentException("parameters " + params.describe() + " are not this build's for "
                    + params.valueBits() + "-bit values (" + SisParameters.forBits(params.valueBits()).describe() + ")");
        }
        Shape digestShape = params.digestShape(shape);
        if (digest.length != digestShape.paddedSize()) {
            throw new IllegalArgumentException("a digest of " + shape + " has " + digestShape.paddedSize()
                    + " entries, got " + digest.length);
        }
        boolean[] logical = new boolean[digest.length];
        for (int i : digestShape.logicalIndices()) {
            logical[i] = true;
        }
        for (int i = 0; i < digest.length; i++) {
            if (!Goldilocks.isCanonical(digest[i]) || (!logical[i] && digest[i] != 0)) {
                throw new IllegalArgumentException("digest entry " + i + " is "
                        + (logical[i] ? "not a canonical field element" : "on a padding row and not zero"));
            }
        }
        digest = digest.clone();
    }

    @Override
    public long[] digest() {
        return digest.clone();
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.writeByte(params.valueBits());
            out.writeShort(params.rows());
            out.writeByte(params.chunkVariables());
            out.writeByte(params.saltVariables());
            out.writeByte(shape.rank());
            for (int d : shape.dims()) {
                out.writeInt(d);
            }
            out.writeInt(digest.length);
            for (long v : digest) {
                out.write(Goldilocks.encode(v));
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads an encoding.
     *
     * @throws InvalidCommitmentException naming what is wrong: magic, version, parameters, shape,
     *     length, a non-canonical entry, trailing bytes
     */
    public static TensorCommitment decode(byte[] encoded) throws InvalidCommitmentException {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        try {
            Encodings.readHeader(in, MAGIC, VERSION, "tensor commitment");
            SisParameters params;
            try {
                params = new SisParameters(in.get() & 0xFF, in.getShort() & 0xFFFF, in.get() & 0xFF, in.get() & 0xFF);
            } catch (IllegalArgumentException e) {
                throw new InvalidCommitmentException("tensor commitment: " + e.getMessage());
            }

            int rank = in.get() & 0xFF;
            if (rank < 1 || rank > 8) {
                throw new InvalidCommitmentException("tensor commitment: rank " + rank + " (expected 1 to 8)");
            }
            int[] dims = new int[rank];
            int variables = 0;
            for (int k = 0; k < rank; k++) {
                dims[k] = in.getInt();
                if (dims[k] < 1 || dims[k] > 1 << 30) {
                    throw new InvalidCommitmentException("tensor commitment: dimension " + k + " is " + dims[k]);
                }
                variables += 32 - Integer.numberOfLeadingZeros(dims[k] - 1);
                if (variables > 30) {
                    throw new InvalidCommitmentException("tensor commitment: the tensor is larger than 2^30 entries");
                }
            }
            Shape shape = Shape.of(dims);
            int length = in.getInt();
            int expected = params.digestShape(shape).paddedSize();
            if (length != expected) {
                throw new InvalidCommitmentException("tensor commitment: " + length + " digest entries, expected "
                        + expected + " for " + shape);
            }
            if (in.remaining() != 8L * length) {
                throw new InvalidCommitmentException("tensor commitment: " + in.remaining() + " bytes of digest, expected "
                        + 8L * length);
            }
            long[] digest = new long[length];
            byte[] entry = new byte[8];
            for (int i = 0; i < length; i++) {
                in.get(entry);
                digest[i] = Goldilocks.decode(entry, 0);
            }
            return new TensorCommitment(params, shape, digest);
        } catch (IllegalArgumentException e) {
            throw new InvalidCommitmentException("tensor commitment: " + e.getMessage());
        } catch (BufferUnderflowException e) {
            throw new InvalidCommitmentException("tensor commitment: truncated");
        } catch (NonCanonicalEncodingException e) {
            throw new InvalidCommitmentException("tensor commitment: a digest entry is not a canonical field element");
        }
    }

    /** SHA-256 of the encoding, in hex: how a user names this commitment. */
    public String fingerprint() {
        return Encodings.fingerprint(encode());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorCommitment t && params.equals(t.params) && shape.equals(t.shape)
                && Arrays.equals(digest, t.digest);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * params.hashCode() + shape.hashCode()) + Arrays.hashCode(digest);
    }

    @Override
    public String toString() {
        return "TensorCommitment[" + shape + ", " + params.describe() + ", " + fingerprint().substring(0, 16) + "]";
    }
}
