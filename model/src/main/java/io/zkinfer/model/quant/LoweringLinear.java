package io.zkinfer.model.quant;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Gemm, MatMul and Conv: one integer sum of products at the accumulator scale 2^-(fx + fw) (a
 * constant operand quantized per tensor to weightBits, the bias at the accumulator scale), then
 * one requantization through {@link LoweringEpilogue}. MatMuls of higher rank fold their batch
 * into the rows when the right operand has none, and otherwise split into one 2-D product per
 * batch entry (attention's heads) joined by a Concat.
 */
final class LoweringLinear {
    private LoweringLinear() {}

    /** A quantized operand: its integer tensor's name and its scale exponent. */
    private record Operand(String name, int frac) {}

    static void gemm(LoweringContext ctx, Node node, Op.Gemm g) throws ModelException {
        List<String> in = node.inputs();
        double alpha = g.alpha();
        Operand a;
        Operand b;
        if (ctx.isConstant(in.get(1))) {
            a = activation(ctx, node, in.get(0));
            b = weight(ctx, in.get(1), ctx.constant(in.get(1)).shape(), times(ctx.constant(in.get(1)), alpha));
            alpha = 1;
        } else if (ctx.isConstant(in.get(0))) {
            a = weight(ctx, in.get(0), ctx.constant(in.get(0)).shape(), times(ctx.constant(in.get(0)), alpha));
            b = activation(ctx, node, in.get(1));
            alpha = 1;
        } else {
            a = activation(ctx, node, in.get(0));
            b = activation(ctx, node, in.get(1));
        }
        if (!(alpha > 0)) {
            throw unsupported(node, "alpha " + alpha + " with two runtime operands", "fold alpha into one operand");
        }
        int[] out = ctx.floatShape(node.output());
        double[] add = null;
        if (in.size() > 2) {
            Tensor c = ctx.constant(in.get(2));
            if (c == null) {
                throw unsupported(node, "a runtime C operand", "export the addition of C as a separate Add");
            }
            add = LoweringEpilogue.broadcast(c, out);
            for (int i = 0; i < add.length; i++) {
                add[i] *= g.beta();
            }
        }
        LoweringEpilogue ep = LoweringEpilogue.collect(ctx, node, add, alpha);
        int accFrac = a.frac + b.frac;
        List<String> ins = new ArrayList<>(List.of(a.name, b.name));
        long[] bias = ep.hasAdd() ? ep.biasAlong(out, out.length - 1, accFrac) : null;
        if (bias != null) {
            ins.add(ctx.constant(node.output() + "/bias", new int[] {out[out.length - 1]}, accFrac, bias));
        }
        String acc = ctx.node(node.name(), new QOp.MatMul(g.transA(), g.transB()), ins,
                ctx.fresh(node.output() + "/acc"), accFrac);
        ep.finish(ctx, node.name(), acc, bias != null);
    }

    static void matMul(LoweringContext ctx, Node node) throws ModelException {
        String fa = node.inputs().get(0);
        String fb = node.inputs().get(1);
        int[] sa = ctx.floatShape(fa);
        int[] sb = ctx.floatShape(fb);
        int[] ma = sa.length == 1 ? new int[] {1, sa[0]} : sa;
        int[] mb = sb.length == 1 ? new int[] {sb[0], 1} : sb;
        Operand a = operand(ctx, node, fa, ma);
        Operand b = operand(ctx, node, fb, mb);
        int m = ma[ma.length - 2];
        int k = ma[ma.length - 1];
        int n = mb[mb.length - 1];
        int[] leadA = Arrays.copyOf(ma, ma.length - 2);
        int[] leadB = Arrays.copyOf(mb, mb.length - 2);
        int[] lead = Shapes.broadcast(leadA, leadB);
        int batch = Shapes.size(lead);
        int[] out = ctx.floatShape(node.output());
        LoweringEpilogue ep = LoweringEpilogue.collect(ctx, node, null, 1);
        int accFrac = a.frac + b.frac;
        long[] bias = ep.hasAdd() ? ep.biasAlong(out, out.length - 1, accFrac) : null;
        String biasName = bias == null ? null : ctx.constant(node.output() + "/bias", new int[] {n}, accFrac, bias);
        String acc;
        if (Shapes.size(leadB) == 1 && Shapes.size(leadA) == batch) {
            String a2 = ctx.reshape(node.name() + "/rows", a.name, new int[] {batch * m, k});
            String b2 = ctx.reshape(node.name() + "/matrix", b.name, new int[] {k, n});
            acc = product(ctx, node.name(), a2, b2, biasName, node.output() + "/acc", accFrac);
        } else {
            List<String> parts = new ArrayList<>();
            for (int i = 0; i < batch; i++) {
                String ai = batchEntry(ctx, node.name() + "/a" + i, a.name, leadA, lead, i, m, k);
                String bi = batchEntry(ctx, node.name() + "/b" + i, b.name, leadB, lead, i, k, n);
                parts.add(product(ctx, node.name() + "/" + i, ai, bi, biasName, node.output() + "/acc" + i, accFrac));
            }
            acc = parts.size() == 1 ? parts.getFirst()
                    : ctx.node(node.name() + "/concat", new QOp.Concat(0), parts, ctx.fresh(node.output() + "/acc"),
                            accFrac);
        }
        ep.finish(ctx, node.name(), acc, bias != null);
    }

    static void conv(LoweringContext ctx, Node node, Op.Conv c) throws ModelException {
        List<String> in = node.inputs();
        if (!ctx.isConstant(in.get(1))) {
            throw unsupported(node, "runtime convolution weights", "make the weights an initializer");
        }
        if (c.kernel().length > 2) {
            throw unsupported(node, c.kernel().length + "-D convolution", "use 1-D or 2-D convolutions");
        }
        boolean oneD = c.kernel().length == 1;
        int[] xs = ctx.floatShape(in.get(0));
        Tensor w = ctx.constant(in.get(1));
        int[] ws = w.shape();
        int[] out = ctx.floatShape(node.output());
        int[] s = c.strides();
        int[] d = c.dilations();
        int[] p = c.pads();
        QOp.Window window = oneD ? new QOp.Window(1, s[0], 1, d[0], 0, p[0], 0, p[1])
                : new QOp.Window(s[0], s[1], d[0], d[1], p[0], p[1], p[2], p[3]);
        int[] x4 = oneD ? new int[] {xs[0], xs[1], 1, xs[2]} : xs;
        int[] w4 = oneD ? new int[] {ws[0], ws[1], 1, ws[2]} : ws;
        int[] out4 = oneD ? new int[] {out[0], out[1], 1, out[2]} : out;
        String x = ctx.reshape(node.name() + "/as2d", activation(ctx, node, in.get(0)).name, x4);
        int fx = ctx.info(x).frac();
        int fw = Calibration.fracFor(maxAbs(w.toDoubleArray()), ctx.options.weightBits());
        long[] wq = LoweringContext.quantize(w.toDoubleArray(), fw, ctx.options.weightBits());
        double[] add = null;
        if (in.size() > 2) {
            Tensor b = ctx.constant(in.get(2));
            if (b == null) {
                throw unsupported(node, "a runtime bias", "make the bias an initializer");
            }
            add = LoweringEpilogue.broadcast(Tensor.of(new int[] {ws[0], 1, 1}, b.toDoubleArray()), out4);
        }
        LoweringEpilogue ep = LoweringEpilogue.collect(ctx, node, add, 1);
        int accFrac = fx + fw;
        long[] bias = ep.hasAdd() ? ep.biasAlong(out, 1, accFrac) : null;
        int groups = c.group();
        int cin = w4[1];
        int cout = w4[0] / groups;
        int per = cout * cin * w4[2] * w4[3];
        List<String> parts = new ArrayList<>();
        for (int gi = 0; gi < groups; gi++) {
            String tag = groups == 1 ? "" : "/g" + gi;
            String xg = groups == 1 ? x
                    : ctx.node(node.name() + tag + "/slice",
                            new QOp.Slice(new int[] {0, gi * cin, 0, 0}, new int[] {1, 1, 1, 1},
                                    new int[] {x4[0], cin, x4[2], x4[3]}),
                            List.of(x), ctx.fresh(in.get(0) + tag), fx);
            String wg = ctx.constant(in.get(1) + tag, new int[] {cout, cin, w4[2], w4[3]}, fw,
                    Arrays.copyOfRange(wq, gi * per, (gi + 1) * per));
            List<String> ins = new ArrayList<>(List.of(xg, wg));
            if (bias != null) {
                ins.add(ctx.constant(node.output() + "/bias" + tag, new int[] {cout}, accFrac,
                        Arrays.copyOfRange(bias, gi * cout, (gi + 1) * cout)));
            }
            parts.add(ctx.node(node.name() + tag, new QOp.Conv(window), ins, ctx.fresh(node.output() + "/acc" + tag),
                    accFrac));
        }
        String acc = parts.size() == 1 ? parts.getFirst()
                : ctx.node(node.name() + "/concat", new QOp.Concat(1), parts, ctx.fresh(node.output() + "/acc"),
                        accFrac);
        ep.finish(ctx, node.name(), acc, bias != null);
    }

    private static String product(LoweringContext ctx, String name, String a, String b, String bias, String out,
            int frac) {
        List<String> ins = new ArrayList<>(List.of(a, b));
        if (bias != null) {
            ins.add(bias);
        }
        return ctx.node(name, new QOp.MatMul(false, false), ins, ctx.fresh(out), frac);
    }

    /** The [rows, cols] matrix of batch entry i (of the broadcast batch shape) of x [lead..., rows, cols]. */
    private static String batchEntry(LoweringContext ctx, String name, String x, int[] own, int[] lead, int i, int rows,
            int cols) {
        int[] strides = Shapes.broadcastStrides(own, lead);
        int[] leadStrides = Shapes.strides(lead);
        int src = 0;
        for (int d = 0; d < lead.length; d++) {
            src += (i / leadStrides[d]) % lead[d] * strides[d];
        }
        int count = Shapes.size(own);
        String flat = ctx.reshape(name + "/flat", x, new int[] {count, rows, cols});
        if (count == 1) {
            return ctx.reshape(name + "/matrix", flat, new int[] {rows, cols});
        }
        String one = ctx.node(name + "/slice", new QOp.Slice(new int[] {src, 0, 0}, new int[] {1, 1, 1},
                new int[] {1, rows, cols}), List.of(flat), ctx.fresh(x + "/" + src), ctx.info(x).frac());
        return ctx.reshape(name + "/matrix", one, new int[] {rows, cols});
    }

    /** A MatMul operand at the given (promoted) shape: quantized weights or the activation reshaped. */
    private static Operand operand(LoweringContext ctx, Node node, String f, int[] shape) throws ModelException {
        if (ctx.isConstant(f)) {
            return weight(ctx, f, shape, ctx.constant(f).toDoubleArray());
        }
        Operand a = activation(ctx, node, f);
        return new Operand(ctx.reshape(node.name() + "/promote", a.name, shape), a.frac);
    }

    private static Operand weight(LoweringContext ctx, String f, int[] shape, double[] values) {
        int bits = ctx.options.weightBits();
        int frac = Calibration.fracFor(maxAbs(values), bits);
        return new Operand(ctx.constant(f, shape, frac, LoweringContext.quantize(values, frac, bits)), frac);
    }

    private static Operand activation(LoweringContext ctx, Node node, String f) throws ModelException {
        if (ctx.isConstant(f)) {
            throw unsupported(node, "a constant where a runtime operand was expected", "");
        }
        String q = ctx.q(f);
        return new Operand(q, ctx.info(q).frac());
    }

    private static double[] times(Tensor t, double k) {
        double[] v = t.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            v[i] *= k;
        }
        return v;
    }

    static double maxAbs(double[] v) {
        double m = 0;
        for (double x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static ModelException unsupported(Node node, String what, String remedy) {
        return new ModelException(ModelException.Kind.UNSUPPORTED, "cannot quantize " + what, node.describe(), remedy);
    }
}
