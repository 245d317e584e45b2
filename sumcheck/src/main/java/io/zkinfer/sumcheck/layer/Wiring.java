package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Claim;
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
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

/**
 * Pure data movement: every entry of the output is an entry of one of the inputs, or zero
 * (reshape, transpose, concat, slice, zero padding, gather by constant indices, broadcast). The
 * relation is an index map, fixed by the circuit.
 *
 * <p>Protocol: for a claim y(r) = v, each input x_k gets the weight w_k(j) = sum of eq(r, i) over
 * the outputs i that copy x_k[j]; the prover sends s_k = sum_j w_k(j) x_k(j), the verifier checks
 * sum_k s_k = v, and a degree-2 sumcheck per input reduces s_k to a claim x_k(s). The verifier
 * evaluates w_k at s from the index map in time linear in the output. When the map is the
 * identity on the padded hypercube (a reshape that keeps the padding), the claim passes through
 * with no message at all.
 */
public final class Wiring implements Layer {
    /** Where an output entry comes from: null for zero, else {input position, padded index}. */
    @FunctionalInterface
    public interface Source {
        int[] of(int[] outCoordinates);
    }

    /** {@link #describe()}, once computed. */
    private volatile String description;
    private final String kind;
    private final int[] in;
    private final int out;
    private final Shape outShape;
    /** Per padded output index: the input position, or -1 for zero. */
    private final int[] fromInput;
    private final int[] fromIndex;
    private final boolean identity;

    private Wiring(String kind, int[] in, int out, Shape outShape, int[] fromInput, int[] fromIndex,
            boolean identity) {
        this.kind = kind;
        this.in = in;
        this.out = out;
        this.outShape = outShape;
        this.fromInput = fromInput;
        this.fromIndex = fromIndex;
        this.identity = identity;
    }

    /** Adds an output of {@code outShape} whose entries {@code source} names, and returns it. */
    public static int add(CircuitBuilder cb, String name, String kind, int[] inputs, Shape outShape, Source source) {
        int size = outShape.paddedSize();
        int[] fromInput = new int[size];
        int[] fromIndex = new int[size];
        Arrays.fill(fromInput, -1);
        BigInteger bound = BigInteger.ZERO;
        for (int input : inputs) {
            bound = bound.max(cb.get(input).bound());
        }
        int[] coords = new int[outShape.rank()];
        long logical = outShape.logicalSize();
        for (long t = 0; t < logical; t++) {
            int idx = outShape.index(coords);
            int[] src = source.of(coords.clone());
            if (src != null) {
                if (src[0] < 0 || src[0] >= inputs.length || src[1] < 0
                        || src[1] >= cb.get(inputs[src[0]]).shape().paddedSize()
                        || isPadding(cb.get(inputs[src[0]]).shape(), src[1])) {
                    throw new IllegalArgumentException(name + ": output " + Arrays.toString(coords)
                            + " names a source outside the inputs' logical entries");
                }
                fromInput[idx] = src[0];
                fromIndex[idx] = src[1];
            }
            for (int k = coords.length - 1; k >= 0; k--) {
                if (++coords[k] < outShape.dim(k)) {
                    break;
                }
                coords[k] = 0;
            }
        }
        boolean identity = inputs.length == 1 && cb.get(inputs[0]).shape().paddedSize() == size;
        for (int i = 0; identity && i < size; i++) {
            // A zero entry is only a copy when it is padding on both sides: a logical output entry
            // that must be zero cannot stand for the input's (unconstrained) padding.
            identity = fromInput[i] == -1 ? isPadding(outShape, i) && isPadding(cb.get(inputs[0]).shape(), i)
                    : fromIndex[i] == i;
        }
        int out = cb.tensor(name, outShape, Tensor.Kind.INTERMEDIATE, false, bound);
        Wiring layer = new Wiring(kind, inputs.clone(), out, outShape, fromInput, fromIndex, identity);
        layer.inputVars = new int[inputs.length];
        for (int k = 0; k < inputs.length; k++) {
            layer.inputVars[k] = cb.get(inputs[k]).numVariables();
        }
        cb.layer(layer);
        return out;
    }

    private static boolean isPadding(Shape s, int index) {
        int rest = index;
        for (int k = s.rank() - 1; k >= 0; k--) {
            int c = rest & ((1 << s.log(k)) - 1);
            if (c >= s.dim(k)) {
                return true;
            }
            rest >>>= s.log(k);
        }
        return false;
    }

    /** Whether the map is the identity, so claims pass through with no proof. */
    public boolean isIdentity() {
        return identity;
    }

    @Override
    public String describe() {
        // Computed once (the layer is immutable): provers and verifiers describe every layer they enter.
        String d = description;
        if (d == null) {
            d = buildDescription();
            description = d;
        }
        return d;
    }

    private String buildDescription() {
        // The map itself is bound through its digest: it can be large.
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(8 * fromInput.length);
            for (int i = 0; i < fromInput.length; i++) {
                b.putInt(fromInput[i]).putInt(fromIndex[i]);
            }
            md.update(b.array());
            return "wiring(" + kind + ",in=" + Arrays.toString(in) + ",out=" + out + ",shape=" + outShape + ",map="
                    + HexFormat.of().formatHex(md.digest()) + ")";
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
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
        long[] y = new long[outShape.paddedSize()];
        long[][] xs = new long[in.length][];
        for (int k = 0; k < in.length; k++) {
            xs[k] = w.values(in[k]);
        }
        for (int i = 0; i < y.length; i++) {
            if (fromInput[i] >= 0) {
                y[i] = xs[fromInput[i]][fromIndex[i]];
            }
        }
        w.set(out, y);
    }

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        if (identity) {
            return List.of(new Claim(in[0], claim.point(), claim.value()));
        }
        ExtensionField ext = ctx.ext();
        int d = ext.degree();
        long[][] weights = weights(ctx, ext, Multilinear.eqTable(ext, claim.point()));
        long[] sums = new long[in.length * d];
        for (int k = 0; k < in.length; k++) {
            long[] x = ctx.values(in[k]);
            long[] s = ext.zero();
            for (int j = 0; j < x.length; j++) {
                if (x[j] != 0) {
                    s = ext.add(s, ext.mulBase(ext.get(weights[k], j), x[j]));
                }
            }
            System.arraycopy(s, 0, sums, k * d, d);
        }
        ctx.send("partial-sums", sums);
        List<Claim> claims = new ArrayList<>();
        for (int k = 0; k < in.length; k++) {
            ProductSum.Builder ps = ProductSum.builder(ext, ctx.tensor(in[k]).numVariables());
            int fw = ps.addExtension(weights[k]);
            int fx = ps.addBase(ctx.values(in[k]));
            ProverContext.SumcheckResult r = ctx.sumcheck("sumcheck" + k, ps.term(fw, fx).build(),
                    Arrays.copyOfRange(sums, k * d, k * d + d));
            ctx.send("input" + k, r.finalValues()[fx]);
            claims.add(new Claim(in[k], r.point(), r.finalValues()[fx]));
        }
        return claims;
    }

    private long[][] weights(ProverContext ctx, ExtensionField ext, long[] eqOut) {
        int d = ext.degree();
        long[][] w = new long[in.length][];
        for (int k = 0; k < in.length; k++) {
            w[k] = new long[ctx.tensor(in[k]).shape().paddedSize() * d];
        }
        for (int i = 0; i < fromInput.length; i++) {
            int k = fromInput[i];
            if (k >= 0) {
                ext.add(w[k], fromIndex[i] * d, w[k], fromIndex[i] * d, eqOut, i * d);
            }
        }
        return w;
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) throws ProofException {
        if (identity) {
            return List.of(new Claim(in[0], claim.point(), claim.value()));
        }
        ExtensionField ext = ctx.ext();
        int d = ext.degree();
        long[] sums = ctx.receive("partial-sums", in.length);
        long[] total = ext.zero();
        for (int k = 0; k < in.length; k++) {
            total = ext.add(total, ext.get(sums, k));
        }
        ctx.expectEqual("partial sums add up to the claim", claim.value(), total);
        long[] eqOut = Multilinear.eqTable(ext, claim.point());
        List<Claim> claims = new ArrayList<>();
        for (int k = 0; k < in.length; k++) {
            int vars = ctx.tensor(in[k]).numVariables();
            SubClaim sub = ctx.sumcheck("sumcheck" + k, vars, 2, ext.get(sums, k));
            long[] x = ctx.receive("input" + k, 1);
            long[] weight = weightAt(ext, eqOut, k, sub.point());
            ctx.expectEqual("wiring weight times input = sumcheck claim " + k, sub.expectedValue(), ext.mul(weight, x));
            claims.add(new Claim(in[k], sub.point(), x));
        }
        return claims;
    }

    /** Mask slots: set by the builder through {@link #inputVars}. */
    private int[] inputVars;

    @Override
    public int zkSlots() {
        if (identity) {
            return 0;
        }
        int slots = 0;
        for (int v : inputVars) {
            // A one-entry input (a scalar to broadcast) needs no sumcheck: its term is linear.
            slots += v == 0 ? 0 : ZkSumcheck.slots(v, 1);
        }
        return slots;
    }

    /**
     * Zero knowledge: per input a sumcheck of w_k(j) x_k(j) with its sum hidden; the sums' entry
     * values add up to [y at r] plus the masks' sums, one claim on the commitment.
     */
    @Override
    public void proveZk(ProverContext ctx) {
        ExtensionField ext = ctx.ext();
        long[] r = ctx.point("point", outShape.numVariables());
        if (identity) {
            ctx.formClaim(LinearForm.of(ext, out, r).minus(ext, LinearForm.of(ext, in[0], r)), ext.zero());
            return;
        }
        long[][] weights = weights(ctx, ext, Multilinear.eqTable(ext, r));
        LinearForm entry = LinearForm.of(ext, out, r);
        long[] entryValue = ext.zero();
        for (int k = 0; k < in.length; k++) {
            long[] x = ctx.values(in[k]);
            if (inputVars[k] == 0) {
                entry = entry.minus(ext, LinearForm.of(ext, in[k], new long[0], ext.get(weights[k], 0)));
                continue;
            }
            ProductSum.Builder ps = ProductSum.builder(ext, inputVars[k]);
            int fw = ps.addExtension(weights[k]);
            int fx = ps.addBase(x);
            long[] sum = ext.zero();
            for (int j = 0; j < x.length; j++) {
                if (x[j] != 0) {
                    sum = ext.add(sum, ext.mulBase(ext.get(weights[k], j), x[j]));
                }
            }
            ZkSumcheck.Result res = ZkSumcheck.prove(ctx, "sumcheck" + k, ps.term(fw, fx).build(), sum, null,
                    zkFactors(k));
            entry = entry.plus(ext, res.maskSum());
            entryValue = ext.add(entryValue, res.entryValue());
            ctx.formClaim(res.exit(), ext.mul(res.values()[0], res.values()[1]));
        }
        ctx.formClaim(entry, entryValue);
    }

    private ZkFactor[] zkFactors(int k) {
        return new ZkFactor[] {ZkFactor.publicFactor(), ZkFactor.masked(in[k], null, s -> s)};
    }

    @Override
    public void verifyZk(VerifierContext ctx) throws ProofException {
        ExtensionField ext = ctx.ext();
        int d = ext.degree();
        long[] r = ctx.point("point", outShape.numVariables());
        if (identity) {
            ctx.formClaim(LinearForm.of(ext, out, r).minus(ext, LinearForm.of(ext, in[0], r)), ext.zero());
            return;
        }
        long[] eqOut = Multilinear.eqTable(ext, r);
        LinearForm entry = LinearForm.of(ext, out, r);
        long[] entryValue = ext.zero();
        for (int k = 0; k < in.length; k++) {
            if (inputVars[k] == 0) {
                entry = entry.minus(ext, LinearForm.of(ext, in[k], new long[0], scalarWeight(ext, eqOut, k)));
                continue;
            }
            ZkSumcheck.Result res = ZkSumcheck.verify(ctx, "sumcheck" + k, inputVars[k], 2, null, zkFactors(k));
            entry = entry.plus(ext, res.maskSum());
            entryValue = ext.add(entryValue, res.entryValue());
            ctx.formClaim(res.exit(), ext.mul(weightAt(ext, eqOut, k, res.point()), res.values()[1]));
        }
        ctx.formClaim(entry, entryValue);
    }

    /**
     * w_k(s) = sum over the outputs i that copy input k of eq(r, i) eq(s, from(i)). An input
     * much larger than what is copied from it (a few entries sliced or gathered out of a large tensor)
     * takes eq(s, from(i)) entry by entry, in time linear in the copies times the variables;
     * otherwise one table of eq(s, .) over the input.
     */
    private long[] weightAt(ExtensionField ext, long[] eqOut, int k, long[] s) {
        int d = ext.degree();
        int vars = s.length / d;
        int copies = 0;
        for (int f : fromInput) {
            copies += f == k ? 1 : 0;
        }
        long[] weight = new long[d];
        long[] tmp = new long[d];
        if ((long) copies * vars < 1L << vars) {
            long[] oneMinus = new long[vars * d];
            for (int j = 0; j < vars; j++) {
                ext.sub(oneMinus, j * d, ext.one(), 0, s, j * d);
            }
            for (int i = 0; i < fromInput.length; i++) {
                if (fromInput[i] == k) {
                    System.arraycopy(eqOut, i * d, tmp, 0, d);
                    for (int j = 0; j < vars; j++) {
                        ext.mul(tmp, 0, tmp, 0, ((fromIndex[i] >>> j) & 1) == 1 ? s : oneMinus, j * d);
                    }
                    ext.add(weight, 0, weight, 0, tmp, 0);
                }
            }
            return weight;
        }
        long[] eqIn = Multilinear.eqTable(ext, s);
        for (int i = 0; i < fromInput.length; i++) {
            if (fromInput[i] == k) {
                ext.mul(tmp, 0, eqOut, i * d, eqIn, fromIndex[i] * d);
                ext.add(weight, 0, weight, 0, tmp, 0);
            }
        }
        return weight;
    }

    /** sum of eq(r, i) over the outputs that copy input k's single entry. */
    private long[] scalarWeight(ExtensionField ext, long[] eqOut, int k) {
        int d = ext.degree();
        long[] w = ext.zero();
        for (int i = 0; i < fromInput.length; i++) {
            if (fromInput[i] == k) {
                ext.add(w, 0, w, 0, eqOut, i * d);
            }
        }
        return w;
    }
}
