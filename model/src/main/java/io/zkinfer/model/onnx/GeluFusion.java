package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Fuses the subgraph PyTorch exports for the exact GELU (opsets up to 19 have no Gelu op),
 * x * 0.5 * (1 + erf(x / sqrt 2)), into one {@link Op.Gelu}: one lookup instead of two lookups and
 * three arithmetic layers, and no intermediate to quantize. Matched forms, with constants as
 * scalar initializers (either operand order):
 *
 * <pre>
 *   u = x / 1.4142 (or x * 0.7071);  e = Erf(u);  a = e + 1;  then one of
 *   y = (x * a) * 0.5   |   y = (x * 0.5) * a   |   y = x * (a * 0.5)
 * </pre>
 *
 * Every intermediate must feed only the next step and must not be a graph output.
 */
final class GeluFusion {
    private static final double TOLERANCE = 1e-4;

    private GeluFusion() {}

    static Graph apply(Graph g) throws ModelException {
        Set<String> removed = new HashSet<>();
        Map<String, Node> replacement = new HashMap<>();
        for (Node erf : g.nodes()) {
            if (erf.op() instanceof Op.Erf) {
                match(g, erf).ifPresent(m -> {
                    for (Node n : m.nodes) {
                        removed.add(n.name());
                    }
                    replacement.put(m.nodes.getLast().name(),
                            new Node(erf.name() + "/gelu", new Op.Gelu(), List.of(m.x), List.of(m.output)));
                });
            }
        }
        if (replacement.isEmpty()) {
            return g;
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (replacement.containsKey(n.name())) {
                nodes.add(replacement.get(n.name()));
            } else if (!removed.contains(n.name())) {
                nodes.add(n);
            }
        }
        return Rewrite.rebuild(g, g.initializers(), nodes);
    }

    /** A matched subgraph: its nodes in graph order (the last writes the output), x and y. */
    private record Match(List<Node> nodes, String x, String output) {}

    private static Optional<Match> match(Graph g, Node erf) {
        String u = erf.inputs().getFirst();
        Optional<Node> scaleNode = g.producer(u);
        if (scaleNode.isEmpty() || Rewrite.soleConsumer(g, u).isEmpty()) {
            return Optional.empty();
        }
        Node scale = scaleNode.get();
        String x = scaledInput(g, scale);
        if (x == null) {
            return Optional.empty();
        }
        Node add = Rewrite.soleConsumer(g, erf.output()).orElse(null);
        if (add == null || !(add.op() instanceof Op.Add) || !near(constOperand(g, add, erf.output()), 1.0)) {
            return Optional.empty();
        }
        Node next = Rewrite.soleConsumer(g, add.output()).orElse(null);
        if (next == null || !(next.op() instanceof Op.Mul)) {
            return Optional.empty();
        }
        String other = otherOperand(next, add.output());
        List<Node> nodes = new ArrayList<>(List.of(scale, erf, add, next));
        Node last;
        if (x.equals(other)) {
            last = Rewrite.soleConsumer(g, next.output()).orElse(null);   // (x * a) * 0.5
            if (last == null || !(last.op() instanceof Op.Mul) || !near(constOperand(g, last, next.output()), 0.5)) {
                return Optional.empty();
            }
            nodes.add(last);
        } else if (near(Rewrite.scalar(g, other), 0.5)) {
            last = Rewrite.soleConsumer(g, next.output()).orElse(null);   // x * (a * 0.5)
            if (last == null || !(last.op() instanceof Op.Mul) || !x.equals(otherOperand(last, next.output()))) {
                return Optional.empty();
            }
            nodes.add(last);
        } else {
            Node half = g.producer(other).orElse(null);                    // (x * 0.5) * a
            if (half == null || !(half.op() instanceof Op.Mul) || Rewrite.soleConsumer(g, other).isEmpty()
                    || !x.equals(otherOperandOfConst(g, half, 0.5))) {
                return Optional.empty();
            }
            nodes.add(0, half);
            last = next;
        }
        if (!Arrays.equals(g.info(last.output()).shape(), g.info(x).shape())) {
            return Optional.empty();
        }
        nodes.sort((p, q) -> Integer.compare(g.nodes().indexOf(p), g.nodes().indexOf(q)));
        return Optional.of(new Match(nodes, x, last.output()));
    }

    /** x when the node computes x / sqrt 2 or x * (1 / sqrt 2) with a constant; else null. */
    private static String scaledInput(Graph g, Node n) {
        if (n.op() instanceof Op.Div && near(Rewrite.scalar(g, n.inputs().get(1)), Math.sqrt(2))) {
            return n.inputs().get(0);
        }
        if (n.op() instanceof Op.Mul) {
            return otherOperandOfConst(g, n, Math.sqrt(0.5));
        }
        return null;
    }

    /** For a binary node with one constant operand near {@code c}, the other operand; else null. */
    private static String otherOperandOfConst(Graph g, Node n, double c) {
        String a = n.inputs().get(0);
        String b = n.inputs().get(1);
        if (near(Rewrite.scalar(g, b), c) && !g.initializers().containsKey(a)) {
            return a;
        }
        if (near(Rewrite.scalar(g, a), c) && !g.initializers().containsKey(b)) {
            return b;
        }
        return null;
    }

    private static double constOperand(Graph g, Node n, String operand) {
        return Rewrite.scalar(g, otherOperand(n, operand));
    }

    private static String otherOperand(Node n, String operand) {
        return n.inputs().get(0).equals(operand) ? n.inputs().get(1) : n.inputs().get(0);
    }

    private static boolean near(double v, double target) {
        return Math.abs(v - target) <= TOLERANCE * Math.abs(target);
    }
}
