package io.zkinfer.model.quant;

import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.graph;
import static io.zkinfer.model.quant.IntegerEvaluatorFixtures.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The kernels against naive reference loops on random shapes, geometries and values (fixed seeds). */
class IntegerEvaluatorRandomTest {
    private static final int TRIALS = 300;

    private static Random seeded(long seed) {
        System.out.println("IntegerEvaluatorRandomTest seed " + seed);
        return new Random(seed);
    }

    private static long[] random(Random r, int n, long bound) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextLong(-bound, bound + 1);
        }
        return v;
    }

    @Test
    void matMulMatchesNaiveLoops() {
        Random r = seeded(20240611L);
        for (int t = 0; t < TRIALS; t++) {
            int m = 1 + r.nextInt(5);
            int k = 1 + r.nextInt(7);
            int n = 1 + r.nextInt(5);
            boolean ta = r.nextBoolean();
            boolean tb = r.nextBoolean();
            boolean withBias = r.nextBoolean();
            long[] a = random(r, m * k, 1000);
            long[] b = random(r, k * n, 1000);
            long[] bias = random(r, n, 100000);
            long[] expected = new long[m * n];
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    long acc = withBias ? bias[j] : 0;
                    for (int p = 0; p < k; p++) {
                        acc += (ta ? a[p * m + i] : a[i * k + p]) * (tb ? b[j * k + p] : b[p * n + j]);
                    }
                    expected[i * n + j] = acc;
                }
            }
            IntegerEvaluatorFixtures f = graph().in("a", ta ? shape(k, m) : shape(m, k), 1000, a)
                    .in("b", tb ? shape(n, k) : shape(k, n), 1000, b);
            if (withBias) {
                f.in("c", shape(n), 100000, bias).node(new QOp.MatMul(ta, tb), "a", "b", "c");
            } else {
                f.node(new QOp.MatMul(ta, tb), "a", "b");
            }
            assertArrayEquals(expected, f.run(), "trial " + t);
        }
    }

    /** A random window, or null when it does not fit the input. */
    private static QOp.Window window(Random r, int h, int w, int kh, int kw) {
        QOp.Window win = new QOp.Window(1 + r.nextInt(3), 1 + r.nextInt(3), 1 + r.nextInt(2), 1 + r.nextInt(2),
                r.nextInt(3), r.nextInt(3), r.nextInt(3), r.nextInt(3));
        return win.outputHeight(h, kh) < 1 || win.outputWidth(w, kw) < 1 ? null : win;
    }

    /** The input at (row, col) of plane p, or null in the padding. */
    private static Long tap(long[] x, int p, int h, int w, int row, int col) {
        return row < 0 || row >= h || col < 0 || col >= w ? null : x[(p * h + row) * w + col];
    }

    @Test
    void convolutionMatchesNaiveLoops() {
        Random r = seeded(7_000_001L);
        int checked = 0;
        for (int t = 0; t < TRIALS; t++) {
            int n = 1 + r.nextInt(2);
            int c = 1 + r.nextInt(3);
            int co = 1 + r.nextInt(3);
            int h = 1 + r.nextInt(7);
            int w = 1 + r.nextInt(7);
            int kh = 1 + r.nextInt(3);
            int kw = 1 + r.nextInt(3);
            QOp.Window win = window(r, h, w, kh, kw);
            if (win == null) {
                continue;
            }
            int ho = win.outputHeight(h, kh);
            int wo = win.outputWidth(w, kw);
            long[] x = random(r, n * c * h * w, 127);
            long[] wt = random(r, co * c * kh * kw, 127);
            long[] bias = random(r, co, 5000);
            long[] expected = new long[n * co * ho * wo];
            for (int b = 0; b < n; b++) {
                for (int o = 0; o < co; o++) {
                    for (int oy = 0; oy < ho; oy++) {
                        for (int ox = 0; ox < wo; ox++) {
                            long acc = bias[o];
                            for (int ci = 0; ci < c; ci++) {
                                for (int ky = 0; ky < kh; ky++) {
                                    for (int kx = 0; kx < kw; kx++) {
                                        Long v = tap(x, b * c + ci, h, w, oy * win.strideH() + ky * win.dilationH()
                                                - win.padTop(), ox * win.strideW() + kx * win.dilationW() - win.padLeft());
                                        acc += v == null ? 0 : v * wt[((o * c + ci) * kh + ky) * kw + kx];
                                    }
                                }
                            }
                            expected[((b * co + o) * ho + oy) * wo + ox] = acc;
                        }
                    }
                }
            }
            long[] y = graph().in("x", shape(n, c, h, w), 127, x).constant("w", shape(co, c, kh, kw), wt)
                    .constant("b", shape(co), bias).node(new QOp.Conv(win), "x", "w", "b").run();
            assertArrayEquals(expected, y, "trial " + t + " " + win);
            checked++;
        }
        assertTrue(checked > TRIALS / 3, checked + " geometries fit");
    }

    @Test
    void sumAndMaxPoolingMatchNaiveLoops() {
        Random r = seeded(99_991L);
        int empty = 0;
        int full = 0;
        for (int t = 0; t < TRIALS; t++) {
            int n = 1 + r.nextInt(2);
            int c = 1 + r.nextInt(3);
            int h = 1 + r.nextInt(7);
            int w = 1 + r.nextInt(7);
            int kh = 1 + r.nextInt(3);
            int kw = 1 + r.nextInt(3);
            QOp.Window win = window(r, h, w, kh, kw);
            if (win == null) {
                continue;
            }
            int ho = win.outputHeight(h, kh);
            int wo = win.outputWidth(w, kw);
            long[] x = random(r, n * c * h * w, 32768);
            for (int i = 0; i < x.length; i++) {
                x[i] = Math.min(x[i], 32767);
            }
            long[] sums = new long[n * c * ho * wo];
            long[] maxima = new long[sums.length];
            boolean emptyWindow = false;
            for (int p = 0; p < n * c; p++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        long sum = 0;
                        Long max = null;
                        for (int ky = 0; ky < kh; ky++) {
                            for (int kx = 0; kx < kw; kx++) {
                                Long v = tap(x, p, h, w, oy * win.strideH() + ky * win.dilationH() - win.padTop(),
                                        ox * win.strideW() + kx * win.dilationW() - win.padLeft());
                                if (v != null) {
                                    sum += v;
                                    max = max == null ? v : Math.max(max, v);
                                }
                            }
                        }
                        sums[(p * ho + oy) * wo + ox] = sum;
                        emptyWindow |= max == null;
                        maxima[(p * ho + oy) * wo + ox] = max == null ? 0 : max;
                    }
                }
            }
            String what = "trial " + t + " " + win;
            assertArrayEquals(sums, graph().in("x", shape(n, c, h, w), 32768, x)
                    .node(new QOp.SumPool(kh, kw, win), "x").run(), what);
            if (emptyWindow) {
                // The graph refuses it: no proof can take a maximum of nothing.
                assertThrows(IllegalArgumentException.class, () -> graph().in("x", shape(n, c, h, w), 32768, x)
                        .node(new QOp.MaxPool(kh, kw, win), "x"), what);
                empty++;
            } else {
                assertArrayEquals(maxima, graph().in("x", shape(n, c, h, w), 32768, x)
                        .node(new QOp.MaxPool(kh, kw, win), "x").run(), what);
                full++;
            }
        }
        assertTrue(empty > 0 && full > TRIALS / 3, empty + " windows in the padding, " + full + " not");
    }
}
