package io.zkinfer.model.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * The closed set of operations of the float IR, one record per op with typed, resolved
 * attributes. The importer resolves everything ONNX leaves implicit or version dependent (default
 * values, negative axes, auto_pad, attributes given as constant inputs), so each record says
 * exactly what its node computes. Inputs and outputs are named on the {@link Node}; inputs that
 * are constants (weights, biases) are initializers of the graph.
 *
 * <p>Axes are non-negative; pads list all begins then all ends (ONNX order); layouts are NCHW.
 * Array-valued components are copied in and out.
 */
public sealed interface Op {

    /** How this op is proven; see {@link OpKind}. */
    OpKind kind();

    /** The op's name, as in ONNX where one exists (e.g. "Conv"). */
    default String type() {
        return getClass().getSimpleName();
    }

    // ---- linear ------------------------------------------------------------------------------

    /** Y = alpha * op(A) * op(B) + beta * C; inputs A [M,K], B [K,N], optional C broadcast to [M,N]. */
    record Gemm(double alpha, double beta, boolean transA, boolean transB) implements Op {
        public OpKind kind() { return OpKind.LINEAR; }
    }

    /** numpy matmul: 1-D operands promoted, leading (batch) dimensions broadcast. */
    record MatMul() implements Op {
        public OpKind kind() { return OpKind.LINEAR; }
    }

    /**
     * N-d convolution (cross-correlation) of X [N, C, spatial...] with W [M, C/group, kernel...],
     * plus an optional bias B [M].
     *
     * @param kernel kernel size per spatial axis
     * @param strides stride per spatial axis
     * @param pads explicit zero padding, begins then ends (auto_pad already resolved)
     * @param dilations dilation per spatial axis
     * @param group number of channel groups
     */
    record Conv(int[] kernel, int[] strides, int[] pads, int[] dilations, int group) implements Op {
        public Conv {
            kernel = kernel.clone(); strides = strides.clone(); pads = pads.clone(); dilations = dilations.clone();
            checkSpatial(kernel, strides, pads, dilations);
            if (group < 1) throw new IllegalArgumentException("group " + group);
        }
        public int[] kernel() { return kernel.clone(); }
        public int[] strides() { return strides.clone(); }
        public int[] pads() { return pads.clone(); }
        public int[] dilations() { return dilations.clone(); }
        public OpKind kind() { return OpKind.LINEAR; }
        @Override public String toString() {
            return "Conv[kernel=" + Arrays.toString(kernel) + ", strides=" + Arrays.toString(strides)
                    + ", pads=" + Arrays.toString(pads) + ", dilations=" + Arrays.toString(dilations)
                    + ", group=" + group + "]";
        }
    }

    /** Elementwise A + B with numpy broadcasting. */
    record Add() implements Op {
        public OpKind kind() { return OpKind.LINEAR; }
    }

    /** Elementwise A - B with numpy broadcasting. */
    record Sub() implements Op {
        public OpKind kind() { return OpKind.LINEAR; }
    }

    /** Elementwise A * B with numpy broadcasting. */
    record Mul() implements Op {
        public OpKind kind() { return OpKind.LINEAR; }
    }

    /** Elementwise A / B with numpy broadcasting (quantizable when B is constant). */
    record Div() implements Op {
        public OpKind kind() { return OpKind.LINEAR; }
    }

    /**
     * Average pooling over the spatial axes of X [N, C, spatial...].
     *
     * @param countIncludePad whether padded positions count in the divisor
     * @param ceilMode whether output sizes round up (extra windows are clipped to the input)
     */
    record AveragePool(int[] kernel, int[] strides, int[] pads, boolean countIncludePad, boolean ceilMode)
            implements Op {
        public AveragePool {
            kernel = kernel.clone(); strides = strides.clone(); pads = pads.clone();
            checkSpatial(kernel, strides, pads, ones(kernel.length));
        }
        public int[] kernel() { return kernel.clone(); }
        public int[] strides() { return strides.clone(); }
        public int[] pads() { return pads.clone(); }
        public OpKind kind() { return OpKind.LINEAR; }
        @Override public String toString() {
            return "AveragePool[kernel=" + Arrays.toString(kernel) + ", strides=" + Arrays.toString(strides)
                    + ", pads=" + Arrays.toString(pads) + ", countIncludePad=" + countIncludePad
                    + ", ceilMode=" + ceilMode + "]";
        }
    }

    /** The mean over all spatial axes of X [N, C, spatial...], keeping them as size 1. */
    record GlobalAveragePool() implements Op {
        public OpKind kind() { return OpKind.LINEAR; }
    }

    /**
     * Inference-mode batch normalization of X [N, C, ...]: inputs X, scale, bias, mean, var
     * (each [C]); y = (x - mean) / sqrt(var + epsilon) * scale + bias.
     */
    record BatchNormalization(double epsilon) implements Op {
        public OpKind kind() { return OpKind.LINEAR; }
    }

    /** Sum over the given axes (sorted, distinct). */
    record ReduceSum(int[] axes, boolean keepDims) implements Op {
        public ReduceSum { axes = checkAxes(axes); }
        public int[] axes() { return axes.clone(); }
        public OpKind kind() { return OpKind.LINEAR; }
        @Override public String toString() { return "ReduceSum[axes=" + Arrays.toString(axes) + ", keepDims=" + keepDims + "]"; }
    }

    /** Mean over the given axes (sorted, distinct). */
    record ReduceMean(int[] axes, boolean keepDims) implements Op {
        public ReduceMean { axes = checkAxes(axes); }
        public int[] axes() { return axes.clone(); }
        public OpKind kind() { return OpKind.LINEAR; }
        @Override public String toString() { return "ReduceMean[axes=" + Arrays.toString(axes) + ", keepDims=" + keepDims + "]"; }
    }

    // ---- lookups: nonlinear, elementwise -----------------------------------------------------

    /** max(x, 0). */
    record Relu() implements Op {
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    /** x if x >= 0, else alpha * x. */
    record LeakyRelu(double alpha) implements Op {
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    /** 1 / (1 + e^-x). */
    record Sigmoid() implements Op {
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    /** tanh(x). */
    record Tanh() implements Op {
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    /** e^x. */
    record Exp() implements Op {
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    /** The error function. */
    record Erf() implements Op {
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    /** x * (1 + erf(x / sqrt 2)) / 2, the exact GELU (fused from PyTorch's Erf subgraph). */
    record Gelu() implements Op {
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    /** The square root (NaN below 0, as in ONNX). */
    record Sqrt() implements Op {
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    /** x raised to a constant exponent. */
    record Pow(double exponent) implements Op {
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    /** min(max(x, min), max); infinite bounds stand for "no bound". */
    record Clip(double min, double max) implements Op {
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    /** A conversion of element type: to INT64 truncates toward zero, so it is a lookup. */
    record Cast(ElementType to) implements Op {
        public Cast { Objects.requireNonNull(to); }
        public OpKind kind() { return OpKind.LOOKUP; }
    }

    // ---- data movement -----------------------------------------------------------------------

    /** A copy; kept only where a graph output must carry another tensor's value under its name. */
    record Identity() implements Op {
        public OpKind kind() { return OpKind.MOVEMENT; }
    }

    /** The same elements in row-major order under a new shape (Flatten, Squeeze, Unsqueeze too). */
    record Reshape(int[] shape) implements Op {
        public Reshape { shape = shape.clone(); }
        public int[] shape() { return shape.clone(); }
        public OpKind kind() { return OpKind.MOVEMENT; }
        @Override public String toString() { return "Reshape[shape=" + Arrays.toString(shape) + "]"; }
    }

    /** Output axis i is input axis perm[i]. */
    record Transpose(int[] perm) implements Op {
        public Transpose { perm = perm.clone(); }
        public int[] perm() { return perm.clone(); }
        public OpKind kind() { return OpKind.MOVEMENT; }
        @Override public String toString() { return "Transpose[perm=" + Arrays.toString(perm) + "]"; }
    }

    /** The inputs joined along one axis. */
    record Concat(int axis) implements Op {
        public OpKind kind() { return OpKind.MOVEMENT; }
    }

    /** How Pad fills positions outside the input. */
    enum PadMode { CONSTANT, REFLECT, EDGE }

    /**
     * Padding (negative pads crop), begins then ends per axis.
     *
     * @param value the fill value in CONSTANT mode
     */
    record Pad(int[] pads, PadMode mode, double value) implements Op {
        public Pad { pads = pads.clone(); Objects.requireNonNull(mode); }
        public int[] pads() { return pads.clone(); }
        public OpKind kind() { return OpKind.MOVEMENT; }
        @Override public String toString() { return "Pad[pads=" + Arrays.toString(pads) + ", mode=" + mode + ", value=" + value + "]"; }
    }

    /**
     * A strided window, resolved for every axis: output index i along axis d reads input index
     * starts[d] + i * steps[d], for i below sizes[d].
     */
    record Slice(int[] starts, int[] steps, int[] sizes) implements Op {
        public Slice {
            starts = starts.clone(); steps = steps.clone(); sizes = sizes.clone();
            if (starts.length != steps.length || starts.length != sizes.length) {
                throw new IllegalArgumentException("slice arrays differ in length");
            }
        }
        public int[] starts() { return starts.clone(); }
        public int[] steps() { return steps.clone(); }
        public int[] sizes() { return sizes.clone(); }
        public OpKind kind() { return OpKind.MOVEMENT; }
        @Override public String toString() {
            return "Slice[starts=" + Arrays.toString(starts) + ", steps=" + Arrays.toString(steps)
                    + ", sizes=" + Arrays.toString(sizes) + "]";
        }
    }

    /**
     * Gather along an axis with constant, non-negative indices of the given shape; the output
     * shape is data's with that axis replaced by indicesShape.
     */
    record Gather(int axis, int[] indices, int[] indicesShape) implements Op {
        public Gather { indices = indices.clone(); indicesShape = indicesShape.clone(); }
        public int[] indices() { return indices.clone(); }
        public int[] indicesShape() { return indicesShape.clone(); }
        public OpKind kind() { return OpKind.MOVEMENT; }
        @Override public String toString() {
            return "Gather[axis=" + axis + ", indices=" + Arrays.toString(indices)
                    + ", indicesShape=" + Arrays.toString(indicesShape) + "]";
        }
    }

    // ---- comparisons -------------------------------------------------------------------------

    /** Max pooling; padded positions never win. */
    record MaxPool(int[] kernel, int[] strides, int[] pads, int[] dilations, boolean ceilMode) implements Op {
        public MaxPool {
            kernel = kernel.clone(); strides = strides.clone(); pads = pads.clone(); dilations = dilations.clone();
            checkSpatial(kernel, strides, pads, dilations);
        }
        public int[] kernel() { return kernel.clone(); }
        public int[] strides() { return strides.clone(); }
        public int[] pads() { return pads.clone(); }
        public int[] dilations() { return dilations.clone(); }
        public OpKind kind() { return OpKind.COMPARISON; }
        @Override public String toString() {
            return "MaxPool[kernel=" + Arrays.toString(kernel) + ", strides=" + Arrays.toString(strides)
                    + ", pads=" + Arrays.toString(pads) + ", dilations=" + Arrays.toString(dilations)
                    + ", ceilMode=" + ceilMode + "]";
        }
    }

    /** Maximum over the given axes (sorted, distinct). */
    record ReduceMax(int[] axes, boolean keepDims) implements Op {
        public ReduceMax { axes = checkAxes(axes); }
        public int[] axes() { return axes.clone(); }
        public OpKind kind() { return OpKind.COMPARISON; }
        @Override public String toString() { return "ReduceMax[axes=" + Arrays.toString(axes) + ", keepDims=" + keepDims + "]"; }
    }

    /** Index (INT64) of the maximum along an axis; ties go to the first, or the last, index. */
    record ArgMax(int axis, boolean keepDims, boolean selectLastIndex) implements Op {
        public OpKind kind() { return OpKind.COMPARISON; }
    }

    // ---- composite ---------------------------------------------------------------------------

    /** exp(x - max) / sum(exp(x - max)) along one axis. */
    record Softmax(int axis) implements Op {
        public OpKind kind() { return OpKind.COMPOSITE; }
    }

    /**
     * Normalization over the axes from {@code axis} to the last: inputs X, Scale and optional B,
     * both broadcast to the normalized axes' shape.
     */
    record LayerNormalization(int axis, double epsilon) implements Op {
        public OpKind kind() { return OpKind.COMPOSITE; }
    }

    // ---- checks shared by the records --------------------------------------------------------

    private static void checkSpatial(int[] kernel, int[] strides, int[] pads, int[] dilations) {
        int n = kernel.length;
        if (strides.length != n || dilations.length != n || pads.length != 2 * n) {
            throw new IllegalArgumentException("spatial attributes differ in length");
        }
        for (int i = 0; i < n; i++) {
            if (kernel[i] < 1 || strides[i] < 1 || dilations[i] < 1 || pads[i] < 0 || pads[n + i] < 0) {
                throw new IllegalArgumentException("spatial attribute out of range");
            }
        }
    }

    private static int[] checkAxes(int[] axes) {
        int[] a = axes.clone();
        for (int i = 0; i < a.length; i++) {
            if (a[i] < 0 || (i > 0 && a[i] <= a[i - 1])) {
                throw new IllegalArgumentException("axes must be sorted, distinct, non-negative: " + Arrays.toString(a));
            }
        }
        return a;
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }
}
