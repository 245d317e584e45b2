package io.zkinfer.sumcheck.lookup;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The verifier behind {@link LogUp#verify}: the whole proof's shape first, then the statement
 * and challenges, one {@link FractionalSum} per looked-up set and one for the table, the leaf
 * checks, the closed-form table columns, and finally the balance of the root fractions.
 */
final class LogUpVerifier {
    private final ExtensionField ext;
    private final int d;
    private final Table table;
    private final int[] variables;
    private final String label;

    LogUpVerifier(ExtensionField ext, Table table, int[] variables, String label) {
        if (variables.length == 0) {
            throw new IllegalArgumentException("a lookup needs at least one looked-up column set");
        }
        for (int n : variables) {
            if (n < 0 || n > RangeTable.MAX_BITS) {
                throw new IllegalArgumentException("a looked-up set has 2^n rows, n in [0, " + RangeTable.MAX_BITS
                        + "], got " + n);
            }
        }
        this.ext = ext;
        this.d = ext.degree();
        this.table = table;
        this.variables = variables;
        this.label = label;
    }

    List<LookupClaim> verify(Transcript t, LogUpProof proof) throws LookupException {
        if (proof == null) {
            throw new LookupException(label + ": no proof");
        }
        // Copies, checked once: what is verified is what was shape-checked.
        FractionalSumProof[] lookups = proof.lookups();
        long[][] lookupValues = proof.lookupValues();
        FractionalSumProof tableProof = proof.table();
        long[] tableValues = proof.tableValues();
        checkShape(lookups, lookupValues, tableProof, tableValues);

        long[][] challenges = LogUp.absorbStatement(t, label, ext, table, variables);
        long[] betaPowers = challenges[0];
        long[] alpha = challenges[1];
        List<LookupClaim> claims = new ArrayList<>();
        long[][] roots = new long[lookups.length][];
        for (int s = 0; s < lookups.length; s++) {
            FractionalSumClaim c = FractionalSum.verify(t, label + "/lookup", ext, variables[s], true, lookups[s]);
            if (!Arrays.equals(c.denominator(), LogUp.denominator(ext, alpha, betaPowers, lookupValues[s]))) {
                throw new LookupException(label + ": lookup set " + s
                        + ": the column values do not match the denominator claim");
            }
            t.absorbFields(label + "/lookup-values", lookupValues[s]);
            for (int col = 0; col < table.width(); col++) {
                claims.add(new LookupClaim(LookupClaim.Kind.LOOKED_UP, s, col, c.point(), ext.get(lookupValues[s], col)));
            }
            roots[s] = concat(c.rootNumerator(), c.rootDenominator());
        }
        FractionalSumClaim c = FractionalSum.verify(t, label + "/table", ext, table.numVariables(), false, tableProof);
        if (!Arrays.equals(c.denominator(), LogUp.denominator(ext, alpha, betaPowers, tableValues))) {
            throw new LookupException(label + ": the table column values do not match the denominator claim");
        }
        t.absorbFields(label + "/table-values", tableValues);
        for (int col = 0; col < table.width(); col++) {
            long[] value = ext.get(tableValues, col);
            if (!table.closedForm(col)) {
                claims.add(new LookupClaim(LookupClaim.Kind.TABLE, -1, col, c.point(), value));
            } else if (!Arrays.equals(value, table.evaluate(ext, col, c.point()))) {
                throw new LookupException(label + ": table column " + col + " differs from its closed form");
            }
        }
        claims.add(new LookupClaim(LookupClaim.Kind.MULTIPLICITY, -1, -1, c.point(), c.numerator()));
        checkBalance(ext, roots, concat(c.rootNumerator(), c.rootDenominator()), label);
        return claims;
    }

    private void checkShape(FractionalSumProof[] lookups, long[][] lookupValues, FractionalSumProof tableProof,
            long[] tableValues) throws LookupException {
        int sets = variables.length;
        if (lookups == null || lookups.length != sets) {
            throw new LookupException(label + ": expected " + sets + " lookup proofs, got "
                    + (lookups == null ? "none" : lookups.length));
        }
        if (lookupValues == null || lookupValues.length != sets) {
            throw new LookupException(label + ": expected " + sets + " sets of lookup values, got "
                    + (lookupValues == null ? "none" : lookupValues.length));
        }
        int w = table.width();
        for (int s = 0; s < sets; s++) {
            FractionalSum.checkShape(ext, variables[s], lookups[s], label + ": lookup set " + s);
            FractionalSum.checkElements(lookupValues[s], w * d, label + ": lookup set " + s + " values");
        }
        FractionalSum.checkShape(ext, table.numVariables(), tableProof, label + ": table");
        FractionalSum.checkElements(tableValues, w * d, label + ": table values");
    }

    /**
     * sum_s P_s / Q_s = P_T / Q_T for the sets' roots (P_s, Q_s) and the table's, cross-multiplied
     * (N / D = the sum of the sets' fractions; N Q_T = P_T D), every Q nonzero.
     *
     * @throws LookupException if a denominator is zero or the sums differ
     */
    static void checkBalance(ExtensionField ext, long[][] lookupRoots, long[] tableRoot, String label)
            throws LookupException {
        int d = ext.degree();
        long[] num = ext.zero();
        long[] den = ext.one();
        for (int s = 0; s < lookupRoots.length; s++) {
            long[] p = Arrays.copyOfRange(lookupRoots[s], 0, d);
            long[] q = Arrays.copyOfRange(lookupRoots[s], d, 2 * d);
            if (ext.isZero(q, 0)) {
                throw new LookupException(label + ": lookup set " + s + " has a zero denominator");
            }
            num = ext.add(ext.mul(num, q), ext.mul(p, den));
            den = ext.mul(den, q);
        }
        long[] pt = Arrays.copyOfRange(tableRoot, 0, d);
        long[] qt = Arrays.copyOfRange(tableRoot, d, 2 * d);
        if (ext.isZero(qt, 0)) {
            throw new LookupException(label + ": the table has a zero denominator");
        }
        if (!Arrays.equals(ext.mul(num, qt), ext.mul(pt, den))) {
            throw new LookupException(label + ": the looked-up rows and the table with its multiplicities differ");
        }
    }

    private static long[] concat(long[] a, long[] b) {
        long[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
