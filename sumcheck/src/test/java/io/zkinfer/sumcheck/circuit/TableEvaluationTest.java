package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.LongUnaryOperator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The verifier's evaluation of small tables ({@link ZkEngine#evaluateTable}) equals folding the
 * whole table, whether it goes through the table's runs (requantization tables) or folds (a
 * sigmoid-like table), at random points and at points whose top coordinates are 0 or 1 (a
 * lookup's claims on one half), which the folding path slices off. Seeds are printed in the name.
 */
class TableEvaluationTest {
    static final long SEED = 0x7AB1E_5EEDL;

    @ParameterizedTest(name = "degree {0}, seed " + SEED)
    @ValueSource(ints = {2, 3})
    void tablesEvaluateLikeFoldingAtSlicedPoints(int d) {
        ExtensionField ext = ExtensionField.ofDegree(d);
        SplittableRandom rnd = new SplittableRandom(SEED + d);
        CircuitBuilder cb = new CircuitBuilder();
        int relu = table(cb, "relu", 14, v -> Math.max(0, Math.max(-100, Math.min(127, v))));
        int identity = table(cb, "identity", 11, v -> Math.max(-128, Math.min(127, v)));
        int sigmoid = table(cb, "sigmoid", 12, v -> Math.round(255 / (1 + Math.exp(-v / 64.0))));
        int tiny = table(cb, "tiny", 3, v -> v);
        Circuit c = cb.build();
        assertTrue(c.piecewiseLinear(relu).isPresent());
        assertTrue(c.piecewiseLinear(identity).isPresent());
        assertFalse(c.piecewiseLinear(sigmoid).isPresent());
        assertFalse(c.piecewiseLinear(tiny).isPresent());
        for (int id : new int[] {relu, identity, sigmoid, tiny}) {
            long[] values = c.preprocessedValues(id);
            int m = Multilinear.numVariables(values.length);
            for (int bits = 0; bits <= m; bits++) {
                for (int trial = 0; trial < 3; trial++) {
                    long[] point = new long[m * d];
                    for (int j = 0; j < point.length; j++) {
                        point[j] = Long.remainderUnsigned(rnd.nextLong(), Goldilocks.P);
                    }
                    // The top `bits` coordinates become 0 or 1, as in a lookup's claims on one half.
                    for (int j = m - bits; j < m; j++) {
                        Arrays.fill(point, j * d, (j + 1) * d, 0);
                        point[j * d] = rnd.nextInt(2);
                    }
                    long[] expected = Multilinear.evaluate(ext, values, point);
                    assertArrayEquals(expected, ZkEngine.evaluateTable(ext, c, id, point), c.tensor(id).name());
                    assertArrayEquals(expected, ZkEngine.evaluateTable(ext, values, point), c.tensor(id).name());
                }
            }
        }
    }

    /** f(i - 2^(m-1)) over i in [0, 2^m), as Requantize and Activation build their columns. */
    static int table(CircuitBuilder cb, String name, int m, LongUnaryOperator f) {
        long[] column = new long[1 << m];
        for (int i = 0; i < column.length; i++) {
            column[i] = f.applyAsLong(i - (1L << (m - 1)));
        }
        return cb.preprocessed(name, Shape.of(1 << m), column);
    }
}
