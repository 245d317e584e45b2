package io.zkinfer.prover;

import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import io.zkinfer.sumcheck.binding.ModelCommitment;
import io.zkinfer.sumcheck.binding.TensorOpening;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a model owner keeps after committing, to prove later: C_M and each private weight tensor's
 * opening (values and salt). Together with the compiled model it gives the {@link CommittedModel}
 * again ({@link CommittedModel#restore}). Secret: the salts are what hide the weights in C_M.
 * {@link #toString} shows no value.
 *
 * <p>Encoding (big-endian): "ZKSK", u16 version, u32 length and C_M's encoding, u16 count of
 * openings; per opening: u16 name length and UTF-8 name, u32 value count and the values (i64),
 * u32 salt count and the salt entries (i64).
 */
public record ModelSecret(ModelCommitment commitment, Map<String, TensorOpening> openings) {
    /** The encoding's version. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'Z', 'K', 'S', 'K'};

    public ModelSecret {
        openings = Collections.unmodifiableMap(new LinkedHashMap<>(openings));
    }

    /** The secret's bytes. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.write(MAGIC);
            out.writeShort(VERSION);
            byte[] cm = commitment.encode();
            out.writeInt(cm.length);
            out.write(cm);
            out.writeShort(openings.size());
            for (Map.Entry<String, TensorOpening> e : openings.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeShort(name.length);
                out.write(name);
                LongArrays.write(out, e.getValue().values());
                LongArrays.write(out, e.getValue().salt());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a secret.
     *
     * @throws InvalidCommitmentException naming what is malformed (wrong magic or version,
     *     truncated, oversized, trailing bytes, a tensor given twice)
     */
    public static ModelSecret decode(byte[] encoded) throws InvalidCommitmentException {
        ByteBuffer b = ByteBuffer.wrap(encoded);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidCommitmentException("model secret: wrong magic bytes (not a zkinfer model secret)");
            }
            int version = b.getShort() & 0xffff;
            if (version != VERSION) {
                throw new InvalidCommitmentException("model secret: version " + version + ", this reader reads " + VERSION);
            }
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new InvalidCommitmentException("model secret: C_M declares " + n + " bytes, " + b.remaining()
                        + " remain");
            }
            byte[] cm = new byte[n];
            b.get(cm);
            ModelCommitment commitment = ModelCommitment.decode(cm);
            Map<String, TensorOpening> openings = new LinkedHashMap<>();
            for (int i = 0, count = b.getShort() & 0xffff; i < count; i++) {
                byte[] name = new byte[b.getShort() & 0xffff];
                b.get(name);
                String key;
                try {
                    key = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(name)).toString();
                } catch (CharacterCodingException e) {
                    throw new InvalidCommitmentException("model secret: a tensor name is not valid UTF-8");
                }
                TensorOpening o = new TensorOpening(LongArrays.read(b, "model secret: tensor '" + key + "'"),
                        LongArrays.read(b, "model secret: the salt of tensor '" + key + "'"));
                if (openings.put(key, o) != null) {
                    throw new InvalidCommitmentException("model secret: tensor '" + key + "' given twice");
                }
            }
            if (b.hasRemaining()) {
                throw new InvalidCommitmentException("model secret: " + b.remaining() + " trailing bytes");
            }
            return new ModelSecret(commitment, openings);
        } catch (BufferUnderflowException e) {
            throw new InvalidCommitmentException("model secret: truncated");
        }
    }

    @Override
    public String toString() {
        return "ModelSecret[" + commitment + ", openings of " + openings.keySet() + ": secret]";
    }
}
