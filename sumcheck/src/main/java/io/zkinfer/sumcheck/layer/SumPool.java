package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Eq;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.circuit.Witness;
import io.zkinfer.sumcheck.circuit.ZkSumcheck;
import java.math.BigInteger;

/**
 * Sum pooling in NCHW layout: out[n, c, y, x] = sum_{ky < Kh, kx < Kw} in[n, c, y sh + ky dh - pt,
 * x sw + kx dw - pl], over a window of {@link Conv2d.Geometry} (strides, dilations, zero padding;
 * ONNX's output size, floor mode).
 *
 * <p>Average pooling is this layer followed by a requantization that divides by the window
 * size: {@link #windowSize} (Kh Kw) under ONNX's count_include_pad = 1, where padded taps count
 * as zeros. Under count_include_pad = 0 (ONNX's default) a border window divides by the number
 * of its taps inside the input instead, which {@link #insideTaps} gives per output position, so
 * that division needs a per-position multiplier (or padding 0, where the two agree). The sum
 * itself is the same either way, which is all this layer proves. ONNX's ceil_mode = 1 is not a
 * parameter: for the sum it is extra zero padding at the bottom and right (one stride's worth at
 * most), which the importer can add to the geometry.
 *
 * <p>Protocol: a claim out(r_nc, r_y, r_x) = v is the sumcheck (degree 2, over the input's
 * variables) of sum_{n, c, u, v} eq(r_nc, (n, c)) A(u) B(v) in[n, c, u, v], where A(u) sums
 * eq(r_y, y) over the logical output rows y and taps ky that read row u (B likewise); the
 * prover sends in(t), which becomes a claim, and the verifier evaluates the weight at t from A
 * and B (tables of O(Kh Ho + H) and O(Kw Wo + W) work). Prover time is linear in the input.
 * Soundness error 2 n_in / |F|.
 *
 * <p>Zero knowledge ({@link #proveZk}): the same sumcheck as a {@link ZkSumcheck} at a point the
 * layer draws, its sum the hidden [y at r], the input a masked factor; soundness error
 * (7 n_in + 1) / |F|.
 */
public final class SumPool extends WeightedSum {
    private final Conv2d.Geometry geometry;
    private final ConvAxis rows;
    private final ConvAxis cols;

    private SumPool(int in, int out, Conv2d.Geometry geometry, Shape inShape, Shape outShape, ConvAxis rows,
            ConvAxis cols) {
        super(in, out, inShape, outShape);
        this.geometry = geometry;
        this.rows = rows;
        this.cols = cols;
    }

    /**
     * Adds the window sums of {@code input} and returns them, an intermediate tensor of shape
     * [N, C, Ho, Wo].
     *
     * @param input a tensor [N, C, H, W]
     * @throws IllegalArgumentException if the input is not of rank 4 or the window does not fit
     * @throws io.zkinfer.sumcheck.circuit.AccumulatorOverflowException if the bound Kh Kw |in|
     *     reaches p/2
     */
    public static int add(CircuitBuilder cb, String name, int input, int kernelH, int kernelW,
            Conv2d.Geometry geometry) {
        Tensor ti = cb.get(input);
        if (ti.shape().rank() != 4) {
            throw new IllegalArgumentException(name + ": sum pooling takes an input [N, C, H, W], got " + ti.shape());
        }
        int[] x = ti.shape().dims();
        ConvAxis rows = geometry.rows(name, x[2], kernelH);
        ConvAxis cols = geometry.cols(name, x[3], kernelW);
        BigInteger bound = ti.bound().multiply(BigInteger.valueOf((long) kernelH * kernelW));
        Shape outShape = Shape.of(x[0], x[1], rows.out, cols.out);
        int out = cb.tensor(name, outShape, Tensor.Kind.INTERMEDIATE, false, bound);
        cb.layer(new SumPool(input, out, geometry, ti.shape(), outShape, rows, cols));
        return out;
    }

    /**
     * The taps of each output position that read inside the input, row-major over (Ho, Wo): the
     * divisors of average pooling under count_include_pad = 0.
     */
    public static int[] insideTaps(int height, int width, int kernelH, int kernelW, Conv2d.Geometry geometry) {
        ConvAxis rows = geometry.rows("pool", height, kernelH);
        ConvAxis cols = geometry.cols("pool", width, kernelW);
        int[] taps = new int[rows.out * cols.out];
        for (int y = 0; y < rows.out; y++) {
            for (int x = 0; x < cols.out; x++) {
                taps[y * cols.out + x] = rows.validTaps(y) * cols.validTaps(x);
            }
        }
        return taps;
    }

    /** Kh Kw: the divisor of average pooling under count_include_pad = 1. */
    public int windowSize() {
        return rows.kernel * cols.kernel;
    }

    @Override
    public String describe() {
        return "sumpool(in=" + in + ",out=" + out + ",kernel=" + rows.kernel + "x" + cols.kernel + ","
                + geometry.canonical() + ")";
    }

    @Override
    public void compute(Witness w) {
        long[] xv = w.values(in);
        long[] y = new long[outShape.paddedSize()];
        int planes = inShape.dim(0) * inShape.dim(1);
        int channels = inShape.dim(1);
        int lc = inShape.log(1);
        int lh = inShape.log(2);
        int lw = inShape.log(3);
        int lco = outShape.log(1);
        int lho = outShape.log(2);
        int lwo = outShape.log(3);
        Parallel.forRange(planes, 1, (from, to) -> {
            for (int p = from; p < to; p++) {
                int n = p / channels;
                int c = p % channels;
                int inPlane = ((n << lc) | c) << (lh + lw);
                int outPlane = ((n << lco) | c) << (lho + lwo);
                for (int oy = 0; oy < rows.out; oy++) {
                    for (int ox = 0; ox < cols.out; ox++) {
                        long s = 0;
                        for (int ky = 0; ky < rows.kernel; ky++) {
                            int u = rows.source(oy, ky);
                            if (u < 0 || u >= rows.in) {
                                continue;
                            }
                            for (int kx = 0; kx < cols.kernel; kx++) {
                                int v = cols.source(ox, kx);
                                if (v >= 0 && v < cols.in) {
                                    s = Goldilocks.add(s, xv[inPlane | (u << lw) | v]);
                                }
                            }
                        }
                        y[outPlane | (oy << lwo) | ox] = s;
                    }
                }
            }
        });
        w.set(out, y);
    }

    /** The weight over the input: eq(r_nc, (n, c)) A(u) B(v). */
    @Override
    long[] weightTable(ExtensionField ext, long[] r) {
        return ConvWeights.kron(ext, Multilinear.eqTable(ext, planePoint(ext, r)), rowTable(ext, r), colTable(ext, r));
    }

    /** The weight at t, in O(Kh Ho + H + Kw Wo + W). */
    @Override
    long[] weightAt(ExtensionField ext, long[] r, long[] tp) {
        int lw = inShape.log(3);
        int lh = inShape.log(2);
        int planeVars = inShape.log(0) + inShape.log(1);
        long[] weight = Eq.evaluate(ext, planePoint(ext, r), Eq.slice(ext, tp, lw + lh, planeVars));
        weight = ext.mul(weight, Multilinear.evaluateExt(ext, rowTable(ext, r), Eq.slice(ext, tp, lw, lh)));
        return ext.mul(weight, Multilinear.evaluateExt(ext, colTable(ext, r), Eq.slice(ext, tp, 0, lw)));
    }

    /** The claim's coordinates of (n, c), which input and output share. */
    private long[] planePoint(ExtensionField ext, long[] r) {
        return Eq.slice(ext, r, outShape.variableOffset(1), outShape.log(0) + outShape.log(1));
    }

    private long[] rowTable(ExtensionField ext, long[] r) {
        long[] ry = Eq.slice(ext, r, outShape.variableOffset(2), outShape.log(2));
        return rows.table(ext, null, Multilinear.eqTable(ext, ry), inShape.log(2));
    }

    private long[] colTable(ExtensionField ext, long[] r) {
        long[] rx = Eq.slice(ext, r, 0, outShape.log(3));
        return cols.table(ext, null, Multilinear.eqTable(ext, rx), inShape.log(3));
    }
}
