package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.circuit.Eq;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProverContext;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import io.zkinfer.sumcheck.circuit.ZkFactor;
import io.zkinfer.sumcheck.circuit.ZkSumcheck;
import java.util.Arrays;

/**
 * Zero knowledge for a {@link Lookup}'s large sets: a masked fraction tree instead of one
 * committed inverse per row.
 *
 * <p>A set of 2^n rows (n >= GKR_MIN_VARIABLES) commits only the level S = GKR_COMMITTED_VARIABLES
 * of its fraction tree: w(x) = P_S(x) / Q_S(x), where level n holds the rows' fractions
 * 1 / (alpha - a(x)) and each level adds pairs of fractions along its top variable
 * (P_k(x) = P_(k+1)(x, 0) Q_(k+1)(x, 1) + P_(k+1)(x, 1) Q_(k+1)(x, 0), Q_k(x) = Q_(k+1)(x, 0) Q_(k+1)(x, 1)).
 * sum_x w(x) enters the same linear claim as the inverses do. A zero check at level S,
 * sum_x eq(tau, x) (w(x) Q_S(x) - P_S(x)) = 0, ties w to the tree, and one GKR sumcheck per
 * level, sum_x eq(z, x) (P0 Q1 + P1 Q0 + lambda Q0 Q1) = P_k(z) + lambda Q_k(z), takes the claim
 * down to the rows, whose values are masked factors of the committed tensors. The tree's
 * levels are never committed: each sumcheck reveals them only as masked values
 * V(t) + Z(t) c with a fresh pool scalar c (ZkFactor.intermediate), and the next level's
 * claimed sum is the revealed value minus Z(t) c, a form on the commitment, never sent.
 */
final class LookupTree {
    private LookupTree() {}

    /**
     * One looked-up set as the tree sees it.
     *
     * @param set its index in the lookup (for transcript labels)
     * @param inverse the id of its committed level in the lookup commitment
     * @param tensors its columns' tensors
     * @param padding the table row its padding entries take
     * @param shape its shape (flat for a whole-hypercube set)
     * @param width the table's width
     */
    record TreeSet(int set, int inverse, int[] tensors, long[] padding, Shape shape, int width) {}

    /** Sets of at least 2^12 rows take the fraction tree; smaller ones commit their inverses. */
    static final int GKR_MIN_VARIABLES = 12;
    /** The tree level a large set commits: 2^8 fractions. */
    static final int GKR_COMMITTED_VARIABLES = 8;

    /** Main-pool slots of a set's tree: the zero check, each level's sumcheck and masked values. */
    static int gkrSlots(int n, int width) {
        int slots = GKR_COMMITTED_VARIABLES + 2;
        for (int k = GKR_COMMITTED_VARIABLES; k < n - 1; k++) {
            slots += k + 4;
        }
        return slots + (n - 1) + 2 * width;
    }

    /** alpha - sum_j beta^j columns_j(x) for every row (interleaved extension values). */
    static long[] denominators(ExtensionField ext, long[][] ch, long[][] columns) {
        int d = ext.degree();
        int n = columns[0].length;
        long[] den = new long[n * d];
        io.zkinfer.field.Parallel.forRange(n, 1 << 12, (from, to) -> {
            long[] term = new long[d];
            for (int x = from; x < to; x++) {
                rowDenominator(ext, den, x * d, ch, columns, x, term);
            }
        });
        return den;
    }

    /** out[o..] = alpha - sum_j beta^j columns_j(x); {@code term} is scratch of one element. */
    private static void rowDenominator(ExtensionField ext, long[] out, int o, long[][] ch, long[][] columns, int x,
            long[] term) {
        int d = ext.degree();
        System.arraycopy(ch[0], 0, out, o, d);
        for (int j = 0; j < columns.length; j++) {
            ext.mulBase(term, 0, ch[j + 1], 0, columns[j][x]);
            ext.sub(out, o, out, o, term, 0);
        }
        if (ext.isZero(out, o)) {
            throw new IllegalStateException("a lookup challenge hit a looked-up value (probability ~ n / |F|)");
        }
    }

    /**
     * The fraction tree's levels above the rows up to level {@code top}, each P_k and Q_k
     * interleaved extension values (the rows' level, P = 1 and Q = alpha - a(x), is left null).
     */
    record FractionTree(long[][] p, long[][] q, int top) {
        /**
         * The tree of the rows with columns {@code columns} under the lookup challenges
         * {@code ch} (alpha, beta^0, beta^1, ...). The rows' own level, 1 / (alpha - a(x)), is
         * never stored: the level above it is made from the columns directly.
         */
        static FractionTree build(ExtensionField ext, long[][] ch, long[][] columns, int top) {
            int d = ext.degree();
            int n = Integer.numberOfTrailingZeros(columns[0].length);
            long[][] p = new long[n + 1][];
            long[][] q = new long[n + 1][];
            int rowsHalf = 1 << (n - 1);
            p[n - 1] = new long[rowsHalf * d];
            q[n - 1] = new long[rowsHalf * d];
            // 1/q0 + 1/q1 = (q0 + q1) / (q0 q1) with q_b = alpha - sum_j beta^j columns_j(x + b 2^(n-1)).
            io.zkinfer.field.Parallel.forRange(rowsHalf, 1 << 10, (from, to) -> {
                long[] q0 = new long[d];
                long[] q1 = new long[d];
                long[] term = new long[d];
                for (int x = from; x < to; x++) {
                    rowDenominator(ext, q0, 0, ch, columns, x, term);
                    rowDenominator(ext, q1, 0, ch, columns, x + rowsHalf, term);
                    ext.add(p[n - 1], x * d, q0, 0, q1, 0);
                    ext.mul(q[n - 1], x * d, q0, 0, q1, 0);
                }
            });
            for (int k = n - 2; k >= top; k--) {
                int half = 1 << k;
                long[] pk = new long[half * d];
                long[] qk = new long[half * d];
                long[] pc = p[k + 1];
                long[] qc = q[k + 1];
                io.zkinfer.field.Parallel.forRange(half, 1 << 10, (from, to) -> {
                    long[] t = new long[d];
                    for (int x = from; x < to; x++) {
                        int a = x * d;
                        int b = (x + half) * d;
                        ext.mul(pk, a, pc, a, qc, b);
                        ext.mul(t, 0, pc, b, qc, a);
                        ext.add(pk, a, pk, a, t, 0);
                        ext.mul(qk, a, qc, a, qc, b);
                    }
                });
                p[k] = pk;
                q[k] = qk;
            }
            return new FractionTree(p, q, top);
        }

        /** w = P_top / Q_top, the committed level. */
        long[] fractions(ExtensionField ext) {
            int d = ext.degree();
            long[] w = q[top].clone();
            Lookup.batchInverse(ext, w, w.length / d);
            for (int x = 0; x < w.length; x += d) {
                ext.mul(w, x, w, x, p[top], x);
            }
            return w;
        }

        int rows() {
            return p.length - 1;
        }
    }

    /** A level's claimed value and its mask part: P(z) + lambda Q(z) = value - mask. */
    private record LevelClaim(long[] point, long[] p, long[] q, LinearForm pMask, LinearForm qMask) {}

    /** The zero check at level S: factors eq, w (committed), Q_S, P_S (intermediate). */
    private static ZkFactor[] zeroCheckFactors(int inverse) {
        return new ZkFactor[] {ZkFactor.publicFactor(), ZkFactor.masked(LinearForm.inverse(inverse), null, z -> z),
            ZkFactor.intermediate(), ZkFactor.intermediate()};
    }

    private static long[] zeroCheckRelation(ExtensionField ext, long[] tau, long[] t, long[][] v) {
        return ext.mul(Eq.evaluate(ext, tau, t), ext.sub(ext.mul(v[1], v[2]), v[3]));
    }

    /** An inner level's factors: eq, then P0, P1, Q0, Q1 (intermediate). */
    private static ZkFactor[] levelFactors() {
        return new ZkFactor[] {ZkFactor.publicFactor(), ZkFactor.intermediate(), ZkFactor.intermediate(),
            ZkFactor.intermediate(), ZkFactor.intermediate()};
    }

    private static long[] levelRelation(ExtensionField ext, long[] z, long[] t, long[] lambda, long[][] v) {
        long[] sum = ext.add(ext.mul(v[1], v[4]), ext.mul(v[2], v[3]));
        sum = ext.add(sum, ext.mul(lambda, ext.mul(v[3], v[4])));
        return ext.mul(Eq.evaluate(ext, z, t), sum);
    }

    /**
     * The rows' level: eq, then column j of the low half (j < width) and of the high half, all
     * intermediate: two claims on one tensor that differ only in the top coordinate would share
     * a bulk commitment's mask, so the two halves are joined along a line first
     * ({@link #rowClaims}) and each column gets one claim.
     */
    private static ZkFactor[] rowFactors(int width) {
        ZkFactor[] f = new ZkFactor[1 + 2 * width];
        f[0] = ZkFactor.publicFactor();
        for (int j = 1; j < f.length; j++) {
            f[j] = ZkFactor.intermediate();
        }
        return f;
    }

    /**
     * Column j at (t, rho) from its masked halves: c_j(t, rho) + Z(t) ((1 - rho) c_j0 + rho c_j1)
     * = (1 - rho) v_j0 + rho v_j1 - pad_j (1 - L(t, rho)), a claim on the committed tensor.
     */
    private static void rowClaims(io.zkinfer.sumcheck.circuit.ProofContext ctx, ExtensionField ext, TreeSet ts,
            long[] rho, ZkSumcheck.Result r) {
        int w = ts.width();
        long[] notRho = ext.sub(ext.one(), rho);
        long[] point = Eq.concat(r.point(), rho);
        long[] outside = ext.sub(ext.one(), Eq.logicalSum(ext, ts.shape(), point));
        for (int j = 0; j < w; j++) {
            long[] v = ext.add(ext.mul(notRho, r.values()[1 + j]), ext.mul(rho, r.values()[1 + w + j]));
            v = ext.sub(v, ext.mulBase(outside, Goldilocks.fromSigned(ts.padding()[j])));
            LinearForm mask = r.maskForms()[1 + j].times(ext, notRho).plus(ext, r.maskForms()[1 + w + j].times(ext, rho));
            ctx.formClaim(LinearForm.of(ext, ts.tensors()[j], point).plus(ext, mask), v);
        }
    }

    /**
     * eq(z, t) (Q0 + Q1 + lambda Q0 Q1) with Q_b = alpha - sum_j beta^j c_jb (P = 1 on the rows),
     * expanded: eq [(2 alpha + lambda alpha^2) - (1 + lambda alpha) sum_j beta^j (c_j0 + c_j1)
     * + lambda sum_(j, j') beta^(j + j') c_j0 c_j'1].
     */
    private static long[] rowRelation(ExtensionField ext, long[][] ch, long[] z, long[] t, long[] lambda, long[][] v,
            int w) {
        long[] q0 = ch[0];
        long[] q1 = ch[0];
        for (int j = 0; j < w; j++) {
            q0 = ext.sub(q0, ext.mul(ch[j + 1], v[1 + j]));
            q1 = ext.sub(q1, ext.mul(ch[j + 1], v[1 + w + j]));
        }
        long[] sum = ext.add(ext.add(q0, q1), ext.mul(lambda, ext.mul(q0, q1)));
        return ext.mul(Eq.evaluate(ext, z, t), sum);
    }

    /**
     * The rows' level as a product sum over k variables: eq, the columns' low halves, their high
     * halves. It gives the shape; the rounds come from the rows prover, so the factors' values are
     * stand-ins, never read.
     */
    private static ProductSum rowInstance(ExtensionField ext, long[][] ch, long[] lambda, int k, int w) {
        ProductSum.Builder ps = ProductSum.builder(ext, k);
        int fe = ps.addExtension(new long[ext.degree() << k]);
        long[] standIn = new long[1 << k];
        int[] lo = new int[w];
        int[] hi = new int[w];
        for (int j = 0; j < w; j++) {
            lo[j] = ps.addBase(standIn);
        }
        for (int j = 0; j < w; j++) {
            hi[j] = ps.addBase(standIn);
        }
        long[] alpha = ch[0];
        ps.term(ext.add(ext.add(alpha, alpha), ext.mul(lambda, ext.mul(alpha, alpha))), fe);
        long[] linear = ext.neg(ext.add(ext.one(), ext.mul(lambda, alpha)));
        for (int j = 0; j < w; j++) {
            long[] c = ext.mul(linear, ch[j + 1]);
            ps.term(c, fe, lo[j]);
            ps.term(c, fe, hi[j]);
        }
        for (int j = 0; j < w; j++) {
            for (int j2 = 0; j2 < w; j2++) {
                ps.term(ext.mul(lambda, ext.mul(ch[j + 1], ch[j2 + 1])), fe, lo[j], hi[j2]);
            }
        }
        return ps.build();
    }

    /** The next level's claim from a level sumcheck's masked values, along the line challenge rho. */
    private static LevelClaim descend(ExtensionField ext, long[] t, long[] rho, ZkSumcheck.Result r) {
        long[] notRho = ext.sub(ext.one(), rho);
        long[] p = ext.add(ext.mul(notRho, r.values()[1]), ext.mul(rho, r.values()[2]));
        long[] q = ext.add(ext.mul(notRho, r.values()[3]), ext.mul(rho, r.values()[4]));
        LinearForm pm = r.maskForms()[1].times(ext, notRho).plus(ext, r.maskForms()[2].times(ext, rho));
        LinearForm qm = r.maskForms()[3].times(ext, notRho).plus(ext, r.maskForms()[4].times(ext, rho));
        return new LevelClaim(Eq.concat(t, rho), p, q, pm, qm);
    }

    /** P(z) + lambda Q(z) as the form the next sumcheck's hidden sum is: revealed values minus masks. */
    private static LinearForm levelForm(ExtensionField ext, LevelClaim c, long[] lambda) {
        return LinearForm.constant(ext.add(c.p(), ext.mul(lambda, c.q())))
                .minus(ext, c.pMask().plus(ext, c.qMask().times(ext, lambda)));
    }

    /** Proves set {@code ts}'s tree after the lookup challenges {@code ch} (alpha, beta^0, beta^1, ...). */
    static void prove(ProverContext ctx, long[][] ch, TreeSet ts, FractionTree tree, long[][] columns) {
        ExtensionField ext = ctx.ext();
        int top = tree.top();
        int n = tree.rows();
        long[] tau = ctx.point("zk-lookup/set-point", top);
        ProductSum.Builder zc = ProductSum.builder(ext, top);
        int fe = zc.addExtension(Multilinear.eqTable(ext, tau));
        int fw = zc.addExtension(ctx.inverseValues(ts.inverse()));
        int fq = zc.addExtension(tree.q()[top]);
        int fp = zc.addExtension(tree.p()[top]);
        zc.term(fe, fw, fq).term(ext.neg(ext.one()), fe, fp);
        ZkSumcheck.Result r = ZkSumcheck.prove(ctx, "zk-lookup/set" + ts.set(), zc.build(), ext.zero(),
                LinearForm.constant(ext.zero()), zeroCheckFactors(ts.inverse()));
        ctx.formClaim(r.exit(), zeroCheckRelation(ext, tau, r.point(), r.values()));
        LevelClaim c = new LevelClaim(r.point(), r.values()[3], r.values()[2], r.maskForms()[3], r.maskForms()[2]);
        // The level's true values at the claim's point, P_k(z) and Q_k(z), from the sumcheck that made the claim.
        long[] pz = r.plainValues()[3];
        long[] qz = r.plainValues()[2];
        for (int k = top; k < n; k++) {
            long[] lambda = ctx.challenge("zk-lookup/tree-lambda");
            long[] z = c.point();
            long[] claim = ext.add(pz, ext.mul(lambda, qz));
            String label = "zk-lookup/set" + ts.set() + "/level" + k;
            if (k + 1 < n) {
                // The instance gives the shape (degree, factors, how values combine); the rounds
                // come from the level prover, which reads the level below in place.
                long[] standIn = new long[ext.degree() << k]; // eq, P0, P1, Q0, Q1: their values are never read
                ProductSum.Builder ps = ProductSum.builder(ext, k);
                int e = ps.addExtension(standIn);
                int p0 = ps.addExtension(standIn);
                int p1 = ps.addExtension(standIn);
                int q0 = ps.addExtension(standIn);
                int q1 = ps.addExtension(standIn);
                ps.term(e, p0, q1).term(e, p1, q0).term(lambda, e, q0, q1);
                r = ZkSumcheck.prove(ctx, label, ps.build(), new io.zkinfer.sumcheck.lookup.FractionLevelProver(ext, z,
                        lambda, tree.p()[k + 1], tree.q()[k + 1]), claim, levelForm(ext, c, lambda), levelFactors());
                ctx.formClaim(r.exit(), levelRelation(ext, z, r.point(), lambda, r.values()));
                long[] rho = ctx.challenge("zk-lookup/tree-line");
                c = descend(ext, r.point(), rho, r);
                long[] notRho = ext.sub(ext.one(), rho);
                long[][] v = r.plainValues();
                pz = ext.add(ext.mul(notRho, v[1]), ext.mul(rho, v[2]));
                qz = ext.add(ext.mul(notRho, v[3]), ext.mul(rho, v[4]));
            } else {
                r = ZkSumcheck.prove(ctx, label, rowInstance(ext, ch, lambda, k, columns.length),
                        new io.zkinfer.sumcheck.lookup.FractionRowsProver(ext, z, lambda, ch[0],
                                Arrays.copyOfRange(ch, 1, ch.length), columns),
                        claim, levelForm(ext, c, lambda), rowFactors(ts.width()));
                ctx.formClaim(r.exit(), rowRelation(ext, ch, z, r.point(), lambda, r.values(), ts.width()));
                rowClaims(ctx, ext, ts, ctx.challenge("zk-lookup/tree-line"), r);
            }
        }
    }

    /** Checks set {@code ts}'s tree of 2^{@code n} rows. */
    static void verify(VerifierContext ctx, long[][] ch, TreeSet ts, int n) throws ProofException {
        ExtensionField ext = ctx.ext();
        int top = GKR_COMMITTED_VARIABLES;
        long[] tau = ctx.point("zk-lookup/set-point", top);
        ZkSumcheck.Result r = ZkSumcheck.verify(ctx, "zk-lookup/set" + ts.set(), top, LinearForm.constant(ext.zero()),
                zeroCheckFactors(ts.inverse()));
        ctx.formClaim(r.exit(), zeroCheckRelation(ext, tau, r.point(), r.values()));
        LevelClaim c = new LevelClaim(r.point(), r.values()[3], r.values()[2], r.maskForms()[3], r.maskForms()[2]);
        for (int k = top; k < n; k++) {
            long[] lambda = ctx.challenge("zk-lookup/tree-lambda");
            long[] z = c.point();
            String label = "zk-lookup/set" + ts.set() + "/level" + k;
            if (k + 1 < n) {
                r = ZkSumcheck.verify(ctx, label, k, levelForm(ext, c, lambda), levelFactors());
                ctx.formClaim(r.exit(), levelRelation(ext, z, r.point(), lambda, r.values()));
                c = descend(ext, r.point(), ctx.challenge("zk-lookup/tree-line"), r);
            } else {
                r = ZkSumcheck.verify(ctx, label, k, levelForm(ext, c, lambda), rowFactors(ts.width()));
                ctx.formClaim(r.exit(), rowRelation(ext, ch, z, r.point(), lambda, r.values(), ts.width()));
                rowClaims(ctx, ext, ts, ctx.challenge("zk-lookup/tree-line"), r);
            }
        }
    }
}
