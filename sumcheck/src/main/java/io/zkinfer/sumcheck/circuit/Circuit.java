package io.zkinfer.sumcheck.circuit;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.PiecewiseLinear;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A layered circuit: tensors and the layers that relate them, in an order where every layer's
 * inputs come before it. Built and checked by {@link CircuitBuilder}; immutable.
 *
 * <p>Tensors that no layer writes are given: public inputs, committed inputs and weights, and
 * preprocessed tables (whose values the circuit holds). The one mutable part is a memo of how to
 * evaluate those tables, filled on first use; it changes no answer.
 */
public final class Circuit {
    /** The largest bound a tensor may have: values must decode on (-p/2, p/2). */
    public static final BigInteger MAX_BOUND = new BigInteger(Long.toUnsignedString(Goldilocks.P)).shiftRight(1);

    private final List<Tensor> tensors;
    private final List<Layer> layers;
    private final int[] producer;
    private final long[][] preprocessed;
    private final byte[] digest;
    /** Preprocessed tensors' runs, found once: a key's circuit serves many verifications. */
    private final Map<Integer, Optional<PiecewiseLinear>> piecewise = new ConcurrentHashMap<>();

    Circuit(List<Tensor> tensors, List<Layer> layers, int[] producer, long[][] preprocessed) {
        this.tensors = List.copyOf(tensors);
        this.layers = List.copyOf(layers);
        this.producer = producer;
        this.preprocessed = preprocessed;
        this.digest = computeDigest();
    }

    public int tensorCount() {
        return tensors.size();
    }

    public Tensor tensor(int id) {
        return tensors.get(id);
    }

    public List<Tensor> tensors() {
        return tensors;
    }

    public List<Layer> layers() {
        return layers;
    }

    /** The layer that writes tensor {@code id}, or -1 if it is given. */
    public int producer(int id) {
        return producer[id];
    }

    /** Whether tensor {@code id} is given (written by no layer and not preprocessed). */
    public boolean isGiven(int id) {
        return producer[id] < 0 && tensors.get(id).kind() != Tensor.Kind.PREPROCESSED;
    }

    /** Committed tensors, in commitment order (by id). */
    public List<Tensor> committed() {
        return ofKind(Tensor.Kind.COMMITTED);
    }

    /** Preprocessed tensors, in key-commitment order (by id). */
    public List<Tensor> preprocessedTensors() {
        return ofKind(Tensor.Kind.PREPROCESSED);
    }

    /** The fixed values of a preprocessed tensor. */
    public long[] preprocessedValues(int id) {
        return preprocessed[id].clone();
    }

    /**
     * The runs of a preprocessed tensor's values when evaluating through them beats folding (see
     * {@link PiecewiseLinear#ifCheaper}); scanned on the first call only.
     */
    Optional<PiecewiseLinear> piecewiseLinear(int id) {
        return piecewise.computeIfAbsent(id, i -> PiecewiseLinear.ifCheaper(preprocessed[i]));
    }

    /** Tensors whose values the verifier is given: public inputs and revealed outputs. */
    public List<Tensor> revealed() {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : tensors) {
            if (t.revealed()) {
                out.add(t);
            }
        }
        return out;
    }

    private List<Tensor> ofKind(Tensor.Kind kind) {
        List<Tensor> out = new ArrayList<>();
        for (Tensor t : tensors) {
            if (t.kind() == kind) {
                out.add(t);
            }
        }
        return Collections.unmodifiableList(out);
    }

    /**
     * Runs the circuit: {@code given[id]} holds the signed integer values of each given tensor in
     * logical row-major order (null for the others); returns every tensor's values.
     *
     * @throws IllegalArgumentException if a given tensor is missing, has the wrong size, or
     *     exceeds its bound
     */
    public Witness evaluate(long[][] given) {
        if (given.length != tensors.size()) {
            throw new IllegalArgumentException("expected values for " + tensors.size() + " tensors, got " + given.length);
        }
        Witness w = new Witness(this);
        for (Tensor t : tensors) {
            if (t.kind() == Tensor.Kind.PREPROCESSED) {
                w.set(t.id(), preprocessed[t.id()].clone());
            } else if (isGiven(t.id())) {
                w.set(t.id(), embed(t, given[t.id()]));
            }
        }
        for (Layer layer : layers) {
            layer.compute(w);
        }
        return w;
    }

    /** Signed logical values to the padded hypercube, checked against the tensor's bound. */
    public static long[] embed(Tensor t, long[] logical) {
        if (logical == null) {
            throw new IllegalArgumentException("no values given for tensor " + t.name());
        }
        int[] idx = t.shape().logicalIndices();
        if (logical.length != idx.length) {
            throw new IllegalArgumentException("tensor " + t.name() + " of shape " + t.shape() + " takes "
                    + idx.length + " values, got " + logical.length);
        }
        long bound = t.bound().min(BigInteger.valueOf(Long.MAX_VALUE)).longValueExact();
        long[] out = new long[t.shape().paddedSize()];
        for (int i = 0; i < idx.length; i++) {
            long v = logical[i];
            if (v > bound || v < -bound) {
                throw new IllegalArgumentException("tensor " + t.name() + " entry " + i + " is " + v
                        + ", outside its bound +-" + bound);
            }
            out[idx[i]] = Goldilocks.fromSigned(v);
        }
        return out;
    }

    /** The signed logical values of a tensor, row-major (padding dropped). */
    public static long[] logical(Tensor t, long[] padded) {
        int[] idx = t.shape().logicalIndices();
        long[] out = new long[idx.length];
        for (int i = 0; i < idx.length; i++) {
            out[i] = Goldilocks.toSigned(padded[idx[i]]);
        }
        return out;
    }

    /** SHA-256 of the circuit's structure: tensors (names, shapes, kinds, bounds), layers, tables. */
    public byte[] digest() {
        return digest.clone();
    }

    private byte[] computeDigest() {
        try {
            MessageDigest md = MessageDigest.getInstance("SHA-256");
            StringBuilder sb = new StringBuilder("zkinfer-circuit-v1\n");
            for (Tensor t : tensors) {
                sb.append("tensor ").append(t.id()).append(' ').append(t.name().length()).append(':').append(t.name())
                        .append(' ').append(t.shape()).append(' ').append(t.kind()).append(' ')
                        .append(t.revealed()).append(' ').append(t.bound()).append('\n');
            }
            for (Layer l : layers) {
                sb.append("layer ").append(l.describe()).append('\n');
            }
            md.update(sb.toString().getBytes(StandardCharsets.UTF_8));
            for (Tensor t : tensors) {
                if (t.kind() == Tensor.Kind.PREPROCESSED) {
                    // One update per tensor, not a call per byte: a verifier digests every table
                    // and public weight once per run, mostly before the JIT has compiled this.
                    md.update(Goldilocks.encode(preprocessed[t.id()]));
                }
            }
            return md.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError("SHA-256 is required by the JDK", e);
        }
    }
}
