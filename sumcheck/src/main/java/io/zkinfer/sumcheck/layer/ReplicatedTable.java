package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.sumcheck.lookup.Table;
import java.util.Arrays;

/**
 * A table looked up as its rows repeated up to 2^variables rows: the same set of rows, so the
 * same lookup relation, for protocols that need more variables than the table has. Column c's
 * multilinear extension does not depend on the added (top) coordinates; the locator finds rows
 * among the first copy, so the copies' multiplicities stay zero.
 */
record ReplicatedTable(Table inner, int numVariables) implements Table {
    static Table of(Table inner, int variables) {
        return inner.numVariables() >= variables ? inner : new ReplicatedTable(inner, variables);
    }

    @Override
    public int width() {
        return inner.width();
    }

    @Override
    public long[][] columns() {
        long[][] cols = inner.columns();
        int n = 1 << numVariables;
        for (int c = 0; c < cols.length; c++) {
            long[] out = new long[n];
            for (int i = 0; i < n; i++) {
                out[i] = cols[c][i % cols[c].length];
            }
            cols[c] = out;
        }
        return cols;
    }

    @Override
    public boolean closedForm(int column) {
        return inner.closedForm(column);
    }

    @Override
    public long[] evaluate(ExtensionField ext, int column, long[] point) {
        return inner.evaluate(ext, column, Arrays.copyOf(point, inner.numVariables() * ext.degree()));
    }

    @Override
    public Locator locator() {
        return inner.locator();
    }
}
