package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.circuit.Bind;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Eq;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProverContext;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import io.zkinfer.sumcheck.circuit.Witness;
import io.zkinfer.sumcheck.circuit.ZkFactor;
import io.zkinfer.sumcheck.circuit.ZkSumcheck;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Two-dimensional convolution in NCHW layout, ONNX's Conv without groups:
 * out[n, co, y, x] = sum_{ci, ky, kx} W[co, ci, ky, kx] in[n, ci, y sh + ky dh - pt, x sw + kx dw - pl]
 * + bias[co], with input [N, Ci, H, W], weights [Co, Ci, Kh, Kw], optional bias [Co], zero
 * padding and the output size of {@link Geometry}. Any operand may be committed or computed.
 *
 * <p>Protocol (zkCNN-style; the im2col matrix is never built). Write the claim's point as
 * (r_n, r_co, r_y, r_x). The prover sends bias(r_co), which becomes a claim, and the target is
 * v - bias(r_co) * sum of eq(r, (n, y, x)) over the logical n, y, x. With
 * T(ci, ky, kx) = sum_{n, y, x} eq(r_n, n) eq(r_y, y) eq(r_x, x) in[n, ci, f(y, ky), g(x, kx)]
 * (over logical ci, ky, kx, y, x; zero elsewhere), the target is
 * sum_{ci, ky, kx} W(r_co, ci, ky, kx) T(ci, ky, kx): sumcheck 1 (degree 2, over the kernel's
 * log Ci + log Kh + log Kw variables) ends at s, where the prover sends W(r_co, s), which becomes
 * a claim, and T(s). Then T(s) = sum_{n, ci, u, v} in[n, ci, u, v] eq(r_n, n) [ci < Ci] eq(s_ci, ci)
 * A(u) B(v), with A(u) = sum of eq(s_ky, ky) eq(r_y, y) over the logical (y, ky) that read row u
 * (and B likewise for columns): sumcheck 2 (degree 2, over the input's variables) ends at t, where
 * the prover sends in(t), which becomes a claim, and the verifier evaluates the weight at t from
 * A and B, tables it builds in O(Kh Ho + H) and O(Kw Wo + W).
 *
 * <p>The prover computes T in O(N Ci (H Wo Kw + Kh Ho Kw)) extension operations (about the input
 * times Kw, below the input times the kernel size) and runs the two sumchecks in time linear in
 * the weights and the input. The reduced coordinates (ci, ky, kx, and the input rows and columns)
 * range over logical values only, so the logical output depends only on logical entries of the
 * operands, even where a committed operand's padding is not zero. Soundness error
 * 2 (log Ci + log Kh + log Kw + n_in) / |F| (the two degree-2 sumchecks), with n_in the input's
 * variable count.
 *
 * <p>Zero knowledge ({@link #proveZk}): the same two sumchecks as {@link ZkSumcheck}s at a point
 * r the layer draws, with every sum hidden. The kernel sumcheck's sum is the form
 * [y at r] - P(r) [bias at r_co] (P the bias weight above); T is a hidden factor, so the exit form
 * E equals W^(r_co, s) T(s), W^ the masked extension of W whose value at s is sent; the input
 * sumcheck's sum is then the form E / W^(r_co, s), and its exit is closed with the weight the
 * verifier evaluates. A zero W^(r_co, s) (probability about 1 / |F|) makes the prover fail and
 * the verifier reject. Soundness error 7 (log Ci + log Kh + log Kw + n_in) / |F| (the masked
 * rounds have degree 7) plus 2 / |F| for the two hidden sums.
 */
public final class Conv2d implements Layer {
    /**
     * Strides, dilations and zero padding of a 2-D window (a convolution's or a pooling's); pads
     * are given as ONNX orders them for two spatial axes: top, left, bottom, right.
     */
    public record Geometry(int strideH, int strideW, int dilationH, int dilationW, int padTop, int padLeft,
            int padBottom, int padRight) {
        /** Stride 1, dilation 1, no padding. */
        public static final Geometry DEFAULT = new Geometry(1, 1, 1, 1, 0, 0, 0, 0);

        public Geometry {
            if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1) {
                throw new IllegalArgumentException("strides and dilations must be positive, got stride " + strideH
                        + "x" + strideW + ", dilation " + dilationH + "x" + dilationW);
            }
            if (padTop < 0 || padLeft < 0 || padBottom < 0 || padRight < 0) {
                throw new IllegalArgumentException("pads must be non-negative, got " + padTop + "," + padLeft + ","
                        + padBottom + "," + padRight);
            }
        }

        /** The same stride and symmetric padding on both axes, dilation 1. */
        public static Geometry of(int stride, int padding) {
            return new Geometry(stride, stride, 1, 1, padding, padding, padding, padding);
        }

        /**
         * From ONNX attributes (each null for its default): strides [sh, sw], pads
         * [top, left, bottom, right], dilations [dh, dw].
         */
        public static Geometry onnx(int[] strides, int[] pads, int[] dilations) {
            int[] s = attribute("strides", strides, 2, 1);
            int[] p = attribute("pads", pads, 4, 0);
            int[] d = attribute("dilations", dilations, 2, 1);
            return new Geometry(s[0], s[1], d[0], d[1], p[0], p[1], p[2], p[3]);
        }

        private static int[] attribute(String name, int[] value, int length, int fill) {
            if (value == null) {
                int[] v = new int[length];
                Arrays.fill(v, fill);
                return v;
            }
            if (value.length != length) {
                throw new IllegalArgumentException(name + " needs " + length + " values, got "
                        + Arrays.toString(value));
            }
            return value.clone();
        }

        public Geometry withStride(int h, int w) {
            return new Geometry(h, w, dilationH, dilationW, padTop, padLeft, padBottom, padRight);
        }

        public Geometry withDilation(int h, int w) {
            return new Geometry(strideH, strideW, h, w, padTop, padLeft, padBottom, padRight);
        }

        public Geometry withPadding(int top, int left, int bottom, int right) {
            return new Geometry(strideH, strideW, dilationH, dilationW, top, left, bottom, right);
        }

        /** The same padding on all four sides. */
        public Geometry withPadding(int padding) {
            return withPadding(padding, padding, padding, padding);
        }

        /** ONNX's output height for an input of height {@code h} and a kernel of height {@code kh}. */
        public int outputHeight(int h, int kh) {
            return ConvAxis.outputSize(h, kh, strideH, dilationH, padTop, padBottom);
        }

        /** ONNX's output width for an input of width {@code w} and a kernel of width {@code kw}. */
        public int outputWidth(int w, int kw) {
            return ConvAxis.outputSize(w, kw, strideW, dilationW, padLeft, padRight);
        }

        ConvAxis rows(String what, int h, int kh) {
            return new ConvAxis(what + " (height)", h, kh, strideH, dilationH, padTop, padBottom);
        }

        ConvAxis cols(String what, int w, int kw) {
            return new ConvAxis(what + " (width)", w, kw, strideW, dilationW, padLeft, padRight);
        }

        /** The canonical form bound into a layer's description. */
        String canonical() {
            return "stride=" + strideH + "x" + strideW + ",dilation=" + dilationH + "x" + dilationW + ",pads="
                    + padTop + "," + padLeft + "," + padBottom + "," + padRight;
        }
    }

    private final int in;
    private final int weight;
    private final int bias;
    private final int out;
    private final Geometry geometry;
    private final Shape inShape;
    private final Shape wShape;
    private final Shape outShape;
    private final ConvAxis rows;
    private final ConvAxis cols;

    private Conv2d(int in, int weight, int bias, int out, Geometry geometry, Shape inShape, Shape wShape,
            Shape outShape, ConvAxis rows, ConvAxis cols) {
        this.in = in;
        this.weight = weight;
        this.bias = bias;
        this.out = out;
        this.geometry = geometry;
        this.inShape = inShape;
        this.wShape = wShape;
        this.outShape = outShape;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Adds out = conv(in, weight) (+ bias) and returns out, an intermediate tensor of shape
     * [N, Co, Ho, Wo].
     *
     * @param input a tensor [N, Ci, H, W]
     * @param weight a tensor [Co, Ci, Kh, Kw]
     * @param bias a tensor [Co], or -1 for none
     * @throws IllegalArgumentException if the shapes do not agree or the window does not fit
     * @throws io.zkinfer.sumcheck.circuit.AccumulatorOverflowException if the output's bound,
     *     Ci Kh Kw |W| |in| + |bias|, reaches p/2
     */
    public static int add(CircuitBuilder cb, String name, int input, int weight, int bias, Geometry geometry) {
        Tensor ti = cb.get(input);
        Tensor tw = cb.get(weight);
        if (ti.shape().rank() != 4 || tw.shape().rank() != 4) {
            throw new IllegalArgumentException(name + ": conv2d takes an input [N, Ci, H, W] and weights"
                    + " [Co, Ci, Kh, Kw], got " + ti.shape() + " and " + tw.shape());
        }
        int[] x = ti.shape().dims();
        int[] w = tw.shape().dims();
        if (x[1] != w[1]) {
            throw new IllegalArgumentException(name + ": the input has " + x[1] + " channels, the weights expect "
                    + w[1]);
        }
        ConvAxis rows = geometry.rows(name, x[2], w[2]);
        ConvAxis cols = geometry.cols(name, x[3], w[3]);
        BigInteger bound = CircuitBuilder.productSumBound((long) w[1] * w[2] * w[3], ti.bound(), tw.bound());
        if (bias >= 0) {
            Tensor tb = cb.get(bias);
            if (!tb.shape().equals(Shape.of(w[0]))) {
                throw new IllegalArgumentException(name + ": bias must have shape [" + w[0] + "], got " + tb.shape());
            }
            bound = bound.add(tb.bound());
        }
        Shape outShape = Shape.of(x[0], w[0], rows.out, cols.out);
        int out = cb.tensor(name, outShape, Tensor.Kind.INTERMEDIATE, false, bound);
        cb.layer(new Conv2d(input, weight, bias, out, geometry, ti.shape(), tw.shape(), outShape, rows, cols));
        return out;
    }

    @Override
    public String describe() {
        return "conv2d(in=" + in + ",w=" + weight + ",bias=" + bias + ",out=" + out + "," + geometry.canonical() + ")";
    }

    @Override
    public int[] inputs() {
        return bias >= 0 ? new int[] {in, weight, bias} : new int[] {in, weight};
    }

    @Override
    public int[] outputs() {
        return new int[] {out};
    }

    @Override
    public int reducedTensor() {
        return out;
    }

    @Override
    public void compute(Witness w) {
        long[] xv = w.values(in);
        long[] wv = w.values(weight);
        long[] bv = bias >= 0 ? w.values(bias) : null;
        int batch = inShape.dim(0);
        int ci = inShape.dim(1);
        int co = wShape.dim(0);
        int kh = rows.kernel;
        int kw = cols.kernel;
        int taps = ci * kh * kw;
        // Each output channel's kernel as one contiguous row, in the order the patches are gathered.
        long[][] kernels = new long[co][taps];
        for (int o = 0; o < co; o++) {
            int t = 0;
            for (int c = 0; c < ci; c++) {
                for (int ky = 0; ky < kh; ky++) {
                    for (int kx = 0; kx < kw; kx++) {
                        kernels[o][t++] = wv[wShape.index(o, c, ky, kx)];
                    }
                }
            }
        }
        long[] y = new long[outShape.paddedSize()];
        int ho = rows.out;
        int wo = cols.out;
        int lc = inShape.log(1);
        int lh = inShape.log(2);
        int lw = inShape.log(3);
        int lco = outShape.log(1);
        int lho = outShape.log(2);
        int lwo = outShape.log(3);
        Parallel.forRange(batch * ho, 1, (from, to) -> {
            long[] patch = new long[taps];
            for (int ny = from; ny < to; ny++) {
                int n = ny / ho;
                int oy = ny % ho;
                for (int ox = 0; ox < wo; ox++) {
                    int t = 0;
                    for (int c = 0; c < ci; c++) {
                        for (int ky = 0; ky < kh; ky++) {
                            int u = rows.source(oy, ky);
                            for (int kx = 0; kx < kw; kx++) {
                                int v = cols.source(ox, kx);
                                boolean inside = u >= 0 && u < rows.in && v >= 0 && v < cols.in;
                                patch[t++] = inside ? xv[(((n << lc | c) << lh | u) << lw) | v] : 0;
                            }
                        }
                    }
                    for (int o = 0; o < co; o++) {
                        long s = Goldilocks.dot(kernels[o], 0, patch, 0, taps);
                        if (bv != null) {
                            s = Goldilocks.add(s, bv[o]);
                        }
                        y[(((n << lco | o) << lho | oy) << lwo) | ox] = s;
                    }
                }
            }
        });
        w.set(out, y);
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        ExtensionField ext = ctx.ext();
        Points r = Points.of(ext, outShape, claim.point());
        List<Claim> claims = new ArrayList<>();
        long[] target = claim.value();
        if (bias >= 0) {
            long[] biasValue = Multilinear.evaluate(ext, ctx.values(bias), r.co);
            ctx.send("bias", biasValue);
            claims.add(new Claim(bias, r.co, biasValue));
            target = ext.sub(target, ext.mul(biasValue, biasWeight(ext, r)));
        }
        int kernelVars = kernelVariables();
        long[] wTable = Bind.high(ext, ctx.values(weight), kernelVars, r.co);
        long[] tTable = windowSums(ext, ctx.values(in), r);
        ProductSum.Builder ps = ProductSum.builder(ext, kernelVars);
        int fw = ps.addExtension(wTable);
        int ft = ps.addExtension(tTable);
        ProverContext.SumcheckResult k = ctx.sumcheck("kernel", ps.term(fw, ft).build(), target);
        long[] wAt = k.finalValues()[fw];
        long[] tAt = k.finalValues()[ft];
        ctx.send("kernel-values", Eq.concat(wAt, tAt));
        claims.add(new Claim(weight, Eq.concat(k.point(), r.co), wAt));

        long[] s = k.point();
        long[] inWeight = ConvWeights.kron(ext, Multilinear.eqTable(ext, r.n),
                ConvWeights.maskedEq(ext, sCi(ext, s), inShape.dim(1)), rowTable(ext, s, r), colTable(ext, s, r));
        ProductSum.Builder ps2 = ProductSum.builder(ext, inShape.numVariables());
        int fq = ps2.addExtension(inWeight);
        int fx = ps2.addBase(ctx.values(in));
        ProverContext.SumcheckResult t = ctx.sumcheck("input", ps2.term(fq, fx).build(), tAt);
        long[] xAt = t.finalValues()[fx];
        ctx.send("input-value", xAt);
        claims.add(new Claim(in, t.point(), xAt));
        return claims;
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        ExtensionField ext = ctx.ext();
        int d = ext.degree();
        Points r = Points.of(ext, outShape, claim.point());
        List<Claim> claims = new ArrayList<>();
        long[] target = claim.value();
        if (bias >= 0) {
            long[] biasValue = ctx.receive("bias", 1);
            claims.add(new Claim(bias, r.co, biasValue));
            target = ext.sub(target, ext.mul(biasValue, biasWeight(ext, r)));
        }
        SubClaim k = ctx.sumcheck("kernel", kernelVariables(), 2, target);
        long[] values = ctx.receive("kernel-values", 2);
        long[] wAt = Arrays.copyOfRange(values, 0, d);
        long[] tAt = Arrays.copyOfRange(values, d, 2 * d);
        ctx.expectEqual("W(r_co, s) T(s) = kernel sumcheck claim", k.expectedValue(), ext.mul(wAt, tAt));
        claims.add(new Claim(weight, Eq.concat(k.point(), r.co), wAt));

        SubClaim t = ctx.sumcheck("input", inShape.numVariables(), 2, tAt);
        long[] xAt = ctx.receive("input-value", 1);
        long[] tp = t.point();
        ctx.expectEqual("weight(t) in(t) = input sumcheck claim", t.expectedValue(),
                ext.mul(inputWeightAt(ext, r, k.point(), tp), xAt));
        claims.add(new Claim(in, tp, xAt));
        return claims;
    }

    /** Both sumchecks need a variable; a 1x1 kernel on one channel, or a one-entry input, has none. */
    @Override
    public int zkSlots() {
        int kernelVars = kernelVariables();
        int inputVars = inShape.numVariables();
        if (kernelVars == 0 || inputVars == 0) {
            return -1;
        }
        return ZkSumcheck.slots(kernelVars, 1) + ZkSumcheck.slots(inputVars, 1);
    }

    /**
     * Zero knowledge: at its own point r the layer runs the kernel sumcheck of W(r_co, c) T(c)
     * with hidden sum [y at r] - P(r) [bias at r_co] and T a hidden factor, so its exit form E
     * equals W^(r_co, s) T(s) with W^(r_co, s) the masked value sent; T(s) = E / W^(r_co, s) is then
     * the hidden sum of the input sumcheck of weight(x) in(x), whose exit is closed with the
     * weight the verifier evaluates. Nothing but masked messages and masked values is sent.
     */
    @Override
    public void proveZk(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        long[] point = ctx.point("point", outShape.numVariables());
        Points r = Points.of(ext, outShape, point);
        long[] sum = Multilinear.evaluate(ext, ctx.values(out), point);
        if (bias >= 0) {
            sum = ext.sub(sum, ext.mul(Multilinear.evaluate(ext, ctx.values(bias), r.co), biasWeight(ext, r)));
        }
        int kernelVars = kernelVariables();
        ProductSum.Builder ps = ProductSum.builder(ext, kernelVars);
        int fw = ps.addExtension(Bind.high(ext, ctx.values(weight), kernelVars, r.co));
        int ft = ps.addExtension(windowSums(ext, ctx.values(in), r));
        ZkSumcheck.Result k = ZkSumcheck.prove(ctx, "kernel", ps.term(fw, ft).build(), sum,
                kernelSumForm(ext, point, r), kernelFactors(ext, r));
        if (ext.isZero(k.values()[fw], 0)) {
            throw new IllegalStateException(describe() + ": the masked kernel value is zero (probability about"
                    + " 1 / |F|); prove again with fresh randomness");
        }
        long[] wInverse = ext.inverse(k.values()[fw]);
        long[] s = k.point();
        long[] inWeight = ConvWeights.kron(ext, Multilinear.eqTable(ext, r.n),
                ConvWeights.maskedEq(ext, sCi(ext, s), inShape.dim(1)), rowTable(ext, s, r), colTable(ext, s, r));
        ProductSum.Builder ps2 = ProductSum.builder(ext, inShape.numVariables());
        int fq = ps2.addExtension(inWeight);
        int fx = ps2.addBase(ctx.values(in));
        ZkSumcheck.Result t = ZkSumcheck.prove(ctx, "input", ps2.term(fq, fx).build(), k.values()[ft],
                k.exit().times(ext, wInverse), inputFactors());
        ctx.formClaim(t.exit(), ext.mul(inputWeightAt(ext, r, s, t.point()), t.values()[1]));
    }

    @Override
    public void verifyZk(VerifierContext ctx) throws ProofException {
        ExtensionField ext = ctx.ext();
        long[] point = ctx.point("point", outShape.numVariables());
        Points r = Points.of(ext, outShape, point);
        ZkSumcheck.Result k = ZkSumcheck.verify(ctx, "kernel", kernelVariables(), 2, kernelSumForm(ext, point, r),
                kernelFactors(ext, r));
        if (ext.isZero(k.values()[0], 0)) {
            throw ctx.fail("the masked kernel value W^(r_co, s) is zero, so T(s) cannot be recovered from the exit");
        }
        long[] s = k.point();
        ZkSumcheck.Result t = ZkSumcheck.verify(ctx, "input", inShape.numVariables(), 2,
                k.exit().times(ext, ext.inverse(k.values()[0])), inputFactors());
        ctx.formClaim(t.exit(), ext.mul(inputWeightAt(ext, r, s, t.point()), t.values()[1]));
    }

    /** [y at r] - P(r) [bias at r_co]: the kernel sumcheck's sum as a form on the commitment. */
    private LinearForm kernelSumForm(ExtensionField ext, long[] point, Points r) {
        LinearForm form = LinearForm.of(ext, out, point);
        if (bias >= 0) {
            form = form.minus(ext, LinearForm.of(ext, bias, r.co, biasWeight(ext, r)));
        }
        return form;
    }

    /** The kernel sumcheck's factors: W bound at r_co (masked), then T (hidden). */
    private ZkFactor[] kernelFactors(ExtensionField ext, Points r) {
        return new ZkFactor[] {ZkFactor.masked(weight, ZkFactor.vanishing(ext, r.co), s -> Eq.concat(s, r.co)),
            ZkFactor.hidden()};
    }

    /** The input sumcheck's factors: the weight (public), then the input over all its variables (masked). */
    private ZkFactor[] inputFactors() {
        return new ZkFactor[] {ZkFactor.publicFactor(), ZkFactor.masked(in, null, t -> t)};
    }

    /**
     * The input sumcheck's weight at t: eq(r_n, t_n) [ci < Ci] eq(s_ci, t_ci) A(t_u) B(t_v), in
     * O(Kh Ho + H + Kw Wo + W).
     */
    private long[] inputWeightAt(ExtensionField ext, Points r, long[] s, long[] tp) {
        int lw = inShape.log(3);
        int lh = inShape.log(2);
        int lc = inShape.log(1);
        long[] w = Eq.evaluate(ext, r.n, Eq.slice(ext, tp, lw + lh + lc, inShape.log(0)));
        w = ext.mul(w, ConvWeights.maskedEqAt(ext, sCi(ext, s), Eq.slice(ext, tp, lw + lh, lc), inShape.dim(1)));
        w = ext.mul(w, Multilinear.evaluateExt(ext, rowTable(ext, s, r), Eq.slice(ext, tp, lw, lh)));
        return ext.mul(w, Multilinear.evaluateExt(ext, colTable(ext, s, r), Eq.slice(ext, tp, 0, lw)));
    }

    /** The claim's point split by output dimension. */
    private record Points(long[] n, long[] co, long[] y, long[] x) {
        static Points of(ExtensionField ext, Shape s, long[] p) {
            return new Points(Eq.slice(ext, p, s.variableOffset(0), s.log(0)),
                    Eq.slice(ext, p, s.variableOffset(1), s.log(1)), Eq.slice(ext, p, s.variableOffset(2), s.log(2)),
                    Eq.slice(ext, p, s.variableOffset(3), s.log(3)));
        }
    }

    /** The variables of a kernel's (ci, ky, kx): the low variables of W. */
    private int kernelVariables() {
        return wShape.log(1) + wShape.log(2) + wShape.log(3);
    }

    /** sum of eq(r, (n, y, x)) over the logical n, y, x: what bias(r_co) is multiplied by. */
    private long[] biasWeight(ExtensionField ext, Points r) {
        return ext.mul(Eq.prefixSum(ext, r.n, outShape.dim(0)),
                ext.mul(Eq.prefixSum(ext, r.y, rows.out), Eq.prefixSum(ext, r.x, cols.out)));
    }

    private long[] sCi(ExtensionField ext, long[] s) {
        return Eq.slice(ext, s, wShape.log(3) + wShape.log(2), wShape.log(1));
    }

    /** A over input rows: the row taps weighted by eq(s_ky, ky) eq(r_y, y). */
    private long[] rowTable(ExtensionField ext, long[] s, Points r) {
        long[] sKy = Eq.slice(ext, s, wShape.log(3), wShape.log(2));
        return rows.table(ext, Multilinear.eqTable(ext, sKy), Multilinear.eqTable(ext, r.y), inShape.log(2));
    }

    /** B over input columns: the column taps weighted by eq(s_kx, kx) eq(r_x, x). */
    private long[] colTable(ExtensionField ext, long[] s, Points r) {
        long[] sKx = Eq.slice(ext, s, 0, wShape.log(3));
        return cols.table(ext, Multilinear.eqTable(ext, sKx), Multilinear.eqTable(ext, r.x), inShape.log(3));
    }

    /**
     * T over the kernel's padded (ci, ky, kx), as an extension table in W's low-variable layout:
     * T(ci, ky, kx) = sum_{n, y, x} eq(r_n, n) eq(r_y, y) eq(r_x, x) in[n, ci, f(y, ky), g(x, kx)].
     * Per input row, G(u, kx) = sum_x eq(r_x, x) in[n, ci, u, g(x, kx)] is a base-by-extension dot
     * product; T then sums eq(r_n, n) eq(r_y, y) G(f(y, ky), kx).
     */
    private long[] windowSums(ExtensionField ext, long[] xv, Points r) {
        int d = ext.degree();
        int batch = inShape.dim(0);
        int channels = inShape.dim(1);
        int kh = rows.kernel;
        int kw = cols.kernel;
        int lkw = wShape.log(3);
        int lk = wShape.log(2) + lkw;
        long[] eqN = Multilinear.eqTable(ext, r.n);
        long[] eqY = Multilinear.eqTable(ext, r.y);
        long[][] eqX = limbs(ext, Multilinear.eqTable(ext, r.x), cols.out);
        long[] table = new long[d << kernelVariables()];
        int lw = inShape.log(3);
        int lh = inShape.log(2);
        int lc = inShape.log(1);
        Parallel.forRange(channels, 1, (from, to) -> {
            long[] g = new long[rows.in * kw * d];
            long[] gathered = new long[cols.out];
            long[] coef = new long[rows.out * d];
            long[] tmp = new long[d];
            for (int c = from; c < to; c++) {
                for (int n = 0; n < batch; n++) {
                    if (ext.isZero(eqN, n * d)) {
                        continue;
                    }
                    for (int u = 0; u < rows.in; u++) {
                        int rowBase = (((n << lc) | c) << lh | u) << lw;
                        for (int kx = 0; kx < kw; kx++) {
                            int x0 = cols.firstValid(kx);
                            int x1 = cols.endValid(kx);
                            int len = Math.max(0, x1 - x0);
                            for (int i = 0; i < len; i++) {
                                gathered[i] = xv[rowBase + cols.source(x0 + i, kx)];
                            }
                            int at = (u * kw + kx) * d;
                            for (int l = 0; l < d; l++) {
                                g[at + l] = Goldilocks.dot(eqX[l], x0, gathered, 0, len);
                            }
                        }
                    }
                    for (int oy = 0; oy < rows.out; oy++) {
                        ext.mul(coef, oy * d, eqN, n * d, eqY, oy * d);
                    }
                    for (int ky = 0; ky < kh; ky++) {
                        int y0 = rows.firstValid(ky);
                        int y1 = rows.endValid(ky);
                        for (int oy = y0; oy < y1; oy++) {
                            int u = rows.source(oy, ky);
                            for (int kx = 0; kx < kw; kx++) {
                                int o = ((c << lk) | (ky << lkw) | kx) * d;
                                ext.mul(tmp, 0, coef, oy * d, g, (u * kw + kx) * d);
                                ext.add(table, o, table, o, tmp, 0);
                            }
                        }
                    }
                }
            }
        });
        return table;
    }

    /** The first n elements of an interleaved extension vector as d limb arrays. */
    private static long[][] limbs(ExtensionField ext, long[] v, int n) {
        int d = ext.degree();
        long[][] out = new long[d][n];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < d; l++) {
                out[l][i] = v[i * d + l];
            }
        }
        return out;
    }
}
