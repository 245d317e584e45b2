package io.zkinfer.model.eval;

import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import java.util.Arrays;

/** Average, max and global average pooling over the spatial axes of [N, C, spatial...]. */
final class PoolKernels {
    private PoolKernels() {}

    static Tensor averagePool(Op.AveragePool p, Tensor x) {
        return pool(x, p.kernel(), p.strides(), p.pads(), ones(p.kernel().length), p.ceilMode(), false,
                p.countIncludePad());
    }

    static Tensor maxPool(Op.MaxPool p, Tensor x) {
        return pool(x, p.kernel(), p.strides(), p.pads(), p.dilations(), p.ceilMode(), true, false);
    }

    static Tensor globalAveragePool(Tensor x) {
        int[] xs = x.shape();
        int planes = xs[0] * xs[1];
        int inSize = x.size() / Math.max(1, planes);
        double[] v = x.toDoubleArray();
        double[] out = new double[planes];
        for (int p = 0; p < planes; p++) {
            double acc = 0;
            for (int i = 0; i < inSize; i++) {
                acc += v[p * inSize + i];
            }
            out[p] = acc / inSize;
        }
        int[] shape = xs.clone();
        Arrays.fill(shape, 2, shape.length, 1);
        return Tensor.of(shape, out);
    }

    /**
     * One pooling loop for both kinds. For averages, positions in the explicit padding count in
     * the divisor when {@code countPad}; positions beyond it (ceil mode's extra windows) never do.
     */
    private static Tensor pool(Tensor x, int[] k, int[] st, int[] pads, int[] dil, boolean ceil, boolean max,
            boolean countPad) {
        int[] xs = x.shape();
        int nd = k.length;
        int planes = xs[0] * xs[1];
        int[] inSpatial = Arrays.copyOfRange(xs, 2, xs.length);
        int[] outSpatial = LinearKernels.outSpatial(inSpatial, k, st, pads, dil, ceil);
        int inSize = Shapes.size(inSpatial);
        int outSize = Shapes.size(outSpatial);
        int kSize = Shapes.size(k);
        int[] inStrides = Shapes.strides(inSpatial);
        double[] v = x.toDoubleArray();
        double[] out = new double[planes * outSize];
        int[] oc = new int[nd];
        int[] kc = new int[nd];
        for (int p = 0; p < planes; p++) {
            for (int o = 0; o < outSize; o++) {
                Index.unravel(o, outSpatial, oc);
                double acc = max ? Double.NEGATIVE_INFINITY : 0;
                int count = 0;
                for (int kk = 0; kk < kSize; kk++) {
                    Index.unravel(kk, k, kc);
                    int in = LinearKernels.inputOffset(oc, kc, st, pads, dil, inSpatial, inStrides);
                    if (in >= 0) {
                        double val = v[p * inSize + in];
                        acc = max ? Math.max(acc, val) : acc + val;
                        count++;
                    } else if (countPad && insidePadding(oc, kc, st, pads, inSpatial)) {
                        count++;
                    }
                }
                out[p * outSize + o] = max ? acc : acc / count;
            }
        }
        int[] shape = xs.clone();
        System.arraycopy(outSpatial, 0, shape, 2, nd);
        return Tensor.of(shape, out);
    }

    private static boolean insidePadding(int[] oc, int[] kc, int[] st, int[] pads, int[] in) {
        int n = oc.length;
        for (int d = 0; d < n; d++) {
            int pos = oc[d] * st[d] - pads[d] + kc[d];
            if (pos < -pads[d] || pos >= in[d] + pads[n + d]) {
                return false;
            }
        }
        return true;
    }

    private static int[] ones(int n) {
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }
}
