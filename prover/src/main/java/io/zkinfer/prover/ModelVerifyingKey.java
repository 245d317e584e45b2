package io.zkinfer.prover;

import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.ModelException;
import io.zkinfer.model.quant.QGraph;
import io.zkinfer.model.quant.QGraphCodec;
import io.zkinfer.model.quant.QInfo;
import io.zkinfer.model.quant.QuantizedModel;
import io.zkinfer.model.quant.QuantizedModelCodec;
import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import io.zkinfer.sumcheck.binding.ModelCommitment;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.VerifyingKey;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * What a verifier needs for one model: the quantized graph as the verifier sees it (the
 * architecture, scales, bounds and tables; the weights' values only when they are public), how it
 * was compiled, the circuit's verifying key (rebuilt from those), and the model commitment C_M
 * its private weights are bound to (null when the weights are public).
 *
 * <p>Encoding (big-endian): "ZKVK", u16 version, u8 length and the WHIR parameters' encoding,
 * u8 zero knowledge, u8 weights' and u8 inputs' visibility (0 private, 1 public), u32 length and
 * the graph ({@link QGraphCodec}), u32 length and C_M's encoding (length 0 with public
 * weights), u32 length and the input quantization ({@link QuantizedModelCodec}, weights zeroed;
 * length 0 when absent). Version 1 had no input quantization. The full claim's circuit key is
 * compiled from the graph again, so it is the one the prover used exactly when C_M's digest
 * matches the graph, which the verifier checks. A decoded key compiles it on first use
 * ({@link #key}): a claim's proof is checked against the claim's own circuit, compiled from the
 * same graph, and never needs the full one.
 */
public final class ModelVerifyingKey {
    private final QGraph graph;
    private final CompileOptions options;
    private final WhirParameters parameters;
    private final boolean zeroKnowledge;
    private final ModelCommitment commitment;
    /**
     * The full claim's circuit key; null in a decoded key until {@link #key} first compiles it
     * (volatile: {@link #withQuantization} passes it on without taking the lock).
     */
    private volatile VerifyingKey key;
    /** How float inputs become the graph's integers (weights zeroed), or null: see {@link #quantization}. */
    private final QuantizedModel quantization;

    /**
     * Only this package makes keys: {@link #decode} and {@code ModelProver} build the circuit's
     * key from the graph itself, so a key's parts always belong together (a caller could
     * otherwise pair one model's graph and C_M with another circuit's key).
     */
    ModelVerifyingKey(QGraph graph, CompileOptions options, VerifyingKey key, ModelCommitment commitment) {
        this(graph, options, key.parameters(), key.zeroKnowledge(), key, commitment, null);
    }

    private ModelVerifyingKey(QGraph graph, CompileOptions options, WhirParameters parameters, boolean zeroKnowledge,
            VerifyingKey key, ModelCommitment commitment, QuantizedModel quantization) {
        this.graph = graph;
        this.options = options;
        this.parameters = parameters;
        this.zeroKnowledge = zeroKnowledge;
        this.key = key;
        this.commitment = commitment;
        this.quantization = quantization;
    }

    /**
     * This key, also describing how {@code model}'s float inputs become integers (their scales,
     * widths and normalizations; its weights are dropped): what a data owner needs to commit to
     * an input with the key alone ({@link CommittedInput#commit(ModelVerifyingKey, List,
     * io.zkinfer.commit.random.ChaChaRandom)}), without the weights.
     *
     * @throws IllegalArgumentException if {@code model}'s graph is not this key's
     */
    public ModelVerifyingKey withQuantization(QuantizedModel model) {
        if (!java.util.Arrays.equals(QGraphCodec.encode(model.graph(), false), QGraphCodec.encode(graph, false))) {
            throw new IllegalArgumentException("the quantized model's graph is not this key's");
        }
        return new ModelVerifyingKey(graph, options, parameters, zeroKnowledge, key, commitment,
                model.withoutWeights());
    }

    /**
     * How the model's float inputs become the graph's integers and its outputs read as floats
     * (a {@link QuantizedModel} whose weights are zeros), or null when the key was made without
     * it ({@link #withQuantization}).
     */
    public QuantizedModel quantization() {
        return quantization;
    }

    /** The quantized graph as the verifier sees it (private weights' values are zeros). */
    public QGraph graph() {
        return graph;
    }

    public CompileOptions options() {
        return options;
    }

    /**
     * The full claim's circuit key, built from {@link #graph} (by a decoded key on the first call:
     * compiling and setting it up takes a cold verifier 150-500 ms, wasted on a proof of another
     * claim or of a batch, which compiles its own circuit).
     *
     * @throws IllegalArgumentException if the graph does not compile (only a tampered key's)
     */
    public synchronized VerifyingKey key() {
        if (key == null) {
            key = ProvingKey.setup(CompiledModel.compile(graph, options).circuit(), parameters, zeroKnowledge)
                    .verifyingKey();
        }
        return key;
    }

    /** The commitment parameters every circuit of this key uses. */
    public WhirParameters parameters() {
        return parameters;
    }

    /** Whether proofs against this key are zero knowledge. */
    public boolean zeroKnowledge() {
        return zeroKnowledge;
    }

    /** C_M, or null when the weights are public. */
    public ModelCommitment commitment() {
        return commitment;
    }

    /** The encoding's version. */
    public static final int VERSION = 2;
    private static final byte[] MAGIC = {'Z', 'K', 'V', 'K'};

    /** The outputs a claim gives, in order. */
    public List<String> outputs() {
        return graph.outputs();
    }

    /** The inputs a claim gives (all of them when inputs are public, else none). */
    public List<String> publicInputs() {
        List<String> out = new ArrayList<>();
        if (options.inputs() == Visibility.PUBLIC) {
            for (QInfo in : graph.inputs()) {
                out.add(in.name());
            }
        }
        return out;
    }

    /** The key's bytes: nothing private (the weights' values only when public). */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.write(MAGIC);
            out.writeShort(VERSION);
            byte[] params = parameters.encode();
            out.writeByte(params.length);
            out.write(params);
            out.writeByte(zeroKnowledge ? 1 : 0);
            out.writeByte(options.weights() == Visibility.PUBLIC ? 1 : 0);
            out.writeByte(options.inputs() == Visibility.PUBLIC ? 1 : 0);
            byte[] g = QGraphCodec.encode(graph, options.weights() == Visibility.PUBLIC);
            out.writeInt(g.length);
            out.write(g);
            byte[] cm = commitment == null ? new byte[0] : commitment.encode();
            out.writeInt(cm.length);
            out.write(cm);
            byte[] q = quantization == null ? new byte[0] : QuantizedModelCodec.encode(quantization, false);
            out.writeInt(q.length);
            out.write(q);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a key. Its full circuit is rebuilt when first asked for ({@link #key}: compiling the
     * graph and, for tables over 2^16 entries, committing them as the prover's key did).
     *
     * @throws ModelException (MALFORMED) naming the part that is wrong
     */
    public static ModelVerifyingKey decode(byte[] encoded) throws ModelException {
        ByteBuffer b = ByteBuffer.wrap(encoded);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw malformed("wrong magic bytes (not a zkinfer verifying key)");
            }
            int version = b.getShort() & 0xffff;
            if (version != VERSION) {
                throw malformed("version " + version + ", this reader reads " + VERSION);
            }
            WhirParameters params = WhirParameters.decode(bytes(b, b.get() & 0xff));
            boolean zk = flag(b, "zero knowledge");
            CompileOptions options = new CompileOptions(flag(b, "weights") ? Visibility.PUBLIC : Visibility.PRIVATE,
                    flag(b, "inputs") ? Visibility.PUBLIC : Visibility.PRIVATE);
            QGraph graph = QGraphCodec.decode(bytes(b, b.getInt()));
            byte[] cm = bytes(b, b.getInt());
            byte[] q = bytes(b, b.getInt());
            if (b.hasRemaining()) {
                throw malformed(b.remaining() + " trailing bytes");
            }
            if ((options.weights() == Visibility.PRIVATE) == (cm.length == 0)) {
                throw malformed("private weights need a model commitment, and public ones have none");
            }
            ModelCommitment commitment = cm.length == 0 ? null : ModelCommitment.decode(cm);
            QuantizedModel quantization = q.length == 0 ? null : QuantizedModelCodec.decode(q);
            if (quantization != null && !java.util.Arrays.equals(QGraphCodec.encode(quantization.graph(), false),
                    QGraphCodec.encode(graph, false))) {
                throw malformed("its input quantization is for another graph");
            }
            return new ModelVerifyingKey(graph, options, params, zk, null, commitment, quantization);
        } catch (BufferUnderflowException e) {
            throw malformed("truncated");
        } catch (InvalidCommitmentException | IllegalArgumentException e) {
            throw malformed(e.getMessage());
        }
    }

    private static byte[] bytes(ByteBuffer b, int n) throws ModelException {
        if (n < 0 || n > b.remaining()) {
            throw malformed("a part of " + n + " bytes with " + b.remaining() + " left");
        }
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }

    private static boolean flag(ByteBuffer b, String what) throws ModelException {
        byte v = b.get();
        if (v != 0 && v != 1) {
            throw malformed(what + " flag of value " + v);
        }
        return v == 1;
    }

    private static ModelException malformed(String problem) {
        return new ModelException(ModelException.Kind.MALFORMED, "verifying key: " + problem, "",
                "use the key the model owner published, unmodified");
    }
}
