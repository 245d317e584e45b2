package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.commit.whir.ClaimBinding;
import io.zkinfer.commit.whir.InvalidProofException;
import io.zkinfer.commit.whir.LinearClaim;
import io.zkinfer.commit.whir.Masking;
import io.zkinfer.commit.whir.WhirCommitment;
import io.zkinfer.commit.whir.WhirProver;
import io.zkinfer.commit.whir.WhirVerifier;
import io.zkinfer.commit.whir.WhirWitness;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.PiecewiseLinear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The zero-knowledge proof of a circuit. Every tensor the verifier does not know (intermediate
 * ones too; a revealed intermediate is public) and a pool of random masks go into one hiding
 * commitment; each layer checks its own relation at points it draws, through zero-knowledge
 * sumchecks and linear claims; a revealed committed tensor is tied to the commitment at a random
 * point; every claim is a linear claim on the commitment,
 * all proven by one opening, which reveals only the claims' values: masked evaluations, values
 * fixed by public data, and messages already masked. Nothing is committed after the first
 * challenge: lookups prove their identity with masked fraction trees (see the layer package's
 * LookupTree). A very large tensor may get a commitment of its own ({@link ZkLayout}), opened
 * separately.
 */
final class ZkEngine {
    /**
     * Test hook: when set, bulk tensors are committed with a zero mask, so that a test can show
     * that the mask is what hides them. Never set outside tests.
     */
    static final ThreadLocal<Boolean> UNMASKED_BULK = ThreadLocal.withInitial(() -> false);

    private ZkEngine() {}

    /**
     * The committed tensors of a zero-knowledge proof, in commitment order: committed and
     * intermediate ones, except revealed intermediates (see {@link #publicValued}).
     */
    static List<Tensor> committed(Circuit c) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : c.tensors()) {
            if (!publicValued(t) && (t.kind() == Tensor.Kind.COMMITTED || t.kind() == Tensor.Kind.INTERMEDIATE)) {
                out.add(t);
            }
        }
        return out;
    }

    /**
     * Whether the verifier knows the tensor's values: public tensors, and revealed intermediates
     * (a revealed output). Such a tensor is not committed; its terms in a claim are evaluated
     * from the public values.
     */
    static boolean publicValued(Tensor t) {
        return t.kind() == Tensor.Kind.PUBLIC || (t.kind() == Tensor.Kind.INTERMEDIATE && t.revealed());
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

    static CircuitProof prove(ProvingKey key, Witness witness, long[][] publicValues, Transcript t,
            RandomGenerator rng) {
        VerifyingKey vk = key.verifyingKey();
        Circuit c = vk.circuit();
        ExtensionField ext = vk.parameters().extension();
        int d = ext.degree();
        MaskPool pool = MaskPool.random(ext, LinearForm.POOL, slots(c), rng);
        ZkLayout layout = ZkLayout.of(c, vk.parameters(), pool.variables());
        List<long[]> polys = new ArrayList<>();
        for (Tensor tensor : layout.main()) {
            polys.add(witness.values(tensor.id()));
        }
        for (int l = 0; l < d; l++) {
            polys.add(pool.limb(l));
        }
        int bulkCount = layout.bulk().size();
        long[][] masked = new long[bulkCount][];
        for (int b = 0; b < bulkCount; b++) {
            long[] mask = UNMASKED_BULK.get() ? new long[1 << layout.maskVariables(b)]
                    : randomBase(rng, 1 << layout.maskVariables(b));
            polys.add(mask);
            masked[b] = masked(witness.values(layout.bulk().get(b).id()), mask);
        }
        WhirWitness commitment = WhirProver.commit(vk.parameters(), polys, true, rng);
        byte[] root = commitment.commitment().root();
        t.absorbDigest("circuit/commitment", root);
        WhirWitness[] bulkCommitments = new WhirWitness[bulkCount];
        byte[][] bulkRoots = new byte[bulkCount][];
        for (int b = 0; b < bulkCount; b++) {
            bulkCommitments[b] = WhirProver.commit(vk.parameters(), List.of(masked[b]), Masking.COMMITTER, rng);
            bulkRoots[b] = bulkCommitments[b].commitment().root();
            t.absorbDigest("circuit/bulk-commitment", bulkRoots[b]);
        }
        ProverContext ctx = new ProverContext(t, ext, witness);
        ctx.zeroKnowledge(pool);
        bindOutputs(ctx::point, ctx::formClaim, c, ext, publicValues);

        List<Layer> layers = c.layers();
        for (int li = 0; li < layers.size(); li++) {
            ctx.enter(Statement.layerPrefix(li));
            layers.get(li).proveZk(ctx);
        }
        ctx.enter("");
        if (pool.used() != slots(c)) {
            throw new IllegalStateException("the layers took " + pool.used() + " mask slots, declared " + slots(c));
        }
        Claims claims = new Claims(bulkCount);
        RevealedValues split = new RevealedValues() {
            @Override
            public long[] bulk(int b, long[] point) {
                long[] a = Multilinear.evaluate(ext, masked[b], point);
                ctx.send("bulk/value", a);
                return a;
            }

            @Override
            public long[] table(int tensor, long[] point) {
                long[] v = Multilinear.evaluate(ext, c.preprocessedValues(tensor), point);
                ctx.send("table/value", v);
                return v;
            }
        };
        for (ProofContext.FormClaim fc : ctx.formClaims()) {
            try {
                sort(ext, c, layout, publicValues, fc.form(), fc.value(), claims, split);
            } catch (ProofException e) {
                throw new IllegalStateException("the witness fails a check: " + e.getMessage(), e);
            }
        }
        // Every claim's points and coefficients follow from the public data and this transcript's
        // challenges, and its value from absorbed messages: the opening absorbs only the values.
        byte[] opening = claims.main.isEmpty() ? new byte[0]
                : WhirProver.openLinear(commitment, claims.main, t, ClaimBinding.VALUES_ONLY).encode();
        byte[][] bulkOpenings = new byte[bulkCount][];
        for (int b = 0; b < bulkCount; b++) {
            List<LinearClaim> bc = claims.bulk.get(b);
            bulkOpenings[b] = bc.isEmpty() ? new byte[0] : WhirProver.openLinear(bulkCommitments[b], bc, t).encode();
        }
        byte[] preOpening = new byte[0];
        List<io.zkinfer.commit.whir.EvaluationClaim> pre = preprocessedClaims(c, ctx.preprocessedClaims(),
                claims.tables);
        if (!pre.isEmpty()) {
            preOpening = WhirProver.open(key.preprocessedWitness(), pre, t).encode();
        }
        long[] flat = CircuitProver.flatten(ctx.messages());
        return new CircuitProof(root, bulkRoots, flat, opening, bulkOpenings, preOpening);
    }

    /** T^ = T + R with R[i] = mask[i mod |mask|]: the bulk commitment's polynomial. */
    private static long[] masked(long[] values, long[] mask) {
        long[] out = new long[values.length];
        int low = mask.length - 1;
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.add(values[i], mask[i & low]);
        }
        return out;
    }

    /** Uniformly random base-field values (rejection sampling keeps them uniform). */
    private static long[] randomBase(RandomGenerator rng, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = Goldilocks.random(rng);
        }
        return v;
    }

    /**
     * Values a claim reveals to split it across commitments: a bulk tensor's masked value
     * T^(z), and a preprocessed (public, key-committed) tensor's value, proven by the key's
     * opening. The prover computes and sends them; the verifier reads them.
     */
    private interface RevealedValues {
        long[] bulk(int bulk, long[] point) throws ProofException;

        long[] table(int tensor, long[] point) throws ProofException;
    }

    /** The linear claims of each commitment. */
    private static final class Claims {
        final List<LinearClaim> main = new ArrayList<>();
        /** Claims on preprocessed tensors that forms referred to, for the key's opening. */
        final List<Claim> tables = new ArrayList<>();
        final List<List<LinearClaim>> bulk = new ArrayList<>();

        Claims(int bulkCount) {
            for (int b = 0; b < bulkCount; b++) {
                bulk.add(new ArrayList<>());
            }
        }
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
            if (!publicValued(tensor)) {
                long[] point = points.point("output/" + tensor.id(), tensor.numVariables());
                sink.accept(LinearForm.of(ext, tensor.id(), point),
                        Multilinear.evaluate(ext, publicValues[tensor.id()], point));
            }
        }
    }

    /** Checks the layers' claims on tables the verifier evaluates itself. */
    private static void checkEvaluated(ExtensionField ext, Circuit c, List<Claim> layerClaims) throws ProofException {
        for (Claim claim : layerClaims) {
            Tensor t = c.tensor(claim.tensor());
            if (Statement.evaluatedByVerifier(t)
                    && !Arrays.equals(evaluateTable(ext, c, t.id(), claim.point()), claim.value())) {
                throw new ProofException("claim on table " + t.name() + " is false");
            }
        }
    }

    /**
     * The multilinear extension of a small preprocessed table at a point: through its runs when
     * it is piecewise linear (requantization tables), else by folding. The runs take the whole
     * point, top coordinates of 0 or 1 included: the extension there is the half's extension.
     */
    static long[] evaluateTable(ExtensionField ext, Circuit c, int id, long[] point) {
        Optional<PiecewiseLinear> runs = c.piecewiseLinear(id);
        return runs.isPresent() ? runs.get().evaluate(ext, point) : evaluateTable(ext, c.preprocessedValues(id), point);
    }

    /**
     * The multilinear extension of base-field values at a point whose top coordinates may be 0
     * or 1 (a lookup table's claims at (t, 0) and (t, 1)): such a coordinate selects a half of the
     * values instead of folding them all.
     */
    static long[] evaluateTable(ExtensionField ext, long[] values, long[] point) {
        int d = ext.degree();
        int n = point.length / d;
        int from = 0;
        int length = values.length;
        while (n > 0 && isBit(point, (n - 1) * d, d)) {
            length >>= 1;
            from += point[(n - 1) * d] == 1 ? length : 0;
            n--;
        }
        return Multilinear.evaluate(ext, Arrays.copyOfRange(values, from, from + length), Arrays.copyOf(point, n * d));
    }

    /** Whether the extension element at {@code at} is 0 or 1. */
    private static boolean isBit(long[] point, int at, int d) {
        for (int l = 1; l < d; l++) {
            if (point[at + l] != 0) {
                return false;
            }
        }
        return point[at] == 0 || point[at] == 1;
    }

    private static List<io.zkinfer.commit.whir.EvaluationClaim> preprocessedClaims(Circuit c, List<Claim> layerClaims,
            List<Claim> formClaims) {
        int[] index = Statement.preprocessedIndex(c);
        List<io.zkinfer.commit.whir.EvaluationClaim> out = new ArrayList<>();
        List<Claim> claims = new ArrayList<>(layerClaims);
        claims.addAll(formClaims);
        for (Claim claim : claims) {
            if (Statement.evaluatedByVerifier(c.tensor(claim.tensor()))) {
                continue; // checked by checkEvaluated, not opened
            }
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
        ZkLayout layout;
        try {
            layout = ZkLayout.of(c, vk.parameters(), pool.variables());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new ProofException("verifying key: the parameters cannot commit this circuit (" + e.getMessage() + ")");
        }
        int bulkCount = layout.bulk().size();
        if (proof.bulkRoots().length != bulkCount) {
            throw new ProofException("proof: " + proof.bulkRoots().length + " bulk commitments, the circuit has "
                    + bulkCount);
        }
        t.absorbDigest("circuit/commitment", proof.root());
        for (byte[] bulkRoot : proof.bulkRoots()) {
            t.absorbDigest("circuit/bulk-commitment", bulkRoot);
        }
        VerifierContext ctx = new VerifierContext(t, ext, c, publicValues, proof.messages());
        ctx.zeroKnowledge(pool);
        bindOutputs(ctx::point, ctx::formClaim, c, ext, publicValues);
        List<Layer> layers = c.layers();
        for (int li = 0; li < layers.size(); li++) {
            Layer layer = layers.get(li);
            ctx.enter(Statement.layerPrefix(li), "layer " + li + " (" + layer.describe() + ")");
            layer.verifyZk(ctx);
        }
        ctx.enter("", "proof");
        Claims claims = new Claims(bulkCount);
        RevealedValues sent = new RevealedValues() {
            @Override
            public long[] bulk(int b, long[] point) throws ProofException {
                return ctx.receive("bulk/value", 1);
            }

            @Override
            public long[] table(int tensor, long[] point) throws ProofException {
                return ctx.receive("table/value", 1);
            }
        };
        for (ProofContext.FormClaim fc : ctx.formClaims()) {
            sort(ext, c, layout, publicValues, fc.form(), fc.value(), claims, sent);
        }
        if (!ctx.exhausted()) {
            throw new ProofException("proof: " + ctx.unread() + " unread message limbs");
        }
        checkEvaluated(ext, c, ctx.preprocessedClaims());
        List<io.zkinfer.commit.whir.EvaluationClaim> pre = preprocessedClaims(c, ctx.preprocessedClaims(),
                claims.tables);
        expectOpening("commitment", claims.main.isEmpty(), proof.opening());
        for (int b = 0; b < bulkCount; b++) {
            expectOpening("bulk commitment " + b, claims.bulk.get(b).isEmpty(), proof.bulkOpenings()[b]);
        }
        expectOpening("table", pre.isEmpty(), proof.preprocessedOpening());
        try {
            if (!claims.main.isEmpty()) {
                WhirCommitment commitment = new WhirCommitment(proof.root(), layout.mainLogSizes(), true,
                        vk.parameters());
                WhirVerifier.verifyLinear(vk.parameters(), commitment, claims.main, proof.opening(), t,
                        ClaimBinding.VALUES_ONLY);
            }
            for (int b = 0; b < bulkCount; b++) {
                if (!claims.bulk.get(b).isEmpty()) {
                    WhirCommitment commitment = new WhirCommitment(proof.bulkRoots()[b],
                            new int[] {layout.bulk().get(b).numVariables()}, Masking.COMMITTER, vk.parameters());
                    WhirVerifier.verifyLinear(vk.parameters(), commitment, claims.bulk.get(b), proof.bulkOpenings()[b], t);
                }
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
    private static void sort(ExtensionField ext, Circuit c, ZkLayout layout, long[][] publicValues, LinearForm form,
            long[] value, Claims claims, RevealedValues split) throws ProofException {
        LinearClaim lc = toLinear(ext, c, layout, publicValues, form, value, claims, split);
        if (lc != null) {
            claims.main.add(lc);
        }
    }

    /**
     * A form claim as a linear claim on the main commitment: public tensors' terms evaluated into
     * the value, the pool's extension values split into their limb polynomials, and each term on
     * a bulk tensor T replaced by its revealed value a = T^(z) (claimed on T's own commitment)
     * minus its mask's term r(z_low). Null when no committed term is left (then the claim must
     * hold outright).
     */
    private static LinearClaim toLinear(ExtensionField ext, Circuit c, ZkLayout layout, long[][] publicValues,
            LinearForm form, long[] value, Claims claims, RevealedValues split) throws ProofException {
        int d = ext.degree();
        long[] target = ext.sub(value, form.constant());
        List<LinearClaim.Term> terms = new ArrayList<>();
        for (LinearForm.Term term : form.terms()) {
            if (term.tensor() == LinearForm.POOL) {
                for (int l = 0; l < d; l++) {
                    long[] ul = new long[d];
                    ul[l] = 1;
                    terms.add(new LinearClaim.Term(layout.poolPolynomial(l), term.point(), ext.mul(term.coefficient(), ul)));
                }
                continue;
            }
            Tensor tensor = c.tensor(term.tensor());
            int b = layout.bulkIndex(tensor.id());
            if (publicValued(tensor)) {
                long[] v = Multilinear.evaluate(ext, publicValues[tensor.id()], term.point());
                target = ext.sub(target, ext.mul(term.coefficient(), v));
            } else if (Statement.evaluatedByVerifier(tensor)) {
                // A small public table: both sides evaluate it.
                long[] v = evaluateTable(ext, c, tensor.id(), term.point());
                target = ext.sub(target, ext.mul(term.coefficient(), v));
            } else if (tensor.kind() == Tensor.Kind.PREPROCESSED) {
                // Public values committed in the key: the value is revealed and proven there.
                long[] v = split.table(tensor.id(), term.point());
                claims.tables.add(new Claim(tensor.id(), term.point(), v));
                target = ext.sub(target, ext.mul(term.coefficient(), v));
            } else if (layout.mainIndex(tensor.id()) >= 0) {
                terms.add(new LinearClaim.Term(layout.mainIndex(tensor.id()), term.point(), term.coefficient()));
            } else if (b >= 0) {
                List<LinearClaim> bulkClaims = claims.bulk.get(b);
                if (bulkClaims.size() >= ZkLayout.BULK_CLAIMS) {
                    throw new ProofException("more than " + ZkLayout.BULK_CLAIMS + " claims on the bulk tensor "
                            + tensor.name() + ", more than its mask covers");
                }
                int l = layout.maskVariables(b);
                long[] low = java.util.Arrays.copyOf(term.point(), l * d);
                requireGeneric(ext, low, tensor);
                requireFreshLow(bulkClaims, Math.min(d * layout.firstFold(b), low.length), low, term.point(), tensor);
                long[] a = split.bulk(b, term.point());
                bulkClaims.add(new LinearClaim(List.of(new LinearClaim.Term(0, term.point(), ext.one())), a));
                target = ext.sub(target, ext.mul(term.coefficient(), a));
                terms.add(new LinearClaim.Term(layout.maskPolynomial(b), low, ext.neg(term.coefficient())));
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

    /**
     * Two claims on one bulk tensor whose points differ but agree on the low coordinates from
     * k_0 on (k_0 the variables round 0 of its opening folds) would meet at one point of the mask
     * r in round 0's sumcheck messages, which evaluate T^ at (alpha_1..alpha_(j-1), 0 or 1,
     * z_(j+1..)) for j up to k_0, or in the values a themselves: the mask would cancel and a
     * combination of T's values would show. The layers never make such claims (every point has
     * fresh challenges in its low coordinates); refuse one if they did. A repeated identical
     * claim reveals nothing new.
     */
    static void requireFreshLow(List<LinearClaim> earlier, int from, long[] low, long[] point, Tensor tensor)
            throws ProofException {
        for (LinearClaim e : earlier) {
            long[] p = e.terms().get(0).point();
            if (java.util.Arrays.equals(p, from, low.length, low, from, low.length)
                    && !java.util.Arrays.equals(p, point)) {
                throw new ProofException("two claims on the bulk tensor " + tensor.name()
                        + " share their low coordinates, where its mask would cancel");
            }
        }
    }

    /**
     * A bulk claim's revealed value T(z) + r(z_low) hides T(z) only when r(z_low) is a fresh
     * extension value: every coordinate of z_low must lie outside the base field (true of the
     * random challenge points the layers produce, except with probability about l / p).
     */
    private static void requireGeneric(ExtensionField ext, long[] low, Tensor tensor) throws ProofException {
        int d = ext.degree();
        for (int j = 0; j < low.length / d; j++) {
            boolean base = true;
            for (int limb = 1; limb < d; limb++) {
                base &= low[j * d + limb] == 0;
            }
            if (base) {
                throw new ProofException("a claim on the bulk tensor " + tensor.name() + " has coordinate " + j
                        + " in the base field, where its mask would not hide it");
            }
        }
    }
}
