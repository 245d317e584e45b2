package io.zkinfer.field;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The degree-2 and degree-3 Goldilocks extensions against an independent {@link BigInteger}
 * reference: schoolbook polynomial products reduced by u^d = 7, modulo p. Random cases come from
 * fixed seeds, which every parameterized display name prints.
 */
class ExtensionFieldTest {
    static final long P = Goldilocks.P;
    static final BigInteger P_BIG = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE.shiftLeft(32)).add(BigInteger.ONE);
    static final BigInteger W_BIG = BigInteger.valueOf(7);
    static final int CASES = 200;

    /** Canonical edge limbs. */
    static final long[] EDGE_LIMBS = {0L, 1L, 2L, 7L, P - 1, P - 2, 1L << 32, (1L << 32) - 1, 1L << 63, (1L << 63) + 1};

    static Stream<Arguments> fieldsAndSeeds() {
        List<Arguments> out = new ArrayList<>();
        for (ExtensionField f : List.of(Goldilocks2.FIELD, Goldilocks3.FIELD)) {
            for (long seed : new long[] {1L, 0xE47L, 0x5EED_600DL}) {
                out.add(Arguments.of(f, seed));
            }
        }
        return out.stream();
    }

    static Stream<ExtensionField> fields() {
        return Stream.of(Goldilocks2.FIELD, Goldilocks3.FIELD);
    }

    // ---------------------------------------------------------------- the reference

    static BigInteger big(long x) {
        return new BigInteger(Long.toUnsignedString(x));
    }

    static long small(BigInteger x) {
        return x.mod(P_BIG).longValue();
    }

    /** Schoolbook product of two degree-(d-1) polynomials, reduced by u^d = 7, mod p. */
    static long[] refMul(long[] a, long[] b) {
        int d = a.length;
        BigInteger[] c = new BigInteger[2 * d - 1];
        Arrays.fill(c, BigInteger.ZERO);
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                c[i + j] = c[i + j].add(big(a[i]).multiply(big(b[j])));
            }
        }
        for (int k = 2 * d - 2; k >= d; k--) {
            c[k - d] = c[k - d].add(c[k].multiply(W_BIG));
            c[k] = BigInteger.ZERO;
        }
        long[] r = new long[d];
        for (int i = 0; i < d; i++) {
            r[i] = small(c[i]);
        }
        return r;
    }

    static long[] refAdd(long[] a, long[] b) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = small(big(a[i]).add(big(b[i])));
        }
        return r;
    }

    static long[] refSub(long[] a, long[] b) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = small(big(a[i]).subtract(big(b[i])));
        }
        return r;
    }

    static long[] refMulBase(long[] a, long s) {
        long[] r = new long[a.length];
        for (int i = 0; i < a.length; i++) {
            r[i] = small(big(a[i]).multiply(big(s)));
        }
        return r;
    }

    static long[] refOne(int d) {
        long[] r = new long[d];
        r[0] = 1;
        return r;
    }

    /** a^e by square-and-multiply on the reference product, for any non-negative e. */
    static long[] refPow(long[] a, BigInteger e) {
        long[] result = refOne(a.length);
        for (int i = e.bitLength() - 1; i >= 0; i--) {
            result = refMul(result, result);
            if (e.testBit(i)) {
                result = refMul(result, a);
            }
        }
        return result;
    }

    /** a^-1 = a^(p^d - 2): Fermat in the field of p^d elements. */
    static long[] refInverse(long[] a) {
        return refPow(a, P_BIG.pow(a.length).subtract(BigInteger.TWO));
    }

    // ---------------------------------------------------------------- values

    static long randomLimb(SplittableRandom rnd) {
        return switch (rnd.nextInt(8)) {
            case 0 -> EDGE_LIMBS[rnd.nextInt(EDGE_LIMBS.length)];
            case 1 -> P - 1 - rnd.nextLong(1 << 16);
            case 2 -> rnd.nextLong(1 << 16);
            default -> Long.remainderUnsigned(rnd.nextLong(), P);
        };
    }

    static long[] randomElement(SplittableRandom rnd, int d) {
        long[] r = new long[d];
        for (int i = 0; i < d; i++) {
            r[i] = randomLimb(rnd);
        }
        return r;
    }

    static long[] randomNonZero(SplittableRandom rnd, int d) {
        while (true) {
            long[] r = randomElement(rnd, d);
            if (!isZero(r)) {
                return r;
            }
        }
    }

    static boolean isZero(long[] a) {
        for (long x : a) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }

    /** Every element whose limbs are all edge limbs (10^2 or 10^3 of them). */
    static List<long[]> edgeElements(int d) {
        List<long[]> out = new ArrayList<>();
        int n = EDGE_LIMBS.length;
        int total = (int) Math.pow(n, d);
        for (int k = 0; k < total; k++) {
            long[] e = new long[d];
            int rest = k;
            for (int i = 0; i < d; i++) {
                e[i] = EDGE_LIMBS[rest % n];
                rest /= n;
            }
            out.add(e);
        }
        return out;
    }

    static String show(long[] a) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < a.length; i++) {
            sb.append(i == 0 ? "" : ", ").append("0x").append(Long.toHexString(a[i]));
        }
        return sb.append(")").toString();
    }

    static void assertCanonical(long[] a) {
        for (long x : a) {
            assertTrue(Goldilocks.isCanonical(x), () -> "non-canonical limb in " + show(a));
        }
    }

    // ---------------------------------------------------------------- against the reference

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("fieldsAndSeeds")
    void arithmeticMatchesReference(ExtensionField f, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = f.degree();
        for (int t = 0; t < CASES; t++) {
            long[] a = randomElement(rnd, d);
            long[] b = randomElement(rnd, d);
            long[] c = randomElement(rnd, d);
            long s = randomLimb(rnd);
            String ctx = "seed=" + seed + " a=" + show(a) + " b=" + show(b) + " c=" + show(c) + " s=0x" + Long.toHexString(s);
            long[] prod = f.mul(a, b);
            assertCanonical(prod);
            assertArrayEquals(refMul(a, b), prod, "mul " + ctx);
            assertArrayEquals(refAdd(a, b), f.add(a, b), "add " + ctx);
            assertArrayEquals(refSub(a, b), f.sub(a, b), "sub " + ctx);
            assertArrayEquals(refMulBase(a, s), f.mulBase(a, s), "mulBase " + ctx);
            assertArrayEquals(refSub(new long[d], a), f.neg(a), "neg " + ctx);
            long[] ma = new long[d];
            f.mulAdd(ma, 0, c, 0, a, 0, b, 0);
            assertArrayEquals(refAdd(c, refMul(a, b)), ma, "mulAdd " + ctx);
        }
    }

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("fieldsAndSeeds")
    void inverseAndPowMatchReference(ExtensionField f, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = f.degree();
        for (int t = 0; t < 24; t++) {
            long[] a = randomNonZero(rnd, d);
            long[] inv = f.inverse(a);
            assertCanonical(inv);
            assertArrayEquals(refInverse(a), inv, "inverse seed=" + seed + " a=" + show(a));
            long e = switch (t % 4) {
                case 0 -> rnd.nextLong(); // any 64-bit word, read unsigned
                case 1 -> rnd.nextLong(64);
                case 2 -> P - 1 - rnd.nextLong(4);
                default -> -1L - rnd.nextLong(4); // near 2^64: the unsigned reading matters
            };
            assertArrayEquals(refPow(a, new BigInteger(Long.toUnsignedString(e))), f.pow(a, e),
                    "pow seed=" + seed + " a=" + show(a) + " e=" + Long.toUnsignedString(e));
        }
        long[] a = randomElement(rnd, d);
        assertArrayEquals(refOne(d), f.pow(a, 0), "a^0 = 1");
        assertArrayEquals(a, f.pow(a, 1), "a^1 = a");
        assertArrayEquals(refMul(a, a), f.pow(a, 2), "a^2");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void edgeLimbsMatchReference(ExtensionField f) {
        int d = f.degree();
        List<long[]> edges = edgeElements(d);
        // All pairs for d = 2 (10^4); a strided subset of pairs for d = 3 (10^3 x 40).
        int stride = d == 2 ? 1 : 25;
        for (long[] a : edges) {
            for (int j = 0; j < edges.size(); j += stride) {
                long[] b = edges.get(j);
                String ctx = "a=" + show(a) + " b=" + show(b);
                assertArrayEquals(refMul(a, b), f.mul(a, b), "mul " + ctx);
                assertArrayEquals(refAdd(a, b), f.add(a, b), "add " + ctx);
                assertArrayEquals(refSub(a, b), f.sub(a, b), "sub " + ctx);
            }
            for (long s : EDGE_LIMBS) {
                assertArrayEquals(refMulBase(a, s), f.mulBase(a, s), "mulBase a=" + show(a) + " s=" + Long.toHexString(s));
            }
            if (!isZero(a)) {
                long[] inv = f.inverse(a);
                assertCanonical(inv);
                assertArrayEquals(refOne(d), refMul(a, inv), "a * a^-1 for a=" + show(a));
            }
        }
    }

    // ---------------------------------------------------------------- field laws

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("fieldsAndSeeds")
    void fieldLaws(ExtensionField f, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = f.degree();
        long[] zero = f.zero();
        long[] one = f.one();
        assertArrayEquals(new long[d], zero);
        assertArrayEquals(refOne(d), one);
        for (int t = 0; t < CASES; t++) {
            long[] a = randomElement(rnd, d);
            long[] b = randomElement(rnd, d);
            long[] c = randomElement(rnd, d);
            String ctx = "seed=" + seed + " a=" + show(a) + " b=" + show(b) + " c=" + show(c);
            assertArrayEquals(f.mul(f.mul(a, b), c), f.mul(a, f.mul(b, c)), "mul assoc " + ctx);
            assertArrayEquals(f.add(f.add(a, b), c), f.add(a, f.add(b, c)), "add assoc " + ctx);
            assertArrayEquals(f.mul(a, b), f.mul(b, a), "mul comm " + ctx);
            assertArrayEquals(f.add(a, b), f.add(b, a), "add comm " + ctx);
            assertArrayEquals(f.add(f.mul(a, b), f.mul(a, c)), f.mul(a, f.add(b, c)), "distrib " + ctx);
            assertArrayEquals(a, f.mul(a, one), "a*1 " + ctx);
            assertArrayEquals(zero, f.mul(a, zero), "a*0 " + ctx);
            assertArrayEquals(a, f.add(a, zero), "a+0 " + ctx);
            assertArrayEquals(zero, f.sub(a, a), "a-a " + ctx);
            assertArrayEquals(a, f.sub(f.add(a, b), b), "(a+b)-b " + ctx);
            assertArrayEquals(zero, f.add(a, f.neg(a)), "a+(-a) " + ctx);
            long s = randomLimb(rnd);
            assertArrayEquals(f.mul(a, f.fromBase(s)), f.mulBase(a, s), "mulBase = mul by embedded " + ctx);
            if (!isZero(a)) {
                assertArrayEquals(one, f.mul(a, f.inverse(a)), "a*a^-1 " + ctx);
                assertArrayEquals(a, f.inverse(f.inverse(a)), "(a^-1)^-1 " + ctx);
            }
            // pow is a homomorphism of exponents: a^(e1+e2) = a^e1 a^e2.
            long e1 = rnd.nextLong(1L << 62);
            long e2 = rnd.nextLong(1L << 62);
            assertArrayEquals(f.pow(a, e1 + e2), f.mul(f.pow(a, e1), f.pow(a, e2)), "pow add " + ctx);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void inverseOfZeroThrows(ExtensionField f) {
        int d = f.degree();
        assertThrows(ArithmeticException.class, () -> f.inverse(f.zero()));
        long[] vec = new long[3 * d];
        vec[0] = 5; // slot 0 nonzero, slot 1 zero
        assertThrows(ArithmeticException.class, () -> f.inverse(vec, 2 * d, vec, d));
        if (d == 2) {
            assertThrows(ArithmeticException.class, () -> Goldilocks2.inverse(new long[2], 0, new long[2], 0));
        } else {
            assertThrows(ArithmeticException.class, () -> Goldilocks3.inverse(new long[3], 0, new long[3], 0));
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void baseFieldEmbedsAsSubfield(ExtensionField f) {
        SplittableRandom rnd = new SplittableRandom(0xBA5EL);
        for (int t = 0; t < CASES; t++) {
            long x = randomLimb(rnd);
            long y = randomLimb(rnd);
            assertArrayEquals(f.fromBase(Goldilocks.mul(x, y)), f.mul(f.fromBase(x), f.fromBase(y)));
            assertArrayEquals(f.fromBase(Goldilocks.add(x, y)), f.add(f.fromBase(x), f.fromBase(y)));
            if (x != 0) {
                assertArrayEquals(f.fromBase(Goldilocks.inverse(x)), f.inverse(f.fromBase(x)));
            }
        }
    }

    // ---------------------------------------------------------------- aliasing and offsets

    interface Op {
        void apply(long[] out, int o, long[] a, int ao, long[] b, int bo);
    }

    static void checkAliasing(String name, int d, Op op, SplittableRandom rnd) {
        for (int t = 0; t < 50; t++) {
            long[] a = randomNonZero(rnd, d);
            long[] b = randomNonZero(rnd, d);
            long[] expected = new long[d];
            op.apply(expected, 0, a, 0, b, 0);
            // Interleaved vector [junk, a, b, junk]; operands at slots 1 and 2.
            long[] vec = new long[4 * d];
            for (int i = 0; i < vec.length; i++) {
                vec[i] = randomLimb(rnd);
            }
            System.arraycopy(a, 0, vec, d, d);
            System.arraycopy(b, 0, vec, 2 * d, d);
            long[] before = vec.clone();
            // out == a at the same offset
            long[] v1 = before.clone();
            op.apply(v1, d, v1, d, v1, 2 * d);
            assertArrayEquals(expected, Arrays.copyOfRange(v1, d, 2 * d), name + " out==a, a=" + show(a) + " b=" + show(b));
            assertUntouchedOutside(before, v1, d, d, name);
            // out == b at the same offset
            long[] v2 = before.clone();
            op.apply(v2, 2 * d, v2, d, v2, 2 * d);
            assertArrayEquals(expected, Arrays.copyOfRange(v2, 2 * d, 3 * d), name + " out==b, a=" + show(a) + " b=" + show(b));
            assertUntouchedOutside(before, v2, 2 * d, d, name);
            // a == b == out (squaring / doubling in place)
            long[] expectedSq = new long[d];
            op.apply(expectedSq, 0, a, 0, a, 0);
            long[] v3 = before.clone();
            op.apply(v3, d, v3, d, v3, d);
            assertArrayEquals(expectedSq, Arrays.copyOfRange(v3, d, 2 * d), name + " out==a==b, a=" + show(a));
            // distinct output slot at an offset
            long[] v4 = before.clone();
            op.apply(v4, 3 * d, v4, d, v4, 2 * d);
            assertArrayEquals(expected, Arrays.copyOfRange(v4, 3 * d, 4 * d), name + " offsets");
            assertUntouchedOutside(before, v4, 3 * d, d, name);
        }
    }

    static void assertUntouchedOutside(long[] before, long[] after, int from, int len, String name) {
        for (int i = 0; i < before.length; i++) {
            if (i < from || i >= from + len) {
                assertEquals(before[i], after[i], name + " wrote outside its output slot at limb " + i);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void outputMayAliasAnInput(ExtensionField f) {
        int d = f.degree();
        SplittableRandom rnd = new SplittableRandom(0xA11A5L + d);
        checkAliasing("mul", d, f::mul, rnd);
        checkAliasing("add", d, f::add, rnd);
        checkAliasing("sub", d, f::sub, rnd);
        checkAliasing("mulBase", d, (out, o, a, ao, b, bo) -> f.mulBase(out, o, a, ao, b[bo]), rnd);
        checkAliasing("inverse", d, (out, o, a, ao, b, bo) -> f.inverse(out, o, a, ao), rnd);
        // mulAdd: out = a + s * b, out aliasing each of a, s, b.
        for (int t = 0; t < 50; t++) {
            long[] a = randomElement(rnd, d);
            long[] s = randomElement(rnd, d);
            long[] b = randomElement(rnd, d);
            long[] expected = refAdd(a, refMul(s, b));
            for (int alias = 0; alias < 3; alias++) {
                long[] vec = new long[4 * d];
                System.arraycopy(a, 0, vec, 0, d);
                System.arraycopy(s, 0, vec, d, d);
                System.arraycopy(b, 0, vec, 2 * d, d);
                int o = alias * d;
                f.mulAdd(vec, o, vec, 0, vec, d, vec, 2 * d);
                assertArrayEquals(expected, Arrays.copyOfRange(vec, o, o + d),
                        "mulAdd with out aliasing operand " + alias + " a=" + show(a) + " s=" + show(s) + " b=" + show(b));
            }
        }
    }

    // ---------------------------------------------------------------- Frobenius

    @ParameterizedTest(name = "{0} seed={1}")
    @MethodSource("fieldsAndSeeds")
    void frobenius(ExtensionField f, long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        int d = f.degree();
        // u^p = 7^((p-1)/d) u: the Frobenius multiplies limb i by g^i, g = 7^((p-1)/d).
        long g = small(W_BIG.modPow(P_BIG.subtract(BigInteger.ONE).divide(BigInteger.valueOf(d)), P_BIG));
        assertNotEquals(1L, g, "7 must not be a d-th power");
        for (int t = 0; t < 20; t++) {
            long[] a = randomElement(rnd, d);
            long[] x = a;
            for (int k = 1; k <= d; k++) {
                x = f.pow(x, P);
                if (k == 1) {
                    long[] expected = new long[d];
                    long gi = 1;
                    for (int i = 0; i < d; i++) {
                        expected[i] = Goldilocks.mul(a[i], gi);
                        gi = Goldilocks.mul(gi, g);
                    }
                    assertArrayEquals(expected, x, "a^p seed=" + seed + " a=" + show(a));
                }
                if (k < d && (a[1] != 0 || (d == 3 && a[2] != 0))) {
                    assertFalse(Arrays.equals(a, x), "a^(p^" + k + ") = a for a outside the base field: " + show(a));
                }
            }
            assertArrayEquals(a, x, "a^(p^d) seed=" + seed + " a=" + show(a));
        }
    }

    // ---------------------------------------------------------------- statics and lookup

    @ParameterizedTest(name = "seed={0}")
    @ValueSource(longs = {3L, 0x57A71CL})
    void staticMethodsAgreeWithFieldInstances(long seed) {
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int t = 0; t < CASES; t++) {
            for (int d = 2; d <= 3; d++) {
                ExtensionField f = ExtensionField.ofDegree(d);
                long[] a = randomNonZero(rnd, d);
                long[] b = randomElement(rnd, d);
                long s = randomLimb(rnd);
                long[] mul = new long[d], add = new long[d], sub = new long[d], mb = new long[d], inv = new long[d];
                if (d == 2) {
                    Goldilocks2.mul(mul, 0, a, 0, b, 0);
                    Goldilocks2.add(add, 0, a, 0, b, 0);
                    Goldilocks2.sub(sub, 0, a, 0, b, 0);
                    Goldilocks2.mulBase(mb, 0, a, 0, s);
                    Goldilocks2.inverse(inv, 0, a, 0);
                } else {
                    Goldilocks3.mul(mul, 0, a, 0, b, 0);
                    Goldilocks3.add(add, 0, a, 0, b, 0);
                    Goldilocks3.sub(sub, 0, a, 0, b, 0);
                    Goldilocks3.mulBase(mb, 0, a, 0, s);
                    Goldilocks3.inverse(inv, 0, a, 0);
                }
                String ctx = "d=" + d + " a=" + show(a) + " b=" + show(b);
                assertArrayEquals(f.mul(a, b), mul, "mul " + ctx);
                assertArrayEquals(f.add(a, b), add, "add " + ctx);
                assertArrayEquals(f.sub(a, b), sub, "sub " + ctx);
                assertArrayEquals(f.mulBase(a, s), mb, "mulBase " + ctx);
                assertArrayEquals(f.inverse(a), inv, "inverse " + ctx);
            }
        }
    }

    @Test
    void ofDegree() {
        assertSame(Goldilocks2.FIELD, ExtensionField.ofDegree(2));
        assertSame(Goldilocks3.FIELD, ExtensionField.ofDegree(3));
        assertEquals(2, Goldilocks2.FIELD.degree());
        assertEquals(3, Goldilocks3.FIELD.degree());
        assertEquals(127, Goldilocks2.FIELD.bits());
        assertEquals(191, Goldilocks3.FIELD.bits());
        for (int bad : new int[] {4, 1, 0, -1, 5}) {
            assertThrows(IllegalArgumentException.class, () -> ExtensionField.ofDegree(bad), "degree " + bad);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fields")
    void vectorAccessors(ExtensionField f) {
        int d = f.degree();
        SplittableRandom rnd = new SplittableRandom(0x5E7L);
        long[] vec = new long[5 * d];
        long[][] xs = new long[5][];
        for (int i = 0; i < 5; i++) {
            xs[i] = randomElement(rnd, d);
            f.set(vec, i, xs[i]);
        }
        for (int i = 0; i < 5; i++) {
            assertArrayEquals(xs[i], f.get(vec, i));
            assertArrayEquals(xs[i], Arrays.copyOfRange(vec, i * d, i * d + d));
            assertEquals(isZero(xs[i]), f.isZero(vec, i * d));
        }
        assertTrue(f.isZero(new long[2 * d], d));
    }
}
