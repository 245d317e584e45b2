package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Node;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds an inference BatchNormalization into the Conv or Gemm that feeds it (when nothing else
 * reads that output): with s = scale / sqrt(var + eps), the weights of output channel m are
 * multiplied by s[m] and the bias becomes (bias - mean) * s + B. The result is one linear layer
 * instead of two, with the same values up to rounding.
 */
final class BatchNormFolding {
    private BatchNormFolding() {}

    static Graph apply(Graph g) throws ModelException {
        Map<String, Tensor> inits = new LinkedHashMap<>(g.initializers());
        Set<String> taken = new HashSet<>();
        Set<String> removed = new HashSet<>();
        Map<String, Node> replaced = new HashMap<>();
        for (Node bn : g.nodes()) {
            if (!(bn.op() instanceof Op.BatchNormalization b)) {
                continue;
            }
            String x = bn.inputs().getFirst();
            Node p = g.producer(x).orElse(null);
            if (p == null || Rewrite.soleConsumer(g, x).isEmpty() || !allConstant(g, p.inputs().subList(1, p.inputs().size()))
                    || !allConstant(g, bn.inputs().subList(1, 5))) {
                continue;
            }
            double[] s = new double[g.info(x).shape()[1]];
            double[] shift = new double[s.length];
            for (int m = 0; m < s.length; m++) {
                double scale = inits.get(bn.inputs().get(1)).get(m);
                double var = inits.get(bn.inputs().get(4)).get(m);
                s[m] = scale / Math.sqrt(var + b.epsilon());
                shift[m] = inits.get(bn.inputs().get(2)).get(m) - inits.get(bn.inputs().get(3)).get(m) * s[m];
            }
            Node folded = switch (p.op()) {
                case Op.Conv c -> foldConv(g, p, c, s, shift, bn, inits, taken);
                case Op.Gemm gm -> foldGemm(g, p, gm, s, shift, bn, inits, taken);
                default -> null;
            };
            if (folded != null) {
                removed.add(p.name());
                replaced.put(bn.name(), folded);
            }
        }
        if (replaced.isEmpty()) {
            return g;
        }
        List<Node> nodes = new ArrayList<>();
        for (Node n : g.nodes()) {
            if (replaced.containsKey(n.name())) {
                nodes.add(replaced.get(n.name()));
            } else if (!removed.contains(n.name())) {
                nodes.add(n);
            }
        }
        return Rewrite.rebuild(g, inits, nodes);
    }

    private static Node foldConv(Graph g, Node p, Op.Conv c, double[] s, double[] shift, Node bn,
            Map<String, Tensor> inits, Set<String> taken) {
        Tensor w = inits.get(p.inputs().get(1));
        double[] wv = w.toDoubleArray();
        int per = wv.length / s.length;
        for (int i = 0; i < wv.length; i++) {
            wv[i] *= s[i / per];
        }
        double[] bias = new double[s.length];
        for (int m = 0; m < s.length; m++) {
            double b0 = p.inputs().size() > 2 ? inits.get(p.inputs().get(2)).get(m) : 0;
            bias[m] = b0 * s[m] + shift[m];
        }
        String wName = Rewrite.fresh(g, taken, p.inputs().get(1) + "/bn_folded");
        String bName = Rewrite.fresh(g, taken, bn.name() + "/bias_folded");
        inits.put(wName, Tensor.of(w.shape(), wv));
        inits.put(bName, Tensor.of(new int[] {s.length}, bias));
        return new Node(p.name(), c, List.of(p.inputs().get(0), wName, bName), bn.outputs());
    }

    private static Node foldGemm(Graph g, Node p, Op.Gemm gm, double[] s, double[] shift, Node bn,
            Map<String, Tensor> inits, Set<String> taken) {
        int m = s.length;
        Tensor w = inits.get(p.inputs().get(1));
        double[] wv = w.toDoubleArray();
        for (int i = 0; i < wv.length; i++) {
            int col = gm.transB() ? i / w.dim(1) : i % w.dim(1);
            wv[i] *= s[col];
        }
        int[] cShape = p.inputs().size() > 2 ? g.info(p.inputs().get(2)).shape() : new int[] {m};
        int[] target = Shapes.broadcast(cShape, new int[] {m});
        if (target == null) {
            return null;
        }
        double[] cv = new double[Shapes.size(target)];
        Tensor c = p.inputs().size() > 2 ? inits.get(p.inputs().get(2)) : null;
        int[] cs = Shapes.broadcastStrides(cShape, target);
        for (int i = 0; i < cv.length; i++) {
            int col = i % m;
            double c0 = 0;
            if (c != null) {
                int row = i / m;
                c0 = gm.beta() * c.get(target.length == 2 ? row * cs[0] + col * cs[1] : col * cs[0]);
            }
            cv[i] = c0 * s[col] + shift[col];
        }
        String wName = Rewrite.fresh(g, taken, p.inputs().get(1) + "/bn_folded");
        String cName = Rewrite.fresh(g, taken, bn.name() + "/bias_folded");
        inits.put(wName, Tensor.of(w.shape(), wv));
        inits.put(cName, Tensor.of(target, cv));
        Op.Gemm op = new Op.Gemm(gm.alpha(), 1.0, gm.transA(), gm.transB());
        return new Node(p.name(), op, List.of(p.inputs().get(0), wName, cName), bn.outputs());
    }

    private static boolean allConstant(Graph g, List<String> names) {
        for (String n : names) {
            if (!g.initializers().containsKey(n)) {
                return false;
            }
        }
        return true;
    }
}
