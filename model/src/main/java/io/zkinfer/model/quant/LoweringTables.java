package io.zkinfer.model.quant;

import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import java.util.List;
import java.util.Locale;
import java.util.function.DoubleUnaryOperator;

/**
 * The lookup tables of nonlinear functions: f(v) = round(func(v 2^-fin) 2^fout), clamped to the
 * output's width, with 0 where func is undefined (NaN). Float ops are tabulated with the float
 * reference evaluator itself, so a table is the float op's semantics rounded, nothing else.
 *
 * <p>A table's name carries the function and both scales ("gelu/in5/out6/8b"), so that tables of
 * one function at one scale and domain share a name and hold the same values, which lets the
 * circuit share one preprocessed column between layers.
 */
final class LoweringTables {
    private LoweringTables() {}

    /** A function to tabulate once the input's scale is known. */
    interface Fn {
        /** The table over [lo, hi] for inputs at scale 2^-fin. */
        IntTable table(int fin, long lo, long hi);

        /** The output's scale exponent for inputs at scale 2^-fin. */
        int outFrac(int fin);
    }

    /** Whether a float op is an elementwise function that a table computes. */
    static boolean isTable(Op op) {
        return switch (op) {
            case Op.Relu r -> true;
            case Op.LeakyRelu r -> true;
            case Op.Sigmoid r -> true;
            case Op.Tanh r -> true;
            case Op.Exp r -> true;
            case Op.Erf r -> true;
            case Op.Gelu r -> true;
            case Op.Sqrt r -> true;
            case Op.Pow r -> true;
            case Op.Clip r -> true;
            default -> false;
        };
    }

    /**
     * The table of an elementwise float op with output at scale 2^-fout, clamped to outBits. Relu is
     * scale-free, so its output keeps the input's scale and its table is {@link IntTable#relu}.
     */
    static Fn of(Op op, int fout, int outBits) {
        if (op instanceof Op.Relu) {
            return new Fn() {
                public IntTable table(int fin, long lo, long hi) {
                    return IntTable.relu(lo, hi);
                }

                public int outFrac(int fin) {
                    return fin;
                }
            };
        }
        return of(label(op), v -> FloatEvaluator.apply(op, List.of(Tensor.scalar(v))).getFirst().get(0), fout,
                outBits);
    }

    /** The table of a real function, named by {@code label}, with output at scale 2^-fout clamped to outBits. */
    static Fn of(String label, DoubleUnaryOperator func, int fout, int outBits) {
        return new Fn() {
            public IntTable table(int fin, long lo, long hi) {
                String name = label + "/in" + fin + "/out" + fout + "/" + outBits + "b";
                long max = LoweringContext.hi(outBits);
                long min = LoweringContext.lo(outBits);
                return IntTable.of(name, lo, hi, v -> {
                    double y = Math.scalb(func.applyAsDouble(Math.scalb((double) v, -fin)), fout);
                    if (Double.isNaN(y)) {
                        return 0;
                    }
                    return Math.min(max, Math.max(min, Math.round(y)));
                });
            }

            public int outFrac(int fin) {
                return fout;
            }
        };
    }

    /** A table op over x's whole bounded domain (x's bound must be at most 2^15). */
    static String apply(LoweringContext ctx, String name, String x, Fn f, String out) {
        QInfo xi = ctx.info(x);
        int bits = LoweringContext.bitsFor(xi.bound());
        IntTable t = f.table(xi.frac(), LoweringContext.lo(bits), LoweringContext.hi(bits));
        return ctx.node(name, new QOp.Table(bits, t), List.of(x), out, f.outFrac(xi.frac()));
    }

    private static String label(Op op) {
        return switch (op) {
            case Op.LeakyRelu l -> "leakyrelu(" + num(l.alpha()) + ")";
            case Op.Pow p -> "pow(" + num(p.exponent()) + ")";
            case Op.Clip c -> "clip(" + num(c.min()) + "," + num(c.max()) + ")";
            default -> op.type().toLowerCase(Locale.ROOT);
        };
    }

    private static String num(double v) {
        return Double.toString(v);
    }
}
