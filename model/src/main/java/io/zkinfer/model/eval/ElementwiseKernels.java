package io.zkinfer.model.eval;

import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;

/** Elementwise ops: the lookups (unary, nonlinear) and the broadcasting binary arithmetic. */
final class ElementwiseKernels {
    private static final double SQRT_HALF = Math.sqrt(0.5);

    private ElementwiseKernels() {}

    static Tensor unary(Op op, Tensor x) {
        double[] v = x.toDoubleArray();
        ElementType type = x.type();
        for (int i = 0; i < v.length; i++) {
            double a = v[i];
            v[i] = switch (op) {
                case Op.Relu r -> a > 0 ? a : 0.0;
                case Op.LeakyRelu l -> a >= 0 ? a : l.alpha() * a;
                case Op.Sigmoid s -> a >= 0 ? 1 / (1 + Math.exp(-a)) : Math.exp(a) / (1 + Math.exp(a));
                case Op.Tanh t -> Math.tanh(a);
                case Op.Exp e -> Math.exp(a);
                case Op.Erf e -> erf(a);
                case Op.Gelu g -> 0.5 * a * (1 + erf(a * SQRT_HALF));
                case Op.Sqrt s -> Math.sqrt(a);
                case Op.Pow p -> Math.pow(a, p.exponent());
                case Op.Clip c -> Math.min(Math.max(a, c.min()), c.max());
                case Op.Identity id -> a;
                case Op.Cast c -> c.to() == ElementType.INT64 ? (double) (long) a : a;
                default -> throw new IllegalArgumentException("not elementwise: " + op);
            };
        }
        if (op instanceof Op.Cast c) {
            type = c.to();
        }
        return Tensor.of(type, x.shape(), v);
    }

    static Tensor binary(Op op, Tensor a, Tensor b) {
        int[] shape = Shapes.broadcast(a.shape(), b.shape());
        int[] sa = Shapes.broadcastStrides(a.shape(), shape);
        int[] sb = Shapes.broadcastStrides(b.shape(), shape);
        double[] va = a.toDoubleArray();
        double[] vb = b.toDoubleArray();
        boolean integer = a.type() == ElementType.INT64;
        double[] out = new double[Shapes.size(shape)];
        int[] coords = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            Index.unravel(i, shape, coords);
            double x = va[Index.ravel(coords, sa)];
            double y = vb[Index.ravel(coords, sb)];
            out[i] = switch (op) {
                case Op.Add o -> x + y;
                case Op.Sub o -> x - y;
                case Op.Mul o -> x * y;
                case Op.Div o -> integer ? (double) ((long) x / (long) y) : x / y;
                default -> throw new IllegalArgumentException("not binary: " + op);
            };
        }
        return Tensor.of(a.type(), shape, out);
    }

    /**
     * The error function to about 1e-15 relative accuracy, from the series
     * erf(x) = 2/sqrt(pi) e^(-x^2) sum_n (2x^2)^n x / (1*3*...*(2n+1)), whose terms are all
     * positive (no cancellation); beyond |x| = 6, erf is 1 to double precision.
     */
    static double erf(double x) {
        if (Double.isNaN(x)) {
            return x;
        }
        double ax = Math.abs(x);
        if (ax >= 6) {
            return Math.signum(x);
        }
        double x2 = 2 * ax * ax;
        double term = ax;
        double sum = ax;
        for (int n = 1; term > 1e-17 * sum; n++) {
            term *= x2 / (2 * n + 1);
            sum += term;
        }
        double r = 2 / Math.sqrt(Math.PI) * Math.exp(-ax * ax) * sum;
        return Math.copySign(Math.min(r, 1.0), x);
    }
}
