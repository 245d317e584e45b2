package io.zkinfer.model.quant;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A quantized model: integer inputs with bounds and scales, integer constants (weights, biases),
 * nodes in topological order and named outputs. Immutable and always consistent: the
 * {@link Builder} infers every tensor's shape and bound as nodes are added ({@link QInference})
 * and refuses a node whose integers could leave what the proof can carry.
 */
public final class QGraph {
    /**
     * The largest bound a tensor may have: honest values stay far inside the field's signed range
     * (p/2 is about 2^63), so that they decode to the integers they are.
     */
    public static final long MAX_BOUND = 1L << 62;

    /** A constant tensor: its description and values (row-major). */
    public record QConstant(QInfo info, long[] values) {
        public QConstant {
            if (values.length != info.size()) {
                throw new IllegalArgumentException(info.name() + ": " + values.length + " values for " + info.size()
                        + " entries");
            }
            values = values.clone();
        }

        @Override
        public long[] values() {
            return values.clone();
        }
    }

    private final List<QInfo> inputs;
    private final Map<String, QConstant> constants;
    private final List<QNode> nodes;
    private final List<String> outputs;
    private final Map<String, QInfo> infos;

    private QGraph(Builder b) {
        this.inputs = List.copyOf(b.inputs);
        this.constants = Collections.unmodifiableMap(new LinkedHashMap<>(b.constants));
        this.nodes = List.copyOf(b.nodes);
        this.outputs = List.copyOf(b.outputs);
        this.infos = Collections.unmodifiableMap(new LinkedHashMap<>(b.infos));
    }

    /** A builder for a new graph. */
    public static Builder builder() {
        return new Builder();
    }

    /** The runtime inputs, in order. */
    public List<QInfo> inputs() {
        return inputs;
    }

    /** The constants by name, in definition order. */
    public Map<String, QConstant> constants() {
        return constants;
    }

    /** The nodes in topological order. */
    public List<QNode> nodes() {
        return nodes;
    }

    /** The output tensors' names, in order. */
    public List<String> outputs() {
        return outputs;
    }

    /** Any tensor's description. */
    public QInfo info(String name) {
        QInfo i = infos.get(name);
        if (i == null) {
            throw new IllegalArgumentException("no tensor named '" + name + "' in the graph");
        }
        return i;
    }

    /** The number of weights: the constants' entries. */
    public long parameterCount() {
        long n = 0;
        for (QConstant c : constants.values()) {
            n += c.info().size();
        }
        return n;
    }

    /**
     * The bound a proof enforces for a private constant whose largest |value| is {@code maxAbs}.
     * Up to 2^15 - 1: 2^(b-1) for the fewest signed bits b that hold it (one b-bit range check).
     * Wider values are two limbs, w = 2^16 hi + lo with lo in [-2^15, 2^15) and hi in h signed
     * bits: 2^16 2^(h-1) + 2^15.
     */
    public static long constantBound(long maxAbs) {
        if (maxAbs < 1L << 15) {
            return 1L << (64 - Long.numberOfLeadingZeros(maxAbs));
        }
        int hiBits = 65 - Long.numberOfLeadingZeros((maxAbs >> 16) + 1);
        return (1L << (hiBits - 1 + 16)) + (1L << 15);
    }

    /**
     * The range checks behind a bound {@link #constantBound} gives: {b} for one b-bit signed
     * check (bound 2^(b-1)), or {h, 16} for limbs w = 2^16 hi + lo with hi in h bits.
     *
     * @throws IllegalArgumentException if no constant has this bound, or its high limb would need
     *     more than 16 bits
     */
    public static int[] constantWidths(long bound) {
        if (bound >= 1 && bound <= 1L << 15 && Long.bitCount(bound) == 1) {
            return new int[] {64 - Long.numberOfLeadingZeros(bound)};
        }
        long high = (bound - (1L << 15)) >> 16; // 2^(h-1)
        if (bound > 1L << 15 && high > 0 && Long.bitCount(high) == 1 && (high << 16) + (1L << 15) == bound) {
            int h = 64 - Long.numberOfLeadingZeros(high);
            if (h <= 16) {
                return new int[] {h, 16};
            }
        }
        throw new IllegalArgumentException(bound + " is not the bound of a constant that two 16-bit limbs hold");
    }

    /** Builds a {@link QGraph} node by node. */
    public static final class Builder {
        private final List<QInfo> inputs = new ArrayList<>();
        private final Map<String, QConstant> constants = new LinkedHashMap<>();
        private final List<QNode> nodes = new ArrayList<>();
        private final List<String> outputs = new ArrayList<>();
        private final Map<String, QInfo> infos = new LinkedHashMap<>();

        private Builder() {}

        /** Adds a runtime input whose values the caller promises to keep within {@code bound}. */
        public Builder input(String name, int[] shape, long bound, int frac) {
            define(new QInfo(name, shape, bound, frac));
            inputs.add(infos.get(name));
            return this;
        }

        /**
         * Adds a constant. Its bound is {@link #constantBound} of its largest |value|: what a
         * proof range-checks when the constant is a private weight, so that every bound derived
         * from it holds for anything the proof admits, not only for these values.
         */
        public Builder constant(String name, int[] shape, int frac, long[] values) {
            long max = 0;
            for (long v : values) {
                if (v == Long.MIN_VALUE || Math.abs(v) >= MAX_BOUND / 2) {
                    throw new IllegalArgumentException(name + ": constant value " + v + " beyond 2^61");
                }
                max = Math.max(max, Math.abs(v));
            }
            QInfo info = new QInfo(name, shape, constantBound(max), frac);
            constants.put(name, new QConstant(info, values));
            define(info);
            return this;
        }

        /** Adds a constant as it is, info and values (a graph rebuilt from another, {@link Batching}). */
        Builder constant(QConstant k) {
            constants.put(k.info().name(), k);
            define(k.info());
            return this;
        }

        /**
         * Adds a constant known only by its shape, scale and bound (a private weight, as a
         * verifier sees it): its values read as zeros, and only the prover's graph may be
         * committed or evaluated.
         *
         * @throws IllegalArgumentException if the bound is not one {@link #constantWidths} reads
         */
        public Builder constantWithoutValues(String name, int[] shape, int frac, long bound) {
            try {
                constantWidths(bound);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(name + ": " + e.getMessage(), e);
            }
            QInfo info = new QInfo(name, shape, bound, frac);
            constants.put(name, new QConstant(info, new long[info.size()]));
            define(info);
            return this;
        }

        /**
         * Adds a node writing {@code output} at scale 2^-{@code frac}.
         *
         * @throws IllegalArgumentException if an input is unknown, shapes do not fit the op, or a
         *     bound leaves what the op or the proof admits (the message names the node)
         */
        public Builder node(String name, QOp op, List<String> inputNames, String output, int frac) {
            QNode node = new QNode(name, op, inputNames, output);
            List<QInfo> in = new ArrayList<>();
            for (String s : inputNames) {
                QInfo i = infos.get(s);
                if (i == null) {
                    throw new IllegalArgumentException(node.describe() + " reads '" + s + "', which is not defined before it");
                }
                in.add(i);
            }
            QInference.Result r;
            try {
                r = QInference.infer(op, in);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException(node.describe() + ": " + e.getMessage(), e);
            }
            if (r.bound() >= MAX_BOUND) {
                throw new IllegalArgumentException(node.describe() + ": values may reach " + r.bound()
                        + ", beyond 2^62; requantize its inputs to fewer bits");
            }
            define(new QInfo(output, r.shape(), r.bound(), frac));
            nodes.add(node);
            return this;
        }

        /** Marks a tensor as an output. */
        public Builder output(String name) {
            if (!infos.containsKey(name)) {
                throw new IllegalArgumentException("output '" + name + "' is not a tensor of the graph");
            }
            outputs.add(name);
            return this;
        }

        /** The description of a tensor defined so far. */
        public QInfo info(String name) {
            QInfo i = infos.get(name);
            if (i == null) {
                throw new IllegalArgumentException("no tensor named '" + name + "' yet");
            }
            return i;
        }

        /** Whether a tensor of this name exists. */
        public boolean contains(String name) {
            return infos.containsKey(name);
        }

        public QGraph build() {
            if (outputs.isEmpty()) {
                throw new IllegalArgumentException("a graph needs at least one output");
            }
            return new QGraph(this);
        }

        private void define(QInfo info) {
            if (infos.containsKey(info.name())) {
                throw new IllegalArgumentException("tensor '" + info.name() + "' is defined twice");
            }
            infos.put(info.name(), info);
        }
    }
}
