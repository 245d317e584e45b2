package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Eq;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ZkFactor;
import io.zkinfer.sumcheck.circuit.ZkLookupLayer;
import io.zkinfer.sumcheck.circuit.ZkSumcheck;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProverContext;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import io.zkinfer.sumcheck.circuit.Witness;
import io.zkinfer.sumcheck.lookup.LogUp;
import io.zkinfer.sumcheck.lookup.LogUpProof;
import io.zkinfer.sumcheck.lookup.LookupClaim;
import io.zkinfer.sumcheck.lookup.LookupException;
import io.zkinfer.sumcheck.lookup.Table;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * A lookup constraint: every logical row of each looked-up set of tensors is a row of a table,
 * proven by LogUp-GKR ({@link LogUp}). The multiplicities are an auxiliary committed tensor this
 * layer writes. Padding entries of a set are looked up as a fixed row of the table (the row of
 * input 0, say), so the relation holds on the whole hypercube: column c of a set is
 * T_c(x) on logical x and pad_c elsewhere, whose extension is T_c(r) + pad_c (1 - L(r)) with L the
 * logical indicator, which the verifier evaluates.
 *
 * <p>The table is fixed and public: closed-form columns (ranges, a function's inputs) the verifier
 * evaluates, the others are preprocessed tensors committed in the key (or, for private tables,
 * committed tensors of the proof), named by {@code tableTensors}.
 */
public final class Lookup implements ZkLookupLayer {
    /** {@link #describe()}, once computed. */
    private volatile String description;
    private final String name;
    private final Table table;
    private final int[][] sets;
    private final long[][] padding;
    private final int[] tableTensors;
    private final int multiplicities;
    private final Shape[] shapes;

    private Lookup(String name, Table table, int[][] sets, long[][] padding, int[] tableTensors, int multiplicities,
            Shape[] shapes) {
        this.name = name;
        this.table = table;
        this.sets = sets;
        this.padding = padding;
        this.tableTensors = tableTensors;
        this.multiplicities = multiplicities;
        this.shapes = shapes;
    }

    /** The lookups into one table, gathered across factory calls and added as one layer at build time. */
    private static final class Group {
        final String name;
        final Table table;
        final int[] tableTensors;
        final int multiplicities;
        final List<int[]> sets = new ArrayList<>();
        final List<long[]> padding = new ArrayList<>();
        final List<Shape> shapes = new ArrayList<>();
        final List<Boolean> whole = new ArrayList<>();

        Group(String name, Table table, int[] tableTensors, int multiplicities) {
            this.name = name;
            this.table = table;
            this.tableTensors = tableTensors;
            this.multiplicities = multiplicities;
        }
    }

    /** The bound declared for multiplicities: counts of looked-up rows, below 2^31. */
    private static final long MULTIPLICITY_BOUND = 1L << 31;

    /**
     * Adds the constraint that each set's rows (one tensor per table column, all of one shape) are
     * in {@code table}. Every lookup into the same public table (same rows, same table tensors) on
     * one builder becomes one lookup argument, added after every other layer when the circuit is
     * built, so a table's side is proven once however many layers use it. Returns the
     * multiplicities tensor (shared by those lookups).
     *
     * @param padding per set, the table row its padding entries take (signed values, one per column)
     * @param tableTensors per table column, the tensor holding it, or -1 if the column is closed-form
     */
    public static int add(CircuitBuilder cb, String name, Table table, int[][] sets, long[][] padding,
            int[] tableTensors) {
        return add(cb, name, table, sets, padding, tableTensors, false);
    }

    /**
     * {@link #add(CircuitBuilder, String, Table, int[][], long[][], int[])}, with
     * {@code wholeHypercube} looking up every entry of the sets' hypercubes, padding included (the
     * padding arguments then go unused): for a tensor whose padding must be constrained too, as
     * when a digest covers it.
     */
    public static int add(CircuitBuilder cb, String name, Table table, int[][] sets, long[][] padding,
            int[] tableTensors, boolean wholeHypercube) {
        if (sets.length == 0) {
            throw new IllegalArgumentException(name + ": nothing to look up");
        }
        for (int c = 0; c < table.width(); c++) {
            if ((tableTensors[c] < 0) != table.closedForm(c)) {
                throw new IllegalArgumentException(name + ": table column " + c
                        + (table.closedForm(c) ? " is closed-form: pass -1" : " needs a tensor"));
            }
        }
        for (int t : tableTensors) {
            if (t >= 0 && cb.get(t).kind() != io.zkinfer.sumcheck.circuit.Tensor.Kind.PREPROCESSED
                    && cb.get(t).kind() != io.zkinfer.sumcheck.circuit.Tensor.Kind.COMMITTED) {
                throw new IllegalArgumentException(name + ": table column " + cb.get(t).name() + " is "
                        + cb.get(t).kind() + "; a table column is preprocessed (public, in the key) or committed (private)");
            }
        }
        boolean privateTable = false;
        for (int t : tableTensors) {
            privateTable |= t >= 0 && cb.get(t).kind() == io.zkinfer.sumcheck.circuit.Tensor.Kind.COMMITTED;
        }
        if (privateTable) {
            for (int c = 0; c < tableTensors.length; c++) {
                if (tableTensors[c] < 0 || cb.get(tableTensors[c]).kind() != io.zkinfer.sumcheck.circuit.Tensor.Kind.COMMITTED
                        || cb.get(tableTensors[c]).numVariables() != table.numVariables()) {
                    throw new IllegalArgumentException(name + ": a private table has every column in a committed tensor of "
                            + (1 << table.numVariables()) + " rows");
                }
            }
        }
        String key = "lookup/" + (privateTable ? "private/" + System.identityHashCode(table)
                : digest(table)) + Arrays.toString(tableTensors);
        Group group = cb.attachment(key, () -> {
            int m = cb.tensor(name + "/multiplicities", Shape.of(1 << table.numVariables()),
                    io.zkinfer.sumcheck.circuit.Tensor.Kind.COMMITTED, false, MULTIPLICITY_BOUND);
            Group g = new Group(name, table, tableTensors.clone(), m);
            cb.beforeBuild(() -> cb.layer(of(cb, g)));
            return g;
        });
        for (int s = 0; s < sets.length; s++) {
            if (sets[s].length != table.width() || padding[s].length != table.width()) {
                throw new IllegalArgumentException(name + ": set " + s + " needs " + table.width() + " columns");
            }
            Shape shape = cb.get(sets[s][0]).shape();
            for (int t : sets[s]) {
                if (!cb.get(t).shape().equals(shape)) {
                    throw new IllegalArgumentException(name + ": set " + s + " mixes shapes");
                }
            }
            group.sets.add(sets[s].clone());
            group.padding.add(padding[s].clone());
            // A whole-hypercube set is looked up as a flat tensor without padding: same variables, every entry logical.
            group.shapes.add(wholeHypercube ? Shape.of(shape.paddedSize()) : shape);
            group.whole.add(wholeHypercube);
        }
        return group.multiplicities;
    }

    private static Lookup of(CircuitBuilder cb, Group g) {
        int[] tableTensors = g.tableTensors;
        Lookup layer = new Lookup(g.name, g.table, g.sets.toArray(int[][]::new), g.padding.toArray(long[][]::new),
                tableTensors, g.multiplicities, g.shapes.toArray(Shape[]::new));
        layer.whole = new boolean[g.whole.size()];
        for (int s = 0; s < layer.whole.length; s++) {
            layer.whole[s] = g.whole.get(s);
        }
        layer.preprocessedColumns = new boolean[tableTensors.length];
        for (int c = 0; c < tableTensors.length; c++) {
            int t = tableTensors[c];
            layer.privateTable |= t >= 0 && cb.get(t).kind() == io.zkinfer.sumcheck.circuit.Tensor.Kind.COMMITTED;
            layer.preprocessedColumns[c] = t >= 0
                    && cb.get(t).kind() == io.zkinfer.sumcheck.circuit.Tensor.Kind.PREPROCESSED;
        }
        return layer;
    }

    @Override
    public String describe() {
        // Hashing a 2^16-row table takes milliseconds, and provers and verifiers describe every
        // layer as they enter it: computed once (the layer is immutable).
        String d = description;
        if (d == null) {
            d = buildDescription();
            description = d;
        }
        return d;
    }

    private String buildDescription() {
        StringBuilder sb = new StringBuilder("lookup(").append(name).append(",table=").append(tableDigest());
        for (int s = 0; s < sets.length; s++) {
            sb.append(",set=").append(Arrays.toString(sets[s])).append("/pad=").append(Arrays.toString(padding[s]));
            if (whole[s]) {
                sb.append("/whole");
            }
        }
        return sb.append(",tableTensors=").append(Arrays.toString(tableTensors)).append(",m=").append(multiplicities)
                .append(")").toString();
    }

    private String tableDigest() {
        return privateTable ? "private/" + table.numVariables() + "/" + table.width() : digest(table);
    }

    private static String digest(Table table) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((table.numVariables() + "/" + table.width()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (long[] column : table.columns()) {
                for (long v : column) {
                    md.update(Goldilocks.encode(v));
                }
            }
            return HexFormat.of().formatHex(md.digest());
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    @Override
    public int[] inputs() {
        List<Integer> in = new ArrayList<>();
        for (int[] set : sets) {
            for (int t : set) {
                in.add(t);
            }
        }
        for (int t : tableTensors) {
            if (t >= 0) {
                in.add(t);
            }
        }
        return in.stream().mapToInt(Integer::intValue).toArray();
    }

    @Override
    public int[] outputs() {
        return new int[] {multiplicities};
    }

    @Override
    public int reducedTensor() {
        return -1;
    }

    /** Each set's columns with padding entries set to the set's padding row. */
    private List<long[][]> columns(java.util.function.IntFunction<long[]> values) {
        List<long[][]> out = new ArrayList<>();
        for (int s = 0; s < sets.length; s++) {
            boolean[] logical = logicalMask(shapes[s]);
            long[][] cols = new long[sets[s].length][];
            for (int c = 0; c < cols.length; c++) {
                long[] v = values.apply(sets[s][c]).clone();
                long pad = Goldilocks.fromSigned(padding[s][c]);
                for (int i = 0; i < v.length; i++) {
                    if (!logical[i]) {
                        v[i] = pad;
                    }
                }
                // A one-entry set is looked up as two equal rows (one variable): every protocol
                // needs a variable to run on, and the counts include both rows.
                cols[c] = v.length == 1 ? new long[] {v[0], v[0]} : v;
            }
            out.add(cols);
        }
        return out;
    }

    /** Whether set s has one entry, looked up as two equal rows. */
    private boolean lifted(int s) {
        return shapes[s].numVariables() == 0;
    }

    /** The variables set s is looked up over (one for a one-entry set). */
    private int setVariables(int s) {
        return Math.max(1, shapes[s].numVariables());
    }

    private static boolean[] logicalMask(Shape shape) {
        boolean[] m = new boolean[shape.paddedSize()];
        for (int i : shape.logicalIndices()) {
            m[i] = true;
        }
        return m;
    }

    @Override
    public void compute(Witness w) {
        List<long[][]> cols = columns(w::values);
        long[] counts;
        try {
            counts = LogUp.multiplicities(proverTable(w::values), cols);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        w.set(multiplicities, counts);
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        LogUp.Output out = LogUp.prove(ctx.transcript(), ctx.label("logup"), ctx.ext(), proverTable(ctx::values),
                columns(ctx::values),
                ctx.values(multiplicities));
        ctx.recordAbsorbed(LogUpCodec.flatten(out.proof()));
        return claims(ctx.ext(), out.claims());
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        int[] vars = new int[sets.length];
        for (int s = 0; s < sets.length; s++) {
            vars[s] = setVariables(s);
        }
        LogUpProof proof = LogUpCodec.read(ctx, vars, table.numVariables(), table.width());
        try {
            return claims(ctx.ext(), LogUp.verify(ctx.transcript(), ctx.label("logup"), ctx.ext(), table, vars, proof));
        } catch (LookupException e) {
            throw ctx.fail(name + ": " + e.getMessage());
        }
    }

    /** Lookup claims as claims on tensors, removing the padding rows' contribution. */
    private List<Claim> claims(ExtensionField ext, List<LookupClaim> lookupClaims) {
        List<Claim> out = new ArrayList<>();
        for (LookupClaim c : lookupClaims) {
            switch (c.kind()) {
                case LOOKED_UP -> {
                    if (lifted(c.set())) {
                        // The lifted column is constant: its value anywhere is the one entry.
                        out.add(new Claim(sets[c.set()][c.column()], new long[0], c.value()));
                        continue;
                    }
                    long[] pad = ext.mulBase(ext.sub(ext.one(), Eq.logicalSum(ext, shapes[c.set()], c.point())),
                            Goldilocks.fromSigned(padding[c.set()][c.column()]));
                    out.add(new Claim(sets[c.set()][c.column()], c.point(), ext.sub(c.value(), pad)));
                }
                case TABLE -> out.add(new Claim(tableTensors[c.column()], c.point(), c.value()));
                case MULTIPLICITY -> out.add(new Claim(multiplicities, c.point(), c.value()));
            }
        }
        return out;
    }

    // ---- Zero knowledge: LogUp with committed inverses ----
    //
    // After the main commitment the challenges beta, alpha are drawn and the prover commits, in
    // the lookup commitment, h_s(x) = 1 / (alpha - a_s(x)) per set and h_T(t) = m(t) / (alpha - T(t)).
    // Then: sum_s sum_x h_s(x) = sum_t h_T(t) (a linear claim with value zero), and the zero checks
    // sum_x eq(tau, x) (h_s(x) (alpha - a_s(x)) - 1) = 0 and
    // sum_t eq(tau, t) (h_T(t) (alpha - T(t)) - m(t)) = 0 by zero-knowledge sumchecks. Together
    // they give the LogUp identity sum_s sum_x 1 / (alpha - a_s(x)) = sum_t m(t) / (alpha - T(t)).

    private int tableVariables() {
        return table.numVariables();
    }

    @Override
    public int zkSlots() {
        int slots = 0;
        for (int s = 0; s < shapes.length; s++) {
            slots += gkr(s) ? LookupTree.gkrSlots(setVariables(s), table.width()) : setVariables(s) + table.width();
        }
        if (tableVariables() == 0) {
            return -1;
        }
        int maskedTable = 1;
        for (int t : tableTensors) {
            maskedTable += t >= 0 && !preprocessedColumn(t) ? 1 : 0;
        }
        return slots + tableVariables() + maskedTable;
    }

    /** Whether a table column tensor is preprocessed (known to be public); set by the builder. */
    private boolean preprocessedColumn(int tensor) {
        for (int c = 0; c < tableTensors.length; c++) {
            if (tableTensors[c] == tensor) {
                return preprocessedColumns[c];
            }
        }
        return false;
    }

    private boolean[] preprocessedColumns;

    @Override
    public int[] zkInverseVariables() {
        int[] v = new int[shapes.length + 1];
        for (int s = 0; s < shapes.length; s++) {
            v[s] = gkr(s) ? LookupTree.GKR_COMMITTED_VARIABLES : setVariables(s);
        }
        v[shapes.length] = tableVariables();
        return v;
    }

    @Override
    public int zkLookupSlots() {
        return shapes.length + 1;
    }

    private long[][] challenges(java.util.Map<Object, Object> state) {
        return (long[][]) state.get(this);
    }

    private static long[][] drawChallenges(java.util.function.Function<String, long[]> challenge, ExtensionField ext,
            int width) {
        long[] beta = challenge.apply("zk-lookup/beta");
        long[] alpha = challenge.apply("zk-lookup/alpha");
        long[][] powers = new long[width + 1][];
        powers[0] = alpha;
        long[] p = ext.one();
        for (int j = 0; j < width; j++) {
            powers[j + 1] = p;
            p = ext.mul(p, beta);
        }
        return powers; // alpha, beta^0, beta^1, ...
    }

    @Override
    public List<long[]> zkPrepare(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        long[][] ch = drawChallenges(ctx::challenge, ext, table.width());
        ctx.state().put(this, ch);
        List<long[]> out = new ArrayList<>();
        List<long[][]> all = columns(ctx::values);
        for (int s = 0; s < sets.length; s++) {
            if (gkr(s)) {
                LookupTree.FractionTree tree = LookupTree.FractionTree.build(ext, ch, all.get(s),
                        LookupTree.GKR_COMMITTED_VARIABLES);
                ctx.state().put(new TreeKey(this, s), tree);
                out.add(tree.fractions(ext));
            } else {
                out.add(inverses(ext, ch, all.get(s), null));
            }
        }
        out.add(inverses(ext, ch, tableColumns(ctx::values), ctx.values(multiplicities)));
        return out;
    }

    @Override
    public void zkPrepareVerify(VerifierContext ctx) {
        ctx.state().put(this, drawChallenges(ctx::challenge, ctx.ext(), table.width()));
    }

    /** numerator(x) / (alpha - sum_j beta^j columns_j(x)), numerator 1 when null. */
    private static long[] inverses(ExtensionField ext, long[][] ch, long[][] columns, long[] numerators) {
        int d = ext.degree();
        int n = columns[0].length;
        long[] den = LookupTree.denominators(ext, ch, columns);
        batchInverse(ext, den, n);
        if (numerators != null) {
            for (int x = 0; x < n; x++) {
                ext.mulBase(den, x * d, den, x * d, numerators[x]);
            }
        }
        return den;
    }

    /** Inverts n nonzero interleaved extension elements in place with one inversion (Montgomery's trick). */
    static void batchInverse(ExtensionField ext, long[] v, int n) {
        int d = ext.degree();
        long[] prefix = new long[n * d];
        long[] acc = ext.one();
        for (int i = 0; i < n; i++) {
            System.arraycopy(acc, 0, prefix, i * d, d);
            ext.mul(acc, 0, acc, 0, v, i * d);
        }
        long[] inv = ext.inverse(acc);
        long[] tmp = new long[d];
        for (int i = n - 1; i >= 0; i--) {
            // v_i^-1 = (prod_{j<i} v_j) (prod_{j<=i} v_j)^-1; then drop v_i from the running inverse.
            ext.mul(tmp, 0, inv, 0, prefix, i * d);
            ext.mul(inv, 0, inv, 0, v, i * d);
            System.arraycopy(tmp, 0, v, i * d, d);
        }
    }

    /** The table's columns as the prover sees them (from the table, or from committed tensors). */
    private long[][] tableColumns(java.util.function.IntFunction<long[]> values) {
        return proverTable(values).columns();
    }

    private boolean privateTable;

    /** Per set: whether every entry of its hypercube is looked up, padding included. */
    private boolean[] whole;

    /** The table as the prover knows it: a private table's rows come from the witness. */
    private Table proverTable(java.util.function.IntFunction<long[]> values) {
        if (!privateTable) {
            return table;
        }
        long[][] cols = new long[tableTensors.length][];
        for (int c = 0; c < cols.length; c++) {
            cols[c] = values.apply(tableTensors[c]);
        }
        return Table.of(cols);
    }

    /** This layer's first vector in the lookup commitment. */
    private int firstInverse(io.zkinfer.sumcheck.circuit.Circuit c) {
        int k = 0;
        for (Layer l : c.layers()) {
            if (l == this) {
                return k;
            }
            if (l instanceof ZkLookupLayer z) {
                k += z.zkInverseVariables().length;
            }
        }
        throw new IllegalStateException("layer not in its circuit");
    }

    private LinearForm sumForm(ExtensionField ext, int first) {
        int d = ext.degree();
        LinearForm form = LinearForm.constant(ext.zero());
        int[] vars = zkInverseVariables();
        for (int k = 0; k < vars.length; k++) {
            long[] half = new long[vars[k] * d];
            for (int i = 0; i < vars[k]; i++) {
                half[i * d] = Goldilocks.inverse(2);
            }
            long scale = Goldilocks.pow(2, vars[k]);
            long[] coef = ext.fromBase(k < vars.length - 1 ? scale : Goldilocks.neg(scale));
            form = form.plus(ext, LinearForm.of(ext, LinearForm.inverse(first + k), half, coef));
        }
        return form;
    }

    private ZkFactor[] setFactors(ExtensionField ext, int s, int first) {
        ZkFactor[] f = new ZkFactor[2 + table.width()];
        f[0] = ZkFactor.publicFactor();
        f[1] = ZkFactor.masked(LinearForm.inverse(first + s), null, z -> z);
        for (int j = 0; j < table.width(); j++) {
            long pad = Goldilocks.fromSigned(padding[s][j]);
            Shape shape = shapes[s];
            f[2 + j] = lifted(s) ? ZkFactor.masked(sets[s][j], null, z -> new long[0])
                    : ZkFactor.maskedWithOffset(sets[s][j], null, z -> z,
                            z -> ext.mulBase(ext.sub(ext.one(), Eq.logicalSum(ext, shape, z)), pad));
        }
        return f;
    }

    private ZkFactor[] tableFactors(int first) {
        ZkFactor[] f = new ZkFactor[3 + table.width()];
        f[0] = ZkFactor.publicFactor();
        f[1] = ZkFactor.masked(LinearForm.inverse(first + sets.length), null, z -> z);
        f[2] = ZkFactor.masked(multiplicities, null, z -> z);
        for (int j = 0; j < table.width(); j++) {
            int t = tableTensors[j];
            f[3 + j] = t >= 0 && !preprocessedColumns[j] ? ZkFactor.masked(t, null, z -> z) : ZkFactor.publicFactor();
        }
        return f;
    }

    /** eq * (alpha h - sum_j beta^j h c_j - 1) for a set; eq * (alpha h - sum_j beta^j h T_j - m) for the table. */
    private static long[] relation(ExtensionField ext, long[][] ch, long[] eq, long[] h, long[][] columns, long[] m) {
        long[] v = ext.mul(ch[0], h);
        for (int j = 0; j < columns.length; j++) {
            v = ext.sub(v, ext.mul(ch[j + 1], ext.mul(h, columns[j])));
        }
        v = ext.sub(v, m == null ? ext.one() : m);
        return ext.mul(eq, v);
    }

    private static ProductSum zeroCheck(ExtensionField ext, long[][] ch, long[] tau, long[] h, long[][] columns,
            long[] m) {
        int n = tau.length / ext.degree();
        ProductSum.Builder ps = ProductSum.builder(ext, n);
        int e = ps.addExtension(Multilinear.eqTable(ext, tau));
        int fh = ps.addExtension(h);
        if (m != null) {
            ps.addBase(m);
        }
        for (int j = 0; j < columns.length; j++) {
            int fc = ps.addBase(columns[j]);
            ps.term(ext.neg(ch[j + 1]), e, fh, fc);
        }
        ps.term(ch[0], e, fh);
        if (m != null) {
            ps.term(ext.neg(ext.one()), e, 2);
        } else {
            // The constant -1 as -eq: a factor that is one everywhere keeps the degree low.
            long[] ones = new long[1 << n];
            java.util.Arrays.fill(ones, 1);
            ps.term(ext.neg(ext.one()), e, ps.addBase(ones));
        }
        return ps.build();
    }

    @Override
    public void proveZk(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        long[][] ch = challenges(ctx.state());
        int first = firstInverse(ctx.circuit());
        ctx.formClaim(sumForm(ext, first), ext.zero());
        List<long[][]> cols = columns(ctx::values);
        for (int s = 0; s < sets.length; s++) {
            if (gkr(s)) {
                LookupTree.prove(ctx, ch, treeSet(s, first), (LookupTree.FractionTree) ctx.state().remove(new TreeKey(this, s)),
                        cols.get(s));
                continue;
            }
            long[] tau = ctx.point("zk-lookup/set-point", setVariables(s));
            ProductSum f = zeroCheck(ext, ch, tau, ctx.inverseValues(first + s), cols.get(s), null);
            ZkFactor[] factors = withOnes(setFactors(ext, s, first));
            ZkSumcheck.Result r = ZkSumcheck.prove(ctx, "zk-lookup/set" + s, f, ext.zero(),
                    LinearForm.constant(ext.zero()), factors);
            ctx.formClaim(r.exit(), relation(ext, ch, Eq.evaluate(ext, tau, r.point()), r.values()[1],
                    java.util.Arrays.copyOfRange(r.values(), 2, 2 + table.width()), null));
        }
        long[] tau = ctx.point("zk-lookup/table-point", tableVariables());
        long[][] tcols = tableColumns(ctx::values);
        ProductSum f = zeroCheck(ext, ch, tau, ctx.inverseValues(first + sets.length), tcols, ctx.values(multiplicities));
        ZkSumcheck.Result r = ZkSumcheck.prove(ctx, "zk-lookup/table", f, ext.zero(), LinearForm.constant(ext.zero()),
                tableFactors(first));
        long[][] tv = new long[table.width()][];
        for (int j = 0; j < table.width(); j++) {
            tv[j] = r.values()[3 + j];
            if (tableTensors[j] >= 0 && preprocessedColumns[j]) {
                ctx.send("zk-lookup/table-column", tv[j]);
                ctx.preprocessedClaim(new Claim(tableTensors[j], r.point(), tv[j]));
            }
        }
        ctx.formClaim(r.exit(), relation(ext, ch, Eq.evaluate(ext, tau, r.point()), r.values()[1], tv, r.values()[2]));
    }

    /** The set zero check has one more factor, the all-ones table, public. */
    private static ZkFactor[] withOnes(ZkFactor[] f) {
        ZkFactor[] out = java.util.Arrays.copyOf(f, f.length + 1);
        out[f.length] = ZkFactor.publicFactor();
        return out;
    }

    @Override
    public void verifyZk(VerifierContext ctx) throws ProofException {
        ExtensionField ext = ctx.ext();
        long[][] ch = challenges(ctx.state());
        int first = firstInverse(ctx.circuit());
        ctx.formClaim(sumForm(ext, first), ext.zero());
        for (int s = 0; s < sets.length; s++) {
            if (gkr(s)) {
                LookupTree.verify(ctx, ch, treeSet(s, first), setVariables(s));
                continue;
            }
            long[] tau = ctx.point("zk-lookup/set-point", setVariables(s));
            ZkSumcheck.Result r = ZkSumcheck.verify(ctx, "zk-lookup/set" + s, setVariables(s),
                    LinearForm.constant(ext.zero()), withOnes(setFactors(ext, s, first)));
            ctx.formClaim(r.exit(), relation(ext, ch, Eq.evaluate(ext, tau, r.point()), r.values()[1],
                    java.util.Arrays.copyOfRange(r.values(), 2, 2 + table.width()), null));
        }
        long[] tau = ctx.point("zk-lookup/table-point", tableVariables());
        ZkSumcheck.Result r = ZkSumcheck.verify(ctx, "zk-lookup/table", tableVariables(), LinearForm.constant(ext.zero()),
                tableFactors(first));
        long[][] tv = new long[table.width()][];
        for (int j = 0; j < table.width(); j++) {
            if (tableTensors[j] < 0) {
                tv[j] = table.evaluate(ext, j, r.point());
            } else if (preprocessedColumns[j]) {
                tv[j] = ctx.receive("zk-lookup/table-column", 1);
                ctx.preprocessedClaim(new Claim(tableTensors[j], r.point(), tv[j]));
            } else {
                tv[j] = r.values()[3 + j];
            }
        }
        ctx.formClaim(r.exit(), relation(ext, ch, Eq.evaluate(ext, tau, r.point()), r.values()[1], tv, r.values()[2]));
    }

    /** Sets of at least 2^12 rows take the fraction tree ({@link LookupTree}); smaller ones commit their inverses. */
    private record TreeKey(Lookup layer, int set) {}

    private boolean gkr(int s) {
        return setVariables(s) >= LookupTree.GKR_MIN_VARIABLES;
    }

    /** Set s as the tree sees it: its index (for labels), its committed vector, tensors, padding row, shape, width. */
    private LookupTree.TreeSet treeSet(int s, int first) {
        return new LookupTree.TreeSet(s, first + s, sets[s], padding[s], shapes[s], table.width());
    }
}
