package io.zkinfer.model.graph;

import java.util.Arrays;
import java.util.Objects;

/**
 * The name, element type and static shape of one tensor of a graph. Every tensor of an imported
 * graph has one: shapes are fixed at import, so every later stage knows every size.
 *
 * @param name the tensor's name, unique in its graph
 * @param type its element type
 * @param shape its dimensions, outermost first (NCHW for images); empty for a scalar
 */
public record TensorInfo(String name, ElementType type, int[] shape) {
    /** Checks and copies. */
    public TensorInfo {
        Objects.requireNonNull(name);
        Objects.requireNonNull(type);
        shape = shape.clone();
        for (int d : shape) {
            if (d < 0) {
                throw new IllegalArgumentException("negative dimension in " + Arrays.toString(shape));
            }
        }
    }

    /** A copy of the shape. */
    @Override
    public int[] shape() {
        return shape.clone();
    }

    /** The number of elements. */
    public int size() {
        return Shapes.size(shape);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TensorInfo t && name.equals(t.name) && type == t.type
                && Arrays.equals(shape, t.shape);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, type, Arrays.hashCode(shape));
    }

    @Override
    public String toString() {
        return name + ":" + type + Arrays.toString(shape);
    }
}
