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
import io.zkinfer.sumcheck.layer.SumPool;
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
    private final List<WeightTensor> weights = new ArrayList<>();

    private CircuitCompiler() {}

    static CompiledModel compile(QGraph g, CompileOptions options) {
        CircuitCompiler c = new CircuitCompiler();
        for (QInfo in : g.inputs()) {
            Shape s = Shape.of(in.shape());
            c.ids.put(in.name(), options.inputs() == Visibility.PRIVATE ? c.cb.committedInput(in.name(), s, in.bound())
                    : c.cb.publicInput(in.name(), s, in.bound()));
        }
        for (QGraph.QConstant k : g.constants().values()) {
            QInfo info = k.info();
            c.ids.put(info.name(), options.weights() == Visibility.PUBLIC
                    ? c.cb.preprocessed(info.name(), Shape.of(info.shape()), k.values()) : c.privateWeight(info));
        }
        for (QNode node : g.nodes()) {
            int id;
            try {
                id = c.emit(node);
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw new IllegalArgumentException(node.describe() + " cannot be compiled: " + e.getMessage(), e);
            }
            int[] expected = g.info(node.output()).shape();
            if (!Arrays.equals(c.cb.get(id).shape().dims(), expected)) {
                // A full reduction is a scalar in the circuit and [1] in the graph: same entries.
                id = DataMovement.reshape(c.cb, node.output() + "/shape", id, Shape.of(expected));
            }
            c.ids.put(node.output(), id);
        }
        for (String out : g.outputs()) {
            c.cb.reveal(c.ids.get(out));
        }
        return new CompiledModel(g, options, c.cb.build(), Map.copyOf(c.ids), List.copyOf(c.weights));
    }

    /** The fewest signed bits that hold every value of |v| <= bound: 2^(bits-1) > bound. */
    static int bitsFor(long bound) {
        return 65 - Long.numberOfLeadingZeros(bound);
    }

    private int privateWeight(QInfo info) {
        Shape s = Shape.of(info.shape());
        int bits = bitsFor(info.bound());
        if (bits <= 16) {
            int t = cb.committedInput(info.name(), s, 1L << (bits - 1));
            weights.add(new WeightTensor(info.name(), new Binding[] {Binding.add(cb, t, Math.max(bits, 1))}));
            return t;
        }
        long hiBound = (info.bound() >> 16) + 1;
        int hiBits = bitsFor(hiBound);
        if (hiBits > 16) {
            throw new IllegalArgumentException(info.name() + ": private weights may reach " + info.bound()
                    + "; two 16-bit limbs hold at most 2^31 (requantize the layer to fewer bits)");
        }
        int hi = cb.committedInput(info.name() + "/hi", s, 1L << (hiBits - 1));
        int lo = cb.committedInput(info.name() + "/lo", s, 1L << 15);
        Binding bh = Binding.add(cb, hi, hiBits);
        Binding bl = Binding.add(cb, lo, 16);
        weights.add(new WeightTensor(info.name(), new Binding[] {bh, bl}));
        return Linear.add(cb, info.name(), new int[] {hi, lo}, new long[] {1L << 16, 1}, 0);
    }

    private int in(QNode node, int i) {
        return ids.get(node.inputs().get(i));
    }

    private int emit(QNode node) {
        String name = node.output();
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
