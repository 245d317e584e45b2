package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.transcript.Transcript;

/** The transcript steps prover and verifier share before the first layer. */
final class Statement {
    static final String DOMAIN = "zkinfer/circuit";

    private Statement() {}

    /** Starts the transcript and binds the key (parameters, circuit, tables) and the public values. */
    static Transcript start(VerifyingKey vk, long[][] publicValues) {
        Transcript t = Transcript.create(vk.parameters().hash(), DOMAIN);
        t.absorbInt("circuit/proof-version", CircuitProof.VERSION);
        t.absorbBytes("circuit/parameters", vk.parameters().encode());
        t.absorbInt("circuit/zero-knowledge", vk.zeroKnowledge() ? 1 : 0);
        t.absorbDigest("circuit/digest", vk.circuit().digest());
        t.absorbBytes("circuit/preprocessed", vk.preprocessed() == null ? new byte[0] : vk.preprocessed().encode());
        for (Tensor tensor : vk.circuit().revealed()) {
            t.absorbInt("circuit/public-tensor", tensor.id());
            t.absorbFields("circuit/public-values", publicValues[tensor.id()]);
        }
        return t;
    }

    /** Log sizes of the committed tensors, in commitment order. */
    static int[] committedLogSizes(Circuit c) {
        return c.committed().stream().mapToInt(Tensor::numVariables).toArray();
    }

    /** Each tensor's index in the proof's commitment (-1 if not committed). */
    static int[] commitmentIndex(Circuit c) {
        int[] idx = new int[c.tensorCount()];
        java.util.Arrays.fill(idx, -1);
        int i = 0;
        for (Tensor t : c.committed()) {
            idx[t.id()] = i++;
        }
        return idx;
    }

    /**
     * Preprocessed tensors of at most 2^EVALUATED_VARIABLES entries (function and range tables,
     * small public weights) stay out of the key's commitment: the verifier evaluates their
     * multilinear extensions itself, in time linear in their size (well under a millisecond
     * each; a piecewise-linear one, such as a requantization table, in O(runs * m) through
     * {@link io.zkinfer.field.PiecewiseLinear}), which spares the proof the key's opening. The
     * circuit's digest, in the statement, binds their values.
     */
    static final int EVALUATED_VARIABLES = 16;

    /** Whether the verifier evaluates this preprocessed tensor itself instead of checking an opening. */
    static boolean evaluatedByVerifier(Tensor t) {
        return t.kind() == Tensor.Kind.PREPROCESSED && t.numVariables() <= EVALUATED_VARIABLES;
    }

    /** The preprocessed tensors the key commits to, in commitment order. */
    static java.util.List<Tensor> keyCommitted(Circuit c) {
        return c.preprocessedTensors().stream().filter(t -> !evaluatedByVerifier(t)).toList();
    }

    /** Each tensor's index in the key's table commitment (-1 if not in it). */
    static int[] preprocessedIndex(Circuit c) {
        int[] idx = new int[c.tensorCount()];
        java.util.Arrays.fill(idx, -1);
        int i = 0;
        for (Tensor t : keyCommitted(c)) {
            idx[t.id()] = i++;
        }
        return idx;
    }

    static String layerPrefix(int index) {
        return "layer" + index + "/";
    }
}
