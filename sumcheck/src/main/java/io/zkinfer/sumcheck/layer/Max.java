package io.zkinfer.sumcheck.layer;

import io.zkinfer.sumcheck.circuit.AccumulatorOverflowException;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import java.math.BigInteger;

/**
 * The maximum over an axis (ONNX ReduceMax), the index of the first maximum (ArgMax) and max
 * pooling, proven by comparisons: range checks on differences, composed from existing layers.
 * Inputs are 16-bit signed values: the builder rejects an input bound above 2^15, so that honest
 * differences fit the 16-bit range checks, and honest entries lie in [-2^15, 2^15) (an entry of
 * +2^15 fails the witness's range check).
 *
 * <p><b>Relation.</b> For each line e_0, ..., e_{n-1} along the axis the prover commits the
 * maximum m and a selector s (a {@link Selection} layer writes both), and the circuit proves
 * <ol>
 *   <li>s_i in {0, 1}: a 1-bit range check;
 *   <li>sum_i s_i = 1: a {@link ReduceSum} minus 1, {@link ZeroCheck}ed;
 *   <li>m + 2^15 in [0, 2^16): m is a 16-bit signed value;
 *   <li>d_i = m - e_i in [0, 2^16): m spread over the line (a {@link Wiring}), a {@link Linear}
 *       difference, a 16-bit range check (in one lookup argument with (3));
 *   <li>s_i d_i = 0 for every entry: a {@link Hadamard} product, zero-checked entry by entry.
 * </ol>
 * The range checks are lookups. Padding entries of s and m are not forced to zero (lookups take
 * padding rows as a fixed table row), which is harmless: no layer reads padding into a logical
 * value.
 *
 * <p><b>Soundness.</b> By (1) and (2) the s_i are integers 0 or 1 whose integer sum (at most
 * n < p) is 1, so exactly one s_j is 1. By (5) s_j d_j = 0 in the field, which has no zero
 * divisors, so d_j = 0 and m = e_j. By (3) m is an integer in [-2^15, 2^15), and by (4)
 * e_i = m - d_i with d_i an integer in [0, 2^16): e_i is the integer m - d_i (it decodes to it,
 * the difference being far from p/2), at most m. Hence m = max_i e_i, with no assumption on the
 * input (its bound only keeps honest differences within 16 bits). Checking s_i d_i = 0
 * entry-wise rather than sum_i s_i d_i = 0 costs one sumcheck less; the summed form would be
 * sound too, because d_i < 2^16 and s_i in {0, 1} make every product an exact integer in
 * [0, 2^16) and n 2^16 < p, so the sum cannot wrap around to zero unless every term is zero.
 * Each zero check errs with probability at most (variables) / |F|, each sumcheck as its layer
 * states, each lookup as LogUp-GKR does.
 *
 * <p><b>ArgMax</b> commits the prefix sums P_i = sum_{k <= i} s_k instead of s and derives
 * s_i = P_i - P_{i-1} (with P_{-1} = 0: a {@link Wiring} shift and a {@link Linear}); (1) and
 * (2) hold for the derived s, and telescoping makes P its prefix sums, so P_i = [i >= j]. Check
 * (4) becomes t_i = d_i - 1 + P_i in [0, 2^16), so e_i = m - t_i - 1 + P_i is an integer at most
 * m - 1 + P_i: for i < j, P_i = 0 forces a strict e_i < m; for i >= j, e_i <= m. So j is the
 * <b>first</b> index of the maximum: ties go to the lowest index, ONNX's select_last_index = 0.
 * The index output is sum_i (1 - P_i) = n - sum_i P_i = j, a {@link ReduceSum} and a
 * {@link Linear}, with no table of indices.
 *
 * <p><b>Max pooling</b> gathers each window's taps into a last axis (a {@link Wiring}) and takes
 * its maximum. A tap in the padding is wired to the window's first tap inside the input: a copy
 * of an entry already in the window never changes its maximum, so padding never wins, as ONNX's
 * MaxPool pads with minus infinity.
 */
public final class Max {
    /** The largest input bound: entries are 16-bit signed values. */
    public static final long INPUT_BOUND = 1L << 15;

    private static final int BITS = 16;

    private Max() {}

    /**
     * The tensors a maximum adds.
     *
     * @param max the maxima (committed): the input's shape with the axis reduced
     * @param index for {@link #argMax}, the indices of the first maxima (intermediate, of the
     *     maxima's shape); -1 otherwise
     * @param selector the one-hot selector s (committed for {@link #reduce}, intermediate for
     *     {@link #argMax}), of the input's shape
     * @param prefix for {@link #argMax}, the committed prefix sums P of s; -1 otherwise
     */
    public record Result(int max, int index, int selector, int prefix) {}

    /**
     * Adds m = max_i x[..., i, ...] over {@code axis} and returns its tensors; {@code max} is
     * named {@code name}.
     *
     * @param axis the axis to reduce; negative axes count from the last, as in ONNX
     * @param keepDims whether the axis stays as a dimension of 1 (ONNX's default) or is dropped
     * @throws AccumulatorOverflowException if the input's bound exceeds 2^15
     */
    public static Result reduce(CircuitBuilder cb, String name, int x, int axis, boolean keepDims) {
        return build(cb, name, name, x, axis, keepDims, false);
    }

    /**
     * Adds the index of the first maximum of x over {@code axis} (ties to the lowest index) and
     * the maximum itself; {@code index} is named {@code name} and the maximum
     * {@code name + "/max"}.
     *
     * @param axis the axis to reduce; negative axes count from the last, as in ONNX
     * @param keepDims whether the axis stays as a dimension of 1 (ONNX's default) or is dropped,
     *     for both the indices and the maxima
     * @throws AccumulatorOverflowException if the input's bound exceeds 2^15
     */
    public static Result argMax(CircuitBuilder cb, String name, int x, int axis, boolean keepDims) {
        return build(cb, name, name + "/max", x, axis, keepDims, true);
    }

    /**
     * Adds max pooling of x [N, C, H, W] over windows of kernelH x kernelW taps placed by
     * {@code geometry} (strides, dilations, padding that never wins; ONNX's output size, floor
     * mode; ceil mode is extra padding at the bottom and right). The result's {@code max} is
     * [N, C, Ho, Wo], named {@code name}; its selector is over the gathered windows
     * [N, C, Ho, Wo, kernelH kernelW].
     *
     * @throws IllegalArgumentException if x is not of rank 4, the window does not fit, or a window
     *     lies entirely in the padding
     * @throws AccumulatorOverflowException if the input's bound exceeds 2^15
     */
    public static Result pool(CircuitBuilder cb, String name, int x, int kernelH, int kernelW,
            Conv2d.Geometry geometry) {
        Shape in = cb.get(x).shape();
        if (in.rank() != 4) {
            throw new IllegalArgumentException(name + ": max pooling takes an input [N, C, H, W], got " + in);
        }
        ConvAxis rows = geometry.rows(name, in.dim(2), kernelH);
        ConvAxis cols = geometry.cols(name, in.dim(3), kernelW);
        int[] firstRow = firstInside(name, "row", rows);
        int[] firstCol = firstInside(name, "column", cols);
        Shape windows = Shape.of(in.dim(0), in.dim(1), rows.out, cols.out, kernelH * kernelW);
        int gathered = Wiring.add(cb, name + "/windows", "maxpool-windows", new int[] {x}, windows, c -> {
            int u = rows.source(c[2], c[4] / kernelW);
            int v = cols.source(c[3], c[4] % kernelW);
            if (u < 0 || u >= rows.in || v < 0 || v >= cols.in) {
                u = rows.source(c[2], firstRow[c[2]]);
                v = cols.source(c[3], firstCol[c[3]]);
            }
            return new int[] {0, in.index(c[0], c[1], u, v)};
        });
        return reduce(cb, name, gathered, 4, false);
    }

    /** Per output position of one axis, its first tap inside the input. */
    private static int[] firstInside(String name, String what, ConvAxis axis) {
        int[] first = new int[axis.out];
        for (int o = 0; o < axis.out; o++) {
            int k = 0;
            while (k < axis.kernel && (axis.source(o, k) < 0 || axis.source(o, k) >= axis.in)) {
                k++;
            }
            if (k == axis.kernel) {
                throw new IllegalArgumentException(name + ": the window of output " + what + " " + o
                        + " lies entirely in the padding; pads must leave every window a tap inside the input");
            }
            first[o] = k;
        }
        return first;
    }

    private static Result build(CircuitBuilder cb, String name, String maxName, int x, int axis, boolean keepDims,
            boolean arg) {
        Tensor tx = cb.get(x);
        Shape shape = tx.shape();
        int k = axis < 0 ? axis + shape.rank() : axis;
        if (k < 0 || k >= shape.rank()) {
            throw new IllegalArgumentException(name + ": axis " + axis + " is outside a tensor of shape " + shape);
        }
        if (tx.bound().compareTo(BigInteger.valueOf(INPUT_BOUND)) > 0) {
            throw new AccumulatorOverflowException(name + ": entries may reach +-" + tx.bound()
                    + ", beyond the 16-bit signed values a maximum compares; requantize the input to 16 bits first");
        }
        int n = shape.dim(k);
        int[] dims = shape.dims();
        Shape maxShape;
        if (keepDims) {
            dims[k] = 1;
            maxShape = Shape.of(dims);
        } else {
            int[] rest = new int[dims.length - 1];
            System.arraycopy(dims, 0, rest, 0, k);
            System.arraycopy(dims, k + 1, rest, k, dims.length - k - 1);
            maxShape = Shape.of(rest);
        }
        int m = cb.tensor(maxName, maxShape, Tensor.Kind.COMMITTED, false, tx.bound());
        int marks = cb.tensor(name + (arg ? "/prefix" : "/selector"), shape, Tensor.Kind.COMMITTED, false, 1);
        cb.layer(new Selection(arg ? Selection.Form.PREFIX : Selection.Form.ONE_HOT, x, k, m, marks, shape,
                maxShape));
        int s = marks;
        if (arg) {
            int shifted = Wiring.add(cb, name + "/prefix-shifted", "shift", new int[] {marks}, shape, c -> {
                if (c[k] == 0) {
                    return null;
                }
                int[] src = c.clone();
                src[k]--;
                return new int[] {0, shape.index(src)};
            });
            s = Linear.difference(cb, name + "/selector", marks, shifted);
        }
        RangeCheck.unsigned(cb, name + "/selector-bits", 1, s);
        int count = ReduceSum.add(cb, name + "/selector-count", s, new int[] {k}, true);
        ZeroCheck.add(cb, Linear.add(cb, name + "/selector-count-minus-1", new int[] {count}, new long[] {1}, -1));

        int spread = Wiring.add(cb, name + "/max-spread", "spread", new int[] {m}, shape,
                c -> new int[] {0, Selection.reducedIndex(shape, k, shape.index(c))});
        int gaps = Linear.difference(cb, name + "/gaps", spread, x);
        ZeroCheck.add(cb, Hadamard.add(cb, name + "/selected-gap", s, gaps));
        int ranged = arg ? Linear.add(cb, name + "/gaps-tie-break", new int[] {gaps, marks}, new long[] {1, 1}, -1)
                : gaps;
        // Entries lie in [-B, B]: gaps and m + B lie in [0, 2B], so ranges sized to 2B suffice
        // (smaller tables than 16 bits for int8 data).
        long bound = tx.bound().longValueExact();
        int bits = Math.min(BITS, Math.max(1, 64 - Long.numberOfLeadingZeros(2 * bound)));
        int maxOffset = Linear.add(cb, name + "/max-offset", new int[] {m}, new long[] {1}, bound);
        RangeCheck.unsigned(cb, name + "/gaps-range", bits, ranged, maxOffset);

        int index = -1;
        if (arg) {
            int prefixSum = ReduceSum.add(cb, name + "/prefix-sum", marks, new int[] {k}, keepDims);
            index = Linear.add(cb, name, new int[] {prefixSum}, new long[] {-1}, n);
        }
        return new Result(m, index, s, arg ? marks : -1);
    }
}
