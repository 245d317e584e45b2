package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
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
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Element-wise y = sum_i c_i x_i + c_0 over tensors of one shape, with public integer
 * coefficients: addition, subtraction, multiplication by a constant, adding a constant. The
 * constant applies to logical entries only, so padding stays zero.
 *
 * <p>Protocol: no sumcheck. For a claim y(r) = v the prover sends each x_i(r); the verifier checks
 * v = sum_i c_i x_i(r) + c_0 * sum_{logical x} eq(r, x), which holds for the multilinear
 * extensions because the relation is linear. A false x_i(r) makes the check fail unless the
 * sent values happen to satisfy it, which then leaves a false claim on some x_i.
 */
public final class Linear implements Layer {
    private final int[] in;
    private final long[] coefficients;
    private final long constant;
    private final int out;
    private final Shape shape;

    private Linear(int[] in, long[] coefficients, long constant, int out, Shape shape) {
        this.in = in;
        this.coefficients = coefficients;
        this.constant = constant;
        this.out = out;
        this.shape = shape;
    }

    /** Adds y = sum_i coefficients[i] inputs[i] + constant and returns y (intermediate). */
    public static int add(CircuitBuilder cb, String name, int[] inputs, long[] coefficients, long constant) {
        return add(cb, name, inputs, coefficients, constant, null);
    }

    /**
     * A value written in K digits of b bits, added back: y = sum_k 2^(b k) d_k + 2^(b-1) sum over
     * k < K-1 of 2^(b k), the digits d_k = u_k - 2^(b-1) for u_k in [0, 2^b) below the top one,
     * which is signed (WeightGroup.Digit in the prover). Each digit's bound must be at most
     * 2^(b-1), so y holds exactly b K signed bits: its bound is 2^(b K - 1), not the sum of
     * the digits' bounds; narrower still when {@code valueBits} < b K, which a range check
     * enforces.
     */
    public static int digits(CircuitBuilder cb, String name, int[] digits, int digitBits, int valueBits) {
        int count = digits.length;
        if (count < 2 || digitBits < 1 || valueBits < 1 || (long) digitBits * count > 62
                || valueBits > digitBits * count) {
            throw new IllegalArgumentException(name + ": " + count + " digits of " + digitBits + " bits cannot hold "
                    + valueBits + " bits");
        }
        long[] weights = new long[count];
        long offset = 0;
        for (int k = 0; k < count; k++) {
            if (cb.get(digits[k]).bound().compareTo(BigInteger.ONE.shiftLeft(digitBits - 1)) > 0) {
                throw new IllegalArgumentException(name + ": digit " + k + " is bounded by " + cb.get(digits[k]).bound()
                        + ", above 2^" + (digitBits - 1));
            }
            weights[k] = 1L << (digitBits * k);
            if (k < count - 1) {
                offset += 1L << (digitBits * k + digitBits - 1);
            }
        }
        int y = add(cb, name, digits, weights, offset, BigInteger.ONE.shiftLeft(valueBits - 1));
        if (valueBits < digitBits * count) {
            RangeCheck.signed(cb, name + "/range", valueBits, y);
        }
        return y;
    }

    private static int add(CircuitBuilder cb, String name, int[] inputs, long[] coefficients, long constant,
            BigInteger declared) {
        if (inputs.length == 0 || inputs.length != coefficients.length) {
            throw new IllegalArgumentException(name + ": need one coefficient per input, at least one input");
        }
        Shape shape = cb.get(inputs[0]).shape();
        BigInteger bound = BigInteger.valueOf(constant).abs();
        for (int i = 0; i < inputs.length; i++) {
            Tensor t = cb.get(inputs[i]);
            if (!t.shape().equals(shape)) {
                throw new IllegalArgumentException(name + ": input shapes differ: " + shape + " and " + t.shape());
            }
            bound = bound.add(BigInteger.valueOf(coefficients[i]).abs().multiply(t.bound()));
        }
        if (declared != null) {
            bound = bound.min(declared);
        }
        int out = cb.tensor(name, shape, Tensor.Kind.INTERMEDIATE, false, bound);
        cb.layer(new Linear(inputs.clone(), coefficients.clone(), constant, out, shape));
        return out;
    }

    /** y = a + b. */
    public static int sum(CircuitBuilder cb, String name, int a, int b) {
        return add(cb, name, new int[] {a, b}, new long[] {1, 1}, 0);
    }

    /** y = a - b. */
    public static int difference(CircuitBuilder cb, String name, int a, int b) {
        return add(cb, name, new int[] {a, b}, new long[] {1, -1}, 0);
    }

    /** y = c a. */
    public static int scale(CircuitBuilder cb, String name, int a, long c) {
        return add(cb, name, new int[] {a}, new long[] {c}, 0);
    }

    @Override
    public String describe() {
        return "linear(in=" + Arrays.toString(in) + ",c=" + Arrays.toString(coefficients) + ",c0=" + constant
                + ",out=" + out + ")";
    }

    @Override
    public int[] inputs() {
        return in.clone();
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
        long[] y = new long[shape.paddedSize()];
        long c0 = Goldilocks.fromSigned(constant);
        for (int idx : shape.logicalIndices()) {
            long s = c0;
            for (int i = 0; i < in.length; i++) {
                s = Goldilocks.add(s, Goldilocks.mul(Goldilocks.fromSigned(coefficients[i]), w.values(in[i])[idx]));
            }
            y[idx] = s;
        }
        w.set(out, y);
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        ExtensionField ext = ctx.ext();
        long[] values = new long[in.length * ext.degree()];
        for (int i = 0; i < in.length; i++) {
            System.arraycopy(Multilinear.evaluate(ext, ctx.values(in[i]), claim.point()), 0, values,
                    i * ext.degree(), ext.degree());
        }
        ctx.send("inputs", values);
        return claims(ext, claim, values);
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        ExtensionField ext = ctx.ext();
        int d = ext.degree();
        long[] values = ctx.receive("inputs", in.length);
        long[] expected = ext.mulBase(Eq.logicalSum(ext, shape, claim.point()), Goldilocks.fromSigned(constant));
        for (int i = 0; i < in.length; i++) {
            expected = ext.add(expected, ext.mulBase(Arrays.copyOfRange(values, i * d, i * d + d),
                    Goldilocks.fromSigned(coefficients[i])));
        }
        ctx.expectEqual("linear combination of inputs", claim.value(), expected);
        return claims(ext, claim, values);
    }

    private List<Claim> claims(ExtensionField ext, Claim claim, long[] values) {
        int d = ext.degree();
        List<Claim> out = new ArrayList<>();
        for (int i = 0; i < in.length; i++) {
            out.add(new Claim(in[i], claim.point(), Arrays.copyOfRange(values, i * d, i * d + d)));
        }
        return out;
    }

    @Override
    public int zkSlots() {
        return 0;
    }

    /** Zero knowledge: [y at tau] - sum_i c_i [x_i at tau] = c_0 L(tau), a claim with a public value. */
    @Override
    public void proveZk(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        long[] tau = ctx.point("point", shape.numVariables());
        ctx.formClaim(zkForm(ext, tau), zkValue(ext, tau));
    }

    @Override
    public void verifyZk(VerifierContext ctx) {
        ExtensionField ext = ctx.ext();
        long[] tau = ctx.point("point", shape.numVariables());
        ctx.formClaim(zkForm(ext, tau), zkValue(ext, tau));
    }

    private LinearForm zkForm(ExtensionField ext, long[] tau) {
        LinearForm form = LinearForm.of(ext, out, tau);
        for (int i = 0; i < in.length; i++) {
            form = form.minus(ext, LinearForm.of(ext, in[i], tau, ext.fromBase(Goldilocks.fromSigned(coefficients[i]))));
        }
        return form;
    }

    private long[] zkValue(ExtensionField ext, long[] tau) {
        return ext.mulBase(Eq.logicalSum(ext, shape, tau), Goldilocks.fromSigned(constant));
    }
}
