package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Eq;
import io.zkinfer.sumcheck.circuit.Layer;
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
import java.math.BigInteger;
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

    /**
     * Adds the constraint that each set's rows (one tensor per table column, all of one shape) are
     * in {@code table}. Returns the multiplicities tensor.
     *
     * @param padding per set, the table row its padding entries take (signed values, one per column)
     * @param tableTensors per table column, the tensor holding it, or -1 if the column is closed-form
     */
    public static int add(CircuitBuilder cb, String name, Table table, int[][] sets, long[][] padding,
            int[] tableTensors) {
        if (sets.length == 0) {
            throw new IllegalArgumentException(name + ": nothing to look up");
        }
        Shape[] shapes = new Shape[sets.length];
        long total = 0;
        for (int s = 0; s < sets.length; s++) {
            if (sets[s].length != table.width() || padding[s].length != table.width()) {
                throw new IllegalArgumentException(name + ": set " + s + " needs " + table.width() + " columns");
            }
            shapes[s] = cb.get(sets[s][0]).shape();
            for (int t : sets[s]) {
                if (!cb.get(t).shape().equals(shapes[s])) {
                    throw new IllegalArgumentException(name + ": set " + s + " mixes shapes");
                }
            }
            total += shapes[s].paddedSize();
        }
        for (int c = 0; c < table.width(); c++) {
            if ((tableTensors[c] < 0) != table.closedForm(c)) {
                throw new IllegalArgumentException(name + ": table column " + c
                        + (table.closedForm(c) ? " is closed-form: pass -1" : " needs a tensor"));
            }
        }
        int m = cb.tensor(name + "/multiplicities", Shape.of(1 << table.numVariables()),
                io.zkinfer.sumcheck.circuit.Tensor.Kind.COMMITTED, false, BigInteger.valueOf(total));
        int[][] setsCopy = new int[sets.length][];
        long[][] padCopy = new long[sets.length][];
        for (int s = 0; s < sets.length; s++) {
            setsCopy[s] = sets[s].clone();
            padCopy[s] = padding[s].clone();
        }
        cb.layer(new Lookup(name, table, setsCopy, padCopy, tableTensors.clone(), m, shapes));
        return m;
    }

    @Override
    public String describe() {
        StringBuilder sb = new StringBuilder("lookup(").append(name).append(",table=").append(tableDigest());
        for (int s = 0; s < sets.length; s++) {
            sb.append(",set=").append(Arrays.toString(sets[s])).append("/pad=").append(Arrays.toString(padding[s]));
        }
        return sb.append(",tableTensors=").append(Arrays.toString(tableTensors)).append(",m=").append(multiplicities)
                .append(")").toString();
    }

    private String tableDigest() {
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
                cols[c] = v;
            }
            out.add(cols);
        }
        return out;
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
            counts = LogUp.multiplicities(table, cols);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
        }
        w.set(multiplicities, counts);
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        LogUp.Output out = LogUp.prove(ctx.transcript(), ctx.label("logup"), ctx.ext(), table, columns(ctx::values),
                ctx.values(multiplicities));
        ctx.recordAbsorbed(LogUpCodec.flatten(out.proof()));
        return claims(ctx.ext(), out.claims());
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        int[] vars = new int[sets.length];
        for (int s = 0; s < sets.length; s++) {
            vars[s] = shapes[s].numVariables();
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
}
