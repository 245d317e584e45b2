package io.zkinfer.sumcheck.lookup;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;
import java.util.ArrayList;
import java.util.List;

/**
 * The LogUp lookup argument with GKR (Papini and Haböck, "Improving logarithmic derivative
 * lookups using GKR"): every row of one or more looked-up column sets is a row of a
 * {@link Table}. Each set s has w columns (w = the table width) of 2^(n_s) base-field values;
 * all rows are looked up, padding included, so callers pad with a tuple that is in the table.
 * The multiplicities m give, per table row, how many looked-up rows equal it.
 *
 * <p>With challenges beta (tuple compression) and alpha, the argument proves
 *
 * <pre>
 *   sum_s sum_x 1 / (alpha - a_s(x)) = sum_t m(t) / (alpha - T(t)),
 *   a_s(x) = sum_j beta^j set_s column_j(x),   T(t) = sum_j beta^j table column_j(t),
 * </pre>
 *
 * by one {@link FractionalSum} per looked-up set (unit numerators) and one for the table
 * (numerators m); the verifier checks the sum of the sets' root fractions against the table's,
 * cross-multiplied, and rejects zero denominators. It ends with a {@link LookupClaim} on every
 * looked-up column, every table column that is not closed-form, and the multiplicities, at the
 * points the GKRs end on; closed-form table columns are checked by {@link #verify} itself.
 *
 * <p><b>Order of commitments.</b> alpha and beta are drawn inside {@link #prove} and
 * {@link #verify}. The caller must have committed to (absorbed into the transcript) every
 * looked-up column, every non-public table column and the multiplicities <em>before</em>
 * calling them; otherwise the prover can choose its witness after seeing alpha and beta and
 * the argument is unsound. Only the shapes are absorbed here: which table is meant (a range, a
 * function, a verifying-key column) is part of the statement the caller binds, for instance
 * through the verifying-key hash it absorbed first.
 *
 * <p><b>Transcript</b>, with {@code L} the caller's label: {@code absorbInt} of
 * {@code L/table-variables}, {@code L/width}, {@code L/sets} and, per set, {@code L/set-variables};
 * {@code beta = challengeExtension(L/beta)}, {@code alpha = challengeExtension(L/alpha)}; per set
 * s, {@link FractionalSum} under {@code L/lookup} then {@code absorbFields(L/lookup-values, ...)};
 * then {@link FractionalSum} under {@code L/table} and {@code absorbFields(L/table-values, ...)}.
 *
 * <p><b>Soundness.</b> If some looked-up row is not in the table, or m is not the true count,
 * the verifier accepts with claims that all hold with probability at most
 * (N + T) max(1, w - 1) / |F_ext| (N rows looked up in all, T table rows: Schwartz-Zippel on the
 * cleared-denominator identity in alpha and beta) plus the GKR errors,
 * sum over the trees of sum_{k<n} (3k + 2) / |F_ext| (below 3n / |F_ext| per layer). The
 * counts m must be below p (they are: N < 2^31). {@link #securityBits} computes the total.
 */
public final class LogUp {
    private LogUp() {}

    /** What the prover ends with: the proof, and the claims the verifier will return. */
    public record Output(LogUpProof proof, List<LookupClaim> claims) {
        public Output {
            claims = List.copyOf(claims);
        }
    }

    /**
     * The multiplicities for looking up {@code lookups} in {@code table}: m[t] = the number of
     * looked-up rows equal to table row t (the first row, if the table repeats a row), as base
     * field elements.
     *
     * @throws IllegalArgumentException if a looked-up row is not in the table (naming the set,
     *     the index and the value), or the shapes do not fit the table
     */
    public static long[] multiplicities(Table table, List<long[][]> lookups) {
        checkLookups(table, lookups);
        Table.Locator locator = table.locator();
        long[] m = new long[1 << table.numVariables()];
        for (int s = 0; s < lookups.size(); s++) {
            long[][] set = lookups.get(s);
            for (int i = 0; i < set[0].length; i++) {
                int row = locator.row(set, i);
                if (row < 0) {
                    throw new IllegalArgumentException(describeMissing(set, s, i));
                }
                m[row]++;
            }
        }
        return m;
    }

    private static String describeMissing(long[][] set, int s, int i) {
        if (set.length == 1) {
            return "lookup set " + s + ", column 0, index " + i + ": value " + Goldilocks.toSigned(set[0][i])
                    + " is not in the table";
        }
        StringBuilder b = new StringBuilder("lookup set " + s + ", index " + i + ": row (");
        for (int c = 0; c < set.length; c++) {
            b.append(c == 0 ? "" : ", ").append("column ").append(c).append(" = ").append(Goldilocks.toSigned(set[c][i]));
        }
        return b.append(") is not in the table").toString();
    }

    /**
     * Proves that every row of every set in {@code lookups} is a row of {@code table}, with the
     * given multiplicities (2^k canonical counts, see {@link #multiplicities}). The rows are not
     * checked here: wrong multiplicities or rows outside the table give a proof the verifier
     * rejects. The caller must already have committed to the columns and multiplicities (see
     * the class comment).
     *
     * @param lookups column sets, each {@code [w][2^(n_s)]} canonical values (w = table width)
     */
    public static Output prove(Transcript t, String label, ExtensionField ext, Table table, List<long[][]> lookups,
            long[] multiplicities) {
        checkLookups(table, lookups);
        int tableRows = 1 << table.numVariables();
        if (multiplicities.length != tableRows) {
            throw new IllegalArgumentException("multiplicities: one per table row, " + tableRows + ", got "
                    + multiplicities.length);
        }
        int[] variables = new int[lookups.size()];
        for (int s = 0; s < variables.length; s++) {
            variables[s] = Integer.numberOfTrailingZeros(lookups.get(s)[0].length);
        }
        long[][] challenges = absorbStatement(t, label, ext, table, variables);
        long[] betaPowers = challenges[0];
        long[] alpha = challenges[1];
        List<LookupClaim> claims = new ArrayList<>();
        FractionalSumProof[] lookupProofs = new FractionalSumProof[lookups.size()];
        long[][] lookupValues = new long[lookups.size()][];
        for (int s = 0; s < lookupProofs.length; s++) {
            long[][] set = lookups.get(s);
            long[] q = denominators(ext, alpha, betaPowers, set);
            FractionalSum.Output out = FractionalSum.proveUnit(t, label + "/lookup", ext, q);
            lookupProofs[s] = out.proof();
            lookupValues[s] = columnValues(ext, set, null, out.point(), out.denominator(), alpha, betaPowers);
            t.absorbFields(label + "/lookup-values", lookupValues[s]);
            for (int c = 0; c < set.length; c++) {
                claims.add(new LookupClaim(LookupClaim.Kind.LOOKED_UP, s, c, out.point(), ext.get(lookupValues[s], c)));
            }
        }
        long[][] columns = table.columns();
        long[] q = denominators(ext, alpha, betaPowers, columns);
        FractionalSum.Output out = FractionalSum.proveBase(t, label + "/table", ext, multiplicities, q);
        long[] tableValues = columnValues(ext, columns, table, out.point(), out.denominator(), alpha, betaPowers);
        t.absorbFields(label + "/table-values", tableValues);
        for (int c = 0; c < columns.length; c++) {
            if (!table.closedForm(c)) {
                claims.add(new LookupClaim(LookupClaim.Kind.TABLE, -1, c, out.point(), ext.get(tableValues, c)));
            }
        }
        claims.add(new LookupClaim(LookupClaim.Kind.MULTIPLICITY, -1, -1, out.point(), out.numerator()));
        return new Output(new LogUpProof(lookupProofs, lookupValues, out.proof(), tableValues), claims);
    }

    /**
     * Verifies a proof that sets of 2^{@code lookupVariables[s]} rows are looked up in
     * {@code table} and returns the claims the caller must discharge (looked-up columns, table
     * columns without closed form, multiplicities). Closed-form table columns are checked here.
     * The caller must already have absorbed its commitments (see the class comment).
     *
     * @throws LookupException if the proof is malformed or rejected
     */
    public static List<LookupClaim> verify(Transcript t, String label, ExtensionField ext, Table table,
            int[] lookupVariables, LogUpProof proof) throws LookupException {
        return new LogUpVerifier(ext, table, lookupVariables.clone(), label).verify(t, proof);
    }

    /**
     * Absorbs the statement and draws beta and alpha; returns {beta^0..beta^(w-1), alpha}, the
     * powers interleaved.
     */
    static long[][] absorbStatement(Transcript t, String label, ExtensionField ext, Table table, int[] variables) {
        int d = ext.degree();
        t.absorbInt(label + "/table-variables", table.numVariables());
        t.absorbInt(label + "/width", table.width());
        t.absorbInt(label + "/sets", variables.length);
        for (int n : variables) {
            t.absorbInt(label + "/set-variables", n);
        }
        long[] beta = t.challengeExtension(label + "/beta", d);
        long[] alpha = t.challengeExtension(label + "/alpha", d);
        long[] powers = new long[table.width() * d];
        long[] power = ext.one();
        for (int j = 0; j < table.width(); j++) {
            System.arraycopy(power, 0, powers, j * d, d);
            power = ext.mul(power, beta);
        }
        return new long[][] {powers, alpha};
    }

    /** alpha - sum_j beta^j columns[j][i] for every row i, as an interleaved extension vector. */
    static long[] denominators(ExtensionField ext, long[] alpha, long[] betaPowers, long[][] columns) {
        int d = ext.degree();
        int rows = columns[0].length;
        long[] q = new long[rows * d];
        Parallel.forRange(rows, FractionKernels.GRAIN, (from, to) -> {
            long[] term = new long[d];
            for (int i = from; i < to; i++) {
                int o = i * d;
                System.arraycopy(alpha, 0, q, o, d);
                q[o] = Goldilocks.sub(q[o], columns[0][i]);
                for (int j = 1; j < columns.length; j++) {
                    ext.mulBase(term, 0, betaPowers, j * d, columns[j][i]);
                    ext.sub(q, o, q, o, term, 0);
                }
            }
        });
        return q;
    }

    /** alpha - sum_j beta^j values[j] for w extension values: what a leaf denominator claim must be. */
    static long[] denominator(ExtensionField ext, long[] alpha, long[] betaPowers, long[] values) {
        int d = ext.degree();
        long[] q = alpha.clone();
        long[] term = new long[d];
        for (int j = 0; j < values.length / d; j++) {
            ext.mul(term, 0, betaPowers, j * d, values, j * d);
            ext.sub(q, 0, q, 0, term, 0);
        }
        return q;
    }

    /**
     * Each column's multilinear extension at the point, interleaved. Closed-form table columns
     * are evaluated in closed form; one other column (the last) follows from the denominator
     * claim vq = alpha - sum_j beta^j v_j, so only the others cost a pass over their rows.
     *
     * @param table the table whose columns these are, or null for a looked-up set
     */
    private static long[] columnValues(ExtensionField ext, long[][] columns, Table table, long[] point, long[] vq,
            long[] alpha, long[] betaPowers) {
        int d = ext.degree();
        int w = columns.length;
        int derived = w - 1;
        while (derived >= 0 && table != null && table.closedForm(derived)) {
            derived--;
        }
        if (derived >= 0 && ext.isZero(betaPowers, derived * d)) {
            derived = -1; // beta = 0: nothing to divide by (probability 1/|F_ext|)
        }
        long[] out = new long[w * d];
        long[] rest = ext.sub(alpha, vq); // = sum_j beta^j v_j
        long[] term = new long[d];
        for (int c = 0; c < w; c++) {
            if (c == derived) {
                continue;
            }
            long[] v = table != null && table.closedForm(c) ? table.evaluate(ext, c, point)
                    : Multilinear.evaluate(ext, columns[c], point);
            System.arraycopy(v, 0, out, c * d, d);
            ext.mul(term, 0, betaPowers, c * d, v, 0);
            ext.sub(rest, 0, rest, 0, term, 0);
        }
        if (derived >= 0) {
            long[] inv = ext.inverse(ext.get(betaPowers, derived));
            ext.mul(out, derived * d, rest, 0, inv, 0);
        }
        return out;
    }

    /** The prover's inputs fit the table: widths, power-of-two lengths, canonical values. */
    private static void checkLookups(Table table, List<long[][]> lookups) {
        if (lookups.isEmpty()) {
            throw new IllegalArgumentException("a lookup needs at least one looked-up column set");
        }
        for (int s = 0; s < lookups.size(); s++) {
            long[][] set = lookups.get(s);
            if (set.length != table.width()) {
                throw new IllegalArgumentException("lookup set " + s + " has " + set.length + " columns, the table "
                        + table.width());
            }
            int rows = set[0].length;
            if (rows == 0 || Integer.bitCount(rows) != 1 || rows > 1 << RangeTable.MAX_BITS) {
                throw new IllegalArgumentException("lookup set " + s + " has " + rows + " rows, not 2^k, k <= "
                        + RangeTable.MAX_BITS);
            }
            for (int c = 0; c < set.length; c++) {
                if (set[c].length != rows) {
                    throw new IllegalArgumentException("lookup set " + s + ", column " + c + " has " + set[c].length
                            + " rows, column 0 has " + rows);
                }
                for (int i = 0; i < rows; i++) {
                    if (!Goldilocks.isCanonical(set[c][i])) {
                        throw new IllegalArgumentException("lookup set " + s + ", column " + c + ", index " + i
                                + ": value " + Long.toUnsignedString(set[c][i]) + " is not canonical");
                    }
                }
            }
        }
    }

    /**
     * The argument's soundness in bits, -log2 of the error bound in the class comment, for
     * sets of 2^{@code lookupVariables[s]} rows looked up in {@code table}.
     */
    public static int securityBits(ExtensionField ext, Table table, int[] lookupVariables) {
        double rows = Math.pow(2, table.numVariables());
        double gkr = gkrError(table.numVariables());
        for (int n : lookupVariables) {
            rows += Math.pow(2, n);
            gkr += gkrError(n);
        }
        double error = rows * Math.max(1, table.width() - 1) + gkr;
        return (int) Math.floor(ext.bits() - Math.log(error) / Math.log(2));
    }

    /** sum_{k<n} (3k + 2): the GKR error of an n-variable tree, times |F_ext|. */
    private static double gkrError(int n) {
        return 3.0 * n * (n - 1) / 2 + 2.0 * n;
    }
}
