package io.zkinfer.field;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigInteger;
import java.util.SplittableRandom;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The lazily reduced dot products against a BigInteger sum, including worst-case operands. */
class GoldilocksDotTest {
    private static final BigInteger P = new BigInteger(Long.toUnsignedString(Goldilocks.P));

    @ParameterizedTest(name = "n={0}, seed={1}")
    @CsvSource({"0, 1", "1, 2", "7, 3", "203, 4", "5000, 5", "70000, 6"})
    void matchesBigIntegerSum(int n, long seed) {
        SplittableRandom rng = new SplittableRandom(seed);
        for (boolean worst : new boolean[] {false, true}) {
            long[] a = new long[n + 3];
            long[] b = new long[n + 5];
            for (int i = 0; i < a.length; i++) {
                a[i] = worst ? Goldilocks.P - 1 : Goldilocks.reduce(rng.nextLong());
            }
            for (int i = 0; i < b.length; i++) {
                b[i] = worst ? Goldilocks.P - 1 : Goldilocks.reduce(rng.nextLong());
            }
            BigInteger expected = BigInteger.ZERO;
            for (int i = 0; i < n; i++) {
                expected = expected.add(new BigInteger(Long.toUnsignedString(a[i + 3]))
                        .multiply(new BigInteger(Long.toUnsignedString(b[i + 5]))));
            }
            long got = Goldilocks.dot(a, 3, b, 5, n);
            assertEquals(expected.mod(P).longValue(), got, "worst=" + worst);
            // dot2: the same sum in the second slot, and a reversed first operand's in the first.
            long[] reversed = new long[a.length];
            for (int i = 0; i < a.length; i++) {
                reversed[i] = a[a.length - 1 - i];
            }
            long[] out = new long[3];
            Goldilocks.dot2(reversed, a, 3, b, 5, n, out, 1);
            assertEquals(got, out[2], "dot2 second, worst=" + worst);
            assertEquals(Goldilocks.dot(reversed, 3, b, 5, n), out[1], "dot2 first, worst=" + worst);
        }
    }
}
