package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.circuit.AccumulatorOverflowException;
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
import java.util.List;

/**
 * Element-wise division by a divisor known only at run time, q = floor(a / b), the step that
 * normalizes a softmax or a LayerNorm. The divisor has a's shape: the caller broadcasts it with
 * {@link DataMovement#broadcast}.
 *
 * <p><b>Rounding rule:</b> floor, with a non-negative remainder: a = q b + r, 0 <= r < b, for
 * negative a too (-7 / 2 = -4 remainder 1).
 *
 * <p><b>Bounds.</b> The divisor lies in [max(1, minDivisor), 2^16]; the quotient is a 16-bit
 * signed value, in [-2^15, 2^15). The builder rejects an |a| bound A with ceil(A / minDivisor)
 * beyond 2^15 (or floor(A / minDivisor) = 2^15), since an honest quotient could then leave 16
 * bits: requantize a to fewer bits or declare (and so prove) a larger minimum divisor. An honest
 * run whose divisor leaves its range fails at witness time.
 *
 * <p><b>Relation.</b> The prover commits q and r (this layer writes them) and the circuit proves,
 * in one 16-bit lookup argument, r in [0, 2^16), b - r - 1 in [0, 2^16), q + 2^15 in [0, 2^16)
 * and, when minDivisor > 1, b - minDivisor in [0, 2^16); and this layer proves a = q b + r
 * entry by entry, padding included (an honest witness has zero padding; a prover's padding
 * values reach no logical output, since every layer reads logical entries only).
 *
 * <p><b>Soundness.</b> From the first two checks b = r + 1 + (b - r - 1) is an integer in
 * [1, 2^17): the divisor is proven positive with no check of its own (a zero or negative b would
 * need b - r - 1 < 0), and the last check gives b >= minDivisor the same way. With q in
 * [-2^15, 2^15), q b + r is an integer within +-2^33, so a = q b + r in the field makes a that
 * integer (it decodes to it), whatever a's bound: with 0 <= r < b, q = floor(a / b) and
 * r = a mod b exactly. When a's producer keeps |a| <= A, |q| <= ceil(A / minDivisor), q's
 * declared bound.
 *
 * <p>Protocol: a zero-check at a random tau by a degree-3 sumcheck,
 * sum_x eq(tau, x) (a(x) - q(x) b(x) - r(x)) = 0; the prover sends a(s), b(s), q(s), r(s) at the
 * sumcheck's point s, the verifier checks eq(tau, s) (a - q b - r) against the sub-claim, and the
 * values become claims. The sum is the multilinear extension of the values a - q b - r at tau;
 * one nonzero value (padding included) makes it zero with
 * probability at most n / |F| for n variables, and the sumcheck errs with at most 3 n / |F|.
 *
 * <p>Zero knowledge ({@link #proveZk}): the same zero-check as a {@link ZkSumcheck} whose sum is
 * the constant 0, with a, b, q and r masked factors; the range checks are lookups with their own
 * zero-knowledge protocol. Soundness error (8 n + 1) / |F|.
 */
public final class Division implements Layer {
    /** The quotient's width: 16-bit signed. */
    public static final int QUOTIENT_BITS = 16;
    /** The largest divisor: the remainder and b - r - 1 are 16-bit range checks. */
    public static final long MAX_DIVISOR = 1L << 16;

    private static final long HALF = 1L << (QUOTIENT_BITS - 1);

    private final String name;
    private final int a;
    private final int b;
    private final int q;
    private final int r;
    private final long minDivisor;
    private final Shape shape;

    private Division(String name, int a, int b, int q, int r, long minDivisor, Shape shape) {
        this.name = name;
        this.a = a;
        this.b = b;
        this.q = q;
        this.r = r;
        this.minDivisor = minDivisor;
        this.shape = shape;
    }

    /** The tensors a division adds: the quotient (named as the layer) and the remainder, both committed. */
    public record Result(int quotient, int remainder) {}

    /** q = floor(a / b) for divisors in [1, 2^16]. */
    public static Result add(CircuitBuilder cb, String name, int a, int b) {
        return add(cb, name, a, b, 1);
    }

    /**
     * q = floor(a / b) for divisors in [minDivisor, 2^16] (a minimum above 1 is proven, by one
     * more range check, and lets a be wider).
     *
     * @throws IllegalArgumentException if the shapes differ or minDivisor is outside [1, 2^16]
     * @throws AccumulatorOverflowException if a quotient could leave 16 bits
     */
    public static Result add(CircuitBuilder cb, String name, int a, int b, long minDivisor) {
        Tensor ta = cb.get(a);
        Tensor tb = cb.get(b);
        if (!ta.shape().equals(tb.shape())) {
            throw new IllegalArgumentException(name + ": the divisor's shape " + tb.shape() + " differs from "
                    + ta.shape() + "; broadcast it first (DataMovement.broadcast)");
        }
        if (minDivisor < 1 || minDivisor > MAX_DIVISOR) {
            throw new IllegalArgumentException(name + ": the minimum divisor must be in [1, 2^16], got " + minDivisor);
        }
        BigInteger bound = ta.bound();
        BigInteger min = BigInteger.valueOf(minDivisor);
        BigInteger qBound = bound.add(min).subtract(BigInteger.ONE).divide(min);
        BigInteger half = BigInteger.valueOf(HALF);
        if (qBound.compareTo(half) > 0 || bound.divide(min).compareTo(half) >= 0) {
            throw new AccumulatorOverflowException(name + ": the dividend may reach +-" + bound + ", so a quotient by "
                    + minDivisor + " may leave 16 bits; requantize the dividend to fewer bits or declare a larger"
                    + " minimum divisor");
        }
        Result result = relation(cb, name, a, b, minDivisor, qBound);
        int qt = result.quotient();
        int rt = result.remainder();
        int gap = Linear.add(cb, name + "/divisor-gap", new int[] {b, rt}, new long[] {1, -1}, -1);
        int qOffset = Linear.add(cb, name + "/quotient-offset", new int[] {qt}, new long[] {1}, HALF);
        int[] ranged = minDivisor > 1
                ? new int[] {rt, gap, qOffset, Linear.add(cb, name + "/divisor-excess", new int[] {b}, new long[] {1},
                        -minDivisor)}
                : new int[] {rt, gap, qOffset};
        RangeCheck.unsigned(cb, name + "/ranges", 16, ranged);
        return new Result(qt, rt);
    }

    /**
     * The relation a = q b + r alone, without the range checks that make it a division: unsound
     * as a division, for tests of this layer's own protocol (a circuit without lookups).
     */
    static Result relationOnly(CircuitBuilder cb, String name, int a, int b) {
        if (!cb.get(a).shape().equals(cb.get(b).shape())) {
            throw new IllegalArgumentException(name + ": a and b must have one shape");
        }
        return relation(cb, name, a, b, 1, cb.get(a).bound());
    }

    private static Result relation(CircuitBuilder cb, String name, int a, int b, long minDivisor, BigInteger qBound) {
        Shape shape = cb.get(a).shape();
        int qt = cb.tensor(name, shape, Tensor.Kind.COMMITTED, false, qBound);
        int rt = cb.tensor(name + "/remainder", shape, Tensor.Kind.COMMITTED, false, MAX_DIVISOR - 1);
        cb.layer(new Division(name, a, b, qt, rt, minDivisor, shape));
        return new Result(qt, rt);
    }

    @Override
    public String describe() {
        return "division(a=" + a + ",b=" + b + ",q=" + q + ",r=" + r + ",minDivisor=" + minDivisor + ")";
    }

    @Override
    public int[] inputs() {
        return new int[] {a, b};
    }

    @Override
    public int[] outputs() {
        return new int[] {q, r};
    }

    @Override
    public int reducedTensor() {
        return -1;
    }

    @Override
    public void compute(Witness w) {
        long[] av = w.values(a);
        long[] bv = w.values(b);
        long[] qv = new long[av.length];
        long[] rv = new long[av.length];
        long lo = Math.max(1, minDivisor);
        for (int i : shape.logicalIndices()) {
            long x = Goldilocks.toSigned(av[i]);
            long y = Goldilocks.toSigned(bv[i]);
            if (y < lo || y > MAX_DIVISOR) {
                throw new IllegalArgumentException(name + ": divisor " + y + " at index " + i + " is outside ["
                        + lo + ", 2^16]");
            }
            long quotient = Math.floorDiv(x, y);
            if (quotient < -HALF || quotient >= HALF) {
                throw new IllegalArgumentException(name + ": quotient " + x + " / " + y + " = " + quotient
                        + " leaves 16 bits");
            }
            qv[i] = Goldilocks.fromSigned(quotient);
            rv[i] = Math.floorMod(x, y);
        }
        w.set(q, qv);
        w.set(r, rv);
    }

    /** sum_x eq(tau, x) (a(x) - q(x) b(x) - r(x)), zero for a true witness; factors eq, a, b, q, r. */
    private ProductSum zeroCheck(ProverContext ctx, long[] tau) {
        ExtensionField ext = ctx.ext();
        ProductSum.Builder ps = ProductSum.builder(ext, shape.numVariables());
        int e = ps.addExtension(Multilinear.eqTable(ext, tau));
        int fa = ps.addBase(ctx.values(a));
        int fb = ps.addBase(ctx.values(b));
        int fq = ps.addBase(ctx.values(q));
        int fr = ps.addBase(ctx.values(r));
        long[] minusOne = ext.neg(ext.one());
        return ps.term(e, fa).term(minusOne, e, fq, fb).term(minusOne, e, fr).build();
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        ExtensionField ext = ctx.ext();
        long[] tau = ctx.point("point", shape.numVariables());
        ProverContext.SumcheckResult s = ctx.sumcheck("zero-check", zeroCheck(ctx, tau), ext.zero());
        long[][] v = s.finalValues();
        long[] values = Eq.concat(v[1], v[2], v[3], v[4]);
        ctx.send("operands", values);
        return claims(ext, s.point(), values);
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        ExtensionField ext = ctx.ext();
        long[] tau = ctx.point("point", shape.numVariables());
        SubClaim sub = ctx.sumcheck("zero-check", shape.numVariables(), 3, ext.zero());
        long[] values = ctx.receive("operands", 4);
        long[] av = ext.get(values, 0);
        long[] bv = ext.get(values, 1);
        long[] qv = ext.get(values, 2);
        long[] rv = ext.get(values, 3);
        long[] residue = ext.sub(ext.sub(av, ext.mul(qv, bv)), rv);
        ctx.expectEqual("eq(tau, s) (a - q b - r) = sumcheck claim", sub.expectedValue(),
                ext.mul(Eq.evaluate(ext, tau, sub.point()), residue));
        return claims(ext, sub.point(), values);
    }

    /** The sumcheck needs a variable: one-entry operands have none. */
    @Override
    public int zkSlots() {
        return shape.numVariables() == 0 ? -1 : ZkSumcheck.slots(shape.numVariables(), 4);
    }

    /**
     * Zero knowledge: the zero-check's sumcheck as a {@link ZkSumcheck} with the public sum 0, a,
     * b, q and r masked factors (each committed, intermediate ones too), its exit closed with
     * eq(tau, s) (a^ - q^ b^ - r^) from the masked values.
     */
    @Override
    public void proveZk(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        long[] tau = ctx.point("point", shape.numVariables());
        ZkSumcheck.Result res = ZkSumcheck.prove(ctx, "zero-check", zeroCheck(ctx, tau), ext.zero(),
                LinearForm.constant(ext.zero()), zkFactors());
        ctx.formClaim(res.exit(), zkExit(ext, tau, res));
    }

    @Override
    public void verifyZk(VerifierContext ctx) throws ProofException {
        ExtensionField ext = ctx.ext();
        long[] tau = ctx.point("point", shape.numVariables());
        ZkSumcheck.Result res = ZkSumcheck.verify(ctx, "zero-check", shape.numVariables(), 3,
                LinearForm.constant(ext.zero()), zkFactors());
        ctx.formClaim(res.exit(), zkExit(ext, tau, res));
    }

    /** eq (public), then a, b, q, r (masked, over all variables), in the order the prover adds them. */
    private ZkFactor[] zkFactors() {
        return new ZkFactor[] {ZkFactor.publicFactor(), ZkFactor.masked(a, null, s -> s),
            ZkFactor.masked(b, null, s -> s), ZkFactor.masked(q, null, s -> s), ZkFactor.masked(r, null, s -> s)};
    }

    /** eq(tau, s) (a - q b - r) from the masked values: what the exit form must equal. */
    private static long[] zkExit(ExtensionField ext, long[] tau, ZkSumcheck.Result res) {
        long[][] v = res.values();
        long[] residue = ext.sub(ext.sub(v[1], ext.mul(v[3], v[2])), v[4]);
        return ext.mul(Eq.evaluate(ext, tau, res.point()), residue);
    }

    private List<Claim> claims(ExtensionField ext, long[] point, long[] values) {
        int[] tensors = {a, b, q, r};
        List<Claim> out = new ArrayList<>();
        for (int i = 0; i < tensors.length; i++) {
            out.add(new Claim(tensors[i], point, ext.get(values, i)));
        }
        return out;
    }
}
