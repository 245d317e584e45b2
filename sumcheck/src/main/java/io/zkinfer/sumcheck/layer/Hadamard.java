package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Eq;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.ZkSumcheck;
import io.zkinfer.sumcheck.circuit.ZkFactor;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProverContext;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import io.zkinfer.sumcheck.circuit.Witness;
import java.util.Arrays;
import java.util.List;

/**
 * Element-wise product y = a * b of two tensors of one shape (b may be a public tensor of
 * constants, which the verifier then evaluates itself).
 *
 * <p>Protocol: a claim y(r) = v is the sumcheck of sum_x eq(r, x) a(x) b(x) = v (degree 3);
 * the prover sends a(s) and b(s) and the verifier checks eq(r, s) a(s) b(s) against the
 * sub-claim. Soundness error 3 n / |F|.
 */
public final class Hadamard implements Layer {
    private final int a;
    private final int b;
    private final int out;
    private final Shape shape;

    private Hadamard(int a, int b, int out, Shape shape) {
        this.a = a;
        this.b = b;
        this.out = out;
        this.shape = shape;
    }

    /** Adds y = a * b and returns y (intermediate). */
    public static int add(CircuitBuilder cb, String name, int a, int b) {
        Tensor ta = cb.get(a);
        Tensor tb = cb.get(b);
        if (!ta.shape().equals(tb.shape())) {
            throw new IllegalArgumentException(name + ": shapes differ: " + ta.shape() + " and " + tb.shape());
        }
        int out = cb.tensor(name, ta.shape(), Tensor.Kind.INTERMEDIATE, false, ta.bound().multiply(tb.bound()));
        cb.layer(new Hadamard(a, b, out, ta.shape()));
        return out;
    }

    @Override
    public String describe() {
        return "hadamard(a=" + a + ",b=" + b + ",out=" + out + ")";
    }

    @Override
    public int[] inputs() {
        return new int[] {a, b};
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
        long[] x = w.values(a);
        long[] z = w.values(b);
        long[] y = new long[x.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = Goldilocks.mul(x[i], z[i]);
        }
        w.set(out, y);
    }

    /** The factors of {@link #product}: eq, a, b. */
    private static final int FA = 1;
    private static final int FB = 2;

    /** sum_x eq(point, x) a(x) b(x), the sum both protocols run. */
    private ProductSum product(ProverContext ctx, long[] point) {
        ProductSum.Builder ps = ProductSum.builder(ctx.ext(), shape.numVariables());
        int e = ps.addExtension(Multilinear.eqTable(ctx.ext(), point));
        int fa = ps.addBase(ctx.values(a));
        int fb = ps.addBase(ctx.values(b));
        return ps.term(e, fa, fb).build();
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        ProverContext.SumcheckResult r = ctx.sumcheck("sumcheck", product(ctx, claim.point()), claim.value());
        ctx.send("operands", Eq.concat(r.finalValues()[FA], r.finalValues()[FB]));
        return List.of(new Claim(a, r.point(), r.finalValues()[FA]), new Claim(b, r.point(), r.finalValues()[FB]));
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        ExtensionField ext = ctx.ext();
        int d = ext.degree();
        SubClaim sub = ctx.sumcheck("sumcheck", shape.numVariables(), 3, claim.value());
        long[] values = ctx.receive("operands", 2);
        long[] av = Arrays.copyOfRange(values, 0, d);
        long[] bv = Arrays.copyOfRange(values, d, 2 * d);
        long[] eq = Eq.evaluate(ext, claim.point(), sub.point());
        ctx.expectEqual("eq(r, s) a(s) b(s) = sumcheck claim", sub.expectedValue(), ext.mul(eq, ext.mul(av, bv)));
        return List.of(new Claim(a, sub.point(), av), new Claim(b, sub.point(), bv));
    }

    @Override
    public int zkSlots() {
        return shape.numVariables() == 0 ? -1 : ZkSumcheck.slots(shape.numVariables(), 2);
    }

    private ZkFactor[] zkFactors(ExtensionField ext) {
        return new ZkFactor[] {ZkFactor.publicFactor(), ZkFactor.masked(a, ext.one(), s -> s),
            ZkFactor.masked(b, ext.one(), s -> s)};
    }

    /** Zero knowledge: the sumcheck of eq(tau, x) a(x) b(x) with hidden sum [y at tau]. */
    @Override
    public void proveZk(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        long[] tau = ctx.point("point", shape.numVariables());
        ZkSumcheck.Result r = ZkSumcheck.prove(ctx, "sumcheck", product(ctx, tau),
                Multilinear.evaluate(ext, ctx.values(out), tau), LinearForm.of(ext, out, tau), zkFactors(ext));
        ctx.formClaim(r.exit(), ext.mul(Eq.evaluate(ext, tau, r.point()), ext.mul(r.values()[FA], r.values()[FB])));
    }

    @Override
    public void verifyZk(VerifierContext ctx) throws ProofException {
        ExtensionField ext = ctx.ext();
        long[] tau = ctx.point("point", shape.numVariables());
        ZkSumcheck.Result r = ZkSumcheck.verify(ctx, "sumcheck", shape.numVariables(), 3, LinearForm.of(ext, out, tau),
                zkFactors(ext));
        ctx.formClaim(r.exit(), ext.mul(Eq.evaluate(ext, tau, r.point()), ext.mul(r.values()[FA], r.values()[FB])));
    }
}
