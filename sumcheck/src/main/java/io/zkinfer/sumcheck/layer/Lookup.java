package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Eq;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ZkFactor;
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
public final class Lookup implements Layer {
    /** {@link #describe()}, once computed. */
    private volatile String description;
    private final String name;
    private final Table table;
    private final int[][] sets;
    private final long[][] padding;
    private final int[] tableTensors;
    private final int multiplicities;
    private final Shape[] shapes;
    /** Per table column, its tensor's variables (fewer than the table's when the table was replicated), or -1. */
    private int[] tableTensorVariables;
    /** {@link #digest} of a public table, from its group; null for a private table. */
    private String publicTableDigest;

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
        /**
         * {@link #digest} of a public table (null for a private one), computed in {@link #add}
         * and kept for the layer's description rather than computed again: hashing a 2^16-row
         * table costs a cold verifier (compiling the circuit) 15-25 ms.
         */
        final String tableDigest;

        Group(String name, Table table, int[] tableTensors, int multiplicities, String tableDigest) {
            this.name = name;
            this.table = table;
            this.tableTensors = tableTensors;
            this.multiplicities = multiplicities;
            this.tableDigest = tableDigest;
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
        if (!privateTable && table.numVariables() < LookupTree.MIN_VARIABLES) {
            // Every tree needs two levels: a smaller public table is looked up as its rows repeated.
            table = ReplicatedTable.of(table, LookupTree.MIN_VARIABLES);
        }
        Table lookedUp = table;
        String tableDigest = privateTable ? null : digest(table);
        String key = "lookup/" + (privateTable ? "private/" + System.identityHashCode(table) : tableDigest)
                + Arrays.toString(tableTensors);
        List<Group> registry = registry(cb);
        Group group = cb.attachment(key, () -> {
            int m = cb.tensor(name + "/multiplicities", Shape.of(1 << lookedUp.numVariables()),
                    io.zkinfer.sumcheck.circuit.Tensor.Kind.COMMITTED, false, MULTIPLICITY_BOUND);
            Group g = new Group(name, lookedUp, tableTensors.clone(), m, tableDigest);
            registry.add(g);
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

    /**
     * The builder's lookup groups, in order of their first use. One hook adds them all as layers
     * when the circuit is built, after every other layer, and links them into one batch: their
     * zero-knowledge trees are proven together ({@link LookupBatch}).
     */
    private static List<Group> registry(CircuitBuilder cb) {
        return cb.attachment("lookup/registry", () -> {
            List<Group> groups = new ArrayList<>();
            cb.beforeBuild(() -> {
                List<Lookup> batch = new ArrayList<>();
                for (Group g : groups) {
                    batch.add(of(cb, g));
                }
                for (Lookup l : batch) {
                    l.batch = List.copyOf(batch);
                    cb.layer(l);
                }
            });
            return groups;
        });
    }

    /** Every lookup layer of the circuit, in order; the last proves all their trees. */
    private List<Lookup> batch = List.of();

    private static Lookup of(CircuitBuilder cb, Group g) {
        int[] tableTensors = g.tableTensors;
        Lookup layer = new Lookup(g.name, g.table, g.sets.toArray(int[][]::new), g.padding.toArray(long[][]::new),
                tableTensors, g.multiplicities, g.shapes.toArray(Shape[]::new));
        layer.whole = new boolean[g.whole.size()];
        for (int s = 0; s < layer.whole.length; s++) {
            layer.whole[s] = g.whole.get(s);
        }
        layer.publicTableDigest = g.tableDigest;
        layer.tableTensorVariables = new int[tableTensors.length];
        for (int c = 0; c < tableTensors.length; c++) {
            int t = tableTensors[c];
            layer.tableTensorVariables[c] = t >= 0 ? cb.get(t).numVariables() : -1;
            layer.privateTable |= t >= 0 && cb.get(t).kind() == io.zkinfer.sumcheck.circuit.Tensor.Kind.COMMITTED;
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
        return privateTable ? "private/" + table.numVariables() + "/" + table.width() : publicTableDigest;
    }

    private static String digest(Table table) {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            md.update((table.numVariables() + "/" + table.width()).getBytes(java.nio.charset.StandardCharsets.UTF_8));
            for (long[] column : table.columns()) {
                // One update per column (a verifier hashes every table once per run, mostly cold).
                md.update(Goldilocks.encode(column));
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
                // A set of fewer than 2^MIN_VARIABLES entries is looked up as its entries repeated
                // up to that many rows (a fraction tree needs two levels); the counts include the copies.
                cols[c] = replicated(v, 1 << setVariables(s));
            }
            out.add(cols);
        }
        return out;
    }

    /** {@code v} repeated up to {@code n} entries (n a multiple of its length). */
    private static long[] replicated(long[] v, int n) {
        if (v.length == n) {
            return v;
        }
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = v[i % v.length];
        }
        return out;
    }

    /** The variables set s is looked up over: its own, at least {@link LookupTree#MIN_VARIABLES}. */
    private int setVariables(int s) {
        return Math.max(LookupTree.MIN_VARIABLES, shapes[s].numVariables());
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
                    // A replicated set's rows do not depend on the coordinates beyond its own.
                    long[] point = LookupTree.tensorPoint(ext, c.point(), shapes[c.set()].numVariables());
                    long[] pad = ext.mulBase(ext.sub(ext.one(), Eq.logicalSum(ext, shapes[c.set()], point)),
                            Goldilocks.fromSigned(padding[c.set()][c.column()]));
                    out.add(new Claim(sets[c.set()][c.column()], point, ext.sub(c.value(), pad)));
                }
                case TABLE -> out.add(new Claim(tableTensors[c.column()],
                        LookupTree.tensorPoint(ext, c.point(), tableTensorVariables[c.column()]), c.value()));
                case MULTIPLICITY -> out.add(new Claim(multiplicities, c.point(), c.value()));
            }
        }
        return out;
    }

    // ---- Zero knowledge: LogUp by masked fraction trees ({@link LookupTree}) ----

    @Override
    public int zkSlots() {
        if (table.numVariables() < LookupTree.MIN_VARIABLES) {
            return -1; // a private table of two rows: no tree protocol for it
        }
        int slots = LookupTree.treeSlots(table.numVariables(),
                LookupTree.tableLeafMasks(table.width(), privateTable));
        for (int s = 0; s < shapes.length; s++) {
            slots += LookupTree.treeSlots(setVariables(s), LookupTree.setLeafMasks(table.width()));
        }
        if (isLastOfBatch()) {
            int depth = 0;
            for (Lookup l : batch) {
                depth = Math.max(depth, l.depth());
            }
            slots += LookupTree.sharedSlots(depth);
        }
        return slots;
    }

    /** The deepest of this lookup's trees. */
    private int depth() {
        int n = table.numVariables();
        for (int s = 0; s < shapes.length; s++) {
            n = Math.max(n, setVariables(s));
        }
        return n;
    }

    private boolean isLastOfBatch() {
        return !batch.isEmpty() && batch.getLast() == this;
    }

    /** The challenges alpha, beta^0, beta^1, ..., drawn after everything the lookup reads is committed. */
    private static long[][] drawChallenges(io.zkinfer.sumcheck.circuit.ProofContext ctx, int lookup,
            ExtensionField ext, int width) {
        long[] beta = ctx.challenge("zk-lookup/" + lookup + "/beta");
        long[] alpha = ctx.challenge("zk-lookup/" + lookup + "/alpha");
        long[][] powers = new long[width + 1][];
        powers[0] = alpha;
        long[] p = ext.one();
        for (int j = 0; j < width; j++) {
            powers[j + 1] = p;
            p = ext.mul(p, beta);
        }
        return powers; // alpha, beta^0, beta^1, ...
    }

    private LookupTree.TableSide tableSide() {
        return new LookupTree.TableSide(table, multiplicities, tableTensors, tableTensorVariables, privateTable);
    }

    /** Set s as the tree sees it: its tensors, padding row, shape, width. */
    private LookupTree.TreeSet treeSet(int s) {
        return new LookupTree.TreeSet(sets[s], padding[s], shapes[s], table.width());
    }

    /** sum_s w_s - w_T = 0, w = revealed value - mask: the masks' combination equals the values'. */
    private static void closeIdentity(io.zkinfer.sumcheck.circuit.ProofContext ctx, ExtensionField ext,
            List<LookupTree.Root> setRoots, LookupTree.Root tableRoot) {
        LinearForm masks = tableRoot.mask().times(ext, ext.neg(ext.one()));
        long[] values = ext.neg(tableRoot.value());
        for (LookupTree.Root r : setRoots) {
            masks = masks.plus(ext, r.mask());
            values = ext.add(values, r.value());
        }
        ctx.formClaim(masks, values);
    }

    /** This lookup's trees on the prover: its sets' and its table's. */
    private List<LookupTree.Tree> proverTrees(ProverContext ctx, long[][] ch) {
        ExtensionField ext = ctx.ext();
        List<long[][]> cols = columns(ctx::values);
        List<LookupTree.Tree> trees = new ArrayList<>();
        for (int s = 0; s < sets.length; s++) {
            trees.add(new LookupTree.SetTree(ext, ch, treeSet(s), setVariables(s), cols.get(s)));
        }
        trees.add(new LookupTree.TableTree(ext, ch, tableSide(), tableColumns(ctx::values), ctx.values(multiplicities)));
        return trees;
    }

    private List<LookupTree.Tree> verifierTrees(ExtensionField ext, long[][] ch) {
        List<LookupTree.Tree> trees = new ArrayList<>();
        for (int s = 0; s < sets.length; s++) {
            trees.add(new LookupTree.SetTree(ext, ch, treeSet(s), setVariables(s), null));
        }
        trees.add(new LookupTree.TableTree(ext, ch, tableSide(), null, null));
        return trees;
    }

    /** Closes this lookup's identity from its trees' roots (the sets' first, the table's last). */
    private static void closeIdentity(io.zkinfer.sumcheck.circuit.ProofContext ctx, ExtensionField ext,
            List<LookupTree.Tree> trees) {
        List<LookupTree.Root> roots = new ArrayList<>();
        for (LookupTree.Tree t : trees.subList(0, trees.size() - 1)) {
            roots.add(t.root);
        }
        closeIdentity(ctx, ext, roots, trees.getLast().root);
    }

    /**
     * Every lookup of the batch, in order: its challenges, drawn now (everything the lookups read
     * is in the commitment, made before the first challenge), and its trees made from them.
     */
    private List<List<LookupTree.Tree>> batchTrees(io.zkinfer.sumcheck.circuit.ProofContext ctx,
            java.util.function.BiFunction<Lookup, long[][], List<LookupTree.Tree>> trees) {
        List<List<LookupTree.Tree>> perLookup = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            Lookup l = batch.get(i);
            perLookup.add(trees.apply(l, drawChallenges(ctx, i, ctx.ext(), l.table.width())));
        }
        return perLookup;
    }

    private static List<LookupTree.Tree> all(List<List<LookupTree.Tree>> perLookup) {
        return perLookup.stream().flatMap(List::stream).toList();
    }

    /**
     * The last lookup of the batch proves every lookup's trees in one batch and closes each
     * lookup's identity; the others have nothing of their own to prove.
     */
    @Override
    public void proveZk(ProverContext ctx) {
        if (!isLastOfBatch()) {
            return;
        }
        List<List<LookupTree.Tree>> perLookup = batchTrees(ctx, (l, ch) -> l.proverTrees(ctx, ch));
        LookupBatch.prove(ctx, all(perLookup));
        for (List<LookupTree.Tree> trees : perLookup) {
            closeIdentity(ctx, ctx.ext(), trees);
        }
    }

    @Override
    public void verifyZk(VerifierContext ctx) throws ProofException {
        if (!isLastOfBatch()) {
            return;
        }
        List<List<LookupTree.Tree>> perLookup = batchTrees(ctx, (l, ch) -> l.verifierTrees(ctx.ext(), ch));
        LookupBatch.verify(ctx, all(perLookup));
        for (List<LookupTree.Tree> trees : perLookup) {
            closeIdentity(ctx, ctx.ext(), trees);
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
}
