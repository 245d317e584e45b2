package io.zkinfer.model.quant;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import java.util.Arrays;
import java.util.List;

/**
 * Reductions and pooling: sums stay exact ({@link QOp.ReduceSum}, {@link QOp.SumPool}) and a mean
 * is the sum requantized by a multiplier approximating 1/n (per output position, through a
 * constant of reciprocals, when the count varies at padded borders); maxima and arg-maxima compare
 * their input narrowed to at most 16 bits. 1-D pooling runs as 2-D pooling of height 1; ceil
 * mode's extra windows become extra padding at the end, which never wins a max and adds zero to a
 * sum.
 */
final class LoweringReduce {
    private LoweringReduce() {}

    static void reduceSum(LoweringContext ctx, Node node, int[] axes, boolean keepDims, boolean mean) {
        String out = node.output();
        String x = ctx.q(node.inputs().getFirst());
        if (axes.length == 0) {
            ctx.map(out, x);
            return;
        }
        int[] shape = ctx.info(x).shape();
        long n = 1;
        for (int a : axes) {
            n *= shape[a];
        }
        String s = ctx.node(node.name(), new QOp.ReduceSum(axes, keepDims), List.of(x), ctx.fresh(out + "/sum"),
                ctx.info(x).frac());
        s = ctx.reshape(node.name() + "/shape", s, ctx.floatShape(out));
        String y = mean
                ? ctx.rescale(node.name() + "/mean", s, 1.0 / n, ctx.targetFrac(out), ctx.targetBits(out), null, ctx.own(out))
                : ctx.narrow(node.name() + "/requant", s, ctx.targetBits(out), ctx.targetFrac(out), ctx.own(out));
        ctx.map(out, y);
    }

    static void globalAveragePool(LoweringContext ctx, Node node) {
        int rank = ctx.floatShape(node.output()).length;
        int[] axes = new int[rank - 2];
        for (int i = 0; i < axes.length; i++) {
            axes[i] = i + 2;
        }
        reduceSum(ctx, node, axes, true, true);
    }

    static void reduceMax(LoweringContext ctx, Node node, int[] axes, boolean keepDims) {
        String x = comparable(ctx, node);
        for (int a : axes) {
            x = ctx.node(node.name() + "/axis" + a, new QOp.ReduceMax(a, true), List.of(x),
                    ctx.fresh(node.output() + "/max" + a), ctx.info(x).frac());
        }
        ctx.map(node.output(), ctx.reshape(node.name() + "/shape", x, ctx.floatShape(node.output())));
    }

    static void argMax(LoweringContext ctx, Node node, Op.ArgMax a) {
        String x = comparable(ctx, node);
        int n = ctx.info(x).shape()[a.axis()];
        if (a.selectLastIndex()) {
            int[] reversed = new int[n];
            for (int i = 0; i < n; i++) {
                reversed[i] = n - 1 - i;
            }
            x = ctx.node(node.name() + "/reverse", new QOp.Gather(a.axis(), reversed), List.of(x),
                    ctx.fresh(node.output() + "/reversed"), ctx.info(x).frac());
        }
        String y = ctx.node(node.name(), new QOp.ArgMax(a.axis(), a.keepDims()), List.of(x),
                ctx.fresh(node.output() + "/index"), 0);
        if (a.selectLastIndex()) {
            y = ctx.node(node.name() + "/unreverse", new QOp.Linear(new long[] {-1}, n - 1), List.of(y),
                    ctx.fresh(node.output() + "/last"), 0);
        }
        ctx.map(node.output(), ctx.reshape(node.name() + "/shape", y, ctx.floatShape(node.output())));
    }

    static void maxPool(LoweringContext ctx, Node node, Op.MaxPool p) throws ModelException {
        Pool pool = Pool.of(ctx, node, p.kernel(), p.strides(), p.pads(), p.dilations());
        String x = ctx.reshape(node.name() + "/as2d", comparable(ctx, node), pool.in4);
        String y = ctx.node(node.name(), new QOp.MaxPool(pool.kh, pool.kw, pool.window), List.of(x),
                ctx.fresh(node.output() + "/max"), ctx.info(x).frac());
        ctx.map(node.output(), ctx.reshape(node.name() + "/shape", y, ctx.floatShape(node.output())));
    }

    static void averagePool(LoweringContext ctx, Node node, Op.AveragePool p) throws ModelException {
        int[] ones = new int[p.kernel().length];
        Arrays.fill(ones, 1);
        Pool pool = Pool.of(ctx, node, p.kernel(), p.strides(), p.pads(), ones);
        String out = node.output();
        String x = ctx.reshape(node.name() + "/as2d", ctx.q(node.inputs().getFirst()), pool.in4);
        String s = ctx.node(node.name(), new QOp.SumPool(pool.kh, pool.kw, pool.window), List.of(x),
                ctx.fresh(out + "/sum"), ctx.info(x).frac());
        s = ctx.reshape(node.name() + "/shape", s, ctx.floatShape(out));
        int[] counts = pool.counts(p.pads(), p.countIncludePad());
        boolean uniform = Arrays.stream(counts).allMatch(c -> c == counts[0]);
        if (uniform) {
            ctx.map(out, ctx.rescale(node.name() + "/mean", s, 1.0 / counts[0], ctx.targetFrac(out),
                    ctx.targetBits(out), null, ctx.own(out)));
            return;
        }
        int[] shape = ctx.floatShape(out);
        double[] recip = new double[ctx.info(s).size()];
        for (int i = 0; i < recip.length; i++) {
            recip[i] = 1.0 / counts[i % counts.length];
        }
        int fr = Calibration.fracFor(LoweringLinear.maxAbs(recip), 16);
        String r = ctx.constant(out + "/reciprocals", shape, fr, LoweringContext.quantize(recip, fr, 16));
        String h = ctx.node(node.name() + "/divide", new QOp.Hadamard(), List.of(s, r), ctx.fresh(out + "/scaled"),
                ctx.info(s).frac() + fr);
        ctx.map(out, ctx.rescale(node.name() + "/mean", h, 1.0, ctx.targetFrac(out), ctx.targetBits(out), null,
                ctx.own(out)));
    }

    /** The input narrowed so that the comparisons take 16-bit values. */
    private static String comparable(LoweringContext ctx, Node node) {
        String f = node.inputs().getFirst();
        int bits = Math.min(16, ctx.targetBits(f));
        return ctx.narrow(node.name() + "/clamp", ctx.q(f), bits, ctx.targetFrac(f), ctx.fresh(f + "/clamped"));
    }

    /** A 1-D or 2-D pooling window as QOp's 2-D form, with ceil mode turned into end padding. */
    private record Pool(int kh, int kw, QOp.Window window, int[] in4, int[] out2, int[] in2, int[] stride, int[] kernel) {
        static Pool of(LoweringContext ctx, Node node, int[] k, int[] st, int[] pads, int[] dil) throws ModelException {
            int nd = k.length;
            if (nd > 2) {
                throw LoweringLinear.unsupported(node, nd + "-D pooling", "use 1-D or 2-D pooling");
            }
            int[] xs = ctx.floatShape(node.inputs().getFirst());
            int[] os = ctx.floatShape(node.output());
            int[] in2 = nd == 1 ? new int[] {1, xs[2]} : new int[] {xs[2], xs[3]};
            int[] out2 = nd == 1 ? new int[] {1, os[2]} : new int[] {os[2], os[3]};
            int[] k2 = nd == 1 ? new int[] {1, k[0]} : k;
            int[] s2 = nd == 1 ? new int[] {1, st[0]} : st;
            int[] d2 = nd == 1 ? new int[] {1, dil[0]} : dil;
            int[] before = nd == 1 ? new int[] {0, pads[0]} : new int[] {pads[0], pads[1]};
            int[] after = nd == 1 ? new int[] {0, pads[1]} : new int[] {pads[2], pads[3]};
            for (int d = 0; d < 2; d++) {
                int reach = (out2[d] - 1) * s2[d] + d2[d] * (k2[d] - 1) + 1;
                after[d] = Math.max(after[d], reach - in2[d] - before[d]);
            }
            QOp.Window w = new QOp.Window(s2[0], s2[1], d2[0], d2[1], before[0], before[1], after[0], after[1]);
            return new Pool(k2[0], k2[1], w, new int[] {xs[0], xs[1], in2[0], in2[1]}, out2, in2, s2, k2);
        }

        /** The divisor of each output position (row-major over the output plane), as the float op counts it. */
        int[] counts(int[] pads, boolean countPad) {
            int nd = pads.length / 2;
            int[] before = nd == 1 ? new int[] {0, pads[0]} : new int[] {pads[0], pads[1]};
            int[] after = nd == 1 ? new int[] {0, pads[1]} : new int[] {pads[2], pads[3]};
            int[] c = new int[out2[0] * out2[1]];
            for (int oh = 0; oh < out2[0]; oh++) {
                for (int ow = 0; ow < out2[1]; ow++) {
                    c[oh * out2[1] + ow] = span(oh, 0, before, after, countPad) * span(ow, 1, before, after, countPad);
                }
            }
            return c;
        }

        private int span(int o, int d, int[] before, int[] after, boolean countPad) {
            int lo = countPad ? -before[d] : 0;
            int hi = countPad ? in2[d] + after[d] : in2[d];
            int n = 0;
            for (int k = 0; k < kernel[d]; k++) {
                int pos = o * stride[d] - before[d] + k;
                if (pos >= lo && pos < hi) {
                    n++;
                }
            }
            return n;
        }
    }
}
