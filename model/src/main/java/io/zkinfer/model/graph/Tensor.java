package io.zkinfer.model.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable dense tensor of the float IR: a shape, an element type and the elements in
 * row-major order, held as doubles. The reference evaluator computes in double precision so that
 * its results can judge both ONNX Runtime's float32 results and the integer evaluator's.
 *
 * <p>INT64 tensors hold integers exactly (|value| at most 2^53), which covers indices and shapes.
 */
public final class Tensor {
    private final ElementType type;
    private final int[] shape;
    private final double[] data;

    private Tensor(ElementType type, int[] shape, double[] data) {
        this.type = Objects.requireNonNull(type);
        this.shape = shape.clone();
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
        }
        if (data.length != Shapes.size(shape)) {
            throw new IllegalArgumentException(data.length + " values for shape " + Arrays.toString(shape));
        }
        this.data = data.clone();
    }

    /** A FLOAT tensor with these values (copied). */
    public static Tensor of(int[] shape, double... values) {
        return new Tensor(ElementType.FLOAT, shape, values);
    }

    /** A FLOAT tensor with these float32 values (widened). */
    public static Tensor ofFloats(int[] shape, float... values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            d[i] = values[i];
        }
        return new Tensor(ElementType.FLOAT, shape, d);
    }

    /** An INT64 tensor with these values. */
    public static Tensor ofLongs(int[] shape, long... values) {
        double[] d = new double[values.length];
        for (int i = 0; i < d.length; i++) {
            if (values[i] > (1L << 53) || values[i] < -(1L << 53)) {
                throw new IllegalArgumentException("int64 value beyond 2^53: " + values[i]);
            }
            d[i] = values[i];
        }
        return new Tensor(ElementType.INT64, shape, d);
    }

    /** A tensor of the given type whose values are doubles (integers when type is INT64). */
    public static Tensor of(ElementType type, int[] shape, double[] values) {
        if (type == ElementType.INT64) {
            for (double v : values) {
                if (v != Math.rint(v) || Math.abs(v) > 0x1p53) {
                    throw new IllegalArgumentException("not an int64 value: " + v);
                }
            }
        }
        return new Tensor(type, shape, values);
    }

    /** A FLOAT scalar (rank 0). */
    public static Tensor scalar(double value) {
        return new Tensor(ElementType.FLOAT, new int[0], new double[] {value});
    }

    public ElementType type() {
        return type;
    }

    /** A copy of the shape. */
    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis];
    }

    /** The number of elements. */
    public int size() {
        return data.length;
    }

    /** The element at this row-major index. */
    public double get(int flatIndex) {
        return data[flatIndex];
    }

    /** A copy of the elements, row-major. */
    public double[] toDoubleArray() {
        return data.clone();
    }

    /** The elements rounded to float32, row-major. */
    public float[] toFloatArray() {
        float[] f = new float[data.length];
        for (int i = 0; i < f.length; i++) {
            f[i] = (float) data[i];
        }
        return f;
    }

    /** The elements as longs (exact for INT64; truncated toward zero for FLOAT). */
    public long[] toLongArray() {
        long[] l = new long[data.length];
        for (int i = 0; i < l.length; i++) {
            l[i] = (long) data[i];
        }
        return l;
    }

    /** This tensor's name-free description, for shape checks. */
    public TensorInfo info(String name) {
        return new TensorInfo(name, type, shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Tensor t && type == t.type && Arrays.equals(shape, t.shape)
                && Arrays.equals(data, t.data);
    }

    @Override
    public int hashCode() {
        return Objects.hash(type, Arrays.hashCode(shape), Arrays.hashCode(data));
    }

    @Override
    public String toString() {
        String values = data.length <= 16 ? Arrays.toString(data) : "[" + data.length + " values]";
        return type + Arrays.toString(shape) + " " + values;
    }
}
