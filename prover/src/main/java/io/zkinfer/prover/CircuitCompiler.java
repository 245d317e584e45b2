package io.zkinfer.prover;

import io.zkinfer.model.quant.IntTable;
import io.zkinfer.model.quant.QGraph;
import io.zkinfer.model.quant.QInfo;
import io.zkinfer.model.quant.QNode;
import io.zkinfer.model.quant.QOp;
import io.zkinfer.sumcheck.binding.Binding;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.layer.Activation;
import io.zkinfer.sumcheck.layer.Conv2d;
import io.zkinfer.sumcheck.layer.DataMovement;
import io.zkinfer.sumcheck.layer.Division;
import io.zkinfer.sumcheck.layer.Hadamard;
import io.zkinfer.sumcheck.layer.Linear;
import io.zkinfer.sumcheck.layer.MatMul;
import io.zkinfer.sumcheck.layer.Max;
import io.zkinfer.sumcheck.layer.ReduceSum;
import io.zkinfer.sumcheck.layer.Requantize;
import io.zkinfer.sumcheck.layer.RangeCheck;
import io.zkinfer.sumcheck.layer.SumPool;
import io.zkinfer.sumcheck.layer.Unpack;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A quantized graph to a layered circuit, one layer relation per op ({@link QOp} was made to
 * match them). The circuit depends only on the graph's public structure (shapes, bounds,
 * scales, tables, and public weights' values), never on private weights, so the prover and the
 * verifier compile the same circuit.
 */
final class CircuitCompiler {
    private final CircuitBuilder cb = new CircuitBuilder();
    private final Map<String, Integer> ids = new HashMap<>();
    private final List<WeightGroup> weights = new ArrayList<>();
    /** The rows the circuit proves at once (1 for a single input). */
    private int rows = 1;
    /** The input's binding to an input commitment, or null when the input is unbound or public. */
    private Binding inputBinding;
    /** The output's binding for a {@link ClaimSpec.Committed} claim, or null. */
    private Binding outputBinding;

    /** The name of the tensor a committed claim binds: a copy of the output, whose digest is revealed. */
    static final String COMMITTED_OUTPUT = "claim/committed";

    private CircuitCompiler() {}

    static CompiledModel compile(QGraph model, CompileOptions options, ClaimSpec claim, int rows, boolean bindInput) {
        // The circuit runs the graph on every row; the compiled model keeps the one-row graph
        // (its digest, its key) that every batch size and claim shares.
        QGraph g = io.zkinfer.model.quant.Batching.batched(model, rows);
        CircuitCompiler c = new CircuitCompiler();
        c.rows = rows;
        if (bindInput && (options.inputs() != Visibility.PRIVATE || g.inputs().size() != 1)) {
            throw new IllegalArgumentException(options.inputs() != Visibility.PRIVATE
                    ? "the model's inputs are public: there is no private input to bind to an input commitment"
                    : "an input commitment covers a model's one input; this model has " + g.inputs().size());
        }
        for (QInfo in : g.inputs()) {
            Shape s = Shape.of(in.shape());
            c.ids.put(in.name(), options.inputs() == Visibility.PRIVATE ? c.privateInput(in, s, bindInput)
                    : c.cb.publicInput(in.name(), s, in.bound()));
        }
        if (options.weights() == Visibility.PUBLIC) {
            for (QGraph.QConstant k : g.constants().values()) {
                QInfo info = k.info();
                c.ids.put(info.name(), c.cb.preprocessed(info.name(), Shape.of(info.shape()), k.values()));
            }
        } else {
            c.privateWeights(g);
        }
        java.util.Set<String> needed = needed(g, claim);
        for (QNode node : g.nodes()) {
            if (!needed.contains(node.output())) {
                continue; // an output the claim does not show, and nothing it shows depends on
            }
            int id;
            // A reduction to one value is a scalar in the circuit and [1] in the graph: the layer
            // writes NAME/scalar and a reshape gives the graph's tensor its name.
            boolean scalar = reducesToScalar(node, g);
            try {
                id = c.emit(node, scalar ? node.output() + "/scalar" : node.output());
                if (scalar) {
                    id = DataMovement.reshape(c.cb, node.output(), id, Shape.of(g.info(node.output()).shape()));
                }
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException(node.describe() + " cannot be compiled: " + e.getMessage(), e);
            }
            if (!Arrays.equals(c.cb.get(id).shape().dims(), g.info(node.output()).shape())) {
                throw new IllegalStateException(node.describe() + " compiled to shape " + c.cb.get(id).shape()
                        + ", the graph says " + Arrays.toString(g.info(node.output()).shape()));
            }
            c.ids.put(node.output(), id);
        }
        c.reveal(g, claim);
        io.zkinfer.sumcheck.circuit.Circuit circuit = c.cb.build();
        // Proofs of models are zero-knowledge: refuse here, not at setup, what cannot be.
        io.zkinfer.sumcheck.circuit.ProvingKey.checkZeroKnowledge(circuit);
        return new CompiledModel(model, options, claim, rows, circuit, Map.copyOf(c.ids), List.copyOf(c.weights),
                c.inputBinding, c.outputBinding);
    }

    /** The graph tensors the claim's value depends on (all of them for the full output). */
    private static java.util.Set<String> needed(QGraph g, ClaimSpec claim) {
        java.util.Set<String> needed = new java.util.HashSet<>();
        java.util.Deque<String> todo = new java.util.ArrayDeque<>();
        if (claim.output() == null) {
            todo.addAll(g.outputs());
        } else {
            todo.add(claim.output());
        }
        Map<String, QNode> producers = new HashMap<>();
        for (QNode n : g.nodes()) {
            producers.put(n.output(), n);
        }
        while (!todo.isEmpty()) {
            String t = todo.pop();
            if (needed.add(t) && producers.containsKey(t)) {
                todo.addAll(producers.get(t).inputs());
            }
        }
        return needed;
    }

    /** Reveals what the claim shows of the outputs (ClaimSpec's Javadoc is the specification). */
    private void reveal(QGraph g, ClaimSpec claim) {
        switch (claim) {
            case ClaimSpec.Full f -> g.outputs().forEach(out -> cb.reveal(ids.get(out)));
            case ClaimSpec.ArgMax a -> {
                int y = flat(g, a.output());
                if (cb.get(y).shape().dim(1) == 1) {
                    throw new IllegalArgumentException("the argmax of '" + a.output() + "' is always 0: it has one entry "
                            + "a row; a threshold or band claim says something about it");
                }
                shown(a, Max.argMax(cb, a.revealedName(), y, 1, false).index());
            }
            case ClaimSpec.Threshold t -> {
                int entry = entry(g, t.output(), t.index());
                long cut = ClaimSpec.fixedPointCeiling(t.t(), g.info(t.output()).frac());
                shown(t, atLeast(entry, cut, t.atLeast(), t.revealedName()));
            }
            case ClaimSpec.Band b -> {
                int entry = entry(g, b.output(), b.index());
                int frac = g.info(b.output()).frac();
                int[] bits = new int[b.cuts().size()];
                long[] ones = new long[bits.length];
                for (int j = 0; j < bits.length; j++) {
                    long cut = ClaimSpec.fixedPointCeiling(b.cuts().get(j), frac);
                    bits[j] = atLeast(entry, cut, true, b.revealedName() + "/cut" + j);
                    ones[j] = 1;
                }
                shown(b, Linear.add(cb, b.revealedName(), bits, ones, 0));
            }
            case ClaimSpec.Committed k -> {
                if (!g.outputs().contains(k.output())) {
                    throw new IllegalArgumentException("the claim names '" + k.output() + "', not an output of the model; "
                            + "its outputs are " + g.outputs());
                }
                int y = ids.get(k.output());
                long bound = cb.get(y).bound().longValueExact();
                int bits = widthOf(bound);
                if (bits > RangeCheck.MAX_BITS) {
                    throw new IllegalArgumentException("a committed claim commits to outputs of at most 16 bits; '"
                            + k.output() + "' is bounded by " + bound);
                }
                // A copy under a fixed name, so that the binding's tensors have fixed names too.
                int copy = DataMovement.reshape(cb, COMMITTED_OUTPUT, y, cb.get(y).shape());
                outputBinding = Binding.addComputed(cb, copy, bits);
                ids.put(k.revealedName(), outputBinding.digest());
            }
        }
    }

    /** Reveals the claim's value, known by the claim's name. */
    private void shown(ClaimSpec claim, int tensor) {
        cb.reveal(tensor);
        ids.put(claim.revealedName(), tensor);
    }

    /** An output as [rows, entries per row]; refuses a name that is no output. */
    private int flat(QGraph g, String output) {
        if (!g.outputs().contains(output)) {
            throw new IllegalArgumentException("the claim names '" + output + "', not an output of the model; its outputs are "
                    + g.outputs());
        }
        int y = ids.get(output);
        int perRow = Math.toIntExact(cb.get(y).shape().logicalSize() / rows);
        Shape shape = Shape.of(rows, perRow);
        return Arrays.equals(cb.get(y).shape().dims(), shape.dims()) ? y
                : DataMovement.reshape(cb, "claim/" + output + "/rows", y, shape);
    }

    /** Entry k of every row of an output (row-major within the row), as [rows, 1]. */
    private int entry(QGraph g, String output, int k) {
        int y = flat(g, output);
        int size = cb.get(y).shape().dim(1);
        if (k < 0 || k >= size) {
            throw new IllegalArgumentException("the claim names entry " + k + " of '" + output + "', which has " + size);
        }
        return DataMovement.slice(cb, "claim/" + output + "/" + k, y, new int[] {0, k}, new int[] {1, 1},
                new int[] {rows, 1});
    }

    /**
     * The bit [x >= cut] (or [x < cut]) by a lookup of x in a step table over x's own domain: the
     * bit is proven, not asserted. A cut beyond x's bound is moved to just past it, which changes
     * no bit (and names one table for all such cuts).
     */
    private int atLeast(int x, long cut, boolean atLeast, String name) {
        long bound = cb.get(x).bound().longValueExact();
        long c = Math.max(-bound, Math.min(bound + 1, cut));
        // The table covers [-2^(b-1), 2^(b-1)) and so every value of |v| <= bound, except for a
        // 16-bit output (bound 2^15, 2^16 + 1 values): its table is the 16-bit one, and a value of
        // exactly +2^15 fails the lookup (an impossible proof, never a false bit; requantized
        // outputs clamp to 2^15 - 1).
        int bits = bound == 1L << 15 ? 16 : bitsFor(bound);
        if (bits > RangeCheck.MAX_BITS) {
            throw new IllegalArgumentException("the claim compares an output bounded by " + bound
                    + ", wider than the 16 bits a comparison takes");
        }
        return atLeast ? Activation.add(cb, name, x, "at-least/" + c, v -> v >= c ? 1 : 0, bits)
                : Activation.add(cb, name, x, "below/" + c, v -> v < c ? 1 : 0, bits);
    }

    /** Whether the node's layer writes a rank-0 tensor: a reduction over every axis, dropped. */
    private static boolean reducesToScalar(QNode node, QGraph g) {
        int rank = node.inputs().isEmpty() ? 0 : g.info(node.inputs().getFirst()).shape().length;
        return switch (node.op()) {
            case QOp.ReduceSum r -> !r.keepDims() && r.axes().length == rank;
            case QOp.ReduceMax r -> !r.keepDims() && rank == 1;
            case QOp.ArgMax a -> !a.keepDims() && rank == 1;
            default -> false;
        };
    }

    /**
     * A private input, range-checked: nothing else stops a prover from committing any field
     * element, and every bound downstream assumes the input's. The check enforces b signed bits,
     * [-2^(b-1), 2^(b-1)), so the input's bound must be that power of two (the quantizer's are).
     */
    private int privateInput(QInfo in, Shape s, boolean bind) {
        int bits = inputBits(in);
        int id = cb.committedInput(in.name(), s, in.bound());
        if (bind) {
            inputBinding = Binding.add(cb, id, bits); // which range-checks the input, padding included
        } else {
            RangeCheck.signed(cb, in.name() + "/range", bits, id);
        }
        return id;
    }

    /**
     * The signed width b of a private input, whose bound must be 2^(b-1) (what a range check
     * enforces), b at most 16.
     *
     * @throws IllegalArgumentException if the bound is not such a power of two
     */
    static int inputBits(QInfo in) {
        int bits = bitsFor(in.bound() - 1);
        if (in.bound() < 1 || in.bound() != 1L << (bits - 1) || bits > RangeCheck.MAX_BITS) {
            throw new IllegalArgumentException("private input '" + in.name() + "' is bounded by " + in.bound()
                    + "; a private input's bound must be a power of two up to 2^15, what a range check enforces "
                    + "(quantize the input to at most 16 bits)");
        }
        return bits;
    }

    /**
     * The signed width whose range check admits every value of |v| <= bound, except that a bound
     * 2^(b-1) >= 2 takes b bits, as an input of that bound does: the value +2^(b-1) then fails the
     * check (an impossible proof, never a false one; requantized values clamp to 2^(b-1) - 1). So
     * an output commitment has the width of the next model's input of the same bound.
     */
    static int widthOf(long bound) {
        return bound >= 2 && Long.bitCount(bound) == 1 ? bitsFor(bound - 1) : bitsFor(bound);
    }

    /** The fewest signed bits that hold every value of |v| <= bound: 2^(bits-1) > bound. */
    static int bitsFor(long bound) {
        return 65 - Long.numberOfLeadingZeros(bound);
    }

    /**
     * How private weights are packed into bound vectors (part of a model's digest,
     * {@link CompiledModel#modelDigest}): 2 since small widths ride in the main vector in digits.
     */
    static final int PACKING_VERSION = 2;

    /** A width group smaller than this joins the main group (see {@link #privateWeights}). */
    static final int SMALL_GROUP = 1 << 12;

    /** One part of a constant (the whole of it, or a 16-bit limb) and its signed width. */
    private record ConstantPart(String constant, WeightGroup.Part part, int bits, int size) {
        String tensorName() {
            return part == WeightGroup.Part.WHOLE ? constant
                    : constant + "/" + part.name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * Packs the private weights into bound vectors ({@link WeightGroup}) and gives each constant a
     * tensor read out of its vector. A constant's width b is the one its bound 2^(b-1) names
     * (QGraph.constantWidths). Constants of one width share a vector, range-checked to
     * exactly [-2^(b-1), 2^(b-1)). A width with fewer than {@link #SMALL_GROUP} values (biases,
     * typically, at several widths) joins the main vector (the width with the most values)
     * instead: a narrower part as it is, range-checked to its own width when unpacked, a wider
     * one in digits of the main width ({@link WeightGroup.Digit}) added back by a linear layer
     * and range-checked to its width unless the digits hold exactly that. Every group costs a
     * salt of 2^11 to 2^12 values and a digest whose public matrix the verifier evaluates in
     * time linear in its size, so LeNet-5's biases ride in the int8 vector rather than in a
     * 16-bit one of their own. Either way every tensor's declared bound is one the proof enforces.
     */
    private void privateWeights(QGraph g) {
        List<ConstantPart> parts = new ArrayList<>();
        Map<Integer, Integer> widthSizes = new HashMap<>();
        for (QGraph.QConstant k : g.constants().values()) {
            QInfo info = k.info();
            int[] widths;
            try {
                widths = QGraph.constantWidths(info.bound());
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(info.name() + ": private weights " + e.getMessage()
                        + " (at most 2^31; requantize the layer to fewer bits)", e);
            }
            WeightGroup.Part[] kinds = widths.length == 1 ? new WeightGroup.Part[] {WeightGroup.Part.WHOLE}
                    : new WeightGroup.Part[] {WeightGroup.Part.HIGH, WeightGroup.Part.LOW};
            for (int i = 0; i < kinds.length; i++) {
                parts.add(new ConstantPart(info.name(), kinds[i], widths[i], info.size()));
                widthSizes.merge(widths[i], info.size(), Integer::sum);
            }
        }
        int main = widthSizes.entrySet().stream()
                .max(Map.Entry.<Integer, Integer>comparingByValue().thenComparing(Map.Entry.comparingByKey()))
                .map(Map.Entry::getKey).orElse(0);
        Map<Integer, List<WeightGroup.Member>> byBits = new java.util.TreeMap<>();
        Map<Integer, Integer> sizes = new HashMap<>();
        Map<ConstantPart, List<WeightGroup.Member>> membersOf = new java.util.LinkedHashMap<>();
        Map<ConstantPart, Integer> groupOf = new HashMap<>();
        Map<WeightGroup.Member, ConstantPart> partOf = new HashMap<>();
        for (ConstantPart p : parts) {
            List<WeightGroup.Member> placed = new ArrayList<>();
            int group = widthSizes.get(p.bits()) >= SMALL_GROUP ? p.bits() : main;
            groupOf.put(p, group);
            if (p.bits() <= group) {
                placed.add(place(byBits, sizes, group, p, WeightGroup.Digit.WHOLE));
            } else {
                int count = (p.bits() + main - 1) / main;
                for (int k = 0; k < count; k++) {
                    placed.add(place(byBits, sizes, main, p, new WeightGroup.Digit(k, main, count)));
                }
            }
            membersOf.put(p, placed);
            for (WeightGroup.Member m : placed) {
                partOf.put(m, p);
            }
        }
        Map<WeightGroup.Member, Integer> unpacked = new HashMap<>();
        for (Map.Entry<Integer, List<WeightGroup.Member>> e : byBits.entrySet()) {
            int bits = e.getKey();
            // At least two entries: the unpack sumcheck needs a variable (a one-weight model).
            int packed = cb.committedInput("weights/int" + bits, Shape.of(Math.max(2, sizes.get(bits))),
                    1L << (bits - 1));
            weights.add(new WeightGroup(Binding.add(cb, packed, bits), List.copyOf(e.getValue())));
            List<Unpack.Output> outputs = new ArrayList<>();
            for (WeightGroup.Member m : e.getValue()) {
                // A whole part narrower than the vector is range-checked at its own width.
                int own = partOf.get(m).bits();
                outputs.add(new Unpack.Output(memberName(m), Shape.of(g.info(m.constant()).shape()), m.offset(),
                        m.digit().count() == 1 && own < bits ? own : 0));
            }
            int[] ids = Unpack.add(cb, packed, outputs);
            for (int i = 0; i < ids.length; i++) {
                unpacked.put(e.getValue().get(i), ids[i]);
            }
        }
        Map<String, int[]> limbs = new HashMap<>(); // constant -> {hi tensor, lo tensor}
        for (Map.Entry<ConstantPart, List<WeightGroup.Member>> e : membersOf.entrySet()) {
            int t = partTensor(e.getKey(), e.getValue(), unpacked, groupOf.get(e.getKey()));
            switch (e.getKey().part()) {
                case WHOLE -> ids.put(e.getKey().constant(), t);
                case HIGH -> limbs.computeIfAbsent(e.getKey().constant(), x -> new int[2])[0] = t;
                case LOW -> limbs.computeIfAbsent(e.getKey().constant(), x -> new int[2])[1] = t;
            }
        }
        for (Map.Entry<String, int[]> e : limbs.entrySet()) {
            ids.put(e.getKey(), Linear.add(cb, e.getKey(), e.getValue(), new long[] {1L << 16, 1}, 0));
        }
    }

    /** A part's tensor from its unpacked members: the one member, or its digits added back. */
    private int partTensor(ConstantPart p, List<WeightGroup.Member> members, Map<WeightGroup.Member, Integer> unpacked,
            int group) {
        if (members.size() == 1) {
            return unpacked.get(members.getFirst());
        }
        int[] digits = new int[members.size()];
        for (int k = 0; k < digits.length; k++) {
            digits[k] = unpacked.get(members.get(k));
        }
        return Linear.digits(cb, p.tensorName(), digits, group, p.bits());
    }

    /** A member's tensor name: the part's, with the digit's index when it is one of several. */
    private static String memberName(WeightGroup.Member m) {
        String base = m.part() == WeightGroup.Part.WHOLE ? m.constant()
                : m.constant() + "/" + m.part().name().toLowerCase(java.util.Locale.ROOT);
        return m.digit().count() == 1 ? base : base + "/digit" + m.digit().index();
    }

    /** Appends a part (or one digit of it) to the group of {@code bits}, at the group's end. */
    private static WeightGroup.Member place(Map<Integer, List<WeightGroup.Member>> byBits, Map<Integer, Integer> sizes,
            int bits, ConstantPart p, WeightGroup.Digit digit) {
        int offset = sizes.getOrDefault(bits, 0);
        WeightGroup.Member placed = new WeightGroup.Member(p.constant(), p.part(), digit, offset, p.size());
        byBits.computeIfAbsent(bits, b -> new ArrayList<>()).add(placed);
        sizes.put(bits, offset + p.size());
        return placed;
    }

    private int in(QNode node, int i) {
        return ids.get(node.inputs().get(i));
    }

    private int emit(QNode node, String name) {
        return switch (node.op()) {
            case QOp.MatMul m -> MatMul.add(cb, name, in(node, 0), m.transA(), in(node, 1), m.transB(),
                    node.inputs().size() > 2 ? in(node, 2) : -1);
            case QOp.Conv c -> Conv2d.add(cb, name, in(node, 0), in(node, 1), node.inputs().size() > 2 ? in(node, 2) : -1,
                    geometry(c.window()));
            case QOp.Requantize r -> {
                IntTable f = r.f();
                Requantize.Result res = f == null || f.isIdentity()
                        ? Requantize.add(cb, name, in(node, 0), r.multiplier(), r.shift(), r.lo(), r.hi())
                        : Requantize.add(cb, name, in(node, 0), r.multiplier(), r.shift(), r.lo(), r.hi(), f.name(),
                                f::apply);
                yield res.y();
            }
            case QOp.Table t -> Activation.add(cb, name, in(node, 0), t.f().name(), t.f()::apply, t.bits());
            case QOp.Linear l -> {
                int[] xs = new int[node.inputs().size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = in(node, i);
                }
                yield Linear.add(cb, name, xs, l.coefficients(), l.constant());
            }
            case QOp.Hadamard h -> Hadamard.add(cb, name, in(node, 0), in(node, 1));
            case QOp.SumPool p -> SumPool.add(cb, name, in(node, 0), p.kernelH(), p.kernelW(), geometry(p.window()));
            case QOp.ReduceSum r -> ReduceSum.add(cb, name, in(node, 0), r.axes(), r.keepDims());
            case QOp.ReduceMax r -> Max.reduce(cb, name, in(node, 0), r.axis(), r.keepDims()).max();
            case QOp.ArgMax a -> Max.argMax(cb, name, in(node, 0), a.axis(), a.keepDims()).index();
            case QOp.MaxPool p -> Max.pool(cb, name, in(node, 0), p.kernelH(), p.kernelW(), geometry(p.window())).max();
            case QOp.Division d -> Division.add(cb, name, in(node, 0), in(node, 1), Math.max(1, d.minDivisor())).quotient();
            case QOp.Reshape r -> DataMovement.reshape(cb, name, in(node, 0), Shape.of(r.shape()));
            case QOp.Transpose t -> DataMovement.transpose(cb, name, in(node, 0), t.perm());
            case QOp.Concat c -> {
                int[] xs = new int[node.inputs().size()];
                for (int i = 0; i < xs.length; i++) {
                    xs[i] = in(node, i);
                }
                yield DataMovement.concat(cb, name, c.axis(), xs);
            }
            case QOp.Slice s -> DataMovement.slice(cb, name, in(node, 0), s.start(), s.step(), s.size());
            case QOp.Pad p -> DataMovement.pad(cb, name, in(node, 0), p.before(), p.after());
            case QOp.Gather g -> DataMovement.gather(cb, name, in(node, 0), g.axis(), g.indices());
            case QOp.Broadcast b -> DataMovement.broadcast(cb, name, in(node, 0), Shape.of(b.shape()));
        };
    }

    private static Conv2d.Geometry geometry(QOp.Window w) {
        return new Conv2d.Geometry(w.strideH(), w.strideW(), w.dilationH(), w.dilationW(), w.padTop(), w.padLeft(),
                w.padBottom(), w.padRight());
    }
}
