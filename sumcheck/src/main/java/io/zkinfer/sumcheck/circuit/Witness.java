package io.zkinfer.sumcheck.circuit;

/**
 * The values of every tensor of a circuit on one run: canonical field elements on each tensor's
 * padded hypercube (padding zero). Filled by {@link Circuit#evaluate}.
 */
public final class Witness {
    private final Circuit circuit;
    private final long[][] values;

    Witness(Circuit circuit) {
        this.circuit = circuit;
        this.values = new long[circuit.tensorCount()][];
    }

    public Circuit circuit() {
        return circuit;
    }

    /** The values of tensor {@code id} (the array itself: layers read it in place). */
    public long[] values(int id) {
        long[] v = values[id];
        if (v == null) {
            throw new IllegalStateException("tensor " + circuit.tensor(id).name() + " has no values yet");
        }
        return v;
    }

    /** Sets tensor {@code id} to {@code v} (padded size, canonical); layers call this from compute. */
    public void set(int id, long[] v) {
        Tensor t = circuit.tensor(id);
        if (v.length != t.shape().paddedSize()) {
            throw new IllegalArgumentException("tensor " + t.name() + " takes " + t.shape().paddedSize()
                    + " values, got " + v.length);
        }
        values[id] = v;
    }
}
