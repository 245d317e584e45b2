package io.zkinfer.model.eval;

import io.zkinfer.model.graph.ElementType;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import java.util.Arrays;

/** Ops that combine elements along axes: reductions, arg-max, softmax and the normalizations. */
final class ReduceKernels {
    private ReduceKernels() {}

    enum Reduction { SUM, MEAN, MAX }

    static Tensor reduce(Reduction r, int[] axes, boolean keepDims, Tensor x) {
        int[] xs = x.shape();
        int[] kept = xs.clone();
        for (int a : axes) {
            kept[a] = 1;
        }
        int[] keptStrides = Shapes.strides(kept);
        double[] out = new double[Shapes.size(kept)];
        if (r == Reduction.MAX) {
            Arrays.fill(out, Double.NEGATIVE_INFINITY);
        }
        int[] c = new int[xs.length];
        for (int i = 0; i < x.size(); i++) {
            Index.unravel(i, xs, c);
            for (int a : axes) {
                c[a] = 0;
            }
            int o = Index.ravel(c, keptStrides);
            out[o] = r == Reduction.MAX ? Math.max(out[o], x.get(i)) : out[o] + x.get(i);
        }
        if (r == Reduction.MEAN) {
            int count = x.size() / Math.max(1, out.length);
            for (int i = 0; i < out.length; i++) {
                out[i] /= count;
            }
        }
        return Tensor.of(x.type(), keepDims ? kept : drop(xs, axes), out);
    }

    static Tensor argMax(Op.ArgMax a, Tensor x) {
        int[] xs = x.shape();
        int axis = a.axis();
        int n = xs[axis];
        int inner = Shapes.strides(xs)[axis];
        int outer = x.size() / Math.max(1, n * inner);
        double[] out = new double[outer * inner];
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int best = 0;
                double bestValue = x.get(o * n * inner + j);
                for (int i = 1; i < n; i++) {
                    double v = x.get((o * n + i) * inner + j);
                    if (v > bestValue || (a.selectLastIndex() && v == bestValue)) {
                        best = i;
                        bestValue = v;
                    }
                }
                out[o * inner + j] = best;
            }
        }
        int[] kept = xs.clone();
        kept[axis] = 1;
        return Tensor.of(ElementType.INT64, a.keepDims() ? kept : drop(xs, new int[] {axis}), out);
    }

    static Tensor softmax(Op.Softmax s, Tensor x) {
        int[] xs = x.shape();
        int axis = s.axis();
        int n = xs[axis];
        int inner = Shapes.strides(xs)[axis];
        int outer = x.size() / Math.max(1, n * inner);
        double[] v = x.toDoubleArray();
        for (int o = 0; o < outer; o++) {
            for (int j = 0; j < inner; j++) {
                int base = o * n * inner + j;
                double max = Double.NEGATIVE_INFINITY;
                for (int i = 0; i < n; i++) {
                    max = Math.max(max, v[base + i * inner]);
                }
                double sum = 0;
                for (int i = 0; i < n; i++) {
                    v[base + i * inner] = Math.exp(v[base + i * inner] - max);
                    sum += v[base + i * inner];
                }
                for (int i = 0; i < n; i++) {
                    v[base + i * inner] /= sum;
                }
            }
        }
        return Tensor.of(xs, v);
    }

    static Tensor layerNorm(Op.LayerNormalization ln, Tensor x, Tensor scale, Tensor bias) {
        int[] xs = x.shape();
        int[] normShape = Arrays.copyOfRange(xs, ln.axis(), xs.length);
        int inner = Shapes.size(normShape);
        int outer = x.size() / Math.max(1, inner);
        double[] s = broadcastTo(scale, normShape);
        double[] b = bias == null ? new double[inner] : broadcastTo(bias, normShape);
        double[] v = x.toDoubleArray();
        for (int o = 0; o < outer; o++) {
            double mean = 0;
            for (int i = 0; i < inner; i++) {
                mean += v[o * inner + i];
            }
            mean /= inner;
            double var = 0;
            for (int i = 0; i < inner; i++) {
                double d = v[o * inner + i] - mean;
                var += d * d;
            }
            var /= inner;
            double inv = 1 / Math.sqrt(var + ln.epsilon());
            for (int i = 0; i < inner; i++) {
                v[o * inner + i] = (v[o * inner + i] - mean) * inv * s[i] + b[i];
            }
        }
        return Tensor.of(xs, v);
    }

    static Tensor batchNorm(Op.BatchNormalization bn, Tensor x, Tensor scale, Tensor bias, Tensor mean, Tensor var) {
        int[] xs = x.shape();
        int channels = xs[1];
        int inner = x.size() / Math.max(1, xs[0] * channels);
        double[] v = x.toDoubleArray();
        for (int i = 0; i < v.length; i++) {
            int c = (i / Math.max(1, inner)) % channels;
            double inv = 1 / Math.sqrt(var.get(c) + bn.epsilon());
            v[i] = (v[i] - mean.get(c)) * inv * scale.get(c) + bias.get(c);
        }
        return Tensor.of(xs, v);
    }

    private static double[] broadcastTo(Tensor t, int[] shape) {
        int[] strides = Shapes.broadcastStrides(t.shape(), shape);
        double[] out = new double[Shapes.size(shape)];
        int[] c = new int[shape.length];
        for (int i = 0; i < out.length; i++) {
            Index.unravel(i, shape, c);
            out[i] = t.get(Index.ravel(c, strides));
        }
        return out;
    }

    private static int[] drop(int[] shape, int[] axes) {
        int[] out = new int[shape.length - axes.length];
        int j = 0;
        for (int d = 0; d < shape.length; d++) {
            if (Arrays.binarySearch(axes, d) < 0) {
                out[j++] = shape[d];
            }
        }
        return out;
    }
}
