package io.zkinfer.model.quant;

import java.util.Arrays;
import java.util.List;

/**
 * Each quantized op's output shape and a bound on its output's |value| from its inputs' bounds,
 * with the checks that keep the op within what its proof admits (16-bit quotients, 16-bit
 * comparison inputs, table domains).
 */
final class QInference {
    private QInference() {}

    /** An output's shape and bound. */
    record Result(int[] shape, long bound) {}

    private static final long SIXTEEN_BITS = 1L << 15;

    static Result infer(QOp op, List<QInfo> in) {
        return switch (op) {
            case QOp.MatMul m -> matMul(m, in);
            case QOp.Conv c -> conv(c, in);
            case QOp.Requantize r -> requantize(r, one(in, "x"));
            case QOp.Table t -> table(t, one(in, "x"));
            case QOp.Linear l -> linear(l, in);
            case QOp.Hadamard h -> {
                count(in, 2, "a and b");
                sameShape(in);
                yield new Result(in.get(0).shape(), Math.multiplyExact(in.get(0).bound(), in.get(1).bound()));
            }
            case QOp.SumPool p -> {
                QInfo x = one(in, "X");
                int[] s = rank4(x);
                yield new Result(window(s, p.kernelH(), p.kernelW(), p.window()),
                        Math.multiplyExact(x.bound(), (long) p.kernelH() * p.kernelW()));
            }
            case QOp.ReduceSum r -> {
                QInfo x = one(in, "x");
                int[] axes = r.axes();
                if (axes.length == 0) {
                    throw new IllegalArgumentException("no axes to reduce; list every axis to sum everything");
                }
                long count = 1;
                for (int a : checkAxes(axes, x.shape().length)) {
                    count *= x.shape()[a];
                }
                yield new Result(reduced(x.shape(), axes, r.keepDims()), Math.multiplyExact(x.bound(), count));
            }
            case QOp.ReduceMax r -> {
                QInfo x = comparable(one(in, "x"));
                yield new Result(reduced(x.shape(), checkAxes(new int[] {r.axis()}, x.shape().length), r.keepDims()),
                        x.bound());
            }
            case QOp.ArgMax r -> {
                QInfo x = comparable(one(in, "x"));
                int[] axes = checkAxes(new int[] {r.axis()}, x.shape().length);
                yield new Result(reduced(x.shape(), axes, r.keepDims()), x.shape()[r.axis()] - 1);
            }
            case QOp.MaxPool p -> {
                QInfo x = comparable(one(in, "X"));
                int[] out = window(rank4(x), p.kernelH(), p.kernelW(), p.window());
                QOp.Window w = p.window();
                everyWindowTouches(x.shape()[2], out[2], p.kernelH(), w.strideH(), w.dilationH(), w.padTop(), "row");
                everyWindowTouches(x.shape()[3], out[3], p.kernelW(), w.strideW(), w.dilationW(), w.padLeft(), "column");
                yield new Result(out, x.bound());
            }
            case QOp.Division d -> division(d, in);
            case QOp.Reshape r -> {
                QInfo x = one(in, "x");
                int[] s = r.shape();
                if (size(s) != x.size()) {
                    throw new IllegalArgumentException("cannot reshape " + Arrays.toString(x.shape()) + " to "
                            + Arrays.toString(s));
                }
                yield new Result(s, x.bound());
            }
            case QOp.Transpose t -> transpose(t, one(in, "x"));
            case QOp.Concat c -> concat(c, in);
            case QOp.Slice s -> slice(s, one(in, "x"));
            case QOp.Pad p -> {
                QInfo x = one(in, "x");
                int[] s = x.shape();
                int[] b = p.before();
                int[] a = p.after();
                if (b.length != s.length || a.length != s.length) {
                    throw new IllegalArgumentException("pads for rank " + b.length + " on a rank-" + s.length + " tensor");
                }
                int[] out = new int[s.length];
                for (int i = 0; i < s.length; i++) {
                    if (b[i] < 0 || a[i] < 0) {
                        throw new IllegalArgumentException("negative padding " + Arrays.toString(b) + Arrays.toString(a));
                    }
                    out[i] = s[i] + b[i] + a[i];
                }
                yield new Result(out, x.bound());
            }
            case QOp.Gather g -> {
                QInfo x = one(in, "x");
                int[] s = x.shape();
                checkAxes(new int[] {g.axis()}, s.length);
                int[] idx = g.indices();
                if (idx.length == 0) {
                    throw new IllegalArgumentException("gather needs at least one index");
                }
                for (int i : idx) {
                    if (i < 0 || i >= s[g.axis()]) {
                        throw new IllegalArgumentException("index " + i + " outside axis " + g.axis() + " of size "
                                + s[g.axis()]);
                    }
                }
                s[g.axis()] = idx.length;
                yield new Result(s, x.bound());
            }
            case QOp.Broadcast b -> {
                QInfo x = one(in, "x");
                int[] s = x.shape();
                int[] t = b.shape();
                if (t.length != s.length) {
                    throw new IllegalArgumentException("broadcast keeps the rank: " + Arrays.toString(s) + " to "
                            + Arrays.toString(t));
                }
                for (int i = 0; i < s.length; i++) {
                    if (s[i] != 1 && s[i] != t[i]) {
                        throw new IllegalArgumentException("cannot broadcast " + Arrays.toString(s) + " to "
                                + Arrays.toString(t));
                    }
                }
                yield new Result(t, x.bound());
            }
        };
    }

    private static Result matMul(QOp.MatMul m, List<QInfo> in) {
        if (in.size() != 2 && in.size() != 3) {
            throw new IllegalArgumentException("takes A, B and an optional bias, got " + in.size() + " inputs");
        }
        int[] a = in.get(0).shape();
        int[] b = in.get(1).shape();
        if (a.length != 2 || b.length != 2) {
            throw new IllegalArgumentException("multiplies matrices, got " + Arrays.toString(a) + " and "
                    + Arrays.toString(b));
        }
        int rows = m.transA() ? a[1] : a[0];
        int inner = m.transA() ? a[0] : a[1];
        int innerB = m.transB() ? b[1] : b[0];
        int cols = m.transB() ? b[0] : b[1];
        if (inner != innerB) {
            throw new IllegalArgumentException("inner dimensions differ: " + inner + " and " + innerB);
        }
        long bound = Math.multiplyExact(Math.multiplyExact(in.get(0).bound(), in.get(1).bound()), inner);
        if (in.size() == 3) {
            int[] bias = in.get(2).shape();
            if (bias.length != 1 || bias[0] != cols) {
                throw new IllegalArgumentException("bias " + Arrays.toString(bias) + " for " + cols + " columns");
            }
            bound = Math.addExact(bound, in.get(2).bound());
        }
        return new Result(new int[] {rows, cols}, bound);
    }

    private static Result conv(QOp.Conv c, List<QInfo> in) {
        if (in.size() != 2 && in.size() != 3) {
            throw new IllegalArgumentException("takes X, W and an optional bias, got " + in.size() + " inputs");
        }
        int[] x = rank4(in.get(0));
        int[] w = rank4(in.get(1));
        if (w[1] != x[1]) {
            throw new IllegalArgumentException("weights for " + w[1] + " input channels, input has " + x[1]);
        }
        long bound = Math.multiplyExact(Math.multiplyExact(in.get(0).bound(), in.get(1).bound()),
                (long) w[1] * w[2] * w[3]);
        if (in.size() == 3) {
            int[] bias = in.get(2).shape();
            if (bias.length != 1 || bias[0] != w[0]) {
                throw new IllegalArgumentException("bias " + Arrays.toString(bias) + " for " + w[0] + " channels");
            }
            bound = Math.addExact(bound, in.get(2).bound());
        }
        int[] out = window(x, w[2], w[3], c.window());
        out[1] = w[0];
        return new Result(out, bound);
    }

    private static Result requantize(QOp.Requantize r, QInfo x) {
        if (Math.multiplyHigh(x.bound(), r.multiplier()) != 0 || x.bound() * r.multiplier() >= 1L << 61) {
            throw new IllegalArgumentException("x M may reach " + x.bound() + " * " + r.multiplier() + ", beyond 2^61");
        }
        long q = Math.max(Math.abs(r.quotient(x.bound())), Math.abs(r.quotient(-x.bound())));
        if (q >= SIXTEEN_BITS) {
            throw new IllegalArgumentException("the quotient may reach " + q + " (input bound " + x.bound() + ", M "
                    + r.multiplier() + ", shift " + r.shift() + "), beyond 16 signed bits; use a larger shift");
        }
        long bound = r.f() == null ? Math.max(Math.abs(r.lo()), Math.abs(r.hi())) : r.f().maxAbs();
        return new Result(x.shape(), bound);
    }

    private static Result table(QOp.Table t, QInfo x) {
        if (x.bound() > 1L << (t.bits() - 1)) {
            throw new IllegalArgumentException("input bound " + x.bound() + " exceeds the " + t.bits()
                    + "-bit table's domain; requantize (clamp) the input first");
        }
        return new Result(x.shape(), t.f().maxAbs());
    }

    private static Result linear(QOp.Linear l, List<QInfo> in) {
        long[] c = l.coefficients();
        count(in, c.length, c.length + " inputs (one per coefficient)");
        sameShape(in);
        long bound = Math.abs(l.constant());
        for (int i = 0; i < c.length; i++) {
            bound = Math.addExact(bound, Math.multiplyExact(Math.abs(c[i]), in.get(i).bound()));
        }
        return new Result(in.get(0).shape(), bound);
    }

    private static Result division(QOp.Division d, List<QInfo> in) {
        count(in, 2, "a and b");
        sameShape(in);
        if (in.get(1).bound() > 1L << 16) {
            throw new IllegalArgumentException("divisor bound " + in.get(1).bound() + " beyond 2^16");
        }
        long min = Math.max(1, d.minDivisor());
        if (min > 1L << 16 || in.get(1).bound() < min) {
            throw new IllegalArgumentException("minimum divisor " + min + " above 2^16 or above the divisor's bound "
                    + in.get(1).bound() + ": no input could be divided");
        }
        long q = (in.get(0).bound() + min - 1) / min;
        if (q >= SIXTEEN_BITS) {
            throw new IllegalArgumentException("the quotient may reach " + q + ", beyond 16 signed bits; requantize the "
                    + "dividend to fewer bits or declare a larger minimum divisor");
        }
        return new Result(in.get(0).shape(), q);
    }

    private static Result transpose(QOp.Transpose t, QInfo x) {
        int[] s = x.shape();
        int[] perm = t.perm();
        if (perm.length != s.length) {
            throw new IllegalArgumentException("permutation " + Arrays.toString(perm) + " for rank " + s.length);
        }
        boolean[] seen = new boolean[s.length];
        int[] out = new int[s.length];
        for (int i = 0; i < perm.length; i++) {
            if (perm[i] < 0 || perm[i] >= s.length || seen[perm[i]]) {
                throw new IllegalArgumentException("not a permutation: " + Arrays.toString(perm));
            }
            seen[perm[i]] = true;
            out[i] = s[perm[i]];
        }
        return new Result(out, x.bound());
    }

    private static Result concat(QOp.Concat c, List<QInfo> in) {
        if (in.isEmpty()) {
            throw new IllegalArgumentException("concat needs at least one input");
        }
        int[] out = in.get(0).shape();
        checkAxes(new int[] {c.axis()}, out.length);
        long bound = 0;
        out[c.axis()] = 0;
        for (QInfo i : in) {
            int[] s = i.shape();
            if (s.length != out.length) {
                throw new IllegalArgumentException("inputs of ranks " + out.length + " and " + s.length);
            }
            for (int k = 0; k < s.length; k++) {
                if (k != c.axis() && s[k] != out[k]) {
                    throw new IllegalArgumentException("inputs differ off axis " + c.axis() + ": " + Arrays.toString(s));
                }
            }
            out[c.axis()] += s[c.axis()];
            bound = Math.max(bound, i.bound());
        }
        return new Result(out, bound);
    }

    private static Result slice(QOp.Slice s, QInfo x) {
        int[] shape = x.shape();
        int[] start = s.start();
        int[] step = s.step();
        int[] size = s.size();
        if (start.length != shape.length || step.length != shape.length || size.length != shape.length) {
            throw new IllegalArgumentException("slice of rank " + start.length + " on a rank-" + shape.length + " tensor");
        }
        for (int i = 0; i < shape.length; i++) {
            if (step[i] < 1 || size[i] < 1 || start[i] < 0 || start[i] + (long) (size[i] - 1) * step[i] >= shape[i]) {
                throw new IllegalArgumentException("slice start " + start[i] + ", step " + step[i] + ", size " + size[i]
                        + " does not fit axis " + i + " of size " + shape[i]);
            }
        }
        return new Result(size, x.bound());
    }

    private static QInfo one(List<QInfo> in, String what) {
        count(in, 1, what);
        return in.get(0);
    }

    private static void count(List<QInfo> in, int n, String what) {
        if (in.size() != n) {
            throw new IllegalArgumentException("takes " + what + ", got " + in.size() + " inputs");
        }
    }

    private static void sameShape(List<QInfo> in) {
        for (QInfo i : in) {
            if (!Arrays.equals(i.shape(), in.get(0).shape())) {
                throw new IllegalArgumentException("inputs of different shapes " + Arrays.toString(in.get(0).shape())
                        + " and " + Arrays.toString(i.shape()) + " (broadcast first)");
            }
        }
    }

    private static int[] rank4(QInfo x) {
        if (x.shape().length != 4) {
            throw new IllegalArgumentException(x.name() + " must be [N, C, H, W], got " + Arrays.toString(x.shape()));
        }
        return x.shape();
    }

    private static QInfo comparable(QInfo x) {
        if (x.bound() > SIXTEEN_BITS) {
            throw new IllegalArgumentException("compares 16-bit values; input bound " + x.bound()
                    + " is larger (requantize first)");
        }
        return x;
    }

    private static int[] window(int[] x, int kh, int kw, QOp.Window w) {
        int ho = w.outputHeight(x[2], kh);
        int wo = w.outputWidth(x[3], kw);
        if (kh < 1 || kw < 1 || ho < 1 || wo < 1) {
            throw new IllegalArgumentException("a " + kh + "x" + kw + " window does not fit " + Arrays.toString(x));
        }
        return new int[] {x[0], x[1], ho, wo};
    }

    /** Max pooling proves a maximum of taps inside the input: every window must hold one. */
    private static void everyWindowTouches(int in, int out, int kernel, int stride, int dilation, int padBefore,
            String axis) {
        for (int o = 0; o < out; o++) {
            boolean inside = false;
            for (int k = 0; k < kernel && !inside; k++) {
                int at = o * stride + k * dilation - padBefore;
                inside = at >= 0 && at < in;
            }
            if (!inside) {
                throw new IllegalArgumentException("window " + o + " along the " + axis
                        + "s lies entirely in the padding; max pooling needs a tap inside the input");
            }
        }
    }

    private static int[] checkAxes(int[] axes, int rank) {
        for (int i = 0; i < axes.length; i++) {
            if (axes[i] < 0 || axes[i] >= rank || (i > 0 && axes[i] <= axes[i - 1])) {
                throw new IllegalArgumentException("axes " + Arrays.toString(axes) + " must be sorted, distinct, in [0, "
                        + rank + ")");
            }
        }
        return axes;
    }

    private static int[] reduced(int[] shape, int[] axes, boolean keepDims) {
        int[] out = new int[keepDims ? shape.length : shape.length - axes.length];
        int k = 0;
        for (int i = 0; i < shape.length; i++) {
            boolean r = Arrays.binarySearch(axes, i) >= 0;
            if (!r) {
                out[k++] = shape[i];
            } else if (keepDims) {
                out[k++] = 1;
            }
        }
        if (out.length == 0) {
            return new int[] {1};
        }
        return out;
    }

    private static long size(int[] s) {
        long n = 1;
        for (int d : s) {
            if (d < 1) {
                return -1;
            }
            n *= d;
        }
        return n;
    }
}
