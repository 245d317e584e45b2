package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.circuit.AccumulatorOverflowException;
import io.zkinfer.sumcheck.circuit.Circuit;
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
import io.zkinfer.sumcheck.lookup.Table;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongUnaryOperator;

/**
 * Requantization y = f(clamp(round(x M / 2^s), lo, hi)), with f an optional activation fused into
 * the same lookup (identity when absent).
 *
 * <p><b>Rounding rule:</b> round half up, q = floor((x M + 2^(s-1)) / 2^s): the prover commits q
 * and the remainder r with x M + 2^(s-1) = q 2^s + r, and <b>both</b> are range-checked, r in
 * [0, 2^s) (in 16-bit limbs r = sum_i 2^(16 i) r_i when s > 16, the top limb of b bits in a
 * 2^b-row range table) and q in [-2^(k-1), 2^(k-1)) by the lookup of (q, y) in the table
 * {(v, f(clamp(v, lo, hi)))}, with k the fewest bits (at most 16) that hold q's bound. Without the check on q, any r would have a matching field
 * element q. The builder checks |x| M + 2^(s-1) + 2^(s+15) + 2^s < p/2, so the field equation
 * holds over the integers. The compiler must choose M and s so that q fits in 16 bits; the
 * builder rejects a bound that does not.
 *
 * <p>Protocol: at a random tau the prover sends x(tau), q(tau) and every r_i(tau); the verifier
 * checks M x(tau) + 2^(s-1) L(tau) = 2^s q(tau) + sum_i 2^(16 i) r_i(tau) (L the logical
 * indicator: padding stays zero) and passes the values on as claims. Error n / |F|.
 */
public final class Requantize implements Layer {
    /** The quotient's lookup domain: 16-bit signed. */
    public static final int QUOTIENT_BITS = 16;

    private final int x;
    private final long multiplier;
    private final int shift;
    private final long lo;
    private final long hi;
    private final LongUnaryOperator f;
    private final String function;
    private final int q;
    private final int[] limbs;
    private final int y;
    private final Shape shape;

    private Requantize(int x, long multiplier, int shift, long lo, long hi, String function, LongUnaryOperator f,
            int q, int[] limbs, int y, Shape shape) {
        this.x = x;
        this.multiplier = multiplier;
        this.shift = shift;
        this.lo = lo;
        this.hi = hi;
        this.function = function;
        this.f = f;
        this.q = q;
        this.limbs = limbs;
        this.y = y;
        this.shape = shape;
    }

    /** The tensors a requantization adds: the output y, the quotient q and the remainder limbs. */
    public record Result(int y, int quotient, int[] remainderLimbs) {}

    /** y = clamp(round(x M / 2^s), lo, hi). */
    public static Result add(CircuitBuilder cb, String name, int x, long multiplier, int shift, long lo, long hi) {
        return add(cb, name, x, multiplier, shift, lo, hi, "identity", v -> v);
    }

    /**
     * y = f(clamp(round(x M / 2^s), lo, hi)) with f fused into the quotient's lookup.
     *
     * @param function a name identifying f (layers sharing it share the table)
     * @throws AccumulatorOverflowException if x M + 2^(s-1) could leave the field's signed range
     *     or q could leave 16 bits
     */
    public static Result add(CircuitBuilder cb, String name, int x, long multiplier, int shift, long lo, long hi,
            String function, LongUnaryOperator f) {
        Tensor tx = cb.get(x);
        if (multiplier < 1 || shift < 1 || shift > 48 || lo > hi) {
            throw new IllegalArgumentException(name + ": requantization needs M >= 1, 1 <= s <= 48 and lo <= hi, got M="
                    + multiplier + " s=" + shift + " [" + lo + ", " + hi + "]");
        }
        BigInteger half = BigInteger.ONE.shiftLeft(shift - 1);
        BigInteger acc = tx.bound().multiply(BigInteger.valueOf(multiplier)).add(half);
        BigInteger worst = acc.add(BigInteger.ONE.shiftLeft(shift + 15)).add(BigInteger.ONE.shiftLeft(shift));
        if (worst.compareTo(Circuit.MAX_BOUND) > 0) {
            throw new AccumulatorOverflowException(name + ": x M + 2^(s-1) may reach " + acc
                    + ", beyond the field's signed range");
        }
        BigInteger qBound = acc.shiftRight(shift).add(BigInteger.ONE);
        if (qBound.compareTo(BigInteger.ONE.shiftLeft(QUOTIENT_BITS - 1)) > 0) {
            throw new AccumulatorOverflowException(name + ": the quotient may reach +-" + qBound
                    + ", beyond 16 bits; lower the multiplier or raise the shift");
        }
        Shape shape = tx.shape();
        // The table covers the quotient's range: [-2^(b-1), 2^(b-1)) with 2^(b-1) > |q|.
        int qBits = Math.max(1, Math.min(QUOTIENT_BITS, 65 - Long.numberOfLeadingZeros(qBound.longValueExact())));
        int halfRange = 1 << (qBits - 1);
        LongUnaryOperator g = v -> f.applyAsLong(Math.max(lo, Math.min(hi, v)));
        long yMax = 0;
        long[] column = new long[1 << qBits];
        for (int i = 0; i < column.length; i++) {
            column[i] = g.applyAsLong(i - halfRange);
            yMax = Math.max(yMax, Math.abs(column[i]));
        }
        int qt = cb.tensor(name + "/q", shape, Tensor.Kind.COMMITTED, false, qBound);
        int limbCount = (shift + 15) / 16;
        int[] limbs = new int[limbCount];
        for (int i = 0; i < limbCount; i++) {
            limbs[i] = cb.tensor(name + "/r" + i, shape, Tensor.Kind.COMMITTED, false, (1L << 16) - 1);
        }
        int yt = cb.tensor(name, shape, Tensor.Kind.COMMITTED, false, yMax);
        cb.layer(new Requantize(x, multiplier, shift, lo, hi, function, f, qt, limbs, yt, shape));
        String key = "table/requant/" + function + "/" + lo + "/" + hi + "/" + qBits;
        int gColumn = cb.sharedPreprocessed(key, Shape.of(1 << qBits), () -> column);
        Lookup.add(cb, name + "/quotient", Table.function(qBits, g), new int[][] {{qt, yt}},
                new long[][] {{0, g.applyAsLong(0)}}, new int[] {-1, gColumn});
        // Full 16-bit limbs in the 2^16 range table, the top limb of b bits in the 2^b one.
        int topBits = shift - 16 * (limbCount - 1);
        if (limbCount > 1) {
            RangeCheck.unsigned(cb, name + "/remainder", 16, Arrays.copyOf(limbs, limbCount - 1));
        }
        RangeCheck.unsigned(cb, name + "/remainder-top", topBits, limbs[limbCount - 1]);
        return new Result(yt, qt, limbs.clone());
    }

    @Override
    public String describe() {
        return "requantize(x=" + x + ",M=" + multiplier + ",s=" + shift + ",clamp=[" + lo + "," + hi + "],f=" + function
                + ",q=" + q + ",r=" + Arrays.toString(limbs) + ",y=" + y + ")";
    }

    @Override
    public int[] inputs() {
        return new int[] {x};
    }

    @Override
    public int[] outputs() {
        int[] out = Arrays.copyOf(limbs, limbs.length + 2);
        out[limbs.length] = q;
        out[limbs.length + 1] = y;
        return out;
    }

    @Override
    public int reducedTensor() {
        return -1;
    }

    @Override
    public void compute(Witness w) {
        long[] xv = w.values(x);
        long[] qv = new long[xv.length];
        long[] yv = new long[xv.length];
        long[][] rv = new long[limbs.length][xv.length];
        long half = 1L << (shift - 1);
        for (int i : shape.logicalIndices()) {
            // The builder's bound keeps x M + 2^(s-1) within a long.
            long v = Math.addExact(Math.multiplyExact(Goldilocks.toSigned(xv[i]), multiplier), half);
            long quotient = Math.floorDiv(v, 1L << shift);
            long r = v - (quotient << shift);
            qv[i] = Goldilocks.fromSigned(quotient);
            for (int l = 0; l < limbs.length; l++) {
                rv[l][i] = (r >>> (16 * l)) & 0xFFFF;
            }
            yv[i] = Goldilocks.fromSigned(f.applyAsLong(Math.max(lo, Math.min(hi, quotient))));
        }
        w.set(q, qv);
        w.set(y, yv);
        for (int l = 0; l < limbs.length; l++) {
            w.set(limbs[l], rv[l]);
        }
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        ExtensionField ext = ctx.ext();
        long[] tau = ctx.point("point", shape.numVariables());
        int d = ext.degree();
        long[] values = new long[(limbs.length + 2) * d];
        int[] tensors = tensors();
        for (int i = 0; i < tensors.length; i++) {
            System.arraycopy(Multilinear.evaluate(ext, ctx.values(tensors[i]), tau), 0, values, i * d, d);
        }
        ctx.send("values", values);
        return claims(ext, tau, values);
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        ExtensionField ext = ctx.ext();
        long[] tau = ctx.point("point", shape.numVariables());
        long[] values = ctx.receive("values", limbs.length + 2);
        long[] lhs = ext.add(ext.mulBase(ext.get(values, 0), multiplier),
                ext.mulBase(Eq.logicalSum(ext, shape, tau), 1L << (shift - 1)));
        long[] rhs = ext.mulBase(ext.get(values, 1), Goldilocks.pow(2, shift));
        for (int l = 0; l < limbs.length; l++) {
            rhs = ext.add(rhs, ext.mulBase(ext.get(values, 2 + l), Goldilocks.pow(2, 16L * l)));
        }
        ctx.expectEqual("x M + 2^(s-1) = q 2^s + r", lhs, rhs);
        return claims(ext, tau, values);
    }

    /** x, q, then the remainder limbs: the order of the sent values. */
    private int[] tensors() {
        int[] t = new int[limbs.length + 2];
        t[0] = x;
        t[1] = q;
        System.arraycopy(limbs, 0, t, 2, limbs.length);
        return t;
    }

    private List<Claim> claims(ExtensionField ext, long[] tau, long[] values) {
        int[] tensors = tensors();
        List<Claim> out = new ArrayList<>();
        for (int i = 0; i < tensors.length; i++) {
            out.add(new Claim(tensors[i], tau, ext.get(values, i)));
        }
        return out;
    }

    @Override
    public int zkSlots() {
        return 0;
    }

    /** Zero knowledge: M [x at tau] - 2^s [q at tau] - sum_i 2^(16 i) [r_i at tau] = -2^(s-1) L(tau). */
    @Override
    public void proveZk(ProverContext ctx) {
        long[] tau = ctx.point("point", shape.numVariables());
        ctx.formClaim(zkForm(ctx.ext(), tau), zkValue(ctx.ext(), tau));
    }

    @Override
    public void verifyZk(VerifierContext ctx) {
        long[] tau = ctx.point("point", shape.numVariables());
        ctx.formClaim(zkForm(ctx.ext(), tau), zkValue(ctx.ext(), tau));
    }

    private LinearForm zkForm(ExtensionField ext, long[] tau) {
        LinearForm form = LinearForm.of(ext, x, tau, ext.fromBase(multiplier));
        form = form.minus(ext, LinearForm.of(ext, q, tau, ext.fromBase(Goldilocks.pow(2, shift))));
        for (int l = 0; l < limbs.length; l++) {
            form = form.minus(ext, LinearForm.of(ext, limbs[l], tau, ext.fromBase(Goldilocks.pow(2, 16L * l))));
        }
        return form;
    }

    private long[] zkValue(ExtensionField ext, long[] tau) {
        return ext.neg(ext.mulBase(Eq.logicalSum(ext, shape, tau), 1L << (shift - 1)));
    }
}
