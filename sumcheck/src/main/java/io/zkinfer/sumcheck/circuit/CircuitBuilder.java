package io.zkinfer.sumcheck.circuit;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Assembles a {@link Circuit}: tensors first, then layers in evaluation order. Layer classes
 * offer static factories that create their output tensors with the right bounds and add
 * themselves. {@link #build} checks the wiring.
 */
public final class CircuitBuilder {
    private final List<Tensor> tensors = new ArrayList<>();
    private final List<Layer> layers = new ArrayList<>();
    private final Map<Integer, long[]> preprocessed = new HashMap<>();
    private final Map<String, Integer> shared = new HashMap<>();
    private final Map<String, Object> attachments = new HashMap<>();
    private final List<Runnable> beforeBuild = new ArrayList<>();
    private boolean built;
    private boolean finishing;

    /** A builder builds one circuit: layers that gather state across calls (lookups) rely on it. */
    private void checkOpen() {
        if (built) {
            throw new IllegalStateException("this builder has built its circuit; use a new builder");
        }
    }

    /**
     * Adds a tensor and returns its id.
     *
     * @throws AccumulatorOverflowException if {@code bound} reaches p/2
     */
    public int tensor(String name, Shape shape, Tensor.Kind kind, boolean revealed, BigInteger bound) {
        checkOpen();
        if (bound.signum() < 0) {
            throw new IllegalArgumentException("tensor " + name + ": negative bound " + bound);
        }
        if (bound.compareTo(Circuit.MAX_BOUND) > 0) {
            throw new AccumulatorOverflowException("tensor " + name + " may reach +-" + bound
                    + ", beyond the field's signed range +-" + Circuit.MAX_BOUND + " (about 2^63)");
        }
        if (kind == Tensor.Kind.PUBLIC && !revealed) {
            throw new IllegalArgumentException("tensor " + name + ": a public tensor is revealed by definition");
        }
        int id = tensors.size();
        tensors.add(new Tensor(id, name, shape, kind, revealed, bound));
        return id;
    }

    /** {@link #tensor(String, Shape, Tensor.Kind, boolean, BigInteger)} with a long bound. */
    public int tensor(String name, Shape shape, Tensor.Kind kind, boolean revealed, long bound) {
        return tensor(name, shape, kind, revealed, BigInteger.valueOf(bound));
    }

    /** A public input (given to the verifier). */
    public int publicInput(String name, Shape shape, long bound) {
        return tensor(name, shape, Tensor.Kind.PUBLIC, true, bound);
    }

    /** A private committed input or weight tensor. */
    public int committedInput(String name, Shape shape, long bound) {
        return tensor(name, shape, Tensor.Kind.COMMITTED, false, bound);
    }

    /** A table fixed by the circuit, committed once in its key; {@code values} are signed, logical. */
    public int preprocessed(String name, Shape shape, long[] values) {
        long max = 0;
        for (long v : values) {
            max = Math.max(max, Math.abs(v));
        }
        int id = tensor(name, shape, Tensor.Kind.PREPROCESSED, false, max);
        preprocessed.put(id, Circuit.embed(tensors.get(id), values));
        return id;
    }

    /**
     * A preprocessed table shared by every layer that asks for the same {@code key} (a function
     * table's output column, say): made on the first request, reused after.
     */
    public int sharedPreprocessed(String key, Shape shape, java.util.function.Supplier<long[]> values) {
        Integer id = shared.get(key);
        long[] v = values.get();
        if (id == null) {
            id = preprocessed(key, shape, v);
            shared.put(key, id);
        } else if (!tensors.get(id).shape().equals(shape)
                || !java.util.Arrays.equals(preprocessed.get(id), Circuit.embed(tensors.get(id), v))) {
            throw new IllegalArgumentException("table " + key + " is already in this circuit with other values: "
                    + "two different functions share one name");
        }
        return id;
    }

    /**
     * State a layer kind keeps across factory calls on this builder (the lookups that share a
     * table, say), made on the first request.
     */
    @SuppressWarnings("unchecked")
    public <T> T attachment(String key, java.util.function.Supplier<T> make) {
        checkOpen();
        return (T) attachments.computeIfAbsent(key, k -> make.get());
    }

    /** Runs {@code action} at the start of {@link #build} (it may add layers at the end). */
    public void beforeBuild(Runnable action) {
        beforeBuild.add(action);
    }

    /** Tensors added so far (ids 0 to this minus one). */
    public int tensorCount() {
        return tensors.size();
    }

    public Tensor get(int id) {
        return tensors.get(id);
    }

    /** Marks a tensor as revealed to the verifier (a public output). */
    public void reveal(int id) {
        checkOpen();
        Tensor t = tensors.get(id);
        if (t.kind() == Tensor.Kind.PREPROCESSED) {
            throw new IllegalArgumentException("tensor " + t.name() + " is a preprocessed table");
        }
        tensors.set(id, new Tensor(t.id(), t.name(), t.shape(), t.kind(), true, t.bound()));
    }

    /** Appends a layer (after every layer that writes its inputs). */
    public CircuitBuilder layer(Layer layer) {
        if (!finishing) {
            checkOpen();
        }
        layers.add(layer);
        return this;
    }

    /**
     * Checks the wiring and returns the circuit.
     *
     * @throws IllegalArgumentException if a tensor is written twice, read before it is written,
     *     an intermediate tensor is not reduced by its writer or never used
     * @throws IllegalStateException if this builder has built a circuit already (one per builder)
     */
    public Circuit build() {
        checkOpen();
        finishing = true;
        for (Runnable r : beforeBuild) {
            r.run();
        }
        beforeBuild.clear();
        finishing = false;
        built = true;
        int n = tensors.size();
        int[] producer = new int[n];
        java.util.Arrays.fill(producer, -1);
        boolean[] available = new boolean[n];
        boolean[] used = new boolean[n];
        for (Tensor t : tensors) {
            boolean written = false;
            for (Layer l : layers) {
                for (int o : l.outputs()) {
                    written |= o == t.id();
                }
            }
            available[t.id()] = !written && t.kind() != Tensor.Kind.INTERMEDIATE;
            if (!written && t.kind() == Tensor.Kind.INTERMEDIATE) {
                throw new IllegalArgumentException("intermediate tensor " + t.name() + " is written by no layer");
            }
            if (written && (t.kind() == Tensor.Kind.PUBLIC || t.kind() == Tensor.Kind.PREPROCESSED)) {
                throw new IllegalArgumentException("tensor " + t.name() + " is " + t.kind() + " but a layer writes it");
            }
        }
        for (int li = 0; li < layers.size(); li++) {
            Layer l = layers.get(li);
            for (int in : l.inputs()) {
                check(in, n, l);
                if (!available[in]) {
                    throw new IllegalArgumentException("layer " + li + " (" + l.describe() + ") reads "
                            + tensors.get(in).name() + " before it is written");
                }
                used[in] = true;
            }
            for (int o : l.outputs()) {
                check(o, n, l);
                if (producer[o] >= 0) {
                    throw new IllegalArgumentException("tensor " + tensors.get(o).name() + " is written twice");
                }
                producer[o] = li;
                available[o] = true;
                Tensor t = tensors.get(o);
                if (t.kind() == Tensor.Kind.INTERMEDIATE && l.reducedTensor() != o) {
                    throw new IllegalArgumentException("layer " + li + " writes intermediate " + t.name()
                            + " but reduces " + l.reducedTensor());
                }
            }
            int r = l.reducedTensor();
            if (r >= 0 && tensors.get(r).kind() != Tensor.Kind.INTERMEDIATE) {
                throw new IllegalArgumentException("layer " + li + " reduces " + tensors.get(r).name()
                        + ", which is not intermediate");
            }
        }
        for (Tensor t : tensors) {
            if (t.kind() == Tensor.Kind.INTERMEDIATE && !used[t.id()] && !t.revealed()) {
                throw new IllegalArgumentException("intermediate tensor " + t.name()
                        + " is neither read nor revealed, so nothing would check it");
            }
        }
        long[][] pre = new long[n][];
        preprocessed.forEach((id, v) -> pre[id] = v);
        return new Circuit(tensors, layers, producer, pre);
    }

    private void check(int id, int n, Layer l) {
        if (id < 0 || id >= n) {
            throw new IllegalArgumentException("layer " + l.describe() + " names tensor " + id + " of " + n);
        }
    }

    /** The bound of a sum of {@code count} products of entries bounded by a and b. */
    public static BigInteger productSumBound(long count, BigInteger a, BigInteger b) {
        return BigInteger.valueOf(count).multiply(a).multiply(b);
    }
}
