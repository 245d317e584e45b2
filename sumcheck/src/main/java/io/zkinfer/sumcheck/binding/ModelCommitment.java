package io.zkinfer.sumcheck.binding;

import io.zkinfer.sumcheck.circuit.Circuit;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * C_M, published once per model: the digest of what it commits to, and one
 * {@link TensorCommitment} per private weight tensor, by name. What it commits to is a circuit
 * (its digest: the architecture, every layer's quantization parameters, every shape) or a model
 * that several circuits are compiled from (the prover module's model digest: the quantized
 * graph's structure and the compile options, which a proof of any claim or batch size shares).
 * A proof is about this model exactly when the verifier takes the weights' digests from here
 * after checking that digest ({@link #publish}, which also takes the inputs' commitments and
 * refuses to leave any bound tensor's digest to the prover). Binding holds with or without zero
 * knowledge; hiding needs zero knowledge on (the default), since the plain protocol sends the
 * committed values at its points.
 *
 * <p>Encoding (big-endian): "ZKCM", version byte 2, the digest (32 bytes), the number of
 * tensors (2 bytes), then per tensor in name order: the name (2-byte length, UTF-8) and its
 * {@link TensorCommitment} encoding (4-byte length, bytes). Version 1 held a circuit's digest
 * only.
 */
public record ModelCommitment(byte[] modelDigest, Map<String, TensorCommitment> tensors) {
    static final byte[] MAGIC = {'Z', 'K', 'C', 'M'};
    public static final int VERSION = 2;
    private static final int MAX_ENTRY = 1 << 28;

    public ModelCommitment {
        if (modelDigest.length != 32) {
            throw new IllegalArgumentException("a model digest is 32 bytes, got " + modelDigest.length);
        }
        modelDigest = modelDigest.clone();
        tensors = Collections.unmodifiableMap(new TreeMap<>(tensors));
    }

    @Override
    public byte[] modelDigest() {
        return modelDigest.clone();
    }

    /**
     * The model commitment of {@code circuit} with the given weight commitments.
     *
     * @throws InvalidCommitmentException if a name has no binding in the circuit or a commitment
     *     does not fit its tensor
     */
    public static ModelCommitment of(Circuit circuit, Map<String, TensorCommitment> tensors)
            throws InvalidCommitmentException {
        return of(circuit.digest(), circuit, tensors);
    }

    /**
     * The commitment of the model whose digest is {@code modelDigest}, checked against one of the
     * circuits compiled from it.
     *
     * @throws InvalidCommitmentException as {@link #of(Circuit, Map)}
     */
    public static ModelCommitment of(byte[] modelDigest, Circuit circuit, Map<String, TensorCommitment> tensors)
            throws InvalidCommitmentException {
        for (Map.Entry<String, TensorCommitment> e : tensors.entrySet()) {
            binding(circuit, e.getKey()).check(e.getValue());
        }
        return new ModelCommitment(modelDigest, tensors);
    }

    private static Binding binding(Circuit circuit, String name) throws InvalidCommitmentException {
        Binding b = Binding.find(circuit, name);
        if (b == null) {
            throw new InvalidCommitmentException("the circuit has no bound tensor named " + name);
        }
        return b;
    }

    /**
     * Fills every bound tensor's digest into a verifier's public values: the weights' from this
     * commitment; with no input commitments every bound tensor must be a weight here.
     *
     * @throws InvalidCommitmentException as {@link #publish(Circuit, long[][], Map)}
     */
    public void publish(Circuit circuit, long[][] publicValues) throws InvalidCommitmentException {
        publish(circuit, publicValues, Map.of());
    }

    /**
     * Fills every bound tensor's digest into a verifier's public values: the weights' from this
     * commitment, the inputs' from {@code inputs} (by tensor name, each published by its data
     * owner). Every digest is overwritten, so none can come from the prover.
     *
     * @throws InvalidCommitmentException if this commitment is for another model or circuit (another
     *     architecture, quantization or shape), a bound tensor has no commitment, a name is not a
     *     bound tensor or is given twice, or a commitment does not fit its tensor
     */
    public void publish(Circuit circuit, long[][] publicValues, Map<String, TensorCommitment> inputs)
            throws InvalidCommitmentException {
        publish(circuit, circuit.digest(), publicValues, inputs);
    }

    /**
     * {@link #publish(Circuit, long[][], Map)} for a circuit compiled from the model whose digest
     * is {@code expectedDigest}.
     */
    public void publish(Circuit circuit, byte[] expectedDigest, long[][] publicValues, Map<String, TensorCommitment> inputs)
            throws InvalidCommitmentException {
        if (!Arrays.equals(expectedDigest, modelDigest)) {
            throw new InvalidCommitmentException("the model commitment is for another model: its digest is "
                    + HexFormat.of().formatHex(modelDigest, 0, 8) + "..., the key's is "
                    + HexFormat.of().formatHex(expectedDigest, 0, 8) + "...");
        }
        java.util.Set<String> named = new java.util.HashSet<>();
        for (Binding b : Binding.all(circuit)) {
            if (!named.add(b.name())) {
                throw new InvalidCommitmentException("several bound tensors are named " + b.name());
            }
            TensorCommitment weight = tensors.get(b.name());
            TensorCommitment input = inputs.get(b.name());
            if (weight != null && input != null) {
                throw new InvalidCommitmentException(b.name() + " is both a weight of the model commitment and an input");
            }
            if (weight == null && input == null) {
                throw new InvalidCommitmentException("no commitment for the bound tensor " + b.name()
                        + ": it is not in the model commitment, and no input commitment was given for it");
            }
            b.publish(publicValues, weight != null ? weight : input);
        }
        for (String name : inputs.keySet()) {
            if (!named.contains(name)) {
                throw new InvalidCommitmentException("the circuit has no bound tensor named " + name);
            }
        }
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeByte(VERSION);
            out.write(modelDigest);
            out.writeShort(tensors.size());
            for (Map.Entry<String, TensorCommitment> e : tensors.entrySet()) {
                byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
                out.writeShort(name.length);
                out.write(name);
                byte[] c = e.getValue().encode();
                out.writeInt(c.length);
                out.write(c);
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws InvalidCommitmentException naming what is wrong with the encoding */
    public static ModelCommitment decode(byte[] encoded) throws InvalidCommitmentException {
        ByteBuffer in = ByteBuffer.wrap(encoded);
        try {
            Encodings.readHeader(in, MAGIC, VERSION, "model commitment");
            byte[] digest = new byte[32];
            in.get(digest);
            int count = in.getShort() & 0xFFFF;
            Map<String, TensorCommitment> tensors = new TreeMap<>();
            for (int i = 0; i < count; i++) {
                byte[] name = new byte[in.getShort() & 0xFFFF];
                in.get(name);
                String n;
                try {
                    n = StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(name)).toString();
                } catch (CharacterCodingException e) {
                    throw new InvalidCommitmentException("model commitment: tensor name " + i + " is not UTF-8");
                }
                int length = in.getInt();
                if (length < 0 || length > Math.min(in.remaining(), MAX_ENTRY)) {
                    throw new InvalidCommitmentException("model commitment: tensor " + n + " claims " + length
                            + " bytes, " + in.remaining() + " remain");
                }
                byte[] c = new byte[length];
                in.get(c);
                if (tensors.put(n, TensorCommitment.decode(c)) != null) {
                    throw new InvalidCommitmentException("model commitment: tensor " + n + " appears twice");
                }
            }
            if (in.hasRemaining()) {
                throw new InvalidCommitmentException("model commitment: " + in.remaining() + " bytes after the last tensor");
            }
            return new ModelCommitment(digest, tensors);
        } catch (BufferUnderflowException e) {
            throw new InvalidCommitmentException("model commitment: truncated");
        }
    }

    /** SHA-256 of the encoding, in hex. */
    public String fingerprint() {
        return Encodings.fingerprint(encode());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ModelCommitment m && Arrays.equals(modelDigest, m.modelDigest)
                && tensors.equals(m.tensors);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(modelDigest) + tensors.hashCode();
    }

    @Override
    public String toString() {
        return "ModelCommitment[" + tensors.keySet() + ", " + fingerprint().substring(0, 16) + "]";
    }
}
