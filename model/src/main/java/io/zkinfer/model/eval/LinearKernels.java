package io.zkinfer.model.eval;

import io.zkinfer.model.graph.Op;
import io.zkinfer.model.graph.Shapes;
import io.zkinfer.model.graph.Tensor;
import java.util.Arrays;

/** Matrix products and convolutions, as plain multiply-accumulate loops in double precision. */
final class LinearKernels {
    private LinearKernels() {}

    static Tensor gemm(Op.Gemm g, Tensor a, Tensor b, Tensor c) {
        int m = g.transA() ? a.dim(1) : a.dim(0);
        int k = g.transA() ? a.dim(0) : a.dim(1);
        int n = g.transB() ? b.dim(0) : b.dim(1);
        double[] va = a.toDoubleArray();
        double[] vb = b.toDoubleArray();
        double[] out = new double[m * n];
        int[] shape = {m, n};
        double[] vc = c == null ? null : c.toDoubleArray();
        int[] sc = c == null ? null : Shapes.broadcastStrides(c.shape(), shape);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    double x = g.transA() ? va[p * m + i] : va[i * k + p];
                    double y = g.transB() ? vb[j * k + p] : vb[p * n + j];
                    acc += x * y;
                }
                double bias = vc == null ? 0 : vc[i * sc[0] + j * sc[1]];
                out[i * n + j] = g.alpha() * acc + g.beta() * bias;
            }
        }
        return Tensor.of(shape, out);
    }

    static Tensor matMul(Tensor a, Tensor b) {
        int[] as = a.rank() == 1 ? new int[] {1, a.dim(0)} : a.shape();
        int[] bs = b.rank() == 1 ? new int[] {b.dim(0), 1} : b.shape();
        int m = as[as.length - 2];
        int k = as[as.length - 1];
        int n = bs[bs.length - 1];
        int[] aBatch = Arrays.copyOf(as, as.length - 2);
        int[] bBatch = Arrays.copyOf(bs, bs.length - 2);
        int[] batch = Shapes.broadcast(aBatch, bBatch);
        int[] sa = Shapes.broadcastStrides(aBatch, batch);
        int[] sb = Shapes.broadcastStrides(bBatch, batch);
        int batches = Shapes.size(batch);
        double[] va = a.toDoubleArray();
        double[] vb = b.toDoubleArray();
        double[] out = new double[batches * m * n];
        int[] coords = new int[batch.length];
        for (int t = 0; t < batches; t++) {
            Index.unravel(t, batch, coords);
            int offA = Index.ravel(coords, sa) * m * k;
            int offB = Index.ravel(coords, sb) * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double acc = 0;
                    for (int p = 0; p < k; p++) {
                        acc += va[offA + i * k + p] * vb[offB + p * n + j];
                    }
                    out[(t * m + i) * n + j] = acc;
                }
            }
        }
        int[] shape = Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = m;
        shape[batch.length + 1] = n;
        if (a.rank() == 1) {
            shape = remove(shape, batch.length);
        }
        if (b.rank() == 1) {
            shape = remove(shape, shape.length - 1);
        }
        return Tensor.of(shape, out);
    }

    static Tensor conv(Op.Conv conv, Tensor x, Tensor w, Tensor bias) {
        int[] xs = x.shape();
        int[] ws = w.shape();
        int[] k = conv.kernel();
        int[] st = conv.strides();
        int[] pads = conv.pads();
        int[] dil = conv.dilations();
        int nd = k.length;
        int batch = xs[0];
        int channels = xs[1];
        int outChannels = ws[0];
        int groupIn = ws[1];
        int groupOut = outChannels / conv.group();
        int[] inSpatial = Arrays.copyOfRange(xs, 2, xs.length);
        int[] outSpatial = outSpatial(inSpatial, k, st, pads, dil, false);
        int inSize = Shapes.size(inSpatial);
        int outSize = Shapes.size(outSpatial);
        int kSize = Shapes.size(k);
        int[] inStrides = Shapes.strides(inSpatial);
        double[] vx = x.toDoubleArray();
        double[] vw = w.toDoubleArray();
        double[] vb = bias == null ? null : bias.toDoubleArray();
        double[] out = new double[batch * outChannels * outSize];
        int[] oc = new int[nd];
        int[] kc = new int[nd];
        for (int n = 0; n < batch; n++) {
            for (int m = 0; m < outChannels; m++) {
                int g = m / groupOut;
                for (int o = 0; o < outSize; o++) {
                    Index.unravel(o, outSpatial, oc);
                    double acc = vb == null ? 0 : vb[m];
                    for (int kk = 0; kk < kSize; kk++) {
                        Index.unravel(kk, k, kc);
                        int in = inputOffset(oc, kc, st, pads, dil, inSpatial, inStrides);
                        if (in < 0) {
                            continue;
                        }
                        for (int c = 0; c < groupIn; c++) {
                            int ch = g * groupIn + c;
                            acc += vx[(n * channels + ch) * inSize + in] * vw[(m * groupIn + c) * kSize + kk];
                        }
                    }
                    out[(n * outChannels + m) * outSize + o] = acc;
                }
            }
        }
        int[] shape = new int[nd + 2];
        shape[0] = batch;
        shape[1] = outChannels;
        System.arraycopy(outSpatial, 0, shape, 2, nd);
        return Tensor.of(shape, out);
    }

    /**
     * The flat spatial offset that window position {@code kc} of output position {@code oc}
     * reads, or -1 when it falls in the padding.
     */
    static int inputOffset(int[] oc, int[] kc, int[] st, int[] pads, int[] dil, int[] in, int[] inStrides) {
        int off = 0;
        for (int d = 0; d < oc.length; d++) {
            int pos = oc[d] * st[d] - pads[d] + kc[d] * dil[d];
            if (pos < 0 || pos >= in[d]) {
                return -1;
            }
            off += pos * inStrides[d];
        }
        return off;
    }

    /** Output spatial sizes of a sliding window; the same rule as shape inference. */
    static int[] outSpatial(int[] in, int[] k, int[] st, int[] pads, int[] dil, boolean ceil) {
        int n = k.length;
        int[] out = new int[n];
        for (int i = 0; i < n; i++) {
            int room = in[i] + pads[i] + pads[n + i] - (dil[i] * (k[i] - 1) + 1);
            int o = (ceil ? Math.ceilDiv(room, st[i]) : room / st[i]) + 1;
            if (ceil && (o - 1) * st[i] >= in[i] + pads[i]) {
                o--;
            }
            out[i] = o;
        }
        return out;
    }

    private static int[] remove(int[] a, int index) {
        int[] r = new int[a.length - 1];
        System.arraycopy(a, 0, r, 0, index);
        System.arraycopy(a, index + 1, r, index, a.length - index - 1);
        return r;
    }
}
