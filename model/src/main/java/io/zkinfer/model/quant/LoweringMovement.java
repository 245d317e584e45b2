package io.zkinfer.model.quant;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Tensor;
import java.util.ArrayList;
import java.util.List;

/**
 * Data movement: values and scales pass through unchanged (Reshape, Transpose, Slice, Gather,
 * constant Pad, Identity, Cast); Concat first brings its inputs to one scale, the coarsest among
 * them. What QOp has no direct form for is rewritten exactly: negative slice steps and reflect or
 * edge padding become Gathers with explicit indices, negative pads a Slice.
 */
final class LoweringMovement {
    private LoweringMovement() {}

    static void lower(LoweringContext ctx, Node node) throws ModelException {
        String out = node.output();
        String x = node.op() instanceof Op.Concat ? null : input(ctx, node);
        String y = switch (node.op()) {
            case Op.Identity i -> x;
            case Op.Cast c -> {
                if (c.to() == ElementType.INT64 && ctx.info(x).frac() > 0) {
                    throw LoweringLinear.unsupported(node, "a cast of fractional values to integers",
                            "remove the Cast, or cast only tensors that hold integers");
                }
                yield x;
            }
            case Op.Reshape r -> ctx.node(node.name(), new QOp.Reshape(ctx.floatShape(out)), List.of(x), ctx.own(out),
                    ctx.info(x).frac());
            case Op.Transpose t -> ctx.node(node.name(), new QOp.Transpose(t.perm()), List.of(x), ctx.own(out),
                    ctx.info(x).frac());
            case Op.Slice s -> slice(ctx, node, x, s);
            case Op.Gather g -> {
                String r = ctx.node(node.name(), new QOp.Gather(g.axis(), g.indices()), List.of(x),
                        ctx.fresh(out + "/gathered"), ctx.info(x).frac());
                yield ctx.reshape(node.name() + "/shape", r, ctx.floatShape(out));
            }
            case Op.Pad p -> pad(ctx, node, x, p);
            case Op.Concat c -> concat(ctx, node, c);
            default -> throw new IllegalStateException(node.describe());
        };
        ctx.map(out, y);
    }

    private static String input(LoweringContext ctx, Node node) throws ModelException {
        String f = node.inputs().getFirst();
        if (ctx.isConstant(f)) {
            throw LoweringLinear.unsupported(node, "data movement of a constant", "fold constants before quantizing");
        }
        return ctx.q(f);
    }

    private static String slice(LoweringContext ctx, Node node, String x, Op.Slice s) {
        int[] start = s.starts();
        int[] step = s.steps();
        int[] size = s.sizes();
        boolean positive = true;
        for (int st : step) {
            positive &= st > 0;
        }
        if (positive) {
            return ctx.node(node.name(), new QOp.Slice(start, step, size), List.of(x), ctx.own(node.output()),
                    ctx.info(x).frac());
        }
        String y = x;
        int[] shape = ctx.info(x).shape();
        for (int d = 0; d < shape.length; d++) {
            if (start[d] == 0 && step[d] == 1 && size[d] == shape[d]) {
                continue;
            }
            int[] idx = new int[size[d]];
            for (int i = 0; i < idx.length; i++) {
                idx[i] = start[d] + i * step[d];
            }
            y = ctx.node(node.name() + "/axis" + d, new QOp.Gather(d, idx), List.of(y),
                    ctx.fresh(node.output() + "/axis" + d), ctx.info(x).frac());
        }
        return y;
    }

    private static String pad(LoweringContext ctx, Node node, String x, Op.Pad p) throws ModelException {
        int[] pads = p.pads();
        int[] shape = ctx.info(x).shape();
        int n = shape.length;
        if (p.mode() == Op.PadMode.CONSTANT) {
            // A pad value c is zero padding of x - c, plus c (the constant of a Linear reaches
            // every logical entry, the new border included); c at x's scale, rounded.
            long c = Math.round(Math.scalb(p.value(), ctx.info(x).frac()));
            if (!Double.isFinite(p.value()) || Math.abs(c) >= 1L << 31) {
                throw LoweringLinear.unsupported(node, "padding with the value " + p.value(),
                        "pad with a finite value within the tensor's range");
            }
            if (c != 0) {
                x = ctx.node(node.name() + "/shift", new QOp.Linear(new long[] {1}, -c), List.of(x),
                        ctx.fresh(node.output() + "/shifted"), ctx.info(x).frac());
            }
            int[] start = new int[n];
            int[] step = new int[n];
            int[] size = shape.clone();
            int[] before = new int[n];
            int[] after = new int[n];
            boolean crop = false;
            for (int d = 0; d < n; d++) {
                step[d] = 1;
                start[d] = Math.max(0, -pads[d]);
                size[d] -= start[d] + Math.max(0, -pads[n + d]);
                crop |= pads[d] < 0 || pads[n + d] < 0;
                before[d] = Math.max(0, pads[d]);
                after[d] = Math.max(0, pads[n + d]);
            }
            String y = crop ? ctx.node(node.name() + "/crop", new QOp.Slice(start, step, size), List.of(x),
                    ctx.fresh(node.output() + "/cropped"), ctx.info(x).frac()) : x;
            if (c == 0) {
                return ctx.node(node.name(), new QOp.Pad(before, after), List.of(y), ctx.own(node.output()),
                        ctx.info(x).frac());
            }
            String padded = ctx.node(node.name() + "/zeros", new QOp.Pad(before, after), List.of(y),
                    ctx.fresh(node.output() + "/padded"), ctx.info(x).frac());
            return ctx.node(node.name(), new QOp.Linear(new long[] {1}, c), List.of(padded), ctx.own(node.output()),
                    ctx.info(x).frac());
        }
        String y = x;
        for (int d = 0; d < n; d++) {
            int outSize = shape[d] + pads[d] + pads[n + d];
            if (pads[d] == 0 && pads[n + d] == 0) {
                continue;
            }
            int[] idx = new int[outSize];
            for (int o = 0; o < outSize; o++) {
                idx[o] = source(o - pads[d], shape[d], p.mode());
            }
            y = ctx.node(node.name() + "/axis" + d, new QOp.Gather(d, idx), List.of(y),
                    ctx.fresh(node.output() + "/axis" + d), ctx.info(x).frac());
        }
        return y;
    }

    /** The input index a reflect or edge pad copies to position i of an axis of size n. */
    private static int source(int i, int n, Op.PadMode mode) {
        if (mode == Op.PadMode.EDGE || n == 1) {
            return Math.min(n - 1, Math.max(0, i));
        }
        int period = 2 * (n - 1);
        int j = Math.floorMod(i, period);
        return j < n ? j : period - j;
    }

    /** Inputs brought to the coarsest scale among them (constants quantized at it), then joined. */
    private static String concat(LoweringContext ctx, Node node, Op.Concat c) {
        String out = node.output();
        int bits = ctx.targetBits(out);
        int frac = Integer.MAX_VALUE;
        for (String f : node.inputs()) {
            frac = Math.min(frac, ctx.isConstant(f) ? ctx.targetFrac(out) : ctx.info(ctx.q(f)).frac());
        }
        List<String> parts = new ArrayList<>();
        for (String f : node.inputs()) {
            if (ctx.isConstant(f)) {
                Tensor k = ctx.constant(f);
                parts.add(ctx.constant(f, k.shape(), frac, LoweringContext.quantize(k.toDoubleArray(), frac, bits)));
                continue;
            }
            String q = ctx.q(f);
            if (ctx.info(q).frac() != frac) {
                q = ctx.rescale(node.name() + "/" + f, q, 1.0, frac, Math.max(bits,
                        LoweringContext.bitsFor(ctx.info(q).bound())), null, ctx.fresh(f + "/aligned"));
                if (ctx.info(q).frac() != frac) {
                    throw new IllegalArgumentException("cannot bring '" + f + "' to scale 2^-" + frac + " in 16 bits");
                }
            }
            parts.add(q);
        }
        return ctx.node(node.name(), new QOp.Concat(c.axis()), parts, ctx.own(out), frac);
    }
}
