package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.commit.whir.InvalidProofException;
import io.zkinfer.commit.whir.LinearClaim;
import io.zkinfer.commit.whir.WhirCommitment;
import io.zkinfer.commit.whir.WhirProver;
import io.zkinfer.commit.whir.WhirVerifier;
import io.zkinfer.commit.whir.WhirWitness;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * The zero-knowledge proof of a circuit. Every non-public tensor (intermediate ones too) and a
 * pool of random masks go into one hiding commitment; each layer checks its own relation at
 * points it draws, through zero-knowledge sumchecks and linear claims; a revealed tensor is
 * tied to the commitment at a random point; every claim is a linear claim on the commitment,
 * all proven by one opening, which reveals only the claims' values: masked evaluations, values
 * fixed by public data, and messages already masked.
 */
final class ZkEngine {
    private ZkEngine() {}

    /** The committed tensors of a zero-knowledge proof, in commitment order: committed and intermediate. */
    static List<Tensor> committed(Circuit c) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : c.tensors()) {
            if (t.kind() == Tensor.Kind.COMMITTED || t.kind() == Tensor.Kind.INTERMEDIATE) {
                out.add(t);
            }
        }
        return out;
    }

    /** Pool slots every layer takes; fails naming the first layer without a zero-knowledge protocol. */
    static int slots(Circuit c) {
        int total = 0;
        for (Layer l : c.layers()) {
            int s = l.zkSlots();
            if (s < 0) {
                throw new IllegalArgumentException("zero knowledge is not available for this circuit: layer "
                        + l.describe() + " has no zero-knowledge protocol yet");
            }
            total += s;
        }
        return total;
    }

    static int[] logSizes(Circuit c, ExtensionField ext, MaskPool pool) {
        List<Tensor> committed = committed(c);
        int[] sizes = new int[committed.size() + ext.degree()];
        for (int i = 0; i < committed.size(); i++) {
            sizes[i] = committed.get(i).numVariables();
        }
        for (int l = 0; l < ext.degree(); l++) {
            sizes[committed.size() + l] = pool.variables();
        }
        return sizes;
    }

    static CircuitProof prove(ProvingKey key, Witness witness, long[][] publicValues, Transcript t,
            RandomGenerator rng) {
        VerifyingKey vk = key.verifyingKey();
        Circuit c = vk.circuit();
        ExtensionField ext = vk.parameters().extension();
        MaskPool pool = MaskPool.random(ext, slots(c), rng);
        List<long[]> polys = new ArrayList<>();
        for (Tensor tensor : committed(c)) {
            polys.add(witness.values(tensor.id()));
        }
        for (int l = 0; l < ext.degree(); l++) {
            polys.add(pool.limb(l));
        }
        WhirWitness commitment = WhirProver.commit(vk.parameters(), polys, true, rng);
        byte[] root = commitment.commitment().root();
        t.absorbDigest("circuit/commitment", root);
        ProverContext ctx = new ProverContext(t, ext, witness);
        ctx.zeroKnowledge(pool);
        for (Tensor tensor : c.revealed()) {
            if (tensor.kind() != Tensor.Kind.PUBLIC) {
                long[] point = ctx.point("output/" + tensor.id(), tensor.numVariables());
                ctx.formClaim(LinearForm.of(ext, tensor.id(), point),
                        Multilinear.evaluate(ext, publicValues[tensor.id()], point));
            }
        }
        List<Layer> layers = c.layers();
        for (int li = 0; li < layers.size(); li++) {
            ctx.enter(Statement.layerPrefix(li));
            layers.get(li).proveZk(ctx);
        }
        ctx.enter("");
        if (pool.used() != slots(c)) {
            throw new IllegalStateException("the layers took " + pool.used() + " mask slots, declared " + slots(c));
        }
        List<LinearClaim> claims = new ArrayList<>();
        for (ProverContext.FormClaim fc : ctx.formClaims()) {
            LinearClaim lc;
            try {
                lc = toLinear(ext, c, publicValues, fc.form(), fc.value());
            } catch (ProofException e) {
                throw new IllegalStateException("the witness fails a check on public values", e);
            }
            if (lc != null) {
                claims.add(lc);
            }
        }
        byte[] opening = claims.isEmpty() ? new byte[0] : WhirProver.openLinear(commitment, claims, t).encode();
        long[] flat = CircuitProver.flatten(ctx.messages());
        return new CircuitProof(root, flat, opening, new byte[0]);
    }

    static void verify(VerifyingKey vk, long[][] publicValues, CircuitProof proof, Transcript t) throws ProofException {
        Circuit c = vk.circuit();
        ExtensionField ext = vk.parameters().extension();
        int slots;
        try {
            slots = slots(c);
        } catch (IllegalArgumentException e) {
            throw new ProofException(e.getMessage());
        }
        MaskPool pool = MaskPool.layout(ext, slots);
        if (proof.root().length != 32) {
            throw new ProofException("proof: commitment root missing");
        }
        if (proof.preprocessedOpening().length != 0) {
            throw new ProofException("proof: unexpected table opening");
        }
        t.absorbDigest("circuit/commitment", proof.root());
        VerifierContext ctx = new VerifierContext(t, ext, c, publicValues, proof.messages());
        ctx.zeroKnowledge(pool);
        for (Tensor tensor : c.revealed()) {
            if (tensor.kind() != Tensor.Kind.PUBLIC) {
                long[] point = ctx.point("output/" + tensor.id(), tensor.numVariables());
                ctx.formClaim(LinearForm.of(ext, tensor.id(), point),
                        Multilinear.evaluate(ext, publicValues[tensor.id()], point));
            }
        }
        List<Layer> layers = c.layers();
        for (int li = 0; li < layers.size(); li++) {
            Layer layer = layers.get(li);
            ctx.enter(Statement.layerPrefix(li), "layer " + li + " (" + layer.describe() + ")");
            layer.verifyZk(ctx);
        }
        ctx.enter("", "proof");
        if (!ctx.exhausted()) {
            throw new ProofException("proof: " + ctx.unread() + " unread message limbs");
        }
        List<LinearClaim> claims = new ArrayList<>();
        for (VerifierContext.FormClaim fc : ctx.formClaims()) {
            LinearClaim lc = toLinear(ext, c, publicValues, fc.form(), fc.value());
            if (lc == null) {
                continue;
            }
            claims.add(lc);
        }
        if (claims.isEmpty() != (proof.opening().length == 0)) {
            throw new ProofException("proof: commitment opening " + (claims.isEmpty() ? "unexpected" : "missing"));
        }
        if (claims.isEmpty()) {
            return;
        }
        try {
            WhirCommitment commitment = new WhirCommitment(proof.root(), logSizes(c, ext, pool), true,
                    vk.parameters());
            WhirVerifier.verifyLinear(vk.parameters(), commitment, claims, proof.opening(), t);
        } catch (InvalidProofException | IllegalArgumentException e) {
            throw new ProofException("commitment opening: " + e.getMessage(), e);
        }
    }

    /**
     * A form claim as a linear claim on the commitment: public tensors' terms evaluated into the
     * value, the pool's extension values split into their limb polynomials. Null when no
     * committed term is left (then the claim must hold outright).
     */
    static LinearClaim toLinear(ExtensionField ext, Circuit c, long[][] publicValues, LinearForm form, long[] value)
            throws ProofException {
        List<Tensor> committed = committed(c);
        int[] index = new int[c.tensorCount()];
        java.util.Arrays.fill(index, -1);
        for (int i = 0; i < committed.size(); i++) {
            index[committed.get(i).id()] = i;
        }
        int d = ext.degree();
        long[] target = ext.sub(value, form.constant());
        List<LinearClaim.Term> terms = new ArrayList<>();
        for (LinearForm.Term term : form.terms()) {
            if (term.tensor() == LinearForm.POOL) {
                for (int l = 0; l < d; l++) {
                    long[] ul = new long[d];
                    ul[l] = 1;
                    terms.add(new LinearClaim.Term(committed.size() + l, term.point(), ext.mul(term.coefficient(), ul)));
                }
                continue;
            }
            Tensor tensor = c.tensor(term.tensor());
            if (tensor.kind() == Tensor.Kind.PUBLIC) {
                long[] v = Multilinear.evaluate(ext, publicValues[tensor.id()], term.point());
                target = ext.sub(target, ext.mul(term.coefficient(), v));
            } else if (index[tensor.id()] >= 0) {
                terms.add(new LinearClaim.Term(index[tensor.id()], term.point(), term.coefficient()));
            } else {
                throw new IllegalStateException("tensor " + tensor.name() + " (" + tensor.kind()
                        + ") cannot appear in a zero-knowledge claim yet");
            }
        }
        if (terms.isEmpty()) {
            if (!ext.isZero(target, 0)) {
                throw new ProofException("a check on public values fails");
            }
            return null;
        }
        return new LinearClaim(terms, target);
    }
}
