package io.zkinfer.prover;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.model.quant.QInfo;
import io.zkinfer.sumcheck.binding.Commitments;
import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import io.zkinfer.sumcheck.binding.TensorOpening;
import io.zkinfer.sumcheck.circuit.Shape;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * An input commitment with its opening: what the data owner hands the prover (and nobody else)
 * so that proofs can refer to the published {@link InputCommitment}. The opening holds the
 * quantized input (every row, row-major) and the salt that hides it. Secret; {@link #toString}
 * shows no value.
 *
 * <p>Encoding (big-endian): "ZKIS", u16 version, u32 length and the {@link InputCommitment}'s
 * encoding, u32 count and the values (i64), u32 count and the salt (i64), nothing after.
 */
public record CommittedInput(InputCommitment commitment, TensorOpening opening) {
    /** The encoding's version. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'Z', 'K', 'I', 'S'};

    /**
     * Commits to {@code rows} (quantized inputs, each one row of {@code model}'s single input,
     * by input name) in one commitment, with a fresh salt from {@code rng} (a cryptographic
     * generator: the salt is what hides the input).
     *
     * @throws IllegalArgumentException if the model's input is public or it has several inputs,
     *     a row lacks the input or has the wrong size, a value is beyond the input's bound, or the
     *     model cannot take a batch of that many rows
     */
    public static CommittedInput commit(CompiledModel model, List<Map<String, long[]>> rows, ChaChaRandom rng) {
        return commit(model.graph(), model.options(), rows, rng);
    }

    /**
     * {@link #commit(CompiledModel, List, ChaChaRandom)} from the model's verifying key: what a
     * data owner, who does not have the weights, commits with.
     */
    public static CommittedInput commit(ModelVerifyingKey vk, List<Map<String, long[]>> rows, ChaChaRandom rng) {
        return commit(vk.graph(), vk.options(), rows, rng);
    }

    private static CommittedInput commit(io.zkinfer.model.quant.QGraph graph, CompileOptions options,
            List<Map<String, long[]>> rows, ChaChaRandom rng) {
        QInfo in = committableInput(graph, options);
        if (rows.isEmpty()) {
            throw new IllegalArgumentException("an input commitment covers at least one row");
        }
        long[] values = new long[in.size() * rows.size()];
        for (int r = 0; r < rows.size(); r++) {
            long[] v = rows.get(r).get(in.name());
            if (v == null || v.length != in.size()) {
                throw new IllegalArgumentException("row " + r + ": input '" + in.name() + "' needs " + in.size()
                        + " values, got " + (v == null ? "none" : v.length));
            }
            System.arraycopy(v, 0, values, r * in.size(), in.size());
        }
        Shape shape = Shape.of(io.zkinfer.model.quant.Batching.batched(graph, rows.size()).inputs().getFirst().shape());
        Commitments.Committed c = Commitments.commit(shape, CircuitCompiler.inputBits(in), values, rng);
        return new CommittedInput(new InputCommitment(rows.size(), c.commitment()), c.opening());
    }

    /** The one private input of {@code model}, which an input commitment covers. */
    static QInfo committableInput(CompiledModel model) {
        return committableInput(model.graph(), model.options());
    }

    private static QInfo committableInput(io.zkinfer.model.quant.QGraph graph, CompileOptions options) {
        if (options.inputs() != Visibility.PRIVATE) {
            throw new IllegalArgumentException("the model's inputs are public: a proof shows them, and there is "
                    + "nothing to commit to");
        }
        List<QInfo> inputs = graph.inputs();
        if (inputs.size() != 1) {
            throw new IllegalArgumentException("an input commitment covers a model's one input; this model has "
                    + inputs.size());
        }
        return inputs.getFirst();
    }

    /** The rows' quantized values, by the model's input name, as {@link ModelProver#prove(List, ClaimSpec)} takes them. */
    List<Map<String, long[]>> rows(CompiledModel model) {
        QInfo in = committableInput(model);
        long[] values = opening.values();
        if (values.length != (long) in.size() * commitment.rows()) {
            throw new IllegalArgumentException("the input commitment holds " + values.length + " values in "
                    + commitment.rows() + " rows; the model's input '" + in.name() + "' takes " + in.size() + " a row");
        }
        List<Map<String, long[]>> out = new java.util.ArrayList<>();
        for (int r = 0; r < commitment.rows(); r++) {
            out.add(Map.of(in.name(), Arrays.copyOfRange(values, r * in.size(), (r + 1) * in.size())));
        }
        return out;
    }

    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.write(MAGIC);
            out.writeShort(VERSION);
            byte[] c = commitment.encode();
            out.writeInt(c.length);
            out.write(c);
            LongArrays.write(out, opening.values());
            LongArrays.write(out, opening.salt());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads an encoding and checks that its opening opens its commitment.
     *
     * @throws InvalidCommitmentException naming what is wrong (magic, version, a malformed
     *     commitment, truncated, trailing bytes, an opening that does not open the commitment)
     */
    public static CommittedInput decode(byte[] encoded) throws InvalidCommitmentException {
        ByteBuffer b = ByteBuffer.wrap(encoded);
        try {
            byte[] magic = new byte[MAGIC.length];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new InvalidCommitmentException("input secret: wrong magic bytes (not a zkinfer input secret)");
            }
            int version = b.getShort() & 0xffff;
            if (version != VERSION) {
                throw new InvalidCommitmentException("input secret: version " + version + ", this reader reads " + VERSION);
            }
            int n = b.getInt();
            if (n < 0 || n > b.remaining()) {
                throw new InvalidCommitmentException("input secret: the commitment declares " + n + " bytes, "
                        + b.remaining() + " remain");
            }
            byte[] c = new byte[n];
            b.get(c);
            InputCommitment commitment = InputCommitment.decode(c);
            TensorOpening opening = new TensorOpening(LongArrays.read(b, "input secret: the values"),
                    LongArrays.read(b, "input secret: the salt"));
            if (b.hasRemaining()) {
                throw new InvalidCommitmentException("input secret: " + b.remaining() + " trailing bytes");
            }
            if (!Commitments.opens(commitment.tensor(), opening)) {
                throw new InvalidCommitmentException("input secret: its values and salt do not open its commitment");
            }
            return new CommittedInput(commitment, opening);
        } catch (BufferUnderflowException e) {
            throw new InvalidCommitmentException("input secret: truncated");
        }
    }

    @Override
    public String toString() {
        return "CommittedInput[" + commitment + ": opening secret]";
    }
}
