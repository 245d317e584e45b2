package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Parallel;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.circuit.Bind;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Eq;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ZkFactor;
import io.zkinfer.sumcheck.circuit.ZkSumcheck;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProverContext;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import io.zkinfer.sumcheck.circuit.Witness;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * Y = A B + bias: Y[m, n] = sum_k A[m, k] B[k, n] + bias[n] (bias on the logical rows only), with
 * A stored as [M, K] or transposed as [K, M], and B as [K, N] or transposed as [N, K]. Either
 * operand may be a weight, an input or an activation, which covers a dense layer on a batch
 * (A = X [batch, in], B = W stored [out, in]) and attention's Q K^T and weights times V.
 *
 * <p>Protocol (Thaler): a claim Y(r_m, r_n) = v becomes, after the prover sends bias(r_n), the
 * sumcheck of sum_{k < K} A(r_m, k) B(k, r_n) = v - bias(r_n) * sum_{m < M} eq(r_m, m) over the
 * log K variables of k (degree 2, or 3 with the indicator of logical k when K is not a power of
 * two, so that nonzero padding in a committed operand cannot reach Y); the prover then sends
 * A(r_m, s) and B(s, r_n), which become claims.
 * Prover time is linear in |A| + |B| (binding r_m and r_n), not in the M K N multiply-adds.
 * Soundness error 3 log K / |F|.
 */
public final class MatMul implements Layer {
    private final int a;
    private final int b;
    private final int bias;
    private final int out;
    private final boolean transA;
    private final boolean transB;
    private final int rows;
    private final int inner;
    private final int cols;
    private final Shape aShape;
    private final Shape bShape;
    private final Shape outShape;

    private MatMul(int a, int b, int bias, int out, boolean transA, boolean transB, Shape aShape, Shape bShape,
            Shape outShape) {
        this.a = a;
        this.b = b;
        this.bias = bias;
        this.out = out;
        this.transA = transA;
        this.transB = transB;
        this.aShape = aShape;
        this.bShape = bShape;
        this.outShape = outShape;
        this.rows = outShape.dim(0);
        this.cols = outShape.dim(1);
        this.inner = transA ? aShape.dim(0) : aShape.dim(1);
    }

    /**
     * Adds Y = A B (+ bias) to the circuit and returns Y, an intermediate tensor.
     *
     * @param bias a tensor of shape [N], or -1 for none
     * @throws IllegalArgumentException if the shapes do not agree
     * @throws io.zkinfer.sumcheck.circuit.AccumulatorOverflowException if Y's bound reaches p/2
     */
    public static int add(CircuitBuilder cb, String name, int a, boolean transA, int b, boolean transB, int bias) {
        Tensor ta = cb.get(a);
        Tensor tb = cb.get(b);
        if (ta.shape().rank() != 2 || tb.shape().rank() != 2) {
            throw new IllegalArgumentException(name + ": matmul operands must be matrices, got " + ta.shape()
                    + " and " + tb.shape());
        }
        int m = transA ? ta.shape().dim(1) : ta.shape().dim(0);
        int k = transA ? ta.shape().dim(0) : ta.shape().dim(1);
        int k2 = transB ? tb.shape().dim(1) : tb.shape().dim(0);
        int n = transB ? tb.shape().dim(0) : tb.shape().dim(1);
        if (k != k2) {
            throw new IllegalArgumentException(name + ": inner dimensions differ: " + k + " and " + k2);
        }
        BigInteger bound = CircuitBuilder.productSumBound(k, ta.bound(), tb.bound());
        if (bias >= 0) {
            Tensor tbias = cb.get(bias);
            if (!tbias.shape().equals(Shape.of(n))) {
                throw new IllegalArgumentException(name + ": bias must have shape [" + n + "], got " + tbias.shape());
            }
            bound = bound.add(tbias.bound());
        }
        Shape outShape = Shape.of(m, n);
        int out = cb.tensor(name, outShape, Tensor.Kind.INTERMEDIATE, false, bound);
        cb.layer(new MatMul(a, b, bias, out, transA, transB, ta.shape(), tb.shape(), outShape));
        return out;
    }

    /** The bound on Y's entries: K |A| |B| + |bias|, what the compiler checks against p/2. */
    public static BigInteger accumulatorBound(int inner, BigInteger aBound, BigInteger bBound, BigInteger biasBound) {
        return CircuitBuilder.productSumBound(inner, aBound, bBound).add(biasBound);
    }

    @Override
    public String describe() {
        return "matmul(a=" + a + (transA ? "^T" : "") + ",b=" + b + (transB ? "^T" : "") + ",bias=" + bias
                + ",out=" + out + ")";
    }

    @Override
    public int[] inputs() {
        return bias >= 0 ? new int[] {a, b, bias} : new int[] {a, b};
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
        long[] av = w.values(a);
        long[] bv = w.values(b);
        long[] biasv = bias >= 0 ? w.values(bias) : null;
        long[] y = new long[outShape.paddedSize()];
        int yLow = outShape.log(1);
        // B as rows over k for contiguous inner products: column n of B is bt[n][k].
        long[][] bt = new long[cols][inner];
        for (int k = 0; k < inner; k++) {
            for (int n = 0; n < cols; n++) {
                bt[n][k] = bv[transB ? bShape.index(n, k) : bShape.index(k, n)];
            }
        }
        Parallel.forRange(rows, 1, (from, to) -> {
            long[] row = new long[inner];
            for (int m = from; m < to; m++) {
                for (int k = 0; k < inner; k++) {
                    row[k] = av[transA ? aShape.index(k, m) : aShape.index(m, k)];
                }
                for (int n = 0; n < cols; n++) {
                    long s = Goldilocks.dot(row, 0, bt[n], 0, inner);
                    if (biasv != null) {
                        s = Goldilocks.add(s, biasv[n]);
                    }
                    y[(m << yLow) | n] = s;
                }
            }
        });
        w.set(out, y);
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        ExtensionField ext = ctx.ext();
        long[] rm = rowPoint(ext, claim);
        long[] rn = colPoint(ext, claim);
        List<Claim> claims = new ArrayList<>();
        long[] target = claim.value();
        if (bias >= 0) {
            long[] biasValue = io.zkinfer.field.Multilinear.evaluate(ext, ctx.values(bias), rn);
            ctx.send("bias", biasValue);
            claims.add(new Claim(bias, rn, biasValue));
            target = ext.sub(target, ext.mul(biasValue, Eq.prefixSum(ext, rm, rows)));
        }
        // A(r_m, k) and B(k, r_n) as tables over k.
        long[] aTable = transA ? Bind.low(ext, ctx.values(a), aShape.log(1), rm)
                : Bind.high(ext, ctx.values(a), aShape.log(1), rm);
        long[] bTable = transB ? Bind.high(ext, ctx.values(b), bShape.log(1), rn)
                : Bind.low(ext, ctx.values(b), bShape.log(1), rn);
        int kVars = Integer.numberOfTrailingZeros(aTable.length / ext.degree());
        ProductSum.Builder ps = ProductSum.builder(ext, kVars);
        int fa = ps.addExtension(aTable);
        int fb = ps.addExtension(bTable);
        if (inner < 1 << kVars) {
            // Only logical k count, so nonzero padding in a committed operand cannot change Y.
            long[] logical = new long[1 << kVars];
            java.util.Arrays.fill(logical, 0, inner, 1);
            ps.term(ps.addBase(logical), fa, fb);
        } else {
            ps.term(fa, fb);
        }
        ProverContext.SumcheckResult r = ctx.sumcheck("sumcheck", ps.build(), target);
        long[] values = Eq.concat(r.finalValues()[fa], r.finalValues()[fb]);
        ctx.send("operands", values);
        claims.add(new Claim(a, aPoint(r.point(), rm), r.finalValues()[fa]));
        claims.add(new Claim(b, bPoint(r.point(), rn), r.finalValues()[fb]));
        return claims;
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        ExtensionField ext = ctx.ext();
        int d = ext.degree();
        long[] rm = rowPoint(ext, claim);
        long[] rn = colPoint(ext, claim);
        List<Claim> claims = new ArrayList<>();
        long[] target = claim.value();
        if (bias >= 0) {
            long[] biasValue = ctx.receive("bias", 1);
            claims.add(new Claim(bias, rn, biasValue));
            target = ext.sub(target, ext.mul(biasValue, Eq.prefixSum(ext, rm, rows)));
        }
        int kVars = transA ? aShape.log(0) : aShape.log(1);
        boolean padded = inner < 1 << kVars;
        SubClaim sub = ctx.sumcheck("sumcheck", kVars, padded ? 3 : 2, target);
        long[] values = ctx.receive("operands", 2);
        long[] av = java.util.Arrays.copyOfRange(values, 0, d);
        long[] bv = java.util.Arrays.copyOfRange(values, d, 2 * d);
        long[] product = ext.mul(av, bv);
        if (padded) {
            product = ext.mul(product, Eq.prefixSum(ext, sub.point(), inner));
        }
        ctx.expectEqual("[k < K] A(r, s) B(s, r) = sumcheck claim", sub.expectedValue(), product);
        claims.add(new Claim(a, aPoint(sub.point(), rm), av));
        claims.add(new Claim(b, bPoint(sub.point(), rn), bv));
        return claims;
    }

    private int kVariables() {
        return transA ? aShape.log(0) : aShape.log(1);
    }

    @Override
    public int zkSlots() {
        return kVariables() == 0 ? -1 : ZkSumcheck.slots(kVariables(), 2);
    }

    /** [Y at r] - P(r_m) [bias at r_n]: the sum the sumcheck proves, as a form on the commitment. */
    private LinearForm sumForm(ExtensionField ext, long[] r, long[] rm, long[] rn) {
        LinearForm form = LinearForm.of(ext, out, r);
        if (bias >= 0) {
            form = form.minus(ext, LinearForm.of(ext, bias, rn, Eq.prefixSum(ext, rm, rows)));
        }
        return form;
    }

    private ZkFactor[] zkFactors(ExtensionField ext, long[] rm, long[] rn, boolean padded) {
        ZkFactor fa = ZkFactor.masked(a, ZkFactor.vanishing(ext, rm), s -> aPoint(s, rm));
        ZkFactor fb = ZkFactor.masked(b, ZkFactor.vanishing(ext, rn), s -> bPoint(s, rn));
        return padded ? new ZkFactor[] {fa, fb, ZkFactor.publicFactor()} : new ZkFactor[] {fa, fb};
    }

    @Override
    public void proveZk(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        long[] r = ctx.point("point", outShape.numVariables());
        Claim claim = new Claim(out, r, io.zkinfer.field.Multilinear.evaluate(ext, ctx.values(out), r));
        long[] rm = rowPoint(ext, claim);
        long[] rn = colPoint(ext, claim);
        long[] sum = claim.value();
        if (bias >= 0) {
            long[] biasValue = io.zkinfer.field.Multilinear.evaluate(ext, ctx.values(bias), rn);
            sum = ext.sub(sum, ext.mul(biasValue, Eq.prefixSum(ext, rm, rows)));
        }
        long[] aTable = transA ? Bind.low(ext, ctx.values(a), aShape.log(1), rm)
                : Bind.high(ext, ctx.values(a), aShape.log(1), rm);
        long[] bTable = transB ? Bind.high(ext, ctx.values(b), bShape.log(1), rn)
                : Bind.low(ext, ctx.values(b), bShape.log(1), rn);
        int kVars = kVariables();
        ProductSum.Builder ps = ProductSum.builder(ext, kVars);
        int fa = ps.addExtension(aTable);
        int fb = ps.addExtension(bTable);
        boolean padded = inner < 1 << kVars;
        if (padded) {
            long[] logical = new long[1 << kVars];
            java.util.Arrays.fill(logical, 0, inner, 1);
            ps.term(ps.addBase(logical), fa, fb);
        } else {
            ps.term(fa, fb);
        }
        ZkSumcheck.Result res = ZkSumcheck.prove(ctx, "sumcheck", ps.build(), sum, sumForm(ext, r, rm, rn),
                zkFactors(ext, rm, rn, padded));
        ctx.formClaim(res.exit(), product(ext, res.point(), res.values()[0], res.values()[1], padded));
    }

    @Override
    public void verifyZk(VerifierContext ctx) throws ProofException {
        ExtensionField ext = ctx.ext();
        long[] r = ctx.point("point", outShape.numVariables());
        Claim claim = new Claim(out, r, ext.zero());
        long[] rm = rowPoint(ext, claim);
        long[] rn = colPoint(ext, claim);
        boolean padded = inner < 1 << kVariables();
        ZkSumcheck.Result res = ZkSumcheck.verify(ctx, "sumcheck", kVariables(), padded ? 3 : 2, sumForm(ext, r, rm, rn),
                zkFactors(ext, rm, rn, padded));
        ctx.formClaim(res.exit(), product(ext, res.point(), res.values()[0], res.values()[1], padded));
    }

    /** [k < K](s) A(s) B(s): the sumcheck's polynomial at its point from the masked values. */
    private long[] product(ExtensionField ext, long[] s, long[] av, long[] bv, boolean padded) {
        long[] p = ext.mul(av, bv);
        return padded ? ext.mul(p, Eq.prefixSum(ext, s, inner)) : p;
    }

    private long[] rowPoint(ExtensionField ext, Claim claim) {
        return Eq.slice(ext, claim.point(), outShape.log(1), outShape.log(0));
    }

    private long[] colPoint(ExtensionField ext, Claim claim) {
        return Eq.slice(ext, claim.point(), 0, outShape.log(1));
    }

    /** A's point: [M, K] has k low; [K, M] has m low. */
    private long[] aPoint(long[] s, long[] rm) {
        return transA ? Eq.concat(rm, s) : Eq.concat(s, rm);
    }

    /** B's point: [K, N] has n low; [N, K] has k low. */
    private long[] bPoint(long[] s, long[] rn) {
        return transB ? Eq.concat(s, rn) : Eq.concat(rn, s);
    }
}
