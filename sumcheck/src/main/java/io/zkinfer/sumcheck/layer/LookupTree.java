package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Eq;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ProofContext;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProverContext;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import io.zkinfer.sumcheck.circuit.ZkFactor;
import io.zkinfer.sumcheck.circuit.ZkSumcheck;
import io.zkinfer.sumcheck.lookup.FractionLevelProver;
import io.zkinfer.sumcheck.lookup.FractionRowsProver;
import io.zkinfer.sumcheck.lookup.Table;
import java.util.Arrays;

/**
 * Zero knowledge for a {@link Lookup}: the LogUp identity
 * sum_s sum_x 1 / (alpha - a_s(x)) = sum_t m(t) / (alpha - T(t)) proven with masked fraction
 * trees, one per looked-up set and one for the table, and nothing committed after the lookup
 * challenges: every value the trees produce is revealed only masked by fresh pool scalars.
 *
 * <p>A tree has 2^n leaves (n >= {@link #MIN_VARIABLES}), numerators N and denominators D: a
 * set's rows have N = 1 and D = alpha - sum_j beta^j a_j(x), the table's rows N = m(t) and
 * D = alpha - sum_j beta^j T_j(t). Level n holds the leaves and each level above adds pairs
 * along its top variable: P_k(x) = P_(k+1)(x, 0) Q_(k+1)(x, 1) + P_(k+1)(x, 1) Q_(k+1)(x, 0),
 * Q_k(x) = Q_(k+1)(x, 0) Q_(k+1)(x, 1), so the root P_0 / Q_0 is the sum of the leaves' fractions.
 *
 * <ul>
 *   <li><b>Root.</b> A one-round sumcheck over a dummy variable y of the constant
 *       W Q_1(0) Q_1(1) - P_1(0) Q_1(1) - P_1(1) Q_1(0), claimed sum 0, with W the root fraction
 *       w = P_0 / Q_0: every factor is revealed as v + y(1 - y) c at the round's challenge, c a
 *       fresh pool scalar, so the values are uniformly random. The two nodes of level 1 are
 *       joined along a line challenge rho into the claim P_1(rho) + lambda Q_1(rho).</li>
 *   <li><b>Levels.</b> One GKR sumcheck per level k = 1..n-1,
 *       sum_x eq(z, x) (P0 Q1 + P1 Q0 + lambda Q0 Q1) = P_k(z) + lambda Q_k(z), with the level
 *       below revealed masked ({@link ZkFactor#intermediate()}); the next claimed sum is the
 *       revealed values minus their masks, a form on the pool, never sent.</li>
 *   <li><b>Leaves.</b> The last level's factors are the rows' columns (a set), or the
 *       multiplicities with the table's denominators (a public table: the verifier evaluates the
 *       columns, or reads preprocessed ones, whose claims the key's check discharges), or the
 *       multiplicities and columns (a private table); committed tensors' halves are joined
 *       along a line into one claim each.</li>
 * </ul>
 *
 * Every tree of a circuit's lookups runs in one batch ({@link LookupBatch}): after each tree's
 * own root round, each level is one sumcheck over the random combination of the trees at that
 * level, so the level rounds are paid once, not per tree. Each lookup then closes its identity with one linear claim on the
 * pool: its sets' revealed W values minus its table's equal their masks' combination, that is
 * sum_s w_s = w_T ({@link Root}). Soundness: each tree's root round, with the claimed sum 0 fixed, forces the
 * revealed w to the tree's true root fraction except with probability about 10 / |F| (the exit
 * equation determines w as a rational function of the round challenge whose average over
 * {0, 1} is the true fraction, so a w that meets the lookup's identity must equal it at a
 * challenge drawn after the round's message). That needs one root round per tree: in a
 * combined one the trees' W would share one exit equation. The levels are GKR's.
 */
final class LookupTree {
    private LookupTree() {}

    /** The fewest variables a tree has: sets and tables of fewer rows are replicated up to it. */
    static final int MIN_VARIABLES = 2;

    /**
     * One looked-up set as the tree sees it.
     *
     * @param tensors its columns' tensors
     * @param padding the table row its padding entries take
     * @param shape its shape (flat for a whole-hypercube set); fewer than {@link #MIN_VARIABLES}
     *     variables means its rows are replicated, and its claims drop the tree's top coordinates
     * @param width the table's width
     */
    record TreeSet(int[] tensors, long[] padding, Shape shape, int width) {}

    /**
     * The table side.
     *
     * @param table the table (replicated to {@link #MIN_VARIABLES} if smaller)
     * @param multiplicities the multiplicities tensor (2^n entries)
     * @param tensors per column, its tensor (preprocessed for a public table, committed for a
     *     private one), or -1 when closed-form
     * @param tensorVariables per column, its tensor's variables (fewer than the table's when the
     *     table was replicated)
     * @param privateTable whether the columns are committed (private) tensors
     */
    record TableSide(Table table, int multiplicities, int[] tensors, int[] tensorVariables, boolean privateTable) {}

    /** A tree's revealed root value W = w + mask: w = value - mask. */
    record Root(long[] value, LinearForm mask) {}

    /**
     * Pool slots a tree takes on its own: its root round (one round, five revealed values), four
     * revealed values per inner level, and its leaves' ({@code leafMasks}). The batch's level
     * rounds take theirs apart ({@link #sharedSlots}).
     */
    static int treeSlots(int n, int leafMasks) {
        return 1 + 5 + 4 * (n - 2) + leafMasks;
    }

    /** Leaf masks of a set's tree: each column's two halves. */
    static int setLeafMasks(int width) {
        return 2 * width;
    }

    /** Leaf masks of the table's tree: the multiplicities' halves, and a private table's columns'. */
    static int tableLeafMasks(int width, boolean privateTable) {
        return 2 + (privateTable ? 2 * width : 0);
    }

    /** Pool slots of a batch's level rounds (one per round) for trees of at most 2^n leaves: k per level k. */
    static int sharedSlots(int n) {
        return (n - 1) * n / 2;
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
     * The fraction tree's levels 1..n-1, each P_k and Q_k interleaved extension values (the
     * leaves' level and the root are not stored).
     */
    record FractionTree(long[][] p, long[][] q) {
        /**
         * The tree of the rows with columns {@code columns} under the lookup challenges
         * {@code ch} (alpha, beta^0, beta^1, ...), numerators {@code numerators} (base values),
         * or 1 when null. Level n - 1 is made from the columns directly.
         */
        static FractionTree build(ExtensionField ext, long[][] ch, long[][] columns, long[] numerators) {
            int d = ext.degree();
            int n = Integer.numberOfTrailingZeros(columns[0].length);
            long[][] p = new long[n][];
            long[][] q = new long[n][];
            int rowsHalf = 1 << (n - 1);
            p[n - 1] = new long[rowsHalf * d];
            q[n - 1] = new long[rowsHalf * d];
            // N0/q0 + N1/q1 = (N0 q1 + N1 q0) / (q0 q1), q_b = alpha - sum_j beta^j columns_j(x + b 2^(n-1)).
            io.zkinfer.field.Parallel.forRange(rowsHalf, 1 << 10, (from, to) -> {
                long[] q0 = new long[d];
                long[] q1 = new long[d];
                long[] term = new long[d];
                for (int x = from; x < to; x++) {
                    rowDenominator(ext, q0, 0, ch, columns, x, term);
                    rowDenominator(ext, q1, 0, ch, columns, x + rowsHalf, term);
                    if (numerators == null) {
                        ext.add(p[n - 1], x * d, q0, 0, q1, 0);
                    } else {
                        ext.mulBase(p[n - 1], x * d, q1, 0, numerators[x]);
                        ext.mulBase(term, 0, q0, 0, numerators[x + rowsHalf]);
                        ext.add(p[n - 1], x * d, p[n - 1], x * d, term, 0);
                    }
                    ext.mul(q[n - 1], x * d, q0, 0, q1, 0);
                }
            });
            for (int k = n - 2; k >= 1; k--) {
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
            return new FractionTree(p, q);
        }

        /** w = P_0 / Q_0 from level 1's two nodes. */
        long[] rootFraction(ExtensionField ext) {
            long[][] v = levelOne(ext);
            long[] num = ext.add(ext.mul(v[0], v[3]), ext.mul(v[1], v[2]));
            return ext.mul(num, ext.inverse(ext.mul(v[2], v[3])));
        }

        /** P_1(0), P_1(1), Q_1(0), Q_1(1). */
        long[][] levelOne(ExtensionField ext) {
            return new long[][] {ext.get(p[1], 0), ext.get(p[1], 1), ext.get(q[1], 0), ext.get(q[1], 1)};
        }
    }

    /** A level's claimed value and its mask part: P(z) + lambda Q(z) = value - mask. */
    record LevelClaim(long[] point, long[] p, long[] q, LinearForm pMask, LinearForm qMask) {
        /** P(z) + lambda Q(z) as the form a sumcheck's hidden sum is: revealed values minus masks. */
        LinearForm form(ExtensionField ext, long[] lambda) {
            return LinearForm.constant(ext.add(p, ext.mul(lambda, q))).minus(ext, pMask.plus(ext, qMask.times(ext, lambda)));
        }
    }

    /** One tree's factors in a batched sumcheck's result: values (masked where masked), masks, plain values (prover). */
    record Slice(ZkSumcheck.Result r, int offset) {
        long[] v(int j) {
            return r.values()[offset + j];
        }

        LinearForm mask(int j) {
            return r.maskForms()[offset + j];
        }

        long[] plain(int j) {
            return r.plainValues()[offset + j];
        }

        /** Factors j and j + 1 (a node's halves) joined at rho: (1 - rho) v_j + rho v_(j+1). */
        long[] joined(ExtensionField ext, long[] rho, int j) {
            return ext.add(ext.mul(ext.sub(ext.one(), rho), v(j)), ext.mul(rho, v(j + 1)));
        }

        long[] joinedPlain(ExtensionField ext, long[] rho, int j) {
            return ext.add(ext.mul(ext.sub(ext.one(), rho), plain(j)), ext.mul(rho, plain(j + 1)));
        }

        LinearForm joinedMask(ExtensionField ext, long[] rho, int j) {
            return mask(j).times(ext, ext.sub(ext.one(), rho)).plus(ext, mask(j + 1).times(ext, rho));
        }
    }

    /**
     * A tree in a batch: its depth n (leaves at level n), the claim on the level the batch is at
     * (P(z) + lambda Q(z), hidden), and, on the prover, the tree's levels and true P(z), Q(z).
     */
    abstract static sealed class Tree permits SetTree, TableTree {
        final ExtensionField ext;
        final int n;
        /** The lookup's challenges alpha, beta^0, beta^1, .... */
        final long[][] ch;
        /** The prover's levels (null on the verifier). */
        final FractionTree levels;
        LevelClaim claim;
        long[] pz;
        long[] qz;
        Root root;

        Tree(ExtensionField ext, int n, long[][] ch, FractionTree levels) {
            this.ext = ext;
            this.n = n;
            this.ch = ch;
            this.levels = levels;
        }

        // ---- the root round: W Q_1(0) Q_1(1) - P_1(0) Q_1(1) - P_1(1) Q_1(0) over a dummy variable ----

        /** The root round's instance over one variable: W, P_1(0), P_1(1), Q_1(0), Q_1(1), each constant. */
        ProductSum rootInstance() {
            ProductSum.Builder b = ProductSum.builder(ext, 1);
            long[] w = levels.rootFraction(ext);
            int fw = b.addExtension(Eq.concat(w, w));
            int[] f = new int[4];
            long[][] one = levels.levelOne(ext);
            for (int i = 0; i < 4; i++) {
                f[i] = b.addExtension(Eq.concat(one[i], one[i]));
            }
            long[] minusOne = ext.neg(ext.one());
            return b.term(fw, f[2], f[3]).term(minusOne, f[0], f[3]).term(minusOne, f[1], f[2]).build();
        }

        static final int ROOT_FACTORS = 5;

        long[] rootRelation(Slice v) {
            long[] wq = ext.mul(v.v(0), ext.mul(v.v(3), v.v(4)));
            return ext.sub(wq, ext.add(ext.mul(v.v(1), v.v(4)), ext.mul(v.v(2), v.v(3))));
        }

        /** After the root round: the root W and the claim on level 1 at rho. */
        void afterRoot(long[] rho, Slice v, boolean prover) {
            root = new Root(v.v(0), v.mask(0));
            descend(new long[0], rho, v, 1, prover);
        }

        /** The claim at (t, rho) from the factors P0, P1, Q0, Q1 at {@code first}. */
        void descend(long[] t, long[] rho, Slice v, int first, boolean prover) {
            claim = new LevelClaim(Eq.concat(t, rho), v.joined(ext, rho, first), v.joined(ext, rho, first + 2),
                    v.joinedMask(ext, rho, first), v.joinedMask(ext, rho, first + 2));
            if (prover) {
                pz = v.joinedPlain(ext, rho, first);
                qz = v.joinedPlain(ext, rho, first + 2);
            }
        }

        // ---- inner levels k < n - 1: sum_x eq(z, x) (P0 Q1 + P1 Q0 + lambda Q0 Q1) ----

        static final int INNER_FACTORS = 5;

        /** Adds an inner level's factors (eq, P0, P1, Q0, Q1: stand-ins, the rounds come from the level prover). */
        static void addInner(ExtensionField ext, ProductSum.Builder b, long[] scale, long[] lambda, long[] standIn) {
            int e = b.addExtension(standIn);
            int p0 = b.addExtension(standIn);
            int p1 = b.addExtension(standIn);
            int q0 = b.addExtension(standIn);
            int q1 = b.addExtension(standIn);
            b.term(scale, e, p0, q1).term(scale, e, p1, q0).term(ext.mul(scale, lambda), e, q0, q1);
        }

        static ZkFactor[] innerFactors() {
            return new ZkFactor[] {ZkFactor.publicFactor(), ZkFactor.intermediate(), ZkFactor.intermediate(),
                ZkFactor.intermediate(), ZkFactor.intermediate()};
        }

        long[] innerRelation(long[] z, long[] t, long[] lambda, Slice v) {
            long[] sum = ext.add(ext.mul(v.v(1), v.v(4)), ext.mul(v.v(2), v.v(3)));
            sum = ext.add(sum, ext.mul(lambda, ext.mul(v.v(3), v.v(4))));
            return ext.mul(Eq.evaluate(ext, z, t), sum);
        }

        io.zkinfer.sumcheck.RoundProver innerProver(int k, long[] lambda) {
            return new FractionLevelProver(ext, claim.point(), lambda, levels.p()[k + 1], levels.q()[k + 1]);
        }

        // ---- the leaves' level k = n - 1 ----

        abstract int leafFactorCount();

        /** Adds the leaves level's factors and terms, times {@code scale}. */
        abstract void addLeaves(ProductSum.Builder b, long[] scale, long[] lambda, long[] extStandIn, long[] baseStandIn);

        abstract io.zkinfer.sumcheck.RoundProver leafProver(long[] lambda);

        abstract ZkFactor[] leafFactors();

        /** Values the exit needs beyond the factors (a public table's columns at (t, 0) and (t, 1)). */
        void leafExitValues(ProofContext ctx, long[] t) throws ProofException {}

        abstract long[] leafRelation(long[] t, long[] lambda, Slice v);

        /** The claims on committed tensors the leaves' revealed values make, joined at rho. */
        abstract void leafClaims(ProofContext ctx, long[] t, long[] rho, Slice v);
    }

    /** A looked-up set's tree: numerators 1, denominators alpha - sum_j beta^j a_j(x). */
    static final class SetTree extends Tree {
        private final TreeSet set;
        private final long[][] columns;

        /** The prover's tree over the set's rows {@code columns}; the verifier passes null. */
        SetTree(ExtensionField ext, long[][] ch, TreeSet set, int n, long[][] columns) {
            super(ext, n, ch, columns == null ? null : FractionTree.build(ext, ch, columns, null));
            this.set = set;
            this.columns = columns;
        }

        @Override
        int leafFactorCount() {
            return 1 + 2 * set.width();
        }

        /**
         * eq (Q0 + Q1 + lambda Q0 Q1) with Q_b = alpha - sum_j beta^j c_jb (P = 1 on the rows),
         * expanded: eq [(2 alpha + lambda alpha^2) - (1 + lambda alpha) sum_j beta^j (c_j0 + c_j1)
         * + lambda sum_(j, j') beta^(j + j') c_j0 c_j'1].
         */
        @Override
        void addLeaves(ProductSum.Builder b, long[] scale, long[] lambda, long[] extStandIn, long[] baseStandIn) {
            int w = set.width();
            int fe = b.addExtension(extStandIn);
            int[] lo = new int[w];
            int[] hi = new int[w];
            for (int j = 0; j < w; j++) {
                lo[j] = b.addBase(baseStandIn);
            }
            for (int j = 0; j < w; j++) {
                hi[j] = b.addBase(baseStandIn);
            }
            long[] alpha = ch[0];
            b.term(ext.mul(scale, ext.add(ext.add(alpha, alpha), ext.mul(lambda, ext.mul(alpha, alpha)))), fe);
            long[] linear = ext.mul(scale, ext.neg(ext.add(ext.one(), ext.mul(lambda, alpha))));
            for (int j = 0; j < w; j++) {
                long[] c = ext.mul(linear, ch[j + 1]);
                b.term(c, fe, lo[j]);
                b.term(c, fe, hi[j]);
            }
            for (int j = 0; j < w; j++) {
                for (int j2 = 0; j2 < w; j2++) {
                    b.term(ext.mul(scale, ext.mul(lambda, ext.mul(ch[j + 1], ch[j2 + 1]))), fe, lo[j], hi[j2]);
                }
            }
        }

        @Override
        io.zkinfer.sumcheck.RoundProver leafProver(long[] lambda) {
            return new FractionRowsProver(ext, claim.point(), lambda, ch[0], Arrays.copyOfRange(ch, 1, ch.length),
                    columns);
        }

        /**
         * eq, then column j of the low half (j < width) and of the high half, all intermediate:
         * the two halves are joined along a line ({@link #leafClaims}), one claim per column.
         */
        @Override
        ZkFactor[] leafFactors() {
            ZkFactor[] f = new ZkFactor[leafFactorCount()];
            Arrays.fill(f, ZkFactor.intermediate());
            f[0] = ZkFactor.publicFactor();
            return f;
        }

        @Override
        long[] leafRelation(long[] t, long[] lambda, Slice v) {
            int w = set.width();
            long[] q0 = ch[0];
            long[] q1 = ch[0];
            for (int j = 0; j < w; j++) {
                q0 = ext.sub(q0, ext.mul(ch[j + 1], v.v(1 + j)));
                q1 = ext.sub(q1, ext.mul(ch[j + 1], v.v(1 + w + j)));
            }
            long[] sum = ext.add(ext.add(q0, q1), ext.mul(lambda, ext.mul(q0, q1)));
            return ext.mul(Eq.evaluate(ext, claim.point(), t), sum);
        }

        /**
         * Column j at (t, rho) from its masked halves: c_j(t, rho) + Z(t) ((1 - rho) c_j0 + rho
         * c_j1) = (1 - rho) v_j0 + rho v_j1 - pad_j (1 - L(t, rho)), a claim on the committed
         * tensor (at the point's first coordinates for a replicated set, whose rows do not depend
         * on the rest).
         */
        @Override
        void leafClaims(ProofContext ctx, long[] t, long[] rho, Slice v) {
            int w = set.width();
            long[] notRho = ext.sub(ext.one(), rho);
            long[] point = tensorPoint(ext, Eq.concat(t, rho), set.shape().numVariables());
            long[] outside = ext.sub(ext.one(), Eq.logicalSum(ext, set.shape(), point));
            for (int j = 0; j < w; j++) {
                long[] value = ext.add(ext.mul(notRho, v.v(1 + j)), ext.mul(rho, v.v(1 + w + j)));
                value = ext.sub(value, ext.mulBase(outside, Goldilocks.fromSigned(set.padding()[j])));
                LinearForm mask = v.mask(1 + j).times(ext, notRho).plus(ext, v.mask(1 + w + j).times(ext, rho));
                ctx.formClaim(LinearForm.of(ext, set.tensors()[j], point).plus(ext, mask), value);
            }
        }
    }

    /** The table's tree: numerators the multiplicities m(t), denominators alpha - sum_j beta^j T_j(t). */
    static final class TableTree extends Tree {
        private final TableSide side;
        private final long[][] columns;
        private final long[] m;
        /** Per column, its values at (t, 0) and (t, 1) (a public table). */
        private long[][] halves;

        /** The prover's tree over the table's {@code columns} and multiplicities {@code m}; the verifier passes nulls. */
        TableTree(ExtensionField ext, long[][] ch, TableSide side, long[][] columns, long[] m) {
            super(ext, side.table().numVariables(), ch, columns == null ? null : FractionTree.build(ext, ch, columns, m));
            this.side = side;
            this.columns = columns;
            this.m = m;
        }

        private int width() {
            return side.table().width();
        }

        @Override
        int leafFactorCount() {
            return side.privateTable() ? 3 + 2 * width() : 5;
        }

        /**
         * eq (m0 q1 + m1 q0 + lambda q0 q1): a public table's q_b = alpha - sum_j beta^j T_jb are
         * public factors; a private table's are expanded over its columns.
         */
        @Override
        void addLeaves(ProductSum.Builder b, long[] scale, long[] lambda, long[] extStandIn, long[] baseStandIn) {
            int e = b.addExtension(extStandIn);
            int m0 = b.addBase(baseStandIn);
            int m1 = b.addBase(baseStandIn);
            if (!side.privateTable()) {
                int q0 = b.addExtension(extStandIn);
                int q1 = b.addExtension(extStandIn);
                b.term(scale, e, m0, q1).term(scale, e, m1, q0).term(ext.mul(scale, lambda), e, q0, q1);
                return;
            }
            for (int j = 0; j < 2 * width(); j++) {
                b.addBase(baseStandIn);
            }
            addPrivateTerms(b, e, scale, lambda);
        }

        @Override
        io.zkinfer.sumcheck.RoundProver leafProver(long[] lambda) {
            int d = ext.degree();
            int half = 1 << (n - 1);
            ProductSum.Builder b = ProductSum.builder(ext, n - 1);
            long[] eq = Multilinear.eqTable(ext, claim.point());
            long[] m0 = Arrays.copyOfRange(m, 0, half);
            long[] m1 = Arrays.copyOfRange(m, half, 2 * half);
            if (!side.privateTable()) {
                long[] den = denominators(ext, ch, columns);
                int e = b.addExtension(eq);
                int f0 = b.addBase(m0);
                int f1 = b.addBase(m1);
                int q0 = b.addExtension(Arrays.copyOfRange(den, 0, half * d));
                int q1 = b.addExtension(Arrays.copyOfRange(den, half * d, 2 * half * d));
                b.term(e, f0, q1).term(e, f1, q0).term(lambda, e, q0, q1);
                return new io.zkinfer.sumcheck.SumcheckProver(b.build());
            }
            // The same factors and terms as addLeaves, on the real tables.
            int e = b.addExtension(eq);
            b.addBase(m0);
            b.addBase(m1);
            for (int j = 0; j < width(); j++) {
                b.addBase(Arrays.copyOfRange(columns[j], 0, half));
            }
            for (int j = 0; j < width(); j++) {
                b.addBase(Arrays.copyOfRange(columns[j], half, 2 * half));
            }
            addPrivateTerms(b, e, ext.one(), lambda);
            return new io.zkinfer.sumcheck.SumcheckProver(b.build());
        }

        /**
         * A private table's terms, eq (m0 q1 + m1 q0 + lambda q0 q1) expanded over q_b = alpha -
         * sum_j beta^j T_jb, times {@code scale}, on the factors from {@code e}: eq, the m halves,
         * the columns' low halves, their high halves.
         */
        private void addPrivateTerms(ProductSum.Builder b, int e, long[] scale, long[] lambda) {
            int w = width();
            int m0 = e + 1;
            int m1 = e + 2;
            int lo = e + 3;
            int hi = e + 3 + w;
            long[] sa = ext.mul(scale, ch[0]);
            b.term(sa, e, m0).term(sa, e, m1);
            b.term(ext.mul(sa, ext.mul(lambda, ch[0])), e);
            for (int j = 0; j < w; j++) {
                long[] minusBeta = ext.neg(ext.mul(scale, ch[j + 1]));
                b.term(minusBeta, e, m0, hi + j).term(minusBeta, e, m1, lo + j);
                long[] c = ext.neg(ext.mul(sa, ext.mul(lambda, ch[j + 1])));
                b.term(c, e, lo + j).term(c, e, hi + j);
                for (int j2 = 0; j2 < w; j2++) {
                    b.term(ext.mul(scale, ext.mul(lambda, ext.mul(ch[j + 1], ch[j2 + 1]))), e, lo + j, hi + j2);
                }
            }
        }

        @Override
        ZkFactor[] leafFactors() {
            if (!side.privateTable()) {
                return new ZkFactor[] {ZkFactor.publicFactor(), ZkFactor.intermediate(), ZkFactor.intermediate(),
                    ZkFactor.publicFactor(), ZkFactor.publicFactor()};
            }
            ZkFactor[] f = new ZkFactor[leafFactorCount()];
            Arrays.fill(f, ZkFactor.intermediate());
            f[0] = ZkFactor.publicFactor();
            return f;
        }

        /**
         * A public table's columns at (t, 0) and (t, 1): the verifier evaluates a closed-form one;
         * a preprocessed one's values are sent and claimed on the key's tensor.
         */
        @Override
        void leafExitValues(ProofContext ctx, long[] t) throws ProofException {
            if (side.privateTable()) {
                return;
            }
            halves = new long[width()][];
            for (int j = 0; j < width(); j++) {
                long[][] at = new long[2][];
                for (int b = 0; b < 2; b++) {
                    long[] point = Eq.concat(t, ext.fromBase(b));
                    int tensor = side.tensors()[j];
                    if (columns != null) {
                        int half = columns[j].length / 2; // (t, b): the half b at t
                        at[b] = Multilinear.evaluate(ext, Arrays.copyOfRange(columns[j], b * half, (b + 1) * half), t);
                        if (tensor >= 0) {
                            ((ProverContext) ctx).send("zk-lookup/table-column", at[b]);
                        }
                    } else if (tensor < 0) {
                        at[b] = side.table().evaluate(ext, j, point);
                    } else {
                        at[b] = ((VerifierContext) ctx).receive("zk-lookup/table-column", 1);
                    }
                    if (tensor >= 0) {
                        ctx.preprocessedClaim(new Claim(tensor, tensorPoint(ext, point, side.tensorVariables()[j]), at[b]));
                    }
                }
                halves[j] = Eq.concat(at[0], at[1]);
            }
        }

        @Override
        long[] leafRelation(long[] t, long[] lambda, Slice v) {
            int d = ext.degree();
            int w = width();
            long[] q0 = ch[0];
            long[] q1 = ch[0];
            for (int j = 0; j < w; j++) {
                long[] c0 = side.privateTable() ? v.v(3 + j) : Arrays.copyOfRange(halves[j], 0, d);
                long[] c1 = side.privateTable() ? v.v(3 + w + j) : Arrays.copyOfRange(halves[j], d, 2 * d);
                q0 = ext.sub(q0, ext.mul(ch[j + 1], c0));
                q1 = ext.sub(q1, ext.mul(ch[j + 1], c1));
            }
            long[] sum = ext.add(ext.mul(v.v(1), q1), ext.mul(v.v(2), q0));
            sum = ext.add(sum, ext.mul(lambda, ext.mul(q0, q1)));
            return ext.mul(Eq.evaluate(ext, claim.point(), t), sum);
        }

        /** The multiplicities at (t, rho), and a private table's columns there. */
        @Override
        void leafClaims(ProofContext ctx, long[] t, long[] rho, Slice v) {
            long[] point = Eq.concat(t, rho);
            ctx.formClaim(LinearForm.of(ext, side.multiplicities(), point).plus(ext, v.joinedMask(ext, rho, 1)),
                    v.joined(ext, rho, 1));
            if (side.privateTable()) {
                int w = width();
                long[] notRho = ext.sub(ext.one(), rho);
                for (int j = 0; j < w; j++) {
                    long[] value = ext.add(ext.mul(notRho, v.v(3 + j)), ext.mul(rho, v.v(3 + w + j)));
                    LinearForm mask = v.mask(3 + j).times(ext, notRho).plus(ext, v.mask(3 + w + j).times(ext, rho));
                    ctx.formClaim(LinearForm.of(ext, side.tensors()[j], point).plus(ext, mask), value);
                }
            }
        }
    }

    /** A point of a tree over replicated rows as a point of the tensor's own (fewer) variables. */
    static long[] tensorPoint(ExtensionField ext, long[] point, int variables) {
        return Arrays.copyOf(point, variables * ext.degree());
    }
}
