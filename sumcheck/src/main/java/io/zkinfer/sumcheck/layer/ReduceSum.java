package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Eq;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.circuit.Witness;
import io.zkinfer.sumcheck.circuit.ZkSumcheck;
import java.math.BigInteger;
import java.util.Arrays;

/**
 * The sum of a tensor over a set of axes, ONNX's ReduceSum: kept dimensions stay in order, and
 * reduced ones are dropped or, with keepdims, left as dimensions of 1. Global average pooling
 * is the sum over H and W of [N, C, H, W], and ReduceMean is this layer followed by a
 * requantization that divides by {@link #reducedCount}.
 *
 * <p>Protocol: a claim out(r) = v (r: the kept dimensions' coordinates) is the sumcheck
 * (degree 2, over the input's variables) of sum_x w(x) in(x) with
 * w(x) = prod_{kept k} eq(r_k, x_k) prod_{reduced k} [x_k < dim_k]; the prover sends in(t),
 * which becomes a claim, and the verifier evaluates w(t) dimension by dimension in
 * O(variables) (eq, and the prefix sum of eq for the indicators). Prover time is linear in the
 * input. The indicator keeps the input's padding out of the logical sums. Soundness error
 * 2 n_in / |F|.
 *
 * <p>Zero knowledge ({@link #proveZk}): the same sumcheck as a {@link ZkSumcheck} at a point the
 * layer draws, its sum the hidden [y at r], the input a masked factor; soundness error
 * (7 n_in + 1) / |F|.
 */
public final class ReduceSum extends WeightedSum {
    private final boolean[] reduced;
    private final boolean keepDims;

    private ReduceSum(int in, int out, boolean[] reduced, boolean keepDims, Shape inShape, Shape outShape) {
        super(in, out, inShape, outShape);
        this.reduced = reduced;
        this.keepDims = keepDims;
    }

    /**
     * Adds the sum of {@code input} over {@code axes} and returns it (intermediate).
     *
     * @param axes the dimensions to sum over, at least one, each once; negative axes count from
     *     the last, as in ONNX
     * @param keepDims whether reduced dimensions stay as dimensions of 1
     * @throws IllegalArgumentException if an axis is out of range or repeated, or none is given
     * @throws io.zkinfer.sumcheck.circuit.AccumulatorOverflowException if the bound (the reduced
     *     count times |in|) reaches p/2
     */
    public static int add(CircuitBuilder cb, String name, int input, int[] axes, boolean keepDims) {
        Tensor ti = cb.get(input);
        Shape s = ti.shape();
        if (axes.length == 0) {
            throw new IllegalArgumentException(name + ": no axes to reduce; pass every axis to sum everything");
        }
        boolean[] reduced = new boolean[s.rank()];
        for (int a : axes) {
            int k = a < 0 ? a + s.rank() : a;
            if (k < 0 || k >= s.rank() || reduced[k]) {
                throw new IllegalArgumentException(name + ": axes " + Arrays.toString(axes) + " for rank " + s.rank()
                        + " must be distinct and in range");
            }
            reduced[k] = true;
        }
        long count = 1;
        int[] dims = new int[s.rank()];
        int rank = 0;
        for (int k = 0; k < s.rank(); k++) {
            if (reduced[k]) {
                count *= s.dim(k);
                if (keepDims) {
                    dims[rank++] = 1;
                }
            } else {
                dims[rank++] = s.dim(k);
            }
        }
        Shape outShape = Shape.of(Arrays.copyOf(dims, rank));
        BigInteger bound = ti.bound().multiply(BigInteger.valueOf(count));
        int out = cb.tensor(name, outShape, Tensor.Kind.INTERMEDIATE, false, bound);
        cb.layer(new ReduceSum(input, out, reduced, keepDims, s, outShape));
        return out;
    }

    /** The number of entries each output sums: ReduceMean's divisor. */
    public long reducedCount() {
        long count = 1;
        for (int k = 0; k < reduced.length; k++) {
            if (reduced[k]) {
                count *= inShape.dim(k);
            }
        }
        return count;
    }

    @Override
    public String describe() {
        StringBuilder axes = new StringBuilder();
        for (int k = 0; k < reduced.length; k++) {
            if (reduced[k]) {
                axes.append(axes.isEmpty() ? "" : ",").append(k);
            }
        }
        return "reducesum(in=" + in + ",out=" + out + ",axes=[" + axes + "],keepdims=" + keepDims + ")";
    }

    @Override
    public void compute(Witness w) {
        long[] xv = w.values(in);
        long[] y = new long[outShape.paddedSize()];
        int rank = inShape.rank();
        int[] c = new int[rank];
        long n = inShape.logicalSize();
        for (long i = 0; i < n; i++) {
            int from = 0;
            int to = 0;
            for (int k = 0; k < rank; k++) {
                from = (from << inShape.log(k)) | c[k];
                if (!reduced[k]) {
                    to = (to << inShape.log(k)) | c[k];
                }
            }
            y[to] = Goldilocks.add(y[to], xv[from]);
            for (int k = rank - 1; k >= 0; k--) {
                if (++c[k] < inShape.dim(k)) {
                    break;
                }
                c[k] = 0;
            }
        }
        w.set(out, y);
    }

    /** w over the input: eq(r_k, x_k) per kept dimension, [x_k < dim_k] per reduced one. */
    @Override
    long[] weightTable(ExtensionField ext, long[] point) {
        long[][] r = keptPoints(ext, point);
        long[][] tables = new long[inShape.rank()][];
        for (int k = 0; k < tables.length; k++) {
            tables[k] = reduced[k] ? ConvWeights.indicator(ext, inShape.log(k), inShape.dim(k))
                    : Multilinear.eqTable(ext, r[k]);
        }
        return ConvWeights.kron(ext, tables);
    }

    /** w(t), dimension by dimension in O(variables). */
    @Override
    long[] weightAt(ExtensionField ext, long[] point, long[] tp) {
        long[][] r = keptPoints(ext, point);
        long[] weight = ext.one();
        for (int k = 0; k < inShape.rank(); k++) {
            long[] tk = Eq.slice(ext, tp, inShape.variableOffset(k), inShape.log(k));
            weight = ext.mul(weight, reduced[k] ? Eq.prefixSum(ext, tk, inShape.dim(k)) : Eq.evaluate(ext, r[k], tk));
        }
        return weight;
    }

    /** The claim's coordinates of each kept input dimension (null for reduced ones). */
    private long[][] keptPoints(ExtensionField ext, long[] point) {
        long[][] r = new long[inShape.rank()][];
        int o = 0;
        for (int k = 0; k < inShape.rank(); k++) {
            if (!reduced[k] || keepDims) {
                if (!reduced[k]) {
                    r[k] = Eq.slice(ext, point, outShape.variableOffset(o), outShape.log(o));
                }
                o++;
            }
        }
        return r;
    }
}
