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
            if (!(l instanceof ZkLookupLayer)) {
                for (int in : l.inputs()) {
                    if (c.tensor(in).kind() == Tensor.Kind.PREPROCESSED) {
                        throw new IllegalArgumentException("zero knowledge is not available for this circuit: layer "
                                + l.describe() + " reads the preprocessed table " + c.tensor(in).name()
                                + " (only lookups may)");
                    }
                }
            }
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

    /** The lookup layers with their circuit positions. */
    private static List<Integer> lookupLayers(Circuit c) {
        List<Integer> out = new ArrayList<>();
        for (int li = 0; li < c.layers().size(); li++) {
            if (c.layers().get(li) instanceof ZkLookupLayer) {
                out.add(li);
            }
        }
        return out;
    }

    private static int lookupSlots(Circuit c) {
        int total = 0;
        for (int li : lookupLayers(c)) {
            total += ((ZkLookupLayer) c.layers().get(li)).zkLookupSlots();
        }
        return total;
    }

    /** Log sizes of the lookup commitment: each inverse vector's limbs, then the pool's limbs. */
    private static int[] lookupLogSizes(Circuit c, ExtensionField ext, MaskPool pool) {
        List<Integer> sizes = new ArrayList<>();
        for (int li : lookupLayers(c)) {
            for (int v : ((ZkLookupLayer) c.layers().get(li)).zkInverseVariables()) {
                for (int l = 0; l < ext.degree(); l++) {
                    sizes.add(v);
                }
            }
        }
        for (int l = 0; l < ext.degree(); l++) {
            sizes.add(pool.variables());
        }
        return sizes.stream().mapToInt(Integer::intValue).toArray();
    }

    static CircuitProof prove(ProvingKey key, Witness witness, long[][] publicValues, Transcript t,
            RandomGenerator rng) {
        VerifyingKey vk = key.verifyingKey();
        Circuit c = vk.circuit();
        ExtensionField ext = vk.parameters().extension();
        int d = ext.degree();
        MaskPool pool = MaskPool.random(ext, LinearForm.POOL, slots(c), rng);
        List<long[]> polys = new ArrayList<>();
        for (Tensor tensor : committed(c)) {
            polys.add(witness.values(tensor.id()));
        }
        for (int l = 0; l < d; l++) {
            polys.add(pool.limb(l));
        }
        WhirWitness commitment = WhirProver.commit(vk.parameters(), polys, true, rng);
        byte[] root = commitment.commitment().root();
        t.absorbDigest("circuit/commitment", root);
        ProverContext ctx = new ProverContext(t, ext, witness);
        ctx.zeroKnowledge(pool);
        bindOutputs(ctx::point, ctx::formClaim, c, ext, publicValues);

        // Phase 2: vectors that depend on the lookup challenges, in their own commitment.
        List<Integer> lookups = lookupLayers(c);
        WhirWitness lookupCommitment = null;
        byte[] lookupRoot = new byte[0];
        if (!lookups.isEmpty()) {
            List<long[]> vectors = new ArrayList<>();
            for (int li : lookups) {
                ctx.enter(Statement.layerPrefix(li));
                vectors.addAll(((ZkLookupLayer) c.layers().get(li)).zkPrepare(ctx));
            }
            ctx.enter("");
            MaskPool lookupPool = MaskPool.random(ext, LinearForm.LOOKUP_POOL, lookupSlots(c), rng);
            List<long[]> polys2 = new ArrayList<>();
            for (long[] v : vectors) {
                for (int l = 0; l < d; l++) {
                    long[] limb = new long[v.length / d];
                    for (int i = 0; i < limb.length; i++) {
                        limb[i] = v[i * d + l];
                    }
                    polys2.add(limb);
                }
            }
            for (int l = 0; l < d; l++) {
                polys2.add(lookupPool.limb(l));
            }
            lookupCommitment = WhirProver.commit(vk.parameters(), polys2, true, rng);
            lookupRoot = lookupCommitment.commitment().root();
            t.absorbDigest("circuit/lookup-commitment", lookupRoot);
            ctx.lookupPool(lookupPool);
            ctx.inverses(vectors);
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
        List<LinearClaim> lookupClaims = new ArrayList<>();
        for (ProofContext.FormClaim fc : ctx.formClaims()) {
            try {
                sort(ext, c, publicValues, fc.form(), fc.value(), claims, lookupClaims);
            } catch (ProofException e) {
                throw new IllegalStateException("the witness fails a check on public values", e);
            }
        }
        byte[] opening = claims.isEmpty() ? new byte[0] : WhirProver.openLinear(commitment, claims, t).encode();
        byte[] lookupOpening = lookupClaims.isEmpty() ? new byte[0]
                : WhirProver.openLinear(lookupCommitment, lookupClaims, t).encode();
        byte[] preOpening = new byte[0];
        List<io.zkinfer.commit.whir.EvaluationClaim> pre = preprocessedClaims(c, ctx.preprocessedClaims());
        if (!pre.isEmpty()) {
            preOpening = WhirProver.open(key.preprocessedWitness(), pre, t).encode();
        }
        long[] flat = CircuitProver.flatten(ctx.messages());
        return new CircuitProof(root, lookupRoot, flat, opening, lookupOpening, preOpening);
    }

    interface PointSource {
        long[] point(String label, int variables);
    }

    interface ClaimSink {
        void accept(LinearForm form, long[] value);
    }

    /** Ties each revealed computed tensor to the commitment at a random point. */
    private static void bindOutputs(PointSource points, ClaimSink sink, Circuit c, ExtensionField ext,
            long[][] publicValues) {
        for (Tensor tensor : c.revealed()) {
            if (tensor.kind() != Tensor.Kind.PUBLIC) {
                long[] point = points.point("output/" + tensor.id(), tensor.numVariables());
                sink.accept(LinearForm.of(ext, tensor.id(), point),
                        Multilinear.evaluate(ext, publicValues[tensor.id()], point));
            }
        }
    }

    private static List<io.zkinfer.commit.whir.EvaluationClaim> preprocessedClaims(Circuit c, List<Claim> claims) {
        int[] index = Statement.preprocessedIndex(c);
        List<io.zkinfer.commit.whir.EvaluationClaim> out = new ArrayList<>();
        for (Claim claim : claims) {
            if (index[claim.tensor()] < 0) {
                throw new IllegalStateException("tensor " + c.tensor(claim.tensor()).name() + " is not preprocessed");
            }
            out.add(new io.zkinfer.commit.whir.EvaluationClaim(index[claim.tensor()], claim.point(), claim.value()));
        }
        return out;
    }

    static void verify(VerifyingKey vk, long[][] publicValues, CircuitProof proof, Transcript t) throws ProofException {
        try {
            check(vk, publicValues, proof, t);
        } catch (ArithmeticException e) {
            // A challenge that hits a degenerate value (probability ~ 2^-120): reject, never throw.
            throw new ProofException("proof: degenerate challenge (" + e.getMessage() + ")", e);
        }
    }

    private static void check(VerifyingKey vk, long[][] publicValues, CircuitProof proof, Transcript t)
            throws ProofException {
        Circuit c = vk.circuit();
        ExtensionField ext = vk.parameters().extension();
        int slots;
        try {
            slots = slots(c);
        } catch (IllegalArgumentException e) {
            throw new ProofException(e.getMessage());
        }
        MaskPool pool = MaskPool.layout(ext, LinearForm.POOL, slots);
        if (proof.root().length != 32) {
            throw new ProofException("proof: commitment root missing");
        }
        List<Integer> lookups = lookupLayers(c);
        if (lookups.isEmpty() != (proof.lookupRoot().length == 0)) {
            throw new ProofException("proof: lookup commitment root " + (lookups.isEmpty() ? "unexpected" : "missing"));
        }
        t.absorbDigest("circuit/commitment", proof.root());
        VerifierContext ctx = new VerifierContext(t, ext, c, publicValues, proof.messages());
        ctx.zeroKnowledge(pool);
        bindOutputs(ctx::point, ctx::formClaim, c, ext, publicValues);
        MaskPool lookupPool = null;
        if (!lookups.isEmpty()) {
            for (int li : lookups) {
                Layer layer = c.layers().get(li);
                ctx.enter(Statement.layerPrefix(li), "layer " + li + " (" + layer.describe() + ")");
                ((ZkLookupLayer) layer).zkPrepareVerify(ctx);
            }
            ctx.enter("", "proof");
            lookupPool = MaskPool.layout(ext, LinearForm.LOOKUP_POOL, lookupSlots(c));
            t.absorbDigest("circuit/lookup-commitment", proof.lookupRoot());
            ctx.lookupPool(lookupPool);
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
        List<LinearClaim> lookupClaims = new ArrayList<>();
        for (ProofContext.FormClaim fc : ctx.formClaims()) {
            sort(ext, c, publicValues, fc.form(), fc.value(), claims, lookupClaims);
        }
        List<io.zkinfer.commit.whir.EvaluationClaim> pre = preprocessedClaims(c, ctx.preprocessedClaims());
        expectOpening("commitment", claims.isEmpty(), proof.opening());
        expectOpening("lookup commitment", lookupClaims.isEmpty(), proof.lookupOpening());
        expectOpening("table", pre.isEmpty(), proof.preprocessedOpening());
        try {
            if (!claims.isEmpty()) {
                WhirCommitment commitment = new WhirCommitment(proof.root(), logSizes(c, ext, pool), true,
                        vk.parameters());
                WhirVerifier.verifyLinear(vk.parameters(), commitment, claims, proof.opening(), t);
            }
            if (!lookupClaims.isEmpty()) {
                WhirCommitment commitment = new WhirCommitment(proof.lookupRoot(), lookupLogSizes(c, ext, lookupPool),
                        true, vk.parameters());
                WhirVerifier.verifyLinear(vk.parameters(), commitment, lookupClaims, proof.lookupOpening(), t);
            }
            if (!pre.isEmpty()) {
                WhirVerifier.verify(vk.parameters(), vk.preprocessed(), pre, proof.preprocessedOpening(), t);
            }
        } catch (InvalidProofException | IllegalArgumentException e) {
            throw new ProofException("commitment opening: " + e.getMessage(), e);
        }
    }

    private static void expectOpening(String what, boolean none, byte[] opening) throws ProofException {
        if (none != (opening.length == 0)) {
            throw new ProofException("proof: " + what + " opening " + (none ? "unexpected" : "missing"));
        }
    }

    /** Adds a form claim to the claims of the commitment its terms live in. */
    private static void sort(ExtensionField ext, Circuit c, long[][] publicValues, LinearForm form, long[] value,
            List<LinearClaim> main, List<LinearClaim> lookup) throws ProofException {
        boolean inLookup = false;
        boolean inMain = false;
        for (LinearForm.Term term : form.terms()) {
            if (LinearForm.inLookupCommitment(term.tensor())) {
                inLookup = true;
            } else if (term.tensor() == LinearForm.POOL || c.tensor(term.tensor()).kind() != Tensor.Kind.PUBLIC) {
                inMain = true;
            }
        }
        if (inLookup && inMain) {
            throw new IllegalStateException("a claim mixes the two commitments");
        }
        LinearClaim lc = inLookup ? toLookupLinear(ext, c, form, value) : toLinear(ext, c, publicValues, form, value);
        if (lc != null) {
            (inLookup ? lookup : main).add(lc);
        }
    }

    /** A claim on the lookup commitment: inverse vectors and its pool, split into limbs. */
    private static LinearClaim toLookupLinear(ExtensionField ext, Circuit c, LinearForm form, long[] value) {
        int d = ext.degree();
        int vectors = 0;
        for (int li : lookupLayers(c)) {
            vectors += ((ZkLookupLayer) c.layers().get(li)).zkInverseVariables().length;
        }
        List<LinearClaim.Term> terms = new ArrayList<>();
        for (LinearForm.Term term : form.terms()) {
            int first = term.tensor() == LinearForm.LOOKUP_POOL ? vectors * d : (LinearForm.INVERSE - term.tensor()) * d;
            for (int l = 0; l < d; l++) {
                long[] ul = new long[d];
                ul[l] = 1;
                terms.add(new LinearClaim.Term(first + l, term.point(), ext.mul(term.coefficient(), ul)));
            }
        }
        return new LinearClaim(terms, ext.sub(value, form.constant()));
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
