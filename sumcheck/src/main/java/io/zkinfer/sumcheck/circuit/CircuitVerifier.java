package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.commit.whir.EvaluationClaim;
import io.zkinfer.commit.whir.InvalidProofException;
import io.zkinfer.commit.whir.WhirCommitment;
import io.zkinfer.commit.whir.WhirVerifier;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import java.util.List;

/**
 * Checks a circuit proof against a verifying key and the revealed tensors' values, mirroring
 * {@link CircuitProver} step by step. Every failure, a malformed proof included, is a
 * {@link ProofException} that names the layer and the check.
 */
public final class CircuitVerifier {
    private CircuitVerifier() {}

    /**
     * @param publicValues the padded values of each revealed tensor by id (see
     *     {@link CircuitProver#publicValues}); null for the others
     */
    public static void verify(VerifyingKey vk, long[][] publicValues, CircuitProof proof) throws ProofException {
        Circuit c = vk.circuit();
        ExtensionField ext = vk.parameters().extension();
        checkPublicValues(c, publicValues);
        Transcript t = Statement.start(vk, publicValues);
        if (vk.zeroKnowledge()) {
            ZkEngine.verify(vk, publicValues, proof, t);
            return;
        }
        if (proof.bulkRoots().length != 0) {
            // Only zero-knowledge proofs carry these: extra parts would make proofs malleable.
            throw new ProofException("proof: bulk commitments in a proof without zero knowledge");
        }
        int[] logSizes = Statement.committedLogSizes(c);
        if ((logSizes.length == 0) != (proof.root().length == 0)) {
            throw new ProofException("proof: commitment root " + (logSizes.length == 0 ? "present" : "missing"));
        }
        t.absorbDigest("circuit/commitment", proof.root().length == 0 ? new byte[32] : proof.root());

        VerifierContext ctx = new VerifierContext(t, ext, c, publicValues, proof.messages());
        ClaimBook book = new ClaimBook(c);
        for (Tensor tensor : c.revealed()) {
            if (tensor.kind() != Tensor.Kind.PUBLIC) {
                long[] point = ctx.point("output/" + tensor.id(), tensor.numVariables());
                book.add(new Claim(tensor.id(), point, Multilinear.evaluate(ext, publicValues[tensor.id()], point)));
            }
        }
        List<Layer> layers = c.layers();
        for (int li = layers.size() - 1; li >= 0; li--) {
            Layer layer = layers.get(li);
            ctx.enter(Statement.layerPrefix(li), "layer " + li + " (" + layer.describe() + ")");
            Claim in = null;
            int r = layer.reducedTensor();
            if (r >= 0) {
                in = ClaimMerge.verify(ctx, r, book.take(r));
            }
            book.addAll(layer.verify(ctx, in));
        }
        ctx.enter("", "proof");
        if (!ctx.exhausted()) {
            throw new ProofException("proof: " + ctx.unread() + " unread message limbs");
        }
        if (book.intermediateLeft()) {
            throw new IllegalStateException("a layer left claims on intermediate tensors");
        }
        for (Claim claim : book.ofKind(Tensor.Kind.PREPROCESSED)) {
            if (Statement.evaluatedByVerifier(c.tensor(claim.tensor()))) {
                long[] expected = ZkEngine.evaluateTable(ext, c, claim.tensor(), claim.point());
                if (!java.util.Arrays.equals(expected, claim.value())) {
                    throw new ProofException("claim on table " + c.tensor(claim.tensor()).name() + " is false");
                }
            }
        }
        for (Claim claim : book.ofKind(Tensor.Kind.PUBLIC)) {
            long[] expected = Multilinear.evaluate(ext, publicValues[claim.tensor()], claim.point());
            if (!java.util.Arrays.equals(expected, claim.value())) {
                throw new ProofException("claim on public tensor " + c.tensor(claim.tensor()).name() + " is false");
            }
        }
        try {
            List<EvaluationClaim> claims = book.commitmentClaims(Statement.commitmentIndex(c));
            if (claims.isEmpty() != (proof.opening().length == 0)) {
                throw new ProofException("proof: commitment opening " + (claims.isEmpty() ? "unexpected" : "missing"));
            }
            if (!claims.isEmpty()) {
                WhirCommitment commitment = new WhirCommitment(proof.root(), logSizes, false,
                        vk.parameters());
                WhirVerifier.verify(vk.parameters(), commitment, claims, proof.opening(), t);
            }
            List<EvaluationClaim> pre = book.commitmentClaims(Statement.preprocessedIndex(c));
            if (pre.isEmpty() != (proof.preprocessedOpening().length == 0)) {
                throw new ProofException("proof: table opening " + (pre.isEmpty() ? "unexpected" : "missing"));
            }
            if (!pre.isEmpty()) {
                WhirVerifier.verify(vk.parameters(), vk.preprocessed(), pre, proof.preprocessedOpening(), t);
            }
        } catch (InvalidProofException e) {
            throw new ProofException("commitment opening: " + e.getMessage(), e);
        }
    }

    private static void checkPublicValues(Circuit c, long[][] publicValues) throws ProofException {
        if (publicValues == null || publicValues.length != c.tensorCount()) {
            throw new ProofException("public values: expected an entry per tensor (" + c.tensorCount() + ")");
        }
        for (Tensor t : c.revealed()) {
            long[] v = publicValues[t.id()];
            if (v == null || v.length != t.shape().paddedSize()) {
                throw new ProofException("public values: tensor " + t.name() + " needs " + t.shape().paddedSize()
                        + " values");
            }
            if (!VerifierContext.canonical(v)) {
                throw new ProofException("public values: tensor " + t.name() + " has a non-canonical value");
            }
        }
    }
}
