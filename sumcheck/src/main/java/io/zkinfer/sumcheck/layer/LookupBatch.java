package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.RoundProver;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ProofContext;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProverContext;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import io.zkinfer.sumcheck.circuit.ZkFactor;
import io.zkinfer.sumcheck.circuit.ZkSumcheck;
import java.util.ArrayList;
import java.util.List;

/**
 * Every fraction tree of a circuit's lookups ({@link LookupTree}) in one batch. Each tree first
 * proves its root round on its own, one after the other; then all go down level by level from
 * one shared point, each level one zero-knowledge sumcheck over a random combination (fresh
 * coefficients per level) of the trees still going down; a tree drops out after its leaves. The
 * levels' rounds are paid once per level instead of once per tree; each tree's revealed values
 * stay its own.
 *
 * <p>Soundness: a false claim in any tree makes a level's combined claim false except with
 * probability (trees) / |F| over the combination's coefficients, then the sumcheck's. The root
 * rounds are not combined: a root round reveals its tree's W after its challenge, and only its
 * own exit equation pins W (see {@link LookupTree}); in one combined root round the several W
 * would share one equation, and a prover could pick them after the challenge to meet both it and
 * a false lookup's identity.
 */
final class LookupBatch {
    private LookupBatch() {}

    /** Powers 1, c, c^2, ... of a challenge: one coefficient per tree. */
    private static List<long[]> coefficients(ProofContext ctx, int count) {
        ExtensionField ext = ctx.ext();
        long[] c = ctx.challenge("zk-lookup/batch");
        List<long[]> out = new ArrayList<>();
        long[] p = ext.one();
        for (int i = 0; i < count; i++) {
            out.add(p);
            p = ext.mul(p, c);
        }
        return out;
    }

    private static int depth(List<LookupTree.Tree> trees) {
        int n = 0;
        for (LookupTree.Tree t : trees) {
            n = Math.max(n, t.n);
        }
        return n;
    }

    private static List<LookupTree.Tree> at(List<LookupTree.Tree> trees, int k) {
        List<LookupTree.Tree> out = new ArrayList<>();
        for (LookupTree.Tree t : trees) {
            if (t.n > k) {
                out.add(t);
            }
        }
        return out;
    }

    private static ZkFactor[] rootFactors() {
        ZkFactor[] f = new ZkFactor[LookupTree.Tree.ROOT_FACTORS];
        java.util.Arrays.fill(f, ZkFactor.intermediate());
        return f;
    }

    /** Each tree's factors at level k, in order, and where each tree's start. */
    private static ZkFactor[] levelFactors(List<LookupTree.Tree> trees, int k, int[] offsets) {
        List<ZkFactor> out = new ArrayList<>();
        for (int i = 0; i < trees.size(); i++) {
            offsets[i] = out.size();
            LookupTree.Tree t = trees.get(i);
            out.addAll(List.of(k < t.n - 1 ? LookupTree.Tree.innerFactors() : t.leafFactors()));
        }
        return out.toArray(ZkFactor[]::new);
    }

    /** The combined hidden claimed sum of level k: sum_i c_i (P_i(z) + lambda Q_i(z)). */
    private static LinearForm levelForm(ExtensionField ext, List<LookupTree.Tree> trees, List<long[]> c,
            long[] lambda) {
        LinearForm form = LinearForm.constant(ext.zero());
        for (int i = 0; i < trees.size(); i++) {
            form = form.plus(ext, trees.get(i).claim.form(ext, lambda).times(ext, c.get(i)));
        }
        return form;
    }

    /** The combined exit value of level k at the sumcheck's point t. */
    private static long[] exitValue(ExtensionField ext, List<LookupTree.Tree> trees, List<long[]> c, int k,
            long[] lambda, ZkSumcheck.Result r, int[] offsets) {
        long[] sum = ext.zero();
        for (int i = 0; i < trees.size(); i++) {
            LookupTree.Tree t = trees.get(i);
            LookupTree.Slice v = new LookupTree.Slice(r, offsets[i]);
            long[] rel = k < t.n - 1 ? t.innerRelation(t.claim.point(), r.point(), lambda, v)
                    : t.leafRelation(r.point(), lambda, v);
            sum = ext.add(sum, ext.mul(c.get(i), rel));
        }
        return sum;
    }

    /** After level k: each tree's claim on level k + 1 at (t, rho), or its leaves' claims. */
    private static void descend(ProofContext ctx, List<LookupTree.Tree> trees, int k, ZkSumcheck.Result r,
            int[] offsets, boolean prover) {
        long[] rho = ctx.challenge("zk-lookup/tree-line");
        for (int i = 0; i < trees.size(); i++) {
            LookupTree.Tree t = trees.get(i);
            LookupTree.Slice v = new LookupTree.Slice(r, offsets[i]);
            if (k < t.n - 1) {
                t.descend(r.point(), rho, v, 1, prover);
            } else {
                t.leafClaims(ctx, r.point(), rho, v);
            }
        }
    }

    /**
     * Test hook, for a circuit of one lookup: when set, the prover shifts the table tree's (the
     * last tree's) revealed root value W, after its root round's challenge, by what makes the
     * lookup's identity sum_s w_s = w_T hold however false the lookup is: the forgery that a
     * combined root round let through. Never set outside tests.
     */
    static final ThreadLocal<Boolean> FORGE_IDENTITY = ThreadLocal.withInitial(() -> false);

    /** sum of the sets' root fractions minus the table's: zero for a true lookup (prover only). */
    private static long[] identityGap(ExtensionField ext, List<LookupTree.Tree> trees) {
        long[] gap = ext.neg(trees.getLast().levels.rootFraction(ext));
        for (LookupTree.Tree t : trees.subList(0, trees.size() - 1)) {
            gap = ext.add(gap, t.levels.rootFraction(ext));
        }
        return gap;
    }

    /** Each tree's root round, one sumcheck each, then the line challenge all trees share. */
    private static void proveRoots(ProverContext ctx, List<LookupTree.Tree> trees) {
        ExtensionField ext = ctx.ext();
        ZkSumcheck.Result[] results = new ZkSumcheck.Result[trees.size()];
        for (int i = 0; i < trees.size(); i++) {
            LookupTree.Tree t = trees.get(i);
            long[] shift = i == trees.size() - 1 && FORGE_IDENTITY.get() ? identityGap(ext, trees) : null;
            if (shift != null) {
                ZkSumcheck.BEFORE_REVEAL.set(values -> values[0] = ext.add(values[0], shift));
            }
            try {
                results[i] = ZkSumcheck.prove(ctx, "zk-lookup/root", t.rootInstance(), ext.zero(),
                        LinearForm.constant(ext.zero()), rootFactors());
            } finally {
                ZkSumcheck.BEFORE_REVEAL.remove();
            }
            ctx.formClaim(results[i].exit(), t.rootRelation(new LookupTree.Slice(results[i], 0)));
        }
        afterRoots(ctx, trees, results, true);
    }

    private static void verifyRoots(VerifierContext ctx, List<LookupTree.Tree> trees) throws ProofException {
        ExtensionField ext = ctx.ext();
        ZkSumcheck.Result[] results = new ZkSumcheck.Result[trees.size()];
        for (int i = 0; i < trees.size(); i++) {
            results[i] = ZkSumcheck.verify(ctx, "zk-lookup/root", 1, 3, LinearForm.constant(ext.zero()),
                    rootFactors());
            ctx.formClaim(results[i].exit(), trees.get(i).rootRelation(new LookupTree.Slice(results[i], 0)));
        }
        afterRoots(ctx, trees, results, false);
    }

    private static void afterRoots(ProofContext ctx, List<LookupTree.Tree> trees, ZkSumcheck.Result[] results,
            boolean prover) {
        long[] rho = ctx.challenge("zk-lookup/tree-line");
        for (int i = 0; i < trees.size(); i++) {
            trees.get(i).afterRoot(rho, new LookupTree.Slice(results[i], 0), prover);
        }
    }

    /** What the exits of the trees whose leaves are at level k need beyond their factors. */
    private static void leafExits(ProofContext ctx, List<LookupTree.Tree> level, int k, long[] t)
            throws ProofException {
        for (LookupTree.Tree tree : level) {
            if (k == tree.n - 1) {
                tree.leafExitValues(ctx, t);
            }
        }
    }

    /** Proves the trees (built by the prover, with their levels); each gets its {@link LookupTree.Root}. */
    static void prove(ProverContext ctx, List<LookupTree.Tree> trees) {
        ExtensionField ext = ctx.ext();
        proveRoots(ctx, trees);
        ZkSumcheck.Result r;
        int depth = depth(trees);
        for (int k = 1; k < depth; k++) {
            List<LookupTree.Tree> level = at(trees, k);
            long[] lambda = ctx.challenge("zk-lookup/tree-lambda");
            List<long[]> c = coefficients(ctx, level.size());
            // The shape (degree, factors, how values combine); the rounds come from each tree's prover.
            long[] extStandIn = new long[ext.degree() << k];
            long[] baseStandIn = new long[1 << k];
            ProductSum.Builder shape = ProductSum.builder(ext, k);
            List<RoundProver> provers = new ArrayList<>();
            List<long[]> claims = new ArrayList<>();
            long[] claim = ext.zero();
            for (int i = 0; i < level.size(); i++) {
                LookupTree.Tree t = level.get(i);
                if (k < t.n - 1) {
                    LookupTree.Tree.addInner(ext, shape, c.get(i), lambda, extStandIn);
                    provers.add(t.innerProver(k, lambda));
                } else {
                    t.addLeaves(shape, c.get(i), lambda, extStandIn, baseStandIn);
                    provers.add(t.leafProver(lambda));
                }
                long[] own = ext.add(t.pz, ext.mul(lambda, t.qz));
                claims.add(own);
                claim = ext.add(claim, ext.mul(c.get(i), own));
            }
            int[] offsets = new int[level.size()];
            ZkFactor[] factors = levelFactors(level, k, offsets);
            r = ZkSumcheck.prove(ctx, "zk-lookup/level" + k, shape.build(), new RoundProverSum(ext, provers, c, claims),
                    claim, levelForm(ext, level, c, lambda), factors);
            try {
                leafExits(ctx, level, k, r.point());
            } catch (ProofException e) {
                throw new IllegalStateException(e); // the prover only sends
            }
            ctx.formClaim(r.exit(), exitValue(ext, level, c, k, lambda, r, offsets));
            descend(ctx, level, k, r, offsets, true);
        }
    }

    /** Checks the trees (made by the verifier, without levels); each gets its {@link LookupTree.Root}. */
    static void verify(VerifierContext ctx, List<LookupTree.Tree> trees) throws ProofException {
        ExtensionField ext = ctx.ext();
        verifyRoots(ctx, trees);
        ZkSumcheck.Result r;
        int depth = depth(trees);
        for (int k = 1; k < depth; k++) {
            List<LookupTree.Tree> level = at(trees, k);
            long[] lambda = ctx.challenge("zk-lookup/tree-lambda");
            List<long[]> c = coefficients(ctx, level.size());
            int[] offsets = new int[level.size()];
            ZkFactor[] factors = levelFactors(level, k, offsets);
            r = ZkSumcheck.verify(ctx, "zk-lookup/level" + k, k, 3, levelForm(ext, level, c, lambda), factors);
            leafExits(ctx, level, k, r.point());
            ctx.formClaim(r.exit(), exitValue(ext, level, c, k, lambda, r, offsets));
            descend(ctx, level, k, r, offsets, false);
        }
    }

}
