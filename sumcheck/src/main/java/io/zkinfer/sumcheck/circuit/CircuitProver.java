package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.commit.whir.EvaluationClaim;
import io.zkinfer.commit.whir.WhirProof;
import io.zkinfer.commit.whir.WhirProver;
import io.zkinfer.commit.whir.WhirWitness;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Proves a circuit run: commits to the committed tensors (hiding when zero knowledge is on),
 * draws a random claim on every revealed computed tensor, lets the layers reduce claims from the
 * last layer back to the first (merging claims on each intermediate tensor first), and discharges
 * every claim on a committed tensor in one batched opening, and every claim on a preprocessed
 * table in one opening of the key's commitment.
 */
public final class CircuitProver {
    private CircuitProver() {}

    /** Proves with masks and salts from a fresh {@link ChaChaRandom} (keyed from SecureRandom). */
    public static CircuitProof prove(ProvingKey key, Witness witness) {
        return prove(key, witness, ChaChaRandom.create());
    }

    /**
     * Proves that {@code witness} satisfies the circuit.
     *
     * @param rng the source of masks and salts; cryptographically secure outside tests
     */
    public static CircuitProof prove(ProvingKey key, Witness witness, RandomGenerator rng) {
        VerifyingKey vk = key.verifyingKey();
        Circuit c = vk.circuit();
        if (witness.circuit() != c) {
            throw new IllegalArgumentException("the witness belongs to another circuit");
        }
        ExtensionField ext = vk.parameters().extension();
        long[][] publicValues = publicValues(c, witness);
        Transcript t = Statement.start(vk, publicValues);
        if (vk.zeroKnowledge()) {
            return ZkEngine.prove(key, witness, publicValues, t, rng);
        }

        List<long[]> committedValues = new ArrayList<>();
        for (Tensor tensor : c.committed()) {
            committedValues.add(witness.values(tensor.id()));
        }
        WhirWitness commitment = committedValues.isEmpty() ? null
                : WhirProver.commit(vk.parameters(), committedValues, false, rng);
        byte[] root = commitment == null ? new byte[0] : commitment.commitment().root();
        t.absorbDigest("circuit/commitment", root.length == 0 ? new byte[32] : root);

        ProverContext ctx = new ProverContext(t, ext, witness);
        ClaimBook book = new ClaimBook(c);
        for (Tensor tensor : c.revealed()) {
            if (tensor.kind() != Tensor.Kind.PUBLIC) {
                long[] point = ctx.point("output/" + tensor.id(), tensor.numVariables());
                book.add(new Claim(tensor.id(), point,
                        Multilinear.evaluate(ext, witness.values(tensor.id()), point)));
            }
        }
        List<Layer> layers = c.layers();
        for (int li = layers.size() - 1; li >= 0; li--) {
            Layer layer = layers.get(li);
            ctx.enter(Statement.layerPrefix(li));
            Claim in = null;
            int r = layer.reducedTensor();
            if (r >= 0) {
                in = ClaimMerge.prove(ctx, r, book.take(r));
            }
            book.addAll(layer.prove(ctx, in));
        }
        ctx.enter("");

        byte[] opening = new byte[0];
        List<EvaluationClaim> claims = book.commitmentClaims(Statement.commitmentIndex(c));
        if (!claims.isEmpty()) {
            WhirProof p = WhirProver.open(commitment, claims, t);
            opening = p.encode();
        }
        byte[] preOpening = new byte[0];
        List<EvaluationClaim> preClaims = book.commitmentClaims(Statement.preprocessedIndex(c));
        if (!preClaims.isEmpty()) {
            preOpening = WhirProver.open(key.preprocessedWitness(), preClaims, t).encode();
        }
        long[] flat = flatten(ctx.messages());
        return new CircuitProof(root, flat, opening, preOpening);
    }

    /** The revealed tensors' values, indexed by tensor id (null for the others). */
    public static long[][] publicValues(Circuit c, Witness witness) {
        long[][] out = new long[c.tensorCount()][];
        for (Tensor tensor : c.revealed()) {
            out[tensor.id()] = witness.values(tensor.id()).clone();
        }
        return out;
    }

    static long[] flatten(List<long[]> messages) {
        int n = 0;
        for (long[] m : messages) {
            n += m.length;
        }
        long[] out = new long[n];
        int o = 0;
        for (long[] m : messages) {
            System.arraycopy(m, 0, out, o, m.length);
            o += m.length;
        }
        return out;
    }
}
