package io.zkinfer.prover;

import io.zkinfer.model.quant.QGraph;
import io.zkinfer.sumcheck.binding.Binding;
import io.zkinfer.sumcheck.circuit.Circuit;
import java.util.List;
import java.util.Map;

/**
 * A quantized model compiled to its layered circuit. The circuit depends on the model's public
 * structure only (architecture, shapes, scales, tables, public weights), so the verifier can
 * rebuild it from what the verifying key describes.
 */
public final class CompiledModel {
    private final QGraph graph;
    private final CompileOptions options;
    private final ClaimSpec claim;
    private final int rows;
    private final Circuit circuit;
    private final Map<String, Integer> ids;
    private final List<WeightGroup> weights;
    private final Binding inputBinding;
    private final Binding outputBinding;

    CompiledModel(QGraph graph, CompileOptions options, ClaimSpec claim, int rows, Circuit circuit,
            Map<String, Integer> ids, List<WeightGroup> weights, Binding inputBinding, Binding outputBinding) {
        this.graph = graph;
        this.options = options;
        this.claim = claim;
        this.rows = rows;
        this.circuit = circuit;
        this.ids = ids;
        this.weights = weights;
        this.inputBinding = inputBinding;
        this.outputBinding = outputBinding;
    }

    /**
     * Compiles {@code graph}.
     *
     * @throws IllegalArgumentException naming the node if an op's bounds exceed what its layer proves
     */
    public static CompiledModel compile(QGraph graph, CompileOptions options) {
        return compile(graph, options, ClaimSpec.full());
    }

    /**
     * Compiles {@code graph} to the circuit that proves {@code claim} (which reveals only the
     * claim's value of the outputs).
     *
     * @throws IllegalArgumentException naming the node, or what the claim names that the model lacks
     */
    public static CompiledModel compile(QGraph graph, CompileOptions options, ClaimSpec claim) {
        return compile(graph, options, claim, 1);
    }

    /**
     * Compiles {@code graph} (one input row) to the circuit that proves {@code claim} of each of
     * {@code rows} rows at once ({@link io.zkinfer.model.quant.Batching}): inputs and outputs get
     * a leading dimension of {@code rows}, and a claim holds per row.
     *
     * @throws IllegalArgumentException as above, or if the model mixes rows
     */
    public static CompiledModel compile(QGraph graph, CompileOptions options, ClaimSpec claim, int rows) {
        return compile(graph, options, claim, rows, false);
    }

    /**
     * {@link #compile(QGraph, CompileOptions, ClaimSpec, int)}, with the model's input bound to an
     * input commitment when {@code bindInput} ({@link InputCommitment}: the proof then holds for
     * the committed input only).
     *
     * @throws IllegalArgumentException as above, or if {@code bindInput} and the model's input is
     *     public or it has several inputs
     */
    public static CompiledModel compile(QGraph graph, CompileOptions options, ClaimSpec claim, int rows,
            boolean bindInput) {
        return CircuitCompiler.compile(graph, options, claim, rows, bindInput);
    }

    /** Whether the circuit binds the model's input to an input commitment. */
    public boolean bindsInput() {
        return inputBinding != null;
    }

    /** The input's binding, or null when the circuit does not bind it. */
    Binding inputBinding() {
        return inputBinding;
    }

    /** The binding of a committed claim's output, or null for other claims. */
    Binding outputBinding() {
        return outputBinding;
    }

    /** The rows the circuit proves at once. */
    public int rows() {
        return rows;
    }

    /** The claim this circuit proves. */
    public ClaimSpec claim() {
        return claim;
    }

    /** The model's graph, for one input row (whatever {@link #rows} the circuit proves). */
    public QGraph graph() {
        return graph;
    }

    public CompileOptions options() {
        return options;
    }

    public Circuit circuit() {
        return circuit;
    }

    /** The circuit tensor of a graph tensor (an input, a constant or a node's output). */
    int tensorId(String name) {
        Integer id = ids.get(name);
        if (id == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "' in the compiled model");
        }
        return id;
    }

    List<WeightGroup> weights() {
        return weights;
    }

    /**
     * What a model commitment commits to: SHA-256 of the quantized graph's structure (its weights'
     * values too when they are public), the compile options, and the compiler's packing version.
     * Every circuit compiled from the model shares it, so one C_M serves them all; a change to
     * how weights are packed changes it, so a commitment from an older packing is refused by name
     * rather than failing to open.
     */
    public byte[] modelDigest() {
        return modelDigest(graph, options);
    }

    static byte[] modelDigest(QGraph graph, CompileOptions options) {
        try {
            java.security.MessageDigest md = java.security.MessageDigest.getInstance("SHA-256");
            md.update(("zkinfer/model/packing-v" + CircuitCompiler.PACKING_VERSION).getBytes(
                    java.nio.charset.StandardCharsets.US_ASCII));
            md.update((byte) (options.weights() == Visibility.PUBLIC ? 1 : 0));
            md.update((byte) (options.inputs() == Visibility.PUBLIC ? 1 : 0));
            md.update(io.zkinfer.model.quant.QGraphCodec.encode(graph, options.weights() == Visibility.PUBLIC));
            return md.digest();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }
}
