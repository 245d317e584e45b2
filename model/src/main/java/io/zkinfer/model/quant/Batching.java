package io.zkinfer.model.quant;

import java.util.Arrays;

/**
 * A graph for one input row, run on a batch of rows: every input's leading dimension of 1
 * becomes the number of rows, and every op must work row by row. Why: a batch proof (100 credit
 * applicants) is one circuit over all rows, whose size grows with the rows but whose proof and
 * verification grow only with their logarithm.
 *
 * <p>A graph qualifies when every tensor computed from the inputs has a leading dimension of 1
 * and the batched graph gives it the leading dimension of the rows, with the rest of its shape
 * unchanged; reshapes, broadcasts and slices that name a leading 1 take the rows instead. Ops
 * that reduce, gather, concatenate, pad or slice along the leading axis, or move it, mix rows and
 * are refused by name.
 */
public final class Batching {
    private Batching() {}

    /**
     * {@code g} on {@code rows} rows (g itself for one row).
     *
     * @throws IllegalArgumentException naming the input or node that is not row by row
     */
    public static QGraph batched(QGraph g, int rows) {
        if (rows < 1) {
            throw new IllegalArgumentException("a batch has at least one row, got " + rows);
        }
        if (rows == 1) {
            return g;
        }
        QGraph.Builder b = QGraph.builder();
        for (QInfo in : g.inputs()) {
            if (in.shape().length == 0 || in.shape()[0] != 1) {
                throw new IllegalArgumentException("input '" + in.name() + "' has shape " + Arrays.toString(in.shape())
                        + ": a batch needs inputs whose leading dimension is 1 (one row)");
            }
            b.input(in.name(), withRows(in.shape(), rows), in.bound(), in.frac());
        }
        for (QGraph.QConstant k : g.constants().values()) {
            b.constant(k);
        }
        for (QNode n : g.nodes()) {
            QInfo before = g.info(n.output());
            String where = n.describe();
            if (before.shape().length == 0 || before.shape()[0] != 1) {
                throw new IllegalArgumentException(where + " writes shape " + Arrays.toString(before.shape())
                        + ", not one row: the model cannot be proven in batches");
            }
            try {
                b.node(n.name(), perRow(n.op(), rows, where), n.inputs(), n.output(), before.frac());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("the model cannot be proven in batches: " + e.getMessage(), e);
            }
            int[] after = b.info(n.output()).shape();
            if (!Arrays.equals(after, withRows(before.shape(), rows))) {
                throw new IllegalArgumentException(where + " gives shape " + Arrays.toString(after) + " on " + rows
                        + " rows, not " + Arrays.toString(withRows(before.shape(), rows))
                        + ": it mixes rows, so the model cannot be proven in batches");
            }
        }
        g.outputs().forEach(b::output);
        return b.build();
    }

    private static int[] withRows(int[] shape, int rows) {
        int[] s = shape.clone();
        s[0] = rows;
        return s;
    }

    /** The op on every row: ops that name the leading dimension get the rows; row-mixing ones are refused. */
    private static QOp perRow(QOp op, int rows, String where) {
        return switch (op) {
            case QOp.Reshape r -> new QOp.Reshape(leadingOne(r.shape(), rows, where));
            case QOp.Broadcast r -> new QOp.Broadcast(leadingOne(r.shape(), rows, where));
            case QOp.Slice s -> {
                if (s.start()[0] != 0 || s.size()[0] != 1) {
                    throw new IllegalArgumentException(where + " slices the leading axis");
                }
                int[] size = s.size().clone();
                size[0] = rows;
                yield new QOp.Slice(s.start(), s.step(), size);
            }
            case QOp.Pad p -> {
                if (p.before()[0] != 0 || p.after()[0] != 0) {
                    throw new IllegalArgumentException(where + " pads the leading axis");
                }
                yield p;
            }
            case QOp.Transpose t -> {
                if (t.perm()[0] != 0) {
                    throw new IllegalArgumentException(where + " moves the leading axis");
                }
                yield t;
            }
            case QOp.MatMul m -> {
                if (m.transA()) {
                    throw new IllegalArgumentException(where + " transposes its rows");
                }
                yield m;
            }
            case QOp.Concat c when c.axis() == 0 -> throw new IllegalArgumentException(where + " concatenates rows");
            case QOp.Gather gather when gather.axis() == 0 -> throw new IllegalArgumentException(where + " gathers rows");
            case QOp.ReduceMax r when r.axis() == 0 -> throw new IllegalArgumentException(where + " reduces over rows");
            case QOp.ArgMax a when a.axis() == 0 -> throw new IllegalArgumentException(where + " reduces over rows");
            case QOp.ReduceSum r when Arrays.stream(r.axes()).anyMatch(x -> x == 0) ->
                    throw new IllegalArgumentException(where + " reduces over rows");
            default -> op;
        };
    }

    private static int[] leadingOne(int[] shape, int rows, String where) {
        if (shape.length == 0 || shape[0] != 1) {
            throw new IllegalArgumentException(where + " names shape " + Arrays.toString(shape)
                    + ", whose leading dimension is not the row");
        }
        int[] s = shape.clone();
        s[0] = rows;
        return s;
    }
}
