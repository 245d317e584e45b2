package io.zkinfer.sumcheck.layer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.AccumulatorOverflowException;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.CircuitHarness;
import io.zkinfer.sumcheck.circuit.CircuitProof;
import io.zkinfer.sumcheck.circuit.CircuitProver;
import io.zkinfer.sumcheck.circuit.CircuitVerifier;
import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.ProvingKey;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.circuit.Witness;
import java.nio.ByteBuffer;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * 2-D convolution: completeness against a plain integer convolution, soundness, bounds, shapes;
 * zero knowledge on wherever both sumchecks have a variable, and the plain protocol too.
 */
class Conv2dTest {
    private static final long SEED = 0xC0_2DL;

    /** One convolution instance: input [n, ci, h, w], kernel [co, ci, kh, kw], window, bias. */
    record Case(int n, int ci, int h, int w, int co, int kh, int kw, Conv2d.Geometry g, boolean bias) {
        @Override
        public String toString() {
            return "x[" + n + "," + ci + "," + h + "," + w + "] k[" + co + "," + ci + "," + kh + "," + kw + "] "
                    + g.canonical() + (bias ? " bias" : "");
        }
    }

    /** out = conv(x, w) + b with x, w, b committed and out revealed. Tensor ids: x 0, w 1, b 2, out last. */
    static Circuit circuit(Case k, long xBound, long wBound) {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(k.n, k.ci, k.h, k.w), xBound);
        int w = cb.committedInput("w", Shape.of(k.co, k.ci, k.kh, k.kw), wBound);
        int b = k.bias ? cb.committedInput("b", Shape.of(k.co), 1 << 20) : -1;
        int y = Conv2d.add(cb, "y", x, w, b, k.g);
        cb.reveal(y);
        return cb.build();
    }

    static long[][] givens(Circuit c, SplittableRandom rng) {
        long[][] g = new long[c.tensorCount()][];
        for (Tensor t : c.tensors()) {
            if (c.isGiven(t.id())) {
                g[t.id()] = CircuitHarness.randomValues(rng, (int) t.shape().logicalSize(),
                        t.bound().min(java.math.BigInteger.valueOf(1 << 20)).longValue());
            }
        }
        return g;
    }

    /** The plain integer convolution, logical row-major [n, co, ho, wo]. */
    static long[] reference(Case k, long[] x, long[] w, long[] b) {
        Conv2d.Geometry g = k.g;
        int ho = g.outputHeight(k.h, k.kh);
        int wo = g.outputWidth(k.w, k.kw);
        long[] y = new long[k.n * k.co * ho * wo];
        for (int n = 0; n < k.n; n++) {
            for (int o = 0; o < k.co; o++) {
                for (int oy = 0; oy < ho; oy++) {
                    for (int ox = 0; ox < wo; ox++) {
                        long s = b == null ? 0 : b[o];
                        for (int c = 0; c < k.ci; c++) {
                            for (int ky = 0; ky < k.kh; ky++) {
                                for (int kx = 0; kx < k.kw; kx++) {
                                    int u = oy * g.strideH() + ky * g.dilationH() - g.padTop();
                                    int v = ox * g.strideW() + kx * g.dilationW() - g.padLeft();
                                    if (u >= 0 && u < k.h && v >= 0 && v < k.w) {
                                        s += w[((o * k.ci + c) * k.kh + ky) * k.kw + kx]
                                                * x[((n * k.ci + c) * k.h + u) * k.w + v];
                                    }
                                }
                            }
                        }
                        y[((n * k.co + o) * ho + oy) * wo + ox] = s;
                    }
                }
            }
        }
        return y;
    }

    static Stream<Case> cases() {
        Conv2d.Geometry one = Conv2d.Geometry.DEFAULT;
        return Stream.of(new Case(1, 1, 1, 1, 1, 1, 1, one, false),
                new Case(1, 3, 5, 7, 4, 3, 3, Conv2d.Geometry.of(1, 1), true),
                new Case(2, 2, 9, 6, 3, 3, 2, one.withStride(2, 1).withPadding(1, 0, 2, 1), true),
                new Case(1, 3, 7, 7, 2, 3, 3, one.withDilation(2, 2).withPadding(2), false),
                new Case(2, 5, 4, 3, 6, 1, 1, one, true),
                new Case(1, 3, 5, 5, 4, 5, 5, one, true),
                new Case(3, 2, 11, 10, 5, 3, 2, new Conv2d.Geometry(2, 3, 2, 1, 0, 1, 1, 0), true),
                new Case(1, 1, 3, 3, 2, 2, 2, one.withPadding(3), true),
                new Case(2, 4, 8, 8, 4, 3, 3, Conv2d.Geometry.of(2, 1), false),
                new Case(1, 6, 6, 5, 3, 2, 3, one.withStride(3, 2).withDilation(1, 2), true));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void provesAndMatchesPlainConvolution(Case k) {
        System.out.println("Conv2dTest seed " + SEED);
        SplittableRandom rng = new SplittableRandom(SEED + k.toString().hashCode());
        Circuit c = circuit(k, 127, 127);
        long[][] g = givens(c, rng);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        int y = c.tensorCount() - 1;
        assertArrayEquals(reference(k, g[0], g[1], k.bias ? g[2] : null),
                Circuit.logical(c.tensor(y), r.witness().values(y)));
        // Zero knowledge needs a variable in each sumcheck: a 1x1 kernel on one channel has none.
        assertEquals(k.ci * k.kh * k.kw > 1 && k.n * k.ci * k.h * k.w > 1, r.vk().zeroKnowledge());
    }

    @Test
    void int8ExtremesAndZeros() {
        Case k = new Case(2, 3, 6, 5, 4, 3, 3, Conv2d.Geometry.of(1, 1), true);
        Circuit c = circuit(k, 128, 128);
        long[][] g = new long[c.tensorCount()][];
        g[0] = new long[2 * 3 * 6 * 5];
        g[1] = new long[4 * 3 * 3 * 3];
        g[2] = new long[] {0, -(1 << 20), 1 << 20, 0};
        for (int i = 0; i < g[0].length; i++) {
            g[0][i] = i % 3 == 0 ? -128 : i % 3 == 1 ? 127 : 0;
        }
        for (int i = 0; i < g[1].length; i++) {
            g[1][i] = i % 2 == 0 ? -128 : 127;
        }
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, g, SEED);
        int y = c.tensorCount() - 1;
        assertArrayEquals(reference(k, g[0], g[1], g[2]), Circuit.logical(c.tensor(y), r.witness().values(y)));
        // All zeros.
        long[][] z = {new long[g[0].length], new long[g[1].length], new long[4], null};
        CircuitHarness.proveAndVerify(c, z, SEED);
    }

    @Test
    void convolutionOfAComputedTensor() {
        // A second convolution reads the first one's output, an intermediate tensor.
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(1, 2, 6, 6), 127);
        int w1 = cb.committedInput("w1", Shape.of(3, 2, 3, 3), 127);
        int w2 = cb.committedInput("w2", Shape.of(2, 3, 2, 2), 127);
        int h = Conv2d.add(cb, "h", x, w1, -1, Conv2d.Geometry.of(1, 1));
        int y = Conv2d.add(cb, "y", h, w2, -1, Conv2d.Geometry.of(2, 0));
        cb.reveal(y);
        Circuit c = cb.build();
        assertTrue(CircuitHarness.proveAndVerify(c, givens(c, new SplittableRandom(SEED)), SEED).vk().zeroKnowledge());
    }

    @Test
    void tamperingIsRejected() {
        Circuit c = circuit(new Case(2, 2, 5, 4, 3, 3, 2, Conv2d.Geometry.of(1, 1).withStride(2, 1), true), 127, 127);
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, givens(c, new SplittableRandom(SEED)), SEED);
        assertTrue(r.vk().zeroKnowledge());
        CircuitHarness.assertTamperingRejected(r, SEED, 64);
    }

    /** The protocol without zero knowledge (claims reduced from the output) still proves and rejects tampering. */
    @Test
    void plainProofVerifiesAndRejectsTampering() {
        Circuit c = circuit(new Case(2, 2, 5, 4, 3, 3, 2, Conv2d.Geometry.of(1, 1).withStride(2, 1), true), 127, 127);
        ProvingKey key = ProvingKey.setup(c, CircuitHarness.PARAMS, false);
        Witness w = c.evaluate(givens(c, new SplittableRandom(SEED)));
        CircuitHarness.Run r = CircuitHarness.proveWitness(key, w, SEED);
        CircuitHarness.assertAccepts(r);
        CircuitHarness.assertTamperingRejected(r, SEED, 64);
    }

    @Test
    void zeroKnowledgeProofsShareNoMessageLimb() {
        Circuit c = circuit(new Case(1, 3, 5, 7, 4, 3, 3, Conv2d.Geometry.of(1, 1), true), 127, 127);
        long[][] g = givens(c, new SplittableRandom(SEED));
        CircuitHarness.Run first = CircuitHarness.proveAndVerify(c, g, SEED);
        assertNoSharedLimb(first, CircuitHarness.proveAndVerify(c, g, SEED + 1));
        assertMessageTamperingRejected(first, 200);
    }

    /**
     * Two zero-knowledge proofs of one statement (each verified by the caller) whose message
     * limbs all differ position by position: every message is masked.
     */
    static void assertNoSharedLimb(CircuitHarness.Run a, CircuitHarness.Run b) {
        assertTrue(a.vk().zeroKnowledge() && b.vk().zeroKnowledge(), "zero knowledge is off");
        assertTrue(java.util.Arrays.deepEquals(a.publicValues(), b.publicValues()), "not one statement");
        long[] ma = messageLimbs(a.proof().encode());
        long[] mb = messageLimbs(b.proof().encode());
        assertEquals(ma.length, mb.length);
        assertTrue(ma.length > 0, "no messages");
        for (int i = 0; i < ma.length; i++) {
            assertNotEquals(ma[i], mb[i], "limb " + i + " of " + ma.length + " repeated across two proofs");
        }
    }

    /**
     * The message limbs of an encoded proof ({@link CircuitProof}'s format 2: magic, version, the
     * commitment root, the lookup commitment root, the limb count and the limbs).
     */
    static long[] messageLimbs(byte[] proof) {
        ByteBuffer b = ByteBuffer.wrap(proof);
        long[] limbs = new long[b.getInt(messagesOffset(proof) - 4)];
        b.position(messagesOffset(proof));
        for (int i = 0; i < limbs.length; i++) {
            limbs[i] = b.getLong();
        }
        return limbs;
    }

    /** Where the first message limb of an encoded proof starts (formats 4 to 6 share the layout, see {@link #messageLimbs}). */
    static int messagesOffset(byte[] proof) {
        assertEquals(7, CircuitProof.VERSION, "messagesOffset reads format 7; update it to the new format");
        int at = 4 + 2;
        at += 1 + (proof[at] & 0xff);
        at += 1 + 32 * (proof[at] & 0xff);
        return at + 4;
    }

    /**
     * Adds one to each of {@code samples} message limbs (all of them if fewer), each in a proof of
     * its own, and checks that the verifier rejects every one.
     */
    static void assertMessageTamperingRejected(CircuitHarness.Run r, int samples) {
        byte[] bytes = r.proof().encode();
        long[] limbs = messageLimbs(bytes);
        int start = messagesOffset(bytes);
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int s = 0; s < Math.min(samples, limbs.length); s++) {
            int limb = limbs.length <= samples ? s : rng.nextInt(limbs.length);
            byte[] t = bytes.clone();
            ByteBuffer.wrap(t).putLong(start + 8 * limb, Goldilocks.add(limbs[limb], 1));
            CircuitHarness.assertRejects(r.vk(), r.publicValues(), t);
        }
    }

    /** One changed element of the input, the weights, the bias or the output: the proof must fail. */
    @ParameterizedTest(name = "change tensor {0}")
    @MethodSource("changedTensors")
    void changedWitnessIsRejected(int tensor) {
        Circuit c = circuit(new Case(2, 3, 5, 6, 4, 3, 3, Conv2d.Geometry.of(2, 1), true), 127, 127);
        int idx = c.tensor(tensor).shape().logicalIndices()[5 % (int) c.tensor(tensor).shape().logicalSize()];
        CircuitHarness.Run r = CircuitHarness.assertChangedElementRejected(c,
                givens(c, new SplittableRandom(SEED + tensor)), tensor, idx, SEED);
        assertTrue(r.vk().zeroKnowledge());
    }

    static Stream<Integer> changedTensors() {
        return Stream.of(0, 1, 2, 3);
    }

    @Test
    void overflowIsRejectedAtBuildTime() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(1, 512, 8, 8), 1L << 40);
        int w = cb.committedInput("w", Shape.of(4, 512, 3, 3), 1L << 13);
        assertThrows(AccumulatorOverflowException.class,
                () -> Conv2d.add(cb, "y", x, w, -1, Conv2d.Geometry.of(1, 1)));
    }

    @Test
    void mismatchedShapesAreRejected() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(1, 3, 5, 5), 127);
        int w = cb.committedInput("w", Shape.of(2, 4, 3, 3), 127);
        int w3 = cb.committedInput("w3", Shape.of(2, 3, 3, 3), 127);
        int b = cb.committedInput("b", Shape.of(3), 127);
        int big = cb.committedInput("big", Shape.of(2, 3, 7, 7), 127);
        assertThrows(IllegalArgumentException.class, () -> Conv2d.add(cb, "y", x, w, -1, Conv2d.Geometry.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> Conv2d.add(cb, "y", x, w3, b, Conv2d.Geometry.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> Conv2d.add(cb, "y", x, big, -1, Conv2d.Geometry.DEFAULT));
        assertThrows(IllegalArgumentException.class, () -> Conv2d.Geometry.of(0, 1));
        assertThrows(IllegalArgumentException.class, () -> Conv2d.Geometry.DEFAULT.withPadding(-1));
        assertThrows(IllegalArgumentException.class, () -> Conv2d.Geometry.onnx(new int[] {1}, null, null));
    }

    @Test
    void onnxAttributesAndOutputSize() {
        Conv2d.Geometry g = Conv2d.Geometry.onnx(new int[] {2, 3}, new int[] {1, 2, 3, 4}, new int[] {1, 2});
        assertEquals(new Conv2d.Geometry(2, 3, 1, 2, 1, 2, 3, 4), g);
        assertEquals(Conv2d.Geometry.DEFAULT, Conv2d.Geometry.onnx(null, null, null));
        // floor((224 + 3 + 3 - 7) / 2) + 1 = 112 (ResNet's stem).
        assertEquals(112, Conv2d.Geometry.of(2, 3).outputHeight(224, 7));
        // floor((10 + 1 + 4 - 2 * 2 - 1) / 3) + 1 = 4.
        assertEquals(4, g.outputWidth(10, 3));
    }

    @Test
    void maskedEqAtIsTheMaskedTableEvaluated() {
        ExtensionField ext = CircuitHarness.PARAMS.extension();
        SplittableRandom rng = new SplittableRandom(SEED);
        for (int m = 0; m <= 4; m++) {
            for (int count = 0; count <= 1 << m; count++) {
                long[] a = randomPoint(ext, rng, m);
                long[] b = randomPoint(ext, rng, m);
                long[] table = ConvWeights.maskedEq(ext, a, count);
                assertArrayEquals(io.zkinfer.field.Multilinear.evaluateExt(ext, table, b),
                        ConvWeights.maskedEqAt(ext, a, b, count), "m " + m + ", count " + count);
            }
        }
    }

    private static long[] randomPoint(ExtensionField ext, SplittableRandom rng, int m) {
        long[] p = new long[m * ext.degree()];
        for (int i = 0; i < p.length; i++) {
            p[i] = rng.nextLong(Goldilocks.P >>> 1);
        }
        return p;
    }

    /**
     * A 3x3 convolution, 32 to 32 channels over 32x32, batch 1, padding 1, int8 values, zero
     * knowledge on: prove, verify and plain-convolution times. Run with -Dzkinfer.bench=true.
     */
    @Test
    @EnabledIfSystemProperty(named = "zkinfer.bench", matches = "true")
    void benchmark() throws ProofException {
        Case k = new Case(1, 32, 32, 32, 32, 3, 3, Conv2d.Geometry.of(1, 1), false);
        Circuit c = circuit(k, 127, 127);
        long[][] g = givens(c, new SplittableRandom(SEED));
        ProvingKey key = CircuitHarness.setup(c);
        int warmup = 10;
        int reps = 20;
        long[][] times = new long[4][reps];
        int bytes = 0;
        for (int i = -warmup; i < reps; i++) {
            long t0 = System.nanoTime();
            long[] y = reference(k, g[0], g[1], null);
            long t1 = System.nanoTime();
            Witness w = c.evaluate(g);
            long t2 = System.nanoTime();
            io.zkinfer.sumcheck.circuit.CircuitProof proof = CircuitProver.prove(key, w,
                    CircuitHarness.testRandom(SEED + i));
            long t3 = System.nanoTime();
            CircuitVerifier.verify(key.verifyingKey(), CircuitProver.publicValues(c, w),
                    io.zkinfer.sumcheck.circuit.CircuitProof.decode(proof.encode()));
            long t4 = System.nanoTime();
            assertEquals(32 * 32 * 32, y.length);
            bytes = proof.encode().length;
            if (i >= 0) {
                times[0][i] = t3 - t2;
                times[1][i] = t4 - t3;
                times[2][i] = t1 - t0;
                times[3][i] = t2 - t1;
            }
        }
        for (long[] t : times) {
            java.util.Arrays.sort(t);
        }
        System.out.printf("conv2d 3x3 32->32 over 32x32, zk %b, %d threads, median (min) of %d after %d warm-up runs:"
                + " prove %.1f (%.1f) ms, verify %.1f (%.1f) ms, proof %d bytes, plain integer conv %.1f (%.1f) ms,"
                + " witness in the field %.1f (%.1f) ms%n", key.verifyingKey().zeroKnowledge(),
                io.zkinfer.field.Parallel.threads(), reps, warmup, times[0][reps / 2] / 1e6, times[0][0] / 1e6,
                times[1][reps / 2] / 1e6, times[1][0] / 1e6, bytes, times[2][reps / 2] / 1e6, times[2][0] / 1e6,
                times[3][reps / 2] / 1e6, times[3][0] / 1e6);
    }
}
