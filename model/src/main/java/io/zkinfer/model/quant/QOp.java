package io.zkinfer.model.quant;

/**
 * The closed set of operations of the quantized IR: integer tensors in, integer tensors out,
 * each op's semantics exact (this Javadoc is the specification that {@link IntegerEvaluator}
 * implements and the prover's compiler proves, bit for bit). Each op is one layer relation of the
 * proving engine, so compilation is a one-to-one map. Inputs are named on the {@link QNode}, in
 * the order each record lists them; shapes are row-major, NCHW for images.
 */
public sealed interface QOp {
    /** The op's name in messages. */
    default String type() {
        return getClass().getSimpleName();
    }

    /**
     * Y = A B (+ bias): Y[m, n] = sum_k A[m, k] B[k, n] + bias[n]. Inputs A (stored [M, K], or
     * [K, M] when transA), B (stored [K, N], or [N, K] when transB), optional bias [N].
     */
    record MatMul(boolean transA, boolean transB) implements QOp {}

    /**
     * 2-D convolution (cross-correlation), ONNX's Conv with group 1: inputs X [N, C, H, W],
     * W [Co, C, Kh, Kw], optional bias [Co]; zero padding; output size floor((H + pads - dilation
     * (Kh - 1) - 1) / stride) + 1.
     */
    record Conv(Window window) implements QOp {}

    /**
     * y = f(clamp(q, lo, hi)) with q = floor((x M + 2^(s-1)) / 2^s), round half up; f is the
     * identity when {@code f} is null. Input x. The quotient q must fit 16 signed bits for every
     * x the input's bound allows (checked when the graph is built).
     *
     * @param multiplier M >= 1
     * @param shift s in [1, 48]
     * @param f a function over [lo, hi], or null for the identity
     */
    record Requantize(long multiplier, int shift, long lo, long hi, IntTable f) implements QOp {
        public Requantize {
            if (multiplier < 1 || shift < 1 || shift > 48 || lo > hi) {
                throw new IllegalArgumentException("requantization needs M >= 1, 1 <= s <= 48, lo <= hi; got M="
                        + multiplier + " s=" + shift + " [" + lo + ", " + hi + "]");
            }
            if (f != null && (f.lo() != lo || f.hi() != hi)) {
                throw new IllegalArgumentException("the fused function covers [" + f.lo() + ", " + f.hi()
                        + "], not the clamp's [" + lo + ", " + hi + "]");
            }
        }

        /** The quotient before clamping, for one input value (exact; |x M| must stay below 2^62). */
        public long quotient(long x) {
            return Math.floorDiv(Math.multiplyExact(x, multiplier) + (1L << (shift - 1)), 1L << shift);
        }

        /** The output for one input value. */
        public long apply(long x) {
            long c = Math.min(hi, Math.max(lo, quotient(x)));
            return f == null ? c : f.apply(c);
        }
    }

    /**
     * y = f(x) elementwise by lookup; x must lie in [-2^(bits-1), 2^(bits-1)), f's domain.
     *
     * @param bits 1 to 16
     */
    record Table(int bits, IntTable f) implements QOp {
        public Table {
            if (bits < 1 || bits > 16) {
                throw new IllegalArgumentException("a lookup table takes 1 to 16 input bits, got " + bits);
            }
            if (f.lo() != -(1L << (bits - 1)) || f.values().length != 1 << bits) {
                throw new IllegalArgumentException(f + " does not cover the " + bits + "-bit signed domain");
            }
        }
    }

    /** y = sum_i c_i x_i + c_0, elementwise over inputs of one shape. */
    record Linear(long[] coefficients, long constant) implements QOp {
        public Linear {
            if (coefficients.length == 0) {
                throw new IllegalArgumentException("a linear combination needs at least one input");
            }
            coefficients = coefficients.clone();
        }

        @Override
        public long[] coefficients() {
            return coefficients.clone();
        }
    }

    /** y = a b, elementwise over two inputs of one shape. */
    record Hadamard() implements QOp {}

    /** Sum pooling of X [N, C, H, W] over kernelH x kernelW windows (zero padding counts as zeros). */
    record SumPool(int kernelH, int kernelW, Window window) implements QOp {}

    /** The sum over {@code axes} (sorted, distinct), dropped or kept as 1. */
    record ReduceSum(int[] axes, boolean keepDims) implements QOp {
        public ReduceSum {
            axes = axes.clone();
        }

        @Override
        public int[] axes() {
            return axes.clone();
        }
    }

    /** The maximum over one axis; the input's bound is at most 2^15. */
    record ReduceMax(int axis, boolean keepDims) implements QOp {}

    /** The index of the first maximum over one axis (ties go to the lowest index); input bound at most 2^15. */
    record ArgMax(int axis, boolean keepDims) implements QOp {}

    /** Max pooling of X [N, C, H, W]; padding never wins; input bound at most 2^15. */
    record MaxPool(int kernelH, int kernelW, Window window) implements QOp {}

    /**
     * q = floor(a / b) elementwise (remainder in [0, b)); b in [max(1, minDivisor), 2^16] and q in
     * [-2^15, 2^15) for every input the bounds allow.
     */
    record Division(long minDivisor) implements QOp {}

    /** The same values in a new shape of the same size (row-major order kept). */
    record Reshape(int[] shape) implements QOp {
        public Reshape {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    /** Axes permuted: output axis i is input axis perm[i]. */
    record Transpose(int[] perm) implements QOp {
        public Transpose {
            perm = perm.clone();
        }

        @Override
        public int[] perm() {
            return perm.clone();
        }
    }

    /** The inputs joined along one axis. */
    record Concat(int axis) implements QOp {}

    /** out[i] = in[start + i step] per axis, for i < size (steps positive). */
    record Slice(int[] start, int[] step, int[] size) implements QOp {
        public Slice {
            start = start.clone();
            step = step.clone();
            size = size.clone();
        }

        @Override
        public int[] start() {
            return start.clone();
        }

        @Override
        public int[] step() {
            return step.clone();
        }

        @Override
        public int[] size() {
            return size.clone();
        }
    }

    /** Zero padding: before[i] zeros ahead of axis i, after[i] behind it. */
    record Pad(int[] before, int[] after) implements QOp {
        public Pad {
            before = before.clone();
            after = after.clone();
        }

        @Override
        public int[] before() {
            return before.clone();
        }

        @Override
        public int[] after() {
            return after.clone();
        }
    }

    /** Entries of one axis picked by constant indices (non-negative, in range); the axis becomes indices' length. */
    record Gather(int axis, int[] indices) implements QOp {
        public Gather {
            indices = indices.clone();
        }

        @Override
        public int[] indices() {
            return indices.clone();
        }
    }

    /** numpy broadcasting of the input to {@code shape} (same rank; each input dimension 1 or equal). */
    record Broadcast(int[] shape) implements QOp {
        public Broadcast {
            shape = shape.clone();
        }

        @Override
        public int[] shape() {
            return shape.clone();
        }
    }

    /**
     * Strides, dilations and zero padding of a 2-D window.
     *
     * @param pads top, left, bottom, right
     */
    record Window(int strideH, int strideW, int dilationH, int dilationW, int padTop, int padLeft, int padBottom,
            int padRight) {
        public Window {
            if (strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1 || padTop < 0 || padLeft < 0
                    || padBottom < 0 || padRight < 0) {
                throw new IllegalArgumentException("strides and dilations must be positive and pads non-negative");
            }
        }

        /** Stride 1, dilation 1, no padding. */
        public static final Window DEFAULT = new Window(1, 1, 1, 1, 0, 0, 0, 0);

        /** The output size along one axis (floor mode), or a value below 1 when the window does not fit. */
        public static int outputSize(int in, int kernel, int stride, int dilation, int padBefore, int padAfter) {
            return Math.floorDiv(in + padBefore + padAfter - dilation * (kernel - 1) - 1, stride) + 1;
        }

        public int outputHeight(int h, int kh) {
            return outputSize(h, kh, strideH, dilationH, padTop, padBottom);
        }

        public int outputWidth(int w, int kw) {
            return outputSize(w, kw, strideW, dilationW, padLeft, padRight);
        }
    }
}
