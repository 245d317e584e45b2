package io.zkinfer.prover;

import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import io.zkinfer.sumcheck.binding.TensorCommitment;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/**
 * A data owner's published commitment to a model's private input: one {@link TensorCommitment}
 * over every row of a batch (the input tensor with its leading dimension {@code rows}), made
 * without any model weights or proof ({@link CommittedInput#commit}). A proof that refers to it
 * (its {@link #id}, in the public claim) holds only for the committed input, and reveals nothing
 * more about it. A committed claim's output commitment has this form too, so a proof's hidden
 * output can be the next model's committed input.
 *
 * <p>Encoding (big-endian): "ZKIC", u16 version, u32 rows, u32 length and the tensor
 * commitment's encoding ("ZKTC"), nothing after. Its {@link #id} is SHA-256 of this encoding.
 */
public record InputCommitment(int rows, TensorCommitment tensor) {
    /** The encoding's version. */
    public static final int VERSION = 1;
    /** The length of an {@link #id}: SHA-256. */
    public static final int ID_BYTES = 32;
    private static final byte[] MAGIC = {'Z', 'K', 'I', 'C'};

    public InputCommitment {
        if (rows < 1 || rows > PublicClaim.MAX_ROWS) {
            throw new IllegalArgumentException("an input commitment covers 1 to " + PublicClaim.MAX_ROWS + " rows, not "
                    + rows);
        }
        if (tensor.shape().dim(0) % rows != 0) {
            throw new IllegalArgumentException("an input commitment of " + rows + " rows to a tensor of shape "
                    + tensor.shape() + ": its leading dimension is not a multiple of the rows");
        }
    }

    public byte[] encode() {
        byte[] t = tensor.encode();
        return ByteBuffer.allocate(MAGIC.length + 2 + 4 + 4 + t.length).put(MAGIC).putShort((short) VERSION)
                .putInt(rows).putInt(t.length).put(t).array();
    }

    /**
     * Reads an encoding.
     *
     * @throws InvalidCommitmentException naming what is wrong (magic, version, rows, a malformed
     *     tensor commitment, truncated, trailing bytes)
     */
    public static InputCommitment decode(byte[] encoded) throws InvalidCommitmentException {
        ByteBuffer b = ByteBuffer.wrap(encoded);
        try {
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidCommitmentException("input commitment: wrong magic bytes (not a zkinfer input commitment)");
            }
            int version = b.getShort() & 0xffff;
            if (version != VERSION) {
                throw new InvalidCommitmentException("input commitment: version " + version + ", this reader reads "
                        + VERSION);
            }
            int rows = b.getInt();
            int n = b.getInt();
            if (n < 0 || n != b.remaining()) {
                throw new InvalidCommitmentException("input commitment: the tensor commitment declares " + n + " bytes, "
                        + b.remaining() + " remain");
            }
            byte[] t = new byte[n];
            b.get(t);
            try {
                return new InputCommitment(rows, TensorCommitment.decode(t));
            } catch (IllegalArgumentException e) {
                throw new InvalidCommitmentException("input commitment: " + e.getMessage());
            }
        } catch (BufferUnderflowException e) {
            throw new InvalidCommitmentException("input commitment: truncated");
        }
    }

    /** SHA-256 of the encoding: how a proof's public claim names this commitment. */
    public byte[] id() {
        try {
            return MessageDigest.getInstance("SHA-256").digest(encode());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }

    /** {@link #id} in hex: how a user names this commitment. */
    public String fingerprint() {
        return HexFormat.of().formatHex(id());
    }

    @Override
    public String toString() {
        return "InputCommitment[" + rows + (rows == 1 ? " row, " : " rows, ") + tensor.shape() + ", "
                + fingerprint().substring(0, 16) + "]";
    }
}
