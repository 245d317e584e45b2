package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Witness;

/**
 * The auxiliary witness of a maximum along one axis (see {@link Max}): each line's maximum m and
 * the position j of its first maximal entry, written as the one-hot selector s (s_i = [i = j]) or
 * as its prefix sums P_i = sum_{k <= i} s_k = [i >= j]. A witness writer only, like
 * {@link Activation}: it proves nothing itself; the layers {@link Max} adds around it pin its
 * outputs down.
 */
final class Selection implements WitnessOnly {
    /** How the chosen position is written. */
    enum Form {
        /** s_i = [i = j]. */
        ONE_HOT,
        /** P_i = [i >= j]. */
        PREFIX
    }

    private final Form form;
    private final int x;
    private final int axis;
    private final int max;
    private final int marks;
    private final Shape inShape;
    private final Shape maxShape;

    Selection(Form form, int x, int axis, int max, int marks, Shape inShape, Shape maxShape) {
        this.form = form;
        this.x = x;
        this.axis = axis;
        this.max = max;
        this.marks = marks;
        this.inShape = inShape;
        this.maxShape = maxShape;
    }

    /**
     * The padded index of the line's entry in a tensor that has the input's shape with the axis
     * reduced (to a dimension of 1, or dropped: both lay out the same on the hypercube).
     */
    static int reducedIndex(Shape in, int axis, int index) {
        int off = in.variableOffset(axis);
        int high = index >>> (off + in.log(axis));
        return (high << off) | (index & ((1 << off) - 1));
    }

    @Override
    public String describe() {
        return "selection(" + form + ",x=" + x + ",axis=" + axis + ",max=" + max + ",marks=" + marks + ")";
    }

    @Override
    public int[] inputs() {
        return new int[] {x};
    }

    @Override
    public int[] outputs() {
        return new int[] {max, marks};
    }

    @Override
    public void compute(Witness w) {
        long[] xv = w.values(x);
        long[] mv = new long[maxShape.paddedSize()];
        long[] sv = new long[inShape.paddedSize()];
        int off = inShape.variableOffset(axis);
        int mask = (1 << inShape.log(axis)) - 1;
        int n = inShape.dim(axis);
        for (int base : inShape.logicalIndices()) {
            if (((base >>> off) & mask) != 0) {
                continue;
            }
            int best = 0;
            long bestValue = Goldilocks.toSigned(xv[base]);
            for (int i = 1; i < n; i++) {
                long v = Goldilocks.toSigned(xv[base + (i << off)]);
                if (v > bestValue) {
                    best = i;
                    bestValue = v;
                }
            }
            mv[reducedIndex(inShape, axis, base)] = Goldilocks.fromSigned(bestValue);
            for (int i = 0; i < n; i++) {
                boolean mark = form == Form.ONE_HOT ? i == best : i >= best;
                sv[base + (i << off)] = mark ? 1 : 0;
            }
        }
        w.set(max, mv);
        w.set(marks, sv);
    }
}
