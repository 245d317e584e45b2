package io.zkinfer.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Multilinear kernels against their definitions: f(z) = sum_i evals[i] eq(i, z) with eq computed
 * per index, variable j on bit j of the index, folding binding variable 0, and the monomial form
 * whose univariate reading is f(X, X^2, X^4, ...). Random data comes from fixed seeds, which every
 * parameterized display name prints.
 */
class MultilinearTest {
    static final long P = Goldilocks.P;
    static final long SEED = 0x5EED_3117L;
    static final int MAX_LOG = 12;

    static long randomElement(SplittableRandom rnd) {
        return FieldTestSupport.randomElement(rnd);
    }

    static long[] randomVector(SplittableRandom rnd, int len) {
        return FieldTestSupport.randomVector(rnd, len);
    }

    static Stream<Arguments> sizes() {
        List<Arguments> out = new ArrayList<>();
        for (int m = 0; m <= MAX_LOG; m++) {
            out.add(Arguments.of(m, SEED + m));
        }
        return out.stream();
    }

    static Stream<Arguments> sizesAndDegrees() {
        List<Arguments> out = new ArrayList<>();
        for (int d = 2; d <= 3; d++) {
            for (int m = 0; m <= MAX_LOG; m++) {
                out.add(Arguments.of(ExtensionField.ofDegree(d), m, SEED * d + m));
            }
        }
        return out.stream();
    }

    // ---------------------------------------------------------------- definitions

    /** eq(i, z) = prod_j (b_j z_j + (1 - b_j)(1 - z_j)), straight from the definition. */
    static long eqBase(int i, long[] z) {
        long acc = 1;
        for (int j = 0; j < z.length; j++) {
            boolean bit = ((i >>> j) & 1) != 0;
            long factor = bit ? z[j] : Goldilocks.sub(1, z[j]);
            acc = Goldilocks.mul(acc, factor);
        }
        return acc;
    }

    /** eq(i, z) for an interleaved extension point z. */
    static long[] eqExt(ExtensionField f, int i, long[] z) {
        int d = f.degree();
        int m = z.length / d;
        long[] acc = f.one();
        for (int j = 0; j < m; j++) {
            long[] zj = f.get(z, j);
            long[] factor = ((i >>> j) & 1) != 0 ? zj : f.sub(f.one(), zj);
            acc = f.mul(acc, factor);
        }
        return acc;
    }

    static long evalByDefinition(long[] evals, long[] z) {
        long acc = 0;
        for (int i = 0; i < evals.length; i++) {
            acc = Goldilocks.add(acc, Goldilocks.mul(evals[i], eqBase(i, z)));
        }
        return acc;
    }

    /** sum_i evals[i] eq(i, z), evals base (width 1) or interleaved extension (width d). */
    static long[] evalByDefinitionExt(ExtensionField f, long[] evals, int width, long[] z) {
        int n = evals.length / width;
        long[] acc = f.zero();
        for (int i = 0; i < n; i++) {
            long[] e = width == 1 ? f.fromBase(evals[i]) : f.get(evals, i);
            acc = f.add(acc, f.mul(e, eqExt(f, i, z)));
        }
        return acc;
    }

    /** The monomial form at z: sum_i c_i prod_{j : bit j of i set} z_j. */
    static long monomialEval(long[] c, long[] z) {
        long acc = 0;
        for (int i = 0; i < c.length; i++) {
            long term = c[i];
            for (int j = 0; j < z.length; j++) {
                if (((i >>> j) & 1) != 0) {
                    term = Goldilocks.mul(term, z[j]);
                }
            }
            acc = Goldilocks.add(acc, term);
        }
        return acc;
    }

    static long[] monomialEvalExt(ExtensionField f, long[] c, long[] z) {
        int d = f.degree();
        int n = c.length / d;
        long[] acc = f.zero();
        for (int i = 0; i < n; i++) {
            long[] term = f.get(c, i);
            for (int j = 0; j < z.length / d; j++) {
                if (((i >>> j) & 1) != 0) {
                    term = f.mul(term, f.get(z, j));
                }
            }
            acc = f.add(acc, term);
        }
        return acc;
    }

    /** (y, y^2, y^4, ..., y^(2^(m-1))). */
    static long[] powerPoint(long y, int m) {
        long[] z = new long[m];
        long x = y;
        for (int j = 0; j < m; j++) {
            z[j] = x;
            x = Goldilocks.mul(x, x);
        }
        return z;
    }

    static long[] powerPointExt(ExtensionField f, long[] y, int m) {
        long[] z = new long[m * f.degree()];
        long[] x = y.clone();
        for (int j = 0; j < m; j++) {
            f.set(z, j, x);
            x = f.mul(x, x);
        }
        return z;
    }

    static long[] concat(long[] a, long[] b) {
        long[] r = new long[a.length + b.length];
        System.arraycopy(a, 0, r, 0, a.length);
        System.arraycopy(b, 0, r, a.length, b.length);
        return r;
    }

    // ---------------------------------------------------------------- base field

    @ParameterizedTest(name = "m={0} seed={1}")
    @MethodSource("sizes")
    void evaluateAndEqTableMatchDefinition(int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int n = 1 << m;
        long[] evals = randomVector(rnd, n);
        long[] z = randomVector(rnd, m);
        long[] eq = Multilinear.eqTable(z);
        assertEquals(n, eq.length);
        for (int i = 0; i < n; i++) {
            assertEquals(eqBase(i, z), eq[i], "eqTable[" + i + "]");
        }
        long[] evalsCopy = evals.clone();
        assertEquals(evalByDefinition(evals, z), Multilinear.evaluate(evals, z), "f(z)");
        assertArrayEquals(evalsCopy, evals, "evaluate must not modify its input");
        // On the hypercube, f returns the table entries.
        for (int k = 0; k < Math.min(n, 16); k++) {
            int i = k < 8 ? k % n : rnd.nextInt(n);
            long[] b = new long[m];
            for (int j = 0; j < m; j++) {
                b[j] = (i >>> j) & 1;
            }
            assertEquals(evals[i], Multilinear.evaluate(evals, b), "f(bits of " + i + ")");
        }
        assertEquals(m, Multilinear.numVariables(n));
    }

    @ParameterizedTest(name = "m={0} seed={1}")
    @MethodSource("sizes")
    void coefficientsMatchDefinition(int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(~seed);
        int n = 1 << m;
        long[] evals = randomVector(rnd, n);
        long[] coeffs = evals.clone();
        Multilinear.toCoefficients(coeffs, 1);
        // The monomial form agrees with the table at every Boolean point (all of them up to 2^10).
        int checks = m <= 10 ? n : 64;
        for (int k = 0; k < checks; k++) {
            int i = m <= 10 ? k : rnd.nextInt(n);
            long sum = 0;
            for (int s = i; ; s = (s - 1) & i) { // every subset s of the bits of i
                sum = Goldilocks.add(sum, coeffs[s]);
                if (s == 0) {
                    break;
                }
            }
            assertEquals(evals[i], sum, "sum of coefficients over subsets of " + i);
        }
        // ... and at a random point off the hypercube.
        long[] z = randomVector(rnd, m);
        assertEquals(Multilinear.evaluate(evals, z), monomialEval(coeffs, z), "monomial form at z");
        // Round trip both ways.
        long[] back = coeffs.clone();
        Multilinear.toEvaluations(back, 1);
        assertArrayEquals(evals, back, "toEvaluations(toCoefficients(v))");
        long[] c2 = evals.clone();
        Multilinear.toEvaluations(c2, 1);
        Multilinear.toCoefficients(c2, 1);
        assertArrayEquals(evals, c2, "toCoefficients(toEvaluations(v))");
    }

    @ParameterizedTest(name = "m={0} seed={1}")
    @MethodSource("sizes")
    void univariateView(int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed ^ 0x0123_4567L);
        int n = 1 << m;
        long[] coeffs = randomVector(rnd, n);
        long[] evals = coeffs.clone();
        Multilinear.toEvaluations(evals, 1);
        for (int t = 0; t < 3; t++) {
            long y = t == 0 ? Goldilocks.rootOfUnity(Math.min(m + 1, 32)) : randomElement(rnd);
            long univariate = 0;
            for (int i = n - 1; i >= 0; i--) {
                univariate = Goldilocks.add(Goldilocks.mul(univariate, y), coeffs[i]);
            }
            assertEquals(univariate, Multilinear.evaluate(evals, powerPoint(y, m)), "sum c_i y^i, y=" + Long.toUnsignedString(y));
        }
        // Extension y, base evaluations: evaluate(f, evals, (y, y^2, ...)) = sum c_i y^i.
        for (int d = 2; d <= 3; d++) {
            ExtensionField f = ExtensionField.ofDegree(d);
            long[] y = randomVector(rnd, d);
            long[] univariate = f.zero();
            for (int i = n - 1; i >= 0; i--) {
                univariate = f.add(f.mul(univariate, y), f.fromBase(coeffs[i]));
            }
            assertArrayEquals(univariate, Multilinear.evaluate(f, evals, powerPointExt(f, y, m)), "extension y, d=" + d);
        }
    }

    // ---------------------------------------------------------------- extension fields

    @ParameterizedTest(name = "{0} m={1} seed={2}")
    @MethodSource("sizesAndDegrees")
    void extensionEvaluateAndEqTableMatchDefinition(ExtensionField f, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = f.degree();
        int n = 1 << m;
        long[] z = randomVector(rnd, m * d);
        long[] eq = Multilinear.eqTable(f, z);
        assertEquals(n * d, eq.length);
        for (int i = 0; i < n; i++) {
            assertArrayEquals(eqExt(f, i, z), f.get(eq, i), "eqTable[" + i + "]");
        }
        // Base evaluations, extension point.
        long[] evals = randomVector(rnd, n);
        assertArrayEquals(evalByDefinitionExt(f, evals, 1, z), Multilinear.evaluate(f, evals, z), "base evals at ext point");
        // Extension evaluations, extension point.
        long[] extEvals = randomVector(rnd, n * d);
        long[] copy = extEvals.clone();
        assertArrayEquals(evalByDefinitionExt(f, extEvals, d, z), Multilinear.evaluateExt(f, extEvals, z), "ext evals at ext point");
        assertArrayEquals(copy, extEvals, "evaluateExt must not modify its input");
        // A base point embedded in the extension agrees with the base evaluation.
        long[] zb = randomVector(rnd, m);
        long[] zbExt = new long[m * d];
        for (int j = 0; j < m; j++) {
            zbExt[j * d] = zb[j];
        }
        assertArrayEquals(f.fromBase(Multilinear.evaluate(evals, zb)), Multilinear.evaluate(f, evals, zbExt), "embedded base point");
    }

    @ParameterizedTest(name = "{0} m={1} seed={2}")
    @MethodSource("sizesAndDegrees")
    void foldingBindsVariableZero(ExtensionField f, int m, long seed) {
        if (m == 0) {
            return; // nothing to fold
        }
        SplittableRandom rnd = new SplittableRandom(~seed);
        int d = f.degree();
        int n = 1 << m;
        long[] evals = randomVector(rnd, n);
        long[] extEvals = randomVector(rnd, n * d);
        long[] r = randomVector(rnd, d);
        long[] rest = randomVector(rnd, (m - 1) * d);
        long[] full = concat(r, rest);

        // foldBase at r (read at an offset inside a longer array), then evaluate the rest.
        long[] rHolder = concat(randomVector(rnd, d), r);
        long[] foldedBase = Multilinear.foldBase(f, evals, rHolder, d);
        assertEquals((n / 2) * d, foldedBase.length);
        for (int i = 0; i < n / 2; i++) {
            long[] lo = f.fromBase(evals[2 * i]);
            long[] hi = f.fromBase(evals[2 * i + 1]);
            assertArrayEquals(f.add(lo, f.mul(r, f.sub(hi, lo))), f.get(foldedBase, i), "foldBase entry " + i);
        }
        assertArrayEquals(Multilinear.evaluate(f, evals, full), Multilinear.evaluateExt(f, foldedBase, rest), "foldBase then evaluate");

        long[] foldedExt = Multilinear.foldExt(f, extEvals, rHolder, d);
        for (int i = 0; i < n / 2; i++) {
            long[] lo = f.get(extEvals, 2 * i);
            long[] hi = f.get(extEvals, 2 * i + 1);
            assertArrayEquals(f.add(lo, f.mul(r, f.sub(hi, lo))), f.get(foldedExt, i), "foldExt entry " + i);
        }
        assertArrayEquals(Multilinear.evaluateExt(f, extEvals, full), Multilinear.evaluateExt(f, foldedExt, rest), "foldExt then evaluate");
        assertArrayEquals(evalByDefinitionExt(f, extEvals, d, full), Multilinear.evaluateExt(f, foldedExt, rest), "foldExt vs definition");
    }

    @ParameterizedTest(name = "{0} m={1} seed={2}")
    @MethodSource("sizesAndDegrees")
    void extensionCoefficientsAndUnivariateView(ExtensionField f, int m, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed + 0x77L);
        int d = f.degree();
        int n = 1 << m;
        long[] evals = randomVector(rnd, n * d);
        long[] coeffs = evals.clone();
        Multilinear.toCoefficients(coeffs, d);
        // Limb by limb the interleaved transform is the base transform.
        for (int l = 0; l < d; l++) {
            long[] limb = new long[n];
            for (int i = 0; i < n; i++) {
                limb[i] = evals[i * d + l];
            }
            Multilinear.toCoefficients(limb, 1);
            for (int i = 0; i < n; i++) {
                assertEquals(limb[i], coeffs[i * d + l], "limb " + l + " coefficient " + i);
            }
        }
        long[] z = randomVector(rnd, m * d);
        assertArrayEquals(Multilinear.evaluateExt(f, evals, z), monomialEvalExt(f, coeffs, z), "monomial form at z");
        long[] y = randomVector(rnd, d);
        long[] univariate = f.zero();
        for (int i = n - 1; i >= 0; i--) {
            univariate = f.add(f.mul(univariate, y), f.get(coeffs, i));
        }
        assertArrayEquals(univariate, Multilinear.evaluateExt(f, evals, powerPointExt(f, y, m)), "sum c_i y^i");
        long[] back = coeffs.clone();
        Multilinear.toEvaluations(back, d);
        assertArrayEquals(evals, back, "toEvaluations(toCoefficients(v))");
    }

    // ---------------------------------------------------------------- large (parallel) sizes

    /** 2^16 entries: big enough that the folds and the Moebius transform split across threads. */
    @ParameterizedTest(name = "{0} m=16 seed=" + SEED)
    @MethodSource("extensionFields")
    void parallelSizes(ExtensionField f) {
        SplittableRandom rnd = new SplittableRandom(SEED);
        int d = f.degree();
        int m = 16;
        int n = 1 << m;
        long[] evals = randomVector(rnd, n);
        long[] r = randomVector(rnd, d);
        long[] folded = Multilinear.foldBase(f, evals, r, 0);
        for (int i = 0; i < n / 2; i++) {
            long lo = evals[2 * i];
            long[] expected = f.mulBase(r, Goldilocks.sub(evals[2 * i + 1], lo));
            expected[0] = Goldilocks.add(expected[0], lo);
            assertArrayEquals(expected, f.get(folded, i), "foldBase entry " + i);
        }
        long[] folded2 = Multilinear.foldExt(f, folded, r, 0);
        for (int i = 0; i < n / 4; i++) {
            long[] lo = f.get(folded, 2 * i);
            long[] hi = f.get(folded, 2 * i + 1);
            assertArrayEquals(f.add(lo, f.mul(r, f.sub(hi, lo))), f.get(folded2, i), "foldExt entry " + i);
        }
        long[] extEvals = randomVector(rnd, n * d);
        long[] coeffs = extEvals.clone();
        Multilinear.toCoefficients(coeffs, d);
        long[] z = randomVector(rnd, m * d);
        assertArrayEquals(Multilinear.evaluateExt(f, extEvals, z), monomialEvalExt(f, coeffs, z), "monomial form at z, 2^16");
        Multilinear.toEvaluations(coeffs, d);
        assertArrayEquals(extEvals, coeffs, "round trip, 2^16");
        // Base width at 2^16 too.
        long[] bc = evals.clone();
        Multilinear.toCoefficients(bc, 1);
        long[] zb = randomVector(rnd, m);
        assertEquals(Multilinear.evaluate(evals, zb), monomialEval(bc, zb), "base monomial form at z, 2^16");
    }

    static Stream<ExtensionField> extensionFields() {
        return Stream.of(Goldilocks2.FIELD, Goldilocks3.FIELD);
    }

    // ---------------------------------------------------------------- bad shapes

    @Test
    void wrongPointLengthsThrow() {
        long[] evals = new long[8];
        for (int len : new int[] {0, 2, 4, 5}) {
            assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluate(evals, new long[len]), "base point of " + len);
        }
        assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluate(new long[1], new long[1]));
        for (int d = 2; d <= 3; d++) {
            ExtensionField f = ExtensionField.ofDegree(d);
            int dd = d;
            for (int coords : new int[] {0, 2, 4}) {
                assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluate(f, evals, new long[coords * dd]),
                        "ext point of " + coords + " coordinates, d=" + dd);
                assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluateExt(f, new long[8 * dd], new long[coords * dd]),
                        "ext point of " + coords + " coordinates for ext evals, d=" + dd);
            }
            assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluate(f, new long[1], new long[dd]));
            assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluateExt(f, new long[dd], new long[dd]));
        }
    }

    /**
     * A point whose length is not a multiple of d is malformed and should be rejected, not silently
     * truncated to its first floor(len / d) coordinates.
     */
    @Test
    void raggedExtensionPointsThrow() {
        List<org.junit.jupiter.api.function.Executable> checks = new ArrayList<>();
        for (int d = 2; d <= 3; d++) {
            ExtensionField f = ExtensionField.ofDegree(d);
            int dd = d;
            checks.add(() -> assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluate(f, new long[8], new long[3 * dd + 1]),
                    "Multilinear.evaluate(" + f + ", 8 evals, point of 3d+1 = " + (3 * dd + 1) + " limbs)"));
            checks.add(() -> assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluateExt(f, new long[8 * dd], new long[3 * dd + 1]),
                    "Multilinear.evaluateExt(" + f + ", 8 ext evals, point of 3d+1 = " + (3 * dd + 1) + " limbs)"));
            checks.add(() -> assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluate(f, new long[1], new long[1]),
                    "Multilinear.evaluate(" + f + ", 1 eval, point of 1 limb)"));
            checks.add(() -> assertThrows(IllegalArgumentException.class, () -> Multilinear.eqTable(f, new long[2 * dd + 1]),
                    "Multilinear.eqTable(" + f + ", point of 2d+1 = " + (2 * dd + 1) + " limbs)"));
        }
        org.junit.jupiter.api.Assertions.assertAll(checks);
    }

    @ParameterizedTest(name = "length={0}")
    @ValueSource(ints = {0, 3, 6, 12, 1000})
    void nonPowerOfTwoTablesThrow(int len) {
        assertThrows(IllegalArgumentException.class, () -> Multilinear.numVariables(len));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluate(new long[len], new long[2]));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.toCoefficients(new long[len], 1));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.toEvaluations(new long[len], 1));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.toCoefficients(new long[len * 2], 2));
        assertThrows(IllegalArgumentException.class, () -> Multilinear.evaluateExt(Goldilocks2.FIELD, new long[len * 2], new long[4]));
    }
}
