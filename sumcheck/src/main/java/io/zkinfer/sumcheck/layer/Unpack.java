package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ProofContext;
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
 * Tensors read out of one packed vector P: output k's t-th logical entry (row-major) is
 * P[offset_k + t], its padding zero. Private weights are committed as packed vectors, one digest
 * each, and unpacked here. The outputs are committed tensors and this layer a constraint on them.
 *
 * <p>Protocol: at points r_k of its own and coefficients lambda_k, the claim
 * sum_k lambda_k W_k(r_k) = sum_x P(x) w(x), w(x) = sum_k lambda_k eq(r_k, i) over the entries i
 * of W_k that copy P[x], goes down one degree-2 sumcheck over P's variables to P(s), and the
 * verifier evaluates w(s) itself. Why one layer for all of P's tensors rather than a wiring
 * each: one sumcheck, and one table eq(s, .) over P, instead of one per tensor; with each r_k's
 * eq split into two half tables, w(s) costs one multiplication per unpacked entry. A false
 * W_k passes with probability at most (K + 2 * vars(P) + max vars(W_k)) / |F|.
 */
public final class Unpack implements Layer {
    /**
     * An output: {@code shape}'s logical entries, row-major, are P[offset..offset + size).
     *
     * @param bits the output's signed width when narrower than P's entries (a narrow tensor in
     *     a wider vector): its bound is then 2^(bits-1), which a range check added with it
     *     enforces; 0 for P's bound
     */
    public record Output(String name, Shape shape, int offset, int bits) {}

    private final int packed;
    private final int packedVars;
    private final int[] outs;
    private final Shape[] shapes;
    private final int[] offsets;
    /** Per output, the hypercube indices of its logical entries in row-major order. */
    private final int[][] logical;

    private Unpack(int packed, int packedVars, int[] outs, Shape[] shapes, int[] offsets) {
        this.packed = packed;
        this.packedVars = packedVars;
        this.outs = outs;
        this.shapes = shapes;
        this.offsets = offsets;
        this.logical = new int[shapes.length][];
        for (int k = 0; k < shapes.length; k++) {
            logical[k] = shapes[k].logicalIndices();
        }
    }

    /** Adds the outputs read out of {@code packed}; returns their tensor ids, in order. */
    public static int[] add(CircuitBuilder cb, int packed, List<Output> outputs) {
        Tensor p = cb.get(packed);
        if (p.shape().rank() != 1) {
            throw new IllegalArgumentException("a packed vector has rank 1, " + p.name() + " has shape " + p.shape());
        }
        if (outputs.isEmpty()) {
            throw new IllegalArgumentException("nothing to unpack from " + p.name());
        }
        if (p.numVariables() == 0) {
            // The sumcheck over P needs a variable (a zero-knowledge one has no protocol without).
            throw new IllegalArgumentException("a packed vector has at least 2 entries (pad it with zeros), " + p.name()
                    + " has 1");
        }
        int[] outs = new int[outputs.size()];
        Shape[] shapes = new Shape[outs.length];
        int[] offsets = new int[outs.length];
        for (int k = 0; k < outs.length; k++) {
            Output o = outputs.get(k);
            if (o.offset() < 0 || o.offset() + o.shape().logicalSize() > p.shape().dim(0)) {
                throw new IllegalArgumentException(o.name() + ": entries [" + o.offset() + ", "
                        + (o.offset() + o.shape().logicalSize()) + ") lie outside " + p.name() + "'s "
                        + p.shape().dim(0));
            }
            BigInteger bound = p.bound();
            if (o.bits() != 0) {
                bound = BigInteger.ONE.shiftLeft(o.bits() - 1);
                if (o.bits() < 1 || bound.compareTo(p.bound()) >= 0) {
                    throw new IllegalArgumentException(o.name() + ": " + o.bits() + " bits is no narrower than "
                            + p.name() + "'s entries (bound " + p.bound() + ")");
                }
            }
            outs[k] = cb.tensor(o.name(), o.shape(), Tensor.Kind.COMMITTED, false, bound);
            shapes[k] = o.shape();
            offsets[k] = o.offset();
        }
        cb.layer(new Unpack(packed, p.numVariables(), outs, shapes, offsets));
        for (int k = 0; k < outs.length; k++) {
            if (outputs.get(k).bits() != 0) {
                RangeCheck.signed(cb, outputs.get(k).name() + "/range", outputs.get(k).bits(), outs[k]);
            }
        }
        return outs.clone();
    }

    @Override
    public String describe() {
        StringBuilder b = new StringBuilder("unpack(in=").append(packed);
        for (int k = 0; k < outs.length; k++) {
            b.append(",").append(outs[k]).append(shapes[k]).append("@").append(offsets[k]);
        }
        return b.append(")").toString();
    }

    @Override
    public int[] inputs() {
        return new int[] {packed};
    }

    @Override
    public int[] outputs() {
        return outs.clone();
    }

    @Override
    public int reducedTensor() {
        return -1;
    }

    @Override
    public void compute(Witness w) {
        long[] p = w.values(packed);
        for (int k = 0; k < outs.length; k++) {
            long[] y = new long[shapes[k].paddedSize()];
            for (int t = 0; t < logical[k].length; t++) {
                y[logical[k][t]] = p[offsets[k] + t];
            }
            w.set(outs[k], y);
        }
    }

    /** The outputs' points, then their coefficients, drawn in that order by both sides. */
    private record Challenges(long[][] points, long[][] lambdas) {}

    private Challenges draw(ProofContext ctx) {
        long[][] points = new long[outs.length][];
        long[][] lambdas = new long[outs.length][];
        for (int k = 0; k < outs.length; k++) {
            points[k] = ctx.point("point" + k, shapes[k].numVariables());
        }
        for (int k = 0; k < outs.length; k++) {
            lambdas[k] = ctx.challenge("combine" + k);
        }
        return new Challenges(points, lambdas);
    }

    /** w over P's entries: sum_k lambda_k eq(r_k, i) at the entry each i copies (prover). */
    private long[] weights(ExtensionField ext, Challenges ch) {
        int d = ext.degree();
        long[] w = new long[d << packedVars];
        long[] tmp = new long[d];
        for (int k = 0; k < outs.length; k++) {
            long[] eq = Multilinear.eqTable(ext, ch.points[k]);
            for (int t = 0; t < logical[k].length; t++) {
                ext.mul(tmp, 0, eq, logical[k][t] * d, ch.lambdas[k], 0);
                ext.add(w, (offsets[k] + t) * d, w, (offsets[k] + t) * d, tmp, 0);
            }
        }
        return w;
    }

    /**
     * w(s), in one pass over the unpacked entries: eq(s, .) once over P, and eq(r_k, i) as
     * eq(r_k low half, i's low bits) eq(r_k high half, i's high bits), row-major order visiting
     * each high part in one run.
     */
    private long[] weightAt(ExtensionField ext, Challenges ch, long[] s) {
        int d = ext.degree();
        long[] eqIn = Multilinear.eqTable(ext, s);
        long[] total = ext.zero();
        long[] acc = new long[d];
        long[] tmp = new long[d];
        for (int k = 0; k < outs.length; k++) {
            int vars = shapes[k].numVariables();
            int lowBits = vars / 2;
            long[] eqLow = Multilinear.eqTable(ext, Arrays.copyOf(ch.points[k], lowBits * d));
            long[] eqHigh = Multilinear.eqTable(ext, Arrays.copyOfRange(ch.points[k], lowBits * d, vars * d));
            long[] sum = new long[d];
            int[] idx = logical[k];
            int t = 0;
            while (t < idx.length) {
                int high = idx[t] >>> lowBits;
                Arrays.fill(acc, 0);
                for (; t < idx.length && idx[t] >>> lowBits == high; t++) {
                    ext.mulAdd(acc, 0, acc, 0, eqLow, (idx[t] & ((1 << lowBits) - 1)) * d, eqIn, (offsets[k] + t) * d);
                }
                ext.mulAdd(sum, 0, sum, 0, eqHigh, high * d, acc, 0);
            }
            ext.mul(tmp, 0, sum, 0, ch.lambdas[k], 0);
            ext.add(total, 0, total, 0, tmp, 0);
        }
        return total;
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        ExtensionField ext = ctx.ext();
        int d = ext.degree();
        Challenges ch = draw(ctx);
        long[] values = new long[outs.length * d];
        long[] sum = ext.zero();
        for (int k = 0; k < outs.length; k++) {
            long[] v = Multilinear.evaluate(ext, ctx.values(outs[k]), ch.points[k]);
            System.arraycopy(v, 0, values, k * d, d);
            sum = ext.add(sum, ext.mul(ch.lambdas[k], v));
        }
        ctx.send("values", values);
        ProductSum.Builder ps = ProductSum.builder(ext, packedVars);
        int fw = ps.addExtension(weights(ext, ch));
        int fx = ps.addBase(ctx.values(packed));
        ProverContext.SumcheckResult r = ctx.sumcheck("sumcheck", ps.term(fw, fx).build(), sum);
        ctx.send("packed", r.finalValues()[fx]);
        return claims(ext, ch, values, r.point(), r.finalValues()[fx]);
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        ExtensionField ext = ctx.ext();
        Challenges ch = draw(ctx);
        long[] values = ctx.receive("values", outs.length);
        long[] sum = ext.zero();
        for (int k = 0; k < outs.length; k++) {
            sum = ext.add(sum, ext.mul(ch.lambdas[k], ext.get(values, k)));
        }
        SubClaim sub = ctx.sumcheck("sumcheck", packedVars, 2, sum);
        long[] x = ctx.receive("packed", 1);
        ctx.expectEqual("unpack weight times packed vector = sumcheck claim", sub.expectedValue(),
                ext.mul(weightAt(ext, ch, sub.point()), x));
        return claims(ext, ch, values, sub.point(), x);
    }

    private List<Claim> claims(ExtensionField ext, Challenges ch, long[] values, long[] s, long[] x) {
        List<Claim> out = new ArrayList<>();
        for (int k = 0; k < outs.length; k++) {
            out.add(new Claim(outs[k], ch.points[k], ext.get(values, k)));
        }
        out.add(new Claim(packed, s, x));
        return out;
    }

    @Override
    public int zkSlots() {
        return ZkSumcheck.slots(packedVars, 1);
    }

    private ZkFactor[] zkFactors() {
        return new ZkFactor[] {ZkFactor.publicFactor(), ZkFactor.masked(packed, null, s -> s)};
    }

    /** sum_k lambda_k [W_k at r_k]: the sumcheck's claim, as a form on the commitment. */
    private LinearForm combined(ExtensionField ext, Challenges ch) {
        LinearForm form = LinearForm.of(ext, outs[0], ch.points[0], ch.lambdas[0]);
        for (int k = 1; k < outs.length; k++) {
            form = form.plus(ext, LinearForm.of(ext, outs[k], ch.points[k], ch.lambdas[k]));
        }
        return form;
    }

    /**
     * Zero knowledge: the sumcheck's sum is hidden; its entry value is the combination of the
     * outputs' values plus the masks' sums, one claim on the commitment, and its exit one more.
     */
    @Override
    public void proveZk(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        Challenges ch = draw(ctx);
        long[] w = weights(ext, ch);
        long[] x = ctx.values(packed);
        long[] sum = ext.zero();
        for (int j = 0; j < x.length; j++) {
            if (x[j] != 0) {
                sum = ext.add(sum, ext.mulBase(ext.get(w, j), x[j]));
            }
        }
        ProductSum.Builder ps = ProductSum.builder(ext, packedVars);
        int fw = ps.addExtension(w);
        int fx = ps.addBase(x);
        ZkSumcheck.Result res = ZkSumcheck.prove(ctx, "sumcheck", ps.term(fw, fx).build(), sum, null, zkFactors());
        ctx.formClaim(res.exit(), ext.mul(res.values()[0], res.values()[1]));
        ctx.formClaim(combined(ext, ch).plus(ext, res.maskSum()), res.entryValue());
    }

    @Override
    public void verifyZk(VerifierContext ctx) throws ProofException {
        ExtensionField ext = ctx.ext();
        Challenges ch = draw(ctx);
        ZkSumcheck.Result res = ZkSumcheck.verify(ctx, "sumcheck", packedVars, 2, null, zkFactors());
        ctx.formClaim(res.exit(), ext.mul(weightAt(ext, ch, res.point()), res.values()[1]));
        ctx.formClaim(combined(ext, ch).plus(ext, res.maskSum()), res.entryValue());
    }
}
