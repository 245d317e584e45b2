package io.zkinfer.model.quant;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import java.util.List;

/**
 * Elementwise ops with numpy broadcasting: Add/Sub as a {@link QOp.Linear} whose power-of-two
 * coefficients align the operands' scales, Mul as a {@link QOp.Hadamard}, multiplication or
 * division by a constant scalar as a requantization whose multiplier approximates it, inference
 * batch normalization as a per-channel Hadamard and Linear, and the nonlinear functions as lookup
 * tables. Each result is then narrowed to its tensor's width at its calibrated scale. Constants
 * are materialized at the output's shape (a constant costs no layer, a broadcast would).
 */
final class LoweringElementwise {
    private LoweringElementwise() {}

    /** Add (sign 1) or Sub (sign -1). */
    static void add(LoweringContext ctx, Node node, int sign) throws ModelException {
        String fa = node.inputs().get(0);
        String fb = node.inputs().get(1);
        int[] out = ctx.floatShape(node.output());
        String lin;
        if (ctx.isConstant(fa) || ctx.isConstant(fb)) {
            boolean constFirst = ctx.isConstant(fa);
            Tensor k = ctx.constant(constFirst ? fa : fb);
            if (ctx.isConstant(constFirst ? fb : fa)) {
                throw LoweringLinear.unsupported(node, "an operation on two constants", "fold constants before quantizing");
            }
            String x = broadcast(ctx, node, constFirst ? fb : fa, out);
            int fx = ctx.info(x).frac();
            double[] kv = LoweringEpilogue.broadcast(k, out);
            int fk = Math.max(fx, Calibration.fracFor(LoweringLinear.maxAbs(kv), ctx.options.weightBits()));
            String kq = ctx.constant(node.output() + "/const", out, fk, LoweringContext.quantizeWide(kv, fk));
            long cx = (constFirst ? sign : 1) << (fk - fx);
            long ck = constFirst ? 1 : sign;
            lin = ctx.node(node.name(), new QOp.Linear(new long[] {cx, ck}, 0), List.of(x, kq),
                    ctx.fresh(node.output() + "/sum"), fk);
        } else {
            String a = broadcast(ctx, node, fa, out);
            String b = broadcast(ctx, node, fb, out);
            int f = Math.max(ctx.info(a).frac(), ctx.info(b).frac());
            long ca = 1L << (f - ctx.info(a).frac());
            long cb = sign * (1L << (f - ctx.info(b).frac()));
            lin = ctx.node(node.name(), new QOp.Linear(new long[] {ca, cb}, 0), List.of(a, b),
                    ctx.fresh(node.output() + "/sum"), f);
        }
        finish(ctx, node, lin);
    }

    /** Mul, or Div by a constant (divide true). */
    static void mul(LoweringContext ctx, Node node, boolean divide) throws ModelException {
        String fa = node.inputs().get(0);
        String fb = node.inputs().get(1);
        int[] out = ctx.floatShape(node.output());
        if (divide && !ctx.isConstant(fb)) {
            if (ctx.isConstant(fa) && ctx.constant(fa).size() == 1
                    && java.util.Arrays.equals(ctx.floatShape(fb), out)) {
                reciprocal(ctx, node, ctx.constant(fa).get(0), fb);
                return;
            }
            if (!ctx.isConstant(fa)) {
                divide(ctx, node, fa, fb, out);
                return;
            }
            throw LoweringLinear.unsupported(node, "a tensor constant divided by a runtime tensor",
                    "divide a runtime tensor, or a scalar constant");
        }
        boolean constFirst = !divide && ctx.isConstant(fa);
        String fk = constFirst ? fa : fb;
        String fx = constFirst ? fb : fa;
        if (ctx.isConstant(fx)) {
            throw LoweringLinear.unsupported(node, "an operation on two constants", "fold constants before quantizing");
        }
        if (!ctx.isConstant(fk)) {
            String a = broadcast(ctx, node, fa, out);
            String b = broadcast(ctx, node, fb, out);
            String h = ctx.node(node.name(), new QOp.Hadamard(), List.of(a, b), ctx.fresh(node.output() + "/product"),
                    ctx.info(a).frac() + ctx.info(b).frac());
            finish(ctx, node, h);
            return;
        }
        double[] kv = LoweringEpilogue.broadcast(ctx.constant(fk), out);
        for (int i = 0; i < kv.length; i++) {
            kv[i] = divide ? 1 / kv[i] : kv[i];
            if (!Double.isFinite(kv[i])) {
                throw LoweringLinear.unsupported(node, "a division by zero", "remove the zero divisor");
            }
        }
        String x = broadcast(ctx, node, fx, out);
        if (ctx.constant(fk).size() == 1) {
            scaleBy(ctx, node, x, kv[0]);
            return;
        }
        int bits = ctx.options.weightBits();
        int f = Calibration.fracFor(LoweringLinear.maxAbs(kv), bits);
        String kq = ctx.constant(node.output() + "/const", out, f, LoweringContext.quantize(kv, f, bits));
        String h = ctx.node(node.name(), new QOp.Hadamard(), List.of(x, kq), ctx.fresh(node.output() + "/product"),
                ctx.info(x).frac() + f);
        finish(ctx, node, h);
    }

    /** y = (x - mean) / sqrt(var + eps) * scale + bias per channel (axis 1), as x a + b. */
    static void batchNorm(LoweringContext ctx, Node node, Op.BatchNormalization bn) throws ModelException {
        List<String> in = node.inputs();
        for (int i = 1; i < 5; i++) {
            if (!ctx.isConstant(in.get(i))) {
                throw LoweringLinear.unsupported(node, "batch normalization with runtime statistics",
                        "export the model in inference mode");
            }
        }
        double[] scale = ctx.constant(in.get(1)).toDoubleArray();
        double[] bias = ctx.constant(in.get(2)).toDoubleArray();
        double[] mean = ctx.constant(in.get(3)).toDoubleArray();
        double[] var = ctx.constant(in.get(4)).toDoubleArray();
        int[] shape = ctx.floatShape(node.output());
        int[] perChannel = new int[shape.length - 1];
        java.util.Arrays.fill(perChannel, 1);
        perChannel[0] = shape[1];
        double[] a = new double[shape[1]];
        double[] b = new double[shape[1]];
        for (int c = 0; c < a.length; c++) {
            a[c] = scale[c] / Math.sqrt(var[c] + bn.epsilon());
            b[c] = bias[c] - mean[c] * a[c];
        }
        double[] af = LoweringEpilogue.broadcast(Tensor.of(perChannel, a), shape);
        double[] bf = LoweringEpilogue.broadcast(Tensor.of(perChannel, b), shape);
        String x = ctx.q(in.get(0));
        int fa = Calibration.fracFor(LoweringLinear.maxAbs(af), ctx.options.weightBits());
        String aq = ctx.constant(node.output() + "/scale", shape, fa,
                LoweringContext.quantize(af, fa, ctx.options.weightBits()));
        int fp = ctx.info(x).frac() + fa;
        String h = ctx.node(node.name() + "/scale", new QOp.Hadamard(), List.of(x, aq),
                ctx.fresh(node.output() + "/scaled"), fp);
        String bq = ctx.constant(node.output() + "/shift", shape, fp, LoweringContext.quantizeWide(bf, fp));
        String lin = ctx.node(node.name() + "/shift", new QOp.Linear(new long[] {1, 1}, 0), List.of(h, bq),
                ctx.fresh(node.output() + "/shifted"), fp);
        finish(ctx, node, lin);
    }

    /** A nonlinear elementwise function as a lookup table over its (narrowed) input's domain. */
    static void table(LoweringContext ctx, Node node) {
        String f = node.inputs().getFirst();
        String x = ctx.q(f);
        int inBits = Math.min(16, ctx.targetBits(f));
        x = ctx.narrow(node.name() + "/clamp", x, inBits, ctx.targetFrac(f), ctx.fresh(f + "/clamped"));
        String out = node.output();
        LoweringTables.Fn fn = LoweringTables.of(node.op(), ctx.targetFrac(out), ctx.targetBits(out));
        ctx.map(out, LoweringTables.apply(ctx, node.name(), x, fn, ctx.own(out)));
    }

    /**
     * y = a / b for two runtime tensors, rounded to nearest: q = floor((2^(e+1) a + b) / (2 b)), a
     * {@link QOp.Division} with minimum divisor 2, and y at scale 2^-(fa + e - fb). The divisor
     * must be positive at run time (b >= 2^-fb: an input whose divisor is not makes the
     * evaluation and the proof fail), and e is the largest shift that keeps every quotient the
     * bounds admit within 16 bits.
     */
    private static void divide(LoweringContext ctx, Node node, String fa, String fb, int[] out) throws ModelException {
        String a = broadcast(ctx, node, fa, out);
        String wide = broadcast(ctx, node, fb, out);
        String b = ctx.narrow(node.name() + "/divisor", wide, 16, ctx.info(wide).frac(),
                ctx.fresh(node.output() + "/divisor"));
        long ab = ctx.info(a).bound();
        long bb = ctx.info(b).bound();
        int e = -1;
        while (e < 30 && ((ab << (e + 2)) + bb + 1) / 2 < 1L << 15) {
            e++;
        }
        if (e < 0 || 2 * bb > 1L << 16) {
            throw LoweringLinear.unsupported(node, "a division whose quotient cannot fit 16 bits (dividend bound " + ab
                    + ", divisor bound " + bb + ")", "narrow the dividend (fewer activation bits) before dividing");
        }
        int fq = ctx.info(a).frac() + e - ctx.info(b).frac();
        String num = ctx.node(node.name() + "/numerator", new QOp.Linear(new long[] {1L << (e + 1), 1}, 0),
                List.of(a, b), ctx.fresh(node.output() + "/numerator"), fq);
        String den = ctx.node(node.name() + "/denominator", new QOp.Linear(new long[] {2}, 0), List.of(b),
                ctx.fresh(node.output() + "/denominator"), 0);
        String q = ctx.node(node.name(), new QOp.Division(2), List.of(num, den), ctx.fresh(node.output() + "/quotient"),
                fq);
        finish(ctx, node, q);
    }

    /** y = c / x for a scalar constant c: a unary function of x, so a table (as LayerNorm's InvStdDev). */
    private static void reciprocal(LoweringContext ctx, Node node, double c, String fx) {
        String x = ctx.q(fx);
        int inBits = Math.min(16, ctx.targetBits(fx));
        x = ctx.narrow(node.name() + "/clamp", x, inBits, ctx.targetFrac(fx), ctx.fresh(fx + "/clamped"));
        String out = node.output();
        LoweringTables.Fn fn = LoweringTables.of("divide(" + c + ")", v -> c / v, ctx.targetFrac(out),
                ctx.targetBits(out));
        ctx.map(out, LoweringTables.apply(ctx, node.name(), x, fn, ctx.own(out)));
    }

    /** y = x k for a constant real k (negated first by a Linear when k is negative). */
    private static void scaleBy(LoweringContext ctx, Node node, String x, double k) {
        String out = node.output();
        if (k == 0) {
            ctx.map(out, ctx.node(node.name(), new QOp.Linear(new long[] {0}, 0), List.of(x), ctx.own(out), 0));
            return;
        }
        if (k < 0) {
            x = ctx.node(node.name() + "/negate", new QOp.Linear(new long[] {-1}, 0), List.of(x),
                    ctx.fresh(out + "/negated"), ctx.info(x).frac());
        }
        ctx.map(out, ctx.rescale(node.name(), x, Math.abs(k), ctx.targetFrac(out), ctx.targetBits(out), null,
                ctx.own(out)));
    }

    /** The result narrowed to the output's width and calibrated scale, and mapped. */
    private static void finish(LoweringContext ctx, Node node, String y) {
        String out = node.output();
        ctx.map(out, ctx.narrow(node.name() + "/requant", y, ctx.targetBits(out), ctx.targetFrac(out), ctx.own(out)));
    }

    private static String broadcast(LoweringContext ctx, Node node, String f, int[] shape) {
        return ctx.broadcast(node.name() + "/" + f, ctx.q(f), shape);
    }
}
