package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.binding.SisMatrix;
import io.zkinfer.sumcheck.binding.SisParameters;
import io.zkinfer.sumcheck.circuit.Bind;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Circuit;
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
import java.util.ArrayList;
import java.util.List;

/**
 * The linear (SIS) digest of a tensor, chunk by chunk, modulo p:
 * D[c, i] = sum_j A[i, j] T[c 2^k + j] (+ bias[c, i]) over T's whole hypercube, padding included
 * (j on the low k variables, c on the others), A a public matrix ({@link SisMatrix}). The digest
 * is field-valued: it binds T through SIS, not through integer arithmetic, so its bound is the
 * whole field. Padding is in the digest, so whoever binds T must constrain its padding as well
 * ({@code Binding} range-checks the whole hypercube; an honest committer's padding is zero).
 *
 * <p>Protocol (Thaler's, as for a matrix product with a public operand): a claim D(r) = v,
 * r = (r_i, r_c), is the sumcheck over the k chunk variables of
 * sum_j a(r_i, j) T(j, r_c) = v - bias(r), with a(r_i, j) = sum_i eq(r_i, i) A[i, j] and T(., r_c)
 * T with its chunk variables bound (linear prover time); the prover sends T(s, r_c), which
 * becomes a claim, and the verifier evaluates a(r_i, s) in O(rows 2^k). Degree 2; soundness error
 * 2 k / |F| (with zero knowledge the same sumcheck as a {@link ZkSumcheck}, T masked, error
 * (7 k + 1) / |F|).
 */
public final class SisDigest implements Layer {
    private final int in;
    private final int bias;
    private final int out;
    private final Shape inShape;
    private final Shape outShape;
    private final SisParameters params;
    private final SisMatrix.Part part;
    private final int rows;
    private final int chunkVars;

    private SisDigest(int in, int bias, int out, Shape inShape, Shape outShape, SisParameters params,
            SisMatrix.Part part) {
        this.in = in;
        this.bias = bias;
        this.out = out;
        this.inShape = inShape;
        this.outShape = outShape;
        this.params = params;
        this.part = part;
        this.rows = params.rows();
        this.chunkVars = part == SisMatrix.Part.SALT ? params.saltVariables() : params.chunkVariables(inShape);
    }

    /**
     * Adds the digest of {@code input} (plus {@code bias}, a tensor of the digest's shape, or -1)
     * and returns it: an intermediate tensor of shape [chunks, rows].
     *
     * @param part {@link SisMatrix.Part#VALUES} for a committed tensor, {@link SisMatrix.Part#SALT}
     *     for its salt (whose chunks are its rows of 2^saltVariables entries)
     */
    public static int add(CircuitBuilder cb, String name, int input, int bias, SisParameters params,
            SisMatrix.Part part) {
        Shape s = cb.get(input).shape();
        Shape outShape;
        if (part == SisMatrix.Part.SALT) {
            if (s.rank() != 2 || s.dim(1) != 1 << params.saltVariables() || Integer.bitCount(s.dim(0)) != 1) {
                throw new IllegalArgumentException(name + ": a salt has shape [chunks, " + (1 << params.saltVariables())
                        + "] with chunks a power of two, got " + s);
            }
            outShape = Shape.of(s.dim(0), params.rows());
        } else {
            outShape = params.digestShape(s);
        }
        if (bias >= 0 && !cb.get(bias).shape().equals(outShape)) {
            throw new IllegalArgumentException(name + ": bias must have the digest's shape " + outShape + ", got "
                    + cb.get(bias).shape());
        }
        int out = cb.tensor(name, outShape, Tensor.Kind.INTERMEDIATE, false, Circuit.MAX_BOUND);
        cb.layer(new SisDigest(input, bias, out, s, outShape, params, part));
        return out;
    }

    /** The digest's parameters. */
    public SisParameters parameters() {
        return params;
    }

    /** Which public matrix this digest applies. */
    public SisMatrix.Part part() {
        return part;
    }

    /** The digested tensor. */
    public int input() {
        return in;
    }

    /** The tensor added to the digest, or -1. */
    public int bias() {
        return bias;
    }

    @Override
    public String describe() {
        return "sis-digest(in=" + in + ",bias=" + bias + ",out=" + out + "," + part + "," + params.describe() + ")";
    }

    @Override
    public int[] inputs() {
        return bias >= 0 ? new int[] {in, bias} : new int[] {in};
    }

    @Override
    public int[] outputs() {
        return new int[] {out};
    }

    @Override
    public int reducedTensor() {
        return out;
    }

    /** The matrix's first 2^chunkVars columns: all that a chunk reads. */
    private long[] matrix() {
        return SisMatrix.columns(part, rows, params.matrixVariables(part), 1 << chunkVars);
    }

    @Override
    public void compute(Witness w) {
        long[] values = w.values(in);
        long[] d = digest(params, part, chunkVars, values, outShape.log(1));
        if (bias >= 0) {
            long[] b = w.values(bias);
            for (int i = 0; i < d.length; i++) {
                d[i] = Goldilocks.add(d[i], b[i]);
            }
        }
        w.set(out, d);
    }

    /**
     * The digest of {@code values} (field elements on a hypercube of chunks of 2^chunkVars):
     * out[(c << rowVars) | i] = sum_j A[i, j] values[c 2^chunkVars + j], with A the first
     * 2^chunkVars columns of {@code part}'s matrix with {@code params.rows()} rows. Shared with
     * the committer, which computes digests without a circuit.
     */
    public static long[] digest(SisParameters params, SisMatrix.Part part, int chunkVars, long[] values, int rowVars) {
        int rows = params.rows();
        int width = 1 << chunkVars;
        long[] rowMajor = SisMatrix.rows(part, rows, params.matrixVariables(part), width);
        int chunks = values.length >> chunkVars;
        long[] out = new long[chunks << rowVars];
        Parallel.forRange(chunks * rows, 16, (from, to) -> {
            for (int t = from; t < to; t++) {
                int c = t / rows;
                int i = t % rows;
                out[(c << rowVars) | i] = Goldilocks.dot(rowMajor, i * width, values, c * width, width);
            }
        });
        return out;
    }

    /** a(r_i, j) = sum_{i < rows} eq(r_i, i) A[i, j] for j below 2^chunkVars (interleaved extension values). */
    private long[] rowCombination(ExtensionField ext, long[] ri) {
        int d = ext.degree();
        long[] eq = Multilinear.eqTable(ext, ri);
        long[][] limbs = new long[d][rows];
        for (int i = 0; i < rows; i++) {
            for (int l = 0; l < d; l++) {
                limbs[l][i] = eq[i * d + l];
            }
        }
        long[] a = matrix();
        int width = 1 << chunkVars;
        long[] out = new long[width * d];
        Parallel.forRange(width, 64, (from, to) -> {
            for (int j = from; j < to; j++) {
                if (d == 2) {
                    Goldilocks.dot2(limbs[0], limbs[1], 0, a, j * rows, rows, out, j * d);
                    continue;
                }
                for (int l = 0; l < d; l++) {
                    out[j * d + l] = Goldilocks.dot(limbs[l], 0, a, j * rows, rows);
                }
            }
        });
        return out;
    }

    private long[] rowPoint(ExtensionField ext, long[] r) {
        return Eq.slice(ext, r, 0, outShape.log(1));
    }

    private long[] chunkPoint(ExtensionField ext, long[] r) {
        return Eq.slice(ext, r, outShape.log(1), outShape.log(0));
    }

    /** sum_j a(r_i, j) T(j, r_c) over the chunk's variables: a public, T with its chunk variables bound. */
    private ProductSum instance(ExtensionField ext, long[] values, long[] r, long[] a) {
        ProductSum.Builder ps = ProductSum.builder(ext, chunkVars);
        int fa = ps.addExtension(a);
        int ft = ps.addExtension(Bind.high(ext, values, chunkVars, chunkPoint(ext, r)));
        return ps.term(fa, ft).build();
    }

    /** a(r_i, s) T(s, r_c): the sumcheck's polynomial at its point s, from the table a(r_i, .). */
    private static long[] closing(ExtensionField ext, long[] a, long[] s, long[] valueAtS) {
        return ext.mul(Multilinear.evaluateExt(ext, a, s), valueAtS);
    }

    /** T's point from the sumcheck's: the chunk variables low, the chunk index high. */
    private long[] inputPoint(ExtensionField ext, long[] s, long[] r) {
        return Eq.concat(s, chunkPoint(ext, r));
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        ExtensionField ext = ctx.ext();
        long[] r = claim.point();
        List<Claim> claims = new ArrayList<>();
        long[] target = claim.value();
        if (bias >= 0) {
            long[] b = Multilinear.evaluate(ext, ctx.values(bias), r);
            ctx.send("bias", b);
            claims.add(new Claim(bias, r, b));
            target = ext.sub(target, b);
        }
        if (chunkVars == 0) {
            long[] p = inputPoint(ext, new long[0], r);
            long[] v = Multilinear.evaluate(ext, ctx.values(in), p);
            ctx.send("input-value", v);
            claims.add(new Claim(in, p, v));
            return claims;
        }
        ProverContext.SumcheckResult s = ctx.sumcheck("sumcheck",
                instance(ext, ctx.values(in), r, rowCombination(ext, rowPoint(ext, r))), target);
        long[] v = s.finalValues()[1];
        ctx.send("input-value", v);
        claims.add(new Claim(in, inputPoint(ext, s.point(), r), v));
        return claims;
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        ExtensionField ext = ctx.ext();
        long[] r = claim.point();
        List<Claim> claims = new ArrayList<>();
        long[] target = claim.value();
        if (bias >= 0) {
            long[] b = ctx.receive("bias", 1);
            claims.add(new Claim(bias, r, b));
            target = ext.sub(target, b);
        }
        if (chunkVars == 0) {
            long[] v = ctx.receive("input-value", 1);
            ctx.expectEqual("digest of one-entry chunks", target,
                    closing(ext, rowCombination(ext, rowPoint(ext, r)), new long[0], v));
            claims.add(new Claim(in, inputPoint(ext, new long[0], r), v));
            return claims;
        }
        SubClaim s = ctx.sumcheck("sumcheck", chunkVars, 2, target);
        long[] v = ctx.receive("input-value", 1);
        ctx.expectEqual("a(s) T(s, r_c) = sumcheck claim", s.expectedValue(),
                closing(ext, rowCombination(ext, rowPoint(ext, r)), s.point(), v));
        claims.add(new Claim(in, inputPoint(ext, s.point(), r), v));
        return claims;
    }

    @Override
    public int zkSlots() {
        return chunkVars == 0 ? 0 : ZkSumcheck.slots(chunkVars, 1);
    }

    /** [D at r] - [bias at r]: the sum the sumcheck proves, as a form on the commitment. */
    private LinearForm sumForm(ExtensionField ext, long[] r) {
        LinearForm form = LinearForm.of(ext, out, r);
        return bias >= 0 ? form.minus(ext, LinearForm.of(ext, bias, r)) : form;
    }

    /** a (public), then T bound on its chunk index (masked; Z over r_c too, as for a matrix operand). */
    private ZkFactor[] zkFactors(ExtensionField ext, long[] r) {
        return new ZkFactor[] {ZkFactor.publicFactor(),
            ZkFactor.masked(in, ZkFactor.vanishing(ext, chunkPoint(ext, r)), p -> inputPoint(ext, p, r))};
    }

    @Override
    public void proveZk(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        long[] r = ctx.point("point", outShape.numVariables());
        if (chunkVars == 0) {
            ctx.formClaim(scalarForm(ext, r), ext.zero());
            return;
        }
        long[] sum = Multilinear.evaluate(ext, ctx.values(out), r);
        if (bias >= 0) {
            sum = ext.sub(sum, Multilinear.evaluate(ext, ctx.values(bias), r));
        }
        long[] a = rowCombination(ext, rowPoint(ext, r));
        ZkSumcheck.Result res = ZkSumcheck.prove(ctx, "sumcheck", instance(ext, ctx.values(in), r, a), sum,
                sumForm(ext, r), zkFactors(ext, r));
        ctx.formClaim(res.exit(), closing(ext, a, res.point(), res.values()[1]));
    }

    @Override
    public void verifyZk(VerifierContext ctx) throws ProofException {
        ExtensionField ext = ctx.ext();
        long[] r = ctx.point("point", outShape.numVariables());
        if (chunkVars == 0) {
            ctx.formClaim(scalarForm(ext, r), ext.zero());
            return;
        }
        ZkSumcheck.Result res = ZkSumcheck.verify(ctx, "sumcheck", chunkVars, 2, sumForm(ext, r), zkFactors(ext, r));
        ctx.formClaim(res.exit(), closing(ext, rowCombination(ext, rowPoint(ext, r)), res.point(), res.values()[1]));
    }

    /** [D at r] - [bias at r] - a(r_i) [T at r_c] = 0 for chunks of one entry. */
    private LinearForm scalarForm(ExtensionField ext, long[] r) {
        return sumForm(ext, r).minus(ext, LinearForm.of(ext, in, inputPoint(ext, new long[0], r),
                closing(ext, rowCombination(ext, rowPoint(ext, r)), new long[0], ext.one())));
    }
}
