package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProverContext;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import io.zkinfer.sumcheck.circuit.ZkFactor;
import io.zkinfer.sumcheck.circuit.ZkSumcheck;
import java.util.List;

/**
 * A layer whose output is a fixed linear map of one input, out(r) = sum_x w_r(x) in(x), with a
 * public weight the verifier evaluates at a point in little time (pooling, reductions). Both
 * protocols are one degree-2 sumcheck over the input's variables: the plain one reduces a claim
 * on out to a claim in(t); the zero-knowledge one proves the relation at a point it draws, with
 * the sum [out at r] hidden and the input masked.
 */
abstract class WeightedSum implements Layer {
    final int in;
    final int out;
    final Shape inShape;
    final Shape outShape;

    WeightedSum(int in, int out, Shape inShape, Shape outShape) {
        this.in = in;
        this.out = out;
        this.inShape = inShape;
        this.outShape = outShape;
    }

    /** w_r over the input's hypercube (interleaved extension values). */
    abstract long[] weightTable(ExtensionField ext, long[] outPoint);

    /** w_r(t), the weight's extension at the input point t. */
    abstract long[] weightAt(ExtensionField ext, long[] outPoint, long[] inPoint);

    @Override
    public int[] inputs() {
        return new int[] {in};
    }

    @Override
    public int[] outputs() {
        return new int[] {out};
    }

    @Override
    public int reducedTensor() {
        return out;
    }

    private ProductSum instance(ExtensionField ext, long[] inValues, long[] outPoint) {
        ProductSum.Builder ps = ProductSum.builder(ext, inShape.numVariables());
        int fw = ps.addExtension(weightTable(ext, outPoint));
        int fx = ps.addBase(inValues);
        return ps.term(fw, fx).build();
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        ProverContext.SumcheckResult t = ctx.sumcheck("sumcheck", instance(ctx.ext(), ctx.values(in), claim.point()),
                claim.value());
        long[] xAt = t.finalValues()[1];
        ctx.send("input-value", xAt);
        return List.of(new Claim(in, t.point(), xAt));
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        ExtensionField ext = ctx.ext();
        SubClaim t = ctx.sumcheck("sumcheck", inShape.numVariables(), 2, claim.value());
        long[] xAt = ctx.receive("input-value", 1);
        ctx.expectEqual("weight(t) in(t) = sumcheck claim", t.expectedValue(),
                ext.mul(weightAt(ext, claim.point(), t.point()), xAt));
        return List.of(new Claim(in, t.point(), xAt));
    }

    /** A one-entry input needs no sumcheck: out(r) = w_r() in() is a linear claim. */
    @Override
    public int zkSlots() {
        return inShape.numVariables() == 0 ? 0 : ZkSumcheck.slots(inShape.numVariables(), 1);
    }

    /** [out at r] - w_r() [in] = 0, for a one-entry input. */
    private LinearForm scalarForm(ExtensionField ext, long[] r) {
        return LinearForm.of(ext, out, r).minus(ext, LinearForm.of(ext, in, new long[0], weightAt(ext, r, new long[0])));
    }

    /** The weight (public), then the input over all its variables (masked). */
    private ZkFactor[] zkFactors() {
        return new ZkFactor[] {ZkFactor.publicFactor(), ZkFactor.masked(in, null, t -> t)};
    }

    @Override
    public void proveZk(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        long[] r = ctx.point("point", outShape.numVariables());
        if (inShape.numVariables() == 0) {
            ctx.formClaim(scalarForm(ext, r), ext.zero());
            return;
        }
        ZkSumcheck.Result t = ZkSumcheck.prove(ctx, "sumcheck", instance(ext, ctx.values(in), r),
                Multilinear.evaluate(ext, ctx.values(out), r), LinearForm.of(ext, out, r), zkFactors());
        ctx.formClaim(t.exit(), ext.mul(weightAt(ext, r, t.point()), t.values()[1]));
    }

    @Override
    public void verifyZk(VerifierContext ctx) throws ProofException {
        ExtensionField ext = ctx.ext();
        long[] r = ctx.point("point", outShape.numVariables());
        if (inShape.numVariables() == 0) {
            ctx.formClaim(scalarForm(ext, r), ext.zero());
            return;
        }
        ZkSumcheck.Result t = ZkSumcheck.verify(ctx, "sumcheck", inShape.numVariables(), 2, LinearForm.of(ext, out, r),
                zkFactors());
        ctx.formClaim(t.exit(), ext.mul(weightAt(ext, r, t.point()), t.values()[1]));
    }
}
