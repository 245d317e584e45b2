package io.zkinfer.model.onnx;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * How to fix the dimensions an ONNX model leaves open. zkinfer proves circuits of fixed size, so
 * every tensor needs a static shape at import: a symbolic dimension ({@code dim_param}, e.g.
 * "batch_size") takes its size from {@link #withDimension}, and an unnamed or missing first
 * dimension of an input takes the batch size from {@link #withBatchSize}. Immutable.
 */
public final class ImportOptions {
    private static final ImportOptions DEFAULTS = new ImportOptions(Map.of(), OptionalInt.empty());

    private final Map<String, Integer> dimensions;
    private final OptionalInt batchSize;

    private ImportOptions(Map<String, Integer> dimensions, OptionalInt batchSize) {
        this.dimensions = Map.copyOf(dimensions);
        this.batchSize = batchSize;
    }

    /** No dimension sizes: the model must be fully static. */
    public static ImportOptions defaults() {
        return DEFAULTS;
    }

    /** These options, with the symbolic dimension {@code name} fixed to {@code size}. */
    public ImportOptions withDimension(String name, int size) {
        Objects.requireNonNull(name);
        if (size < 1) {
            throw new IllegalArgumentException("dimension '" + name + "' must be at least 1, got " + size);
        }
        Map<String, Integer> d = new LinkedHashMap<>(dimensions);
        d.put(name, size);
        return new ImportOptions(d, batchSize);
    }

    /**
     * These options, with {@code size} for every dynamic first dimension of an input that
     * {@link #withDimension} does not name.
     */
    public ImportOptions withBatchSize(int size) {
        if (size < 1) {
            throw new IllegalArgumentException("batch size must be at least 1, got " + size);
        }
        return new ImportOptions(dimensions, OptionalInt.of(size));
    }

    /** The symbolic dimension sizes given. */
    public Map<String, Integer> dimensions() {
        return dimensions;
    }

    /** The default batch size, if given. */
    public OptionalInt batchSize() {
        return batchSize;
    }

    @Override
    public String toString() {
        return "ImportOptions[dimensions=" + dimensions + ", batchSize=" + batchSize + "]";
    }
}
