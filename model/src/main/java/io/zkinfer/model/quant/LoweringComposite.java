package io.zkinfer.model.quant;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import java.util.List;

/**
 * Softmax and layer normalization decomposed into quantized ops.
 *
 * <p>Softmax: d = x - max(x) (so d <= 0 and the exp table's outputs lie in [0, 2^fe], with exactly
 * 2^fe at the maximum, which bounds the sum from below), e = exp table, S = sum e, and
 * p = floor((e 2^(fp+1) + S) / (2 S)) = round(e 2^fp / S), a {@link QOp.Division} whose divisor
 * 2S lies in [2^(fe+1), n 2^(fe+1)] and must stay within 2^16; fe is lowered for long axes.
 *
 * <p>Layer normalization without a division: c = n x - sum x = n (x - mean) exactly; sum c^2 =
 * n^3 var; u = var at a 16-bit scale (a requantization by 1/n^3); r = 1/sqrt(u + eps) by a table
 * that saturates below a quarter of the smallest calibrated variance (so that its largest value,
 * which bounds every later product, stays small); z = c r / n; y = z gamma + beta.
 */
final class LoweringComposite {
    private LoweringComposite() {}

    static void softmax(LoweringContext ctx, Node node, Op.Softmax s) throws ModelException {
        String f = node.inputs().getFirst();
        String out = node.output();
        String x = ctx.narrow(node.name() + "/clamp", ctx.q(f), Math.min(15, ctx.targetBits(f)), ctx.targetFrac(f),
                ctx.fresh(f + "/clamped"));
        QInfo xi = ctx.info(x);
        int[] shape = xi.shape();
        int axis = s.axis();
        int n = shape[axis];
        int fe = Math.min(ctx.options.softmaxExpBits(), 15 - ceilLog2(n));
        if (fe < 1) {
            throw LoweringLinear.unsupported(node, "a softmax over " + n + " entries",
                    "the sum of 16-bit exponentials must fit the 16-bit divisor; use a shorter axis");
        }
        int fp = ctx.options.probabilityBits();
        int fx = xi.frac();
        String m = ctx.node(node.name() + "/max", new QOp.ReduceMax(axis, true), List.of(x), ctx.fresh(out + "/max"), fx);
        String mb = ctx.broadcast(node.name() + "/max", m, shape);
        String d = ctx.node(node.name() + "/center", new QOp.Linear(new long[] {1, -1}, 0), List.of(x, mb),
                ctx.fresh(out + "/centered"), fx);
        LoweringTables.Fn exp = LoweringTables.of("softmax-exp", v -> Math.exp(Math.min(v, 0)), fe, fe + 2);
        String e = LoweringTables.apply(ctx, node.name() + "/exp", d, exp, ctx.fresh(out + "/exp"));
        String sum = ctx.node(node.name() + "/sum", new QOp.ReduceSum(new int[] {axis}, true), List.of(e),
                ctx.fresh(out + "/sum"), fe);
        String sb = ctx.broadcast(node.name() + "/sum", sum, shape);
        String num = ctx.node(node.name() + "/numerator", new QOp.Linear(new long[] {1L << (fp + 1), 1}, 0),
                List.of(e, sb), ctx.fresh(out + "/numerator"), fe + fp);
        String den = ctx.node(node.name() + "/denominator", new QOp.Linear(new long[] {2}, 0), List.of(sb),
                ctx.fresh(out + "/denominator"), fe);
        ctx.map(out, ctx.node(node.name(), new QOp.Division(1L << (fe + 1)), List.of(num, den), ctx.own(out), fp));
    }

    static void layerNorm(LoweringContext ctx, Node node, Op.LayerNormalization ln) throws ModelException {
        List<String> in = node.inputs();
        String f = in.getFirst();
        String out = node.output();
        if (!ctx.isConstant(in.get(1)) || (in.size() > 2 && !ctx.isConstant(in.get(2)))) {
            throw LoweringLinear.unsupported(node, "a layer normalization with runtime scale or bias",
                    "make scale and bias initializers");
        }
        String x = ctx.narrow(node.name() + "/clamp", ctx.q(f), Math.min(15, ctx.targetBits(f)), ctx.targetFrac(f),
                ctx.fresh(f + "/clamped"));
        QInfo xi = ctx.info(x);
        int[] shape = xi.shape();
        int fx = xi.frac();
        int[] axes = new int[shape.length - ln.axis()];
        long n = 1;
        for (int i = 0; i < axes.length; i++) {
            axes[i] = ln.axis() + i;
            n *= shape[axes[i]];
        }
        String name = node.name();
        String sum = ctx.node(name + "/sum", new QOp.ReduceSum(axes, true), List.of(x), ctx.fresh(out + "/sum"), fx);
        String sb = ctx.broadcast(name + "/sum", sum, shape);
        String c = ctx.node(name + "/center", new QOp.Linear(new long[] {n, -1}, 0), List.of(x, sb),
                ctx.fresh(out + "/centered"), fx);
        String sq = ctx.node(name + "/square", new QOp.Hadamard(), List.of(c, c), ctx.fresh(out + "/squared"), 2 * fx);
        String ss = ctx.node(name + "/sumsq", new QOp.ReduceSum(axes, true), List.of(sq), ctx.fresh(out + "/sumsq"),
                2 * fx);
        double[] var = ctx.calibration.varianceRange(name);
        int vb = ctx.options.varianceBits();
        String u = ctx.rescale(name + "/variance", ss, 1.0 / ((double) n * n * n), Calibration.fracFor(var[1], vb), vb,
                null, ctx.fresh(out + "/variance"));
        double floor = var[0] / 4;
        double eps = ln.epsilon();
        int fr = Calibration.fracFor(1 / Math.sqrt(floor + eps), 16);
        LoweringTables.Fn rsqrt = LoweringTables.of("rsqrt(" + eps + "," + floor + ")",
                v -> 1 / Math.sqrt(Math.max(v, floor) + eps), fr, 16);
        String r = LoweringTables.apply(ctx, name + "/rsqrt", u, rsqrt, ctx.fresh(out + "/rsqrt"));
        String rb = ctx.broadcast(name + "/rsqrt", r, shape);
        String zc = ctx.node(name + "/normalize", new QOp.Hadamard(), List.of(c, rb), ctx.fresh(out + "/normalized"),
                fx + fr);
        int zBits = 16;
        String z = ctx.rescale(name + "/z", zc, 1.0 / n, Calibration.fracFor(Math.sqrt(n - 1.0), zBits), zBits, null,
                ctx.fresh(out + "/z"));
        int[] norm = java.util.Arrays.copyOfRange(shape, ln.axis(), shape.length);
        int wb = ctx.options.weightBits();
        double[] gamma = LoweringEpilogue.broadcast(Tensor.of(norm, broadcastTo(ctx.constant(in.get(1)), norm)), shape);
        int fg = Calibration.fracFor(LoweringLinear.maxAbs(gamma), wb);
        String gq = ctx.constant(in.get(1), shape, fg, LoweringContext.quantize(gamma, fg, wb));
        int fh = ctx.info(z).frac() + fg;
        String h = ctx.node(name + "/scale", new QOp.Hadamard(), List.of(z, gq), ctx.fresh(out + "/scaled"), fh);
        if (in.size() > 2) {
            double[] beta = LoweringEpilogue.broadcast(Tensor.of(norm, broadcastTo(ctx.constant(in.get(2)), norm)), shape);
            String bq = ctx.constant(in.get(2), shape, fh, LoweringContext.quantizeWide(beta, fh));
            h = ctx.node(name + "/shift", new QOp.Linear(new long[] {1, 1}, 0), List.of(h, bq),
                    ctx.fresh(out + "/shifted"), fh);
        }
        ctx.map(out, ctx.rescale(name + "/requant", h, 1.0, ctx.targetFrac(out), ctx.targetBits(out), null,
                ctx.own(out)));
    }

    private static double[] broadcastTo(Tensor t, int[] shape) {
        return LoweringEpilogue.broadcast(t, shape);
    }

    private static int ceilLog2(int n) {
        return 32 - Integer.numberOfLeadingZeros(Math.max(1, n) - 1);
    }
}
