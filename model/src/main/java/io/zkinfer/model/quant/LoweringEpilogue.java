package io.zkinfer.model.quant;

import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What follows a sum of products before its one requantization: constant additions (a bias
 * exported as a separate Add, a positional embedding), multiplications and divisions by a positive
 * constant scalar (attention's 1/sqrt(d)), at most one residual addition of an already lowered
 * tensor, and at most one elementwise function (Relu, GELU...), each the only reader of the tensor
 * before it. Absorbing them keeps the accumulator's full precision until one rounding (a residual
 * branch is never rounded to the activation width before the sum), and saves proof layers.
 *
 * <p>The real value is (acc + add 2^facc / scale) 2^-facc scale + sign residual: {@code add} holds
 * the absorbed constants in real units at the float output's shape, {@code scale} the absorbed
 * factors (1 whenever there is a residual, which is added at the accumulator's scale).
 *
 * @param absorbed the float nodes folded in, in order
 * @param preActivation the float tensor before the function (the last tensor when there is none)
 * @param last the float tensor the requantized result stands for
 * @param activation the fused function's float node, or null
 * @param residual the float tensor added (or subtracted, residualSign -1), or null
 */
record LoweringEpilogue(List<Node> absorbed, String preActivation, String last, Node activation, double scale,
        double[] add, String residual, int residualSign) {

    /**
     * Walks from a linear node's output along single readers.
     *
     * @param initialAdd constants the linear op itself adds (bias, Gemm's beta C), in real units at the
     *     output's shape, or null
     * @param initialScale a positive factor the linear op itself applies (Gemm's alpha), 1 if none
     */
    static LoweringEpilogue collect(LoweringContext ctx, Node start, double[] initialAdd, double initialScale) {
        Graph g = ctx.graph;
        String cur = start.output();
        int[] shape = g.info(cur).shape();
        double scale = initialScale;
        double[] add = initialAdd == null ? new double[Shapes.size(shape)] : initialAdd.clone();
        List<Node> absorbed = new ArrayList<>();
        String residual = null;
        int residualSign = 1;
        while (!g.isOutput(cur)) {
            List<Node> readers = g.consumers(cur);
            if (readers.size() != 1) {
                break;
            }
            Node c = readers.getFirst();
            if (LoweringTables.isTable(c.op()) && c.inputs().size() == 1) {
                absorbed.add(c);
                return new LoweringEpilogue(absorbed, cur, c.output(), c, scale, add, residual, residualSign);
            }
            if (c.inputs().size() != 2 || c.inputs().get(0).equals(c.inputs().get(1))
                    || !Arrays.equals(g.info(c.output()).shape(), shape)) {
                break;
            }
            boolean first = c.inputs().get(0).equals(cur);
            String other = c.inputs().get(first ? 1 : 0);
            Tensor k = g.initializers().get(other);
            if (k == null) {
                boolean addition = c.op() instanceof Op.Add || (c.op() instanceof Op.Sub && first);
                if (!addition || residual != null || scale != 1 || !ctx.names().containsKey(other)
                        || !Arrays.equals(g.info(other).shape(), shape)) {
                    break;
                }
                residual = other;
                residualSign = c.op() instanceof Op.Sub ? -1 : 1;
                absorbed.add(c);
                cur = c.output();
                continue;
            }
            if (residual != null && !(c.op() instanceof Op.Add || c.op() instanceof Op.Sub)) {
                break;
            }
            double[] kv = broadcast(k, shape);
            boolean ok = switch (c.op()) {
                case Op.Add a -> {
                    for (int i = 0; i < add.length; i++) {
                        add[i] += kv[i];
                    }
                    yield true;
                }
                case Op.Sub s when first -> {
                    for (int i = 0; i < add.length; i++) {
                        add[i] -= kv[i];
                    }
                    yield true;
                }
                case Op.Mul m when positiveScalar(k) -> {
                    scale *= k.get(0);
                    multiply(add, k.get(0));
                    yield true;
                }
                case Op.Div d when first && positiveScalar(k) -> {
                    scale /= k.get(0);
                    multiply(add, 1 / k.get(0));
                    yield true;
                }
                default -> false;
            };
            if (!ok) {
                break;
            }
            absorbed.add(c);
            cur = c.output();
        }
        return new LoweringEpilogue(absorbed, cur, cur, null, scale, add, residual, residualSign);
    }

    /** Whether any constant was absorbed (or given) at all. */
    boolean hasAdd() {
        for (double a : add) {
            if (a != 0) {
                return true;
            }
        }
        return false;
    }

    /**
     * The additive constant at accumulator scale as a bias along {@code axis} of the output shape,
     * or null when it varies along another axis too.
     */
    long[] biasAlong(int[] shape, int axis, int accFrac) {
        int[] strides = Shapes.strides(shape);
        double[] b = new double[shape[axis]];
        for (int j = 0; j < b.length; j++) {
            b[j] = add[j * strides[axis]];
        }
        for (int i = 0; i < add.length; i++) {
            if (add[i] != b[(i / strides[axis]) % shape[axis]]) {
                return null;
            }
        }
        return LoweringContext.quantizeWide(scaled(b), accFrac);
    }

    /** The additive constant at accumulator scale, at the output's full shape. */
    long[] full(int accFrac) {
        return LoweringContext.quantizeWide(scaled(add), accFrac);
    }

    /**
     * Adds what the product did not (the constants when they were not its bias, the residual),
     * requantizes to the last tensor's target width and scale through the fused function if any,
     * marks the absorbed nodes fused and maps the last tensor.
     *
     * @param acc the accumulator, its entries in the float output's row-major order
     * @param biasApplied whether the product already added the constants as its bias
     */
    void finish(LoweringContext ctx, String name, String acc, boolean biasApplied) {
        int f = ctx.info(acc).frac();
        int[] accShape = ctx.info(acc).shape();
        List<String> ins = new ArrayList<>(List.of(acc));
        List<Long> coefs = new ArrayList<>(List.of(1L));
        if (hasAdd() && !biasApplied) {
            ins.add(ctx.constant(last + "/add", accShape, f, full(f)));
            coefs.add(1L);
        }
        if (residual != null) {
            String r = ctx.reshape(name + "/residual", ctx.q(residual), accShape);
            int fr = ctx.info(r).frac();
            for (int i = 0; fr > f && i < coefs.size(); i++) {
                coefs.set(i, coefs.get(i) << (fr - f));
            }
            int common = Math.max(f, fr);
            ins.add(r);
            coefs.add(residualSign * (1L << (common - fr)));
            f = common;
        }
        if (ins.size() > 1) {
            long[] c = coefs.stream().mapToLong(Long::longValue).toArray();
            acc = ctx.node(name + "/add", new QOp.Linear(c, 0), ins, ctx.fresh(last + "/acc+"), f);
        }
        String out = ctx.own(last);
        String result;
        if (activation == null) {
            result = ctx.rescale(name + "/requant", acc, scale, ctx.targetFrac(last), ctx.targetBits(last), null, out);
        } else if (activation.op() instanceof Op.Relu) {
            int bits = ctx.targetBits(last);
            LoweringTables.Fn fn = LoweringTables.of(activation.op(), 0, bits);
            result = ctx.rescale(name + "/requant", acc, scale, ctx.targetFrac(last), bits, fn, out);
        } else {
            int inBits = ctx.targetBits(preActivation);
            int inFrac = Calibration.fracFor(ctx.calibration.maxAbs(preActivation), inBits);
            LoweringTables.Fn fn = LoweringTables.of(activation.op(), ctx.targetFrac(last), ctx.targetBits(last));
            result = ctx.rescale(name + "/requant", acc, scale, inFrac, inBits, fn, out);
        }
        result = ctx.reshape(name + "/shape", result, ctx.floatShape(last));
        for (Node n : absorbed) {
            ctx.markFused(n);
        }
        ctx.map(last, result);
    }

    private double[] scaled(double[] v) {
        double[] s = new double[v.length];
        for (int i = 0; i < s.length; i++) {
            s[i] = v[i] / scale;
        }
        return s;
    }

    private static boolean positiveScalar(Tensor k) {
        return k.size() == 1 && k.get(0) > 0 && Double.isFinite(k.get(0));
    }

    private static void multiply(double[] a, double k) {
        for (int i = 0; i < a.length; i++) {
            a[i] *= k;
        }
    }

    /** A constant's values broadcast (numpy rules) to a shape it broadcasts to. */
    static double[] broadcast(Tensor k, int[] shape) {
        int[] strides = Shapes.broadcastStrides(k.shape(), shape);
        int[] outStrides = Shapes.strides(shape);
        double[] out = new double[Shapes.size(shape)];
        for (int i = 0; i < out.length; i++) {
            int src = 0;
            int rest = i;
            for (int d = 0; d < shape.length; d++) {
                int idx = rest / outStrides[d];
                rest %= outStrides[d];
                src += idx * strides[d];
            }
            out[i] = k.get(src);
        }
        return out;
    }
}
