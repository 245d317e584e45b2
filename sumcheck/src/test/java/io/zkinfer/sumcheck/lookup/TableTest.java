package io.zkinfer.sumcheck.lookup;

import static io.zkinfer.sumcheck.lookup.LookupTestSupport.transcript;
import static io.zkinfer.sumcheck.lookup.LookupTestSupport.vector;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.field.Goldilocks3;
import io.zkinfer.field.Multilinear;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Tables: closed forms against the columns, locators, validation; multiplicities and their errors. */
class TableTest {

    static Stream<Arguments> structured() {
        List<Arguments> out = new ArrayList<>();
        for (ExtensionField ext : List.of(Goldilocks2.FIELD, Goldilocks3.FIELD)) {
            for (int bits = 0; bits <= 10; bits++) {
                out.add(Arguments.of(ext, "range", bits));
                if (bits > 0) {
                    out.add(Arguments.of(ext, "signed", bits));
                    out.add(Arguments.of(ext, "square", bits));
                }
            }
        }
        return out.stream();
    }

    static Table structured(String kind, int bits) {
        return switch (kind) {
            case "range" -> Table.range(bits);
            case "signed" -> Table.signedRange(bits);
            case "square" -> Table.function(bits, x -> x * x - 3);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    @ParameterizedTest(name = "{0}, {1}, {2} bits")
    @MethodSource("structured")
    void closedFormsAreTheColumnsMultilinearExtensions(ExtensionField ext, String kind, int bits) {
        Table table = structured(kind, bits);
        long[][] columns = table.columns();
        assertEquals(table.width(), columns.length);
        SplittableRandom rng = new SplittableRandom(bits * 31L + kind.length());
        for (int trial = 0; trial < 4; trial++) {
            long[] point = vector(rng, bits * ext.degree());
            for (int c = 0; c < columns.length; c++) {
                assertEquals(1 << bits, columns[c].length);
                if (table.closedForm(c)) {
                    assertArrayEquals(Multilinear.evaluate(ext, columns[c], point), table.evaluate(ext, c, point),
                            "column " + c);
                } else {
                    int col = c;
                    assertThrows(UnsupportedOperationException.class, () -> table.evaluate(ext, col, point));
                }
            }
        }
        assertEquals(kind.equals("square"), !table.closedForm(table.width() - 1));
    }

    @ParameterizedTest(name = "{0}, {1}, {2} bits")
    @MethodSource("structured")
    void locatorsFindEveryRowAndNothingElse(ExtensionField ext, String kind, int bits) {
        Table table = structured(kind, bits);
        long[][] columns = table.columns();
        Table.Locator structuredLocator = table.locator();
        Table.Locator hashed = HashLocator.of(columns);
        for (int i = 0; i < 1 << bits; i++) {
            assertEquals(i, structuredLocator.row(columns, i));
            assertEquals(i, hashed.row(columns, i));
        }
        long lo = kind.equals("range") ? 0 : -(1L << (bits - 1));
        long hi = lo + (1L << bits);
        // p - 1 is -1: outside [0, 2^bits), inside a signed range.
        long[] outside = {Goldilocks.fromSigned(lo - 1), Goldilocks.fromSigned(hi),
            kind.equals("range") ? Goldilocks.P - 1 : Goldilocks.fromSigned(lo - (1L << 40)), 1L << 32,
            Goldilocks.fromSigned(hi + 1000)};
        for (long v : outside) {
            long[][] probe = new long[table.width()][1];
            probe[0][0] = v;
            if (table.width() == 2) {
                probe[1][0] = Goldilocks.fromSigned(Goldilocks.toSigned(v) * Goldilocks.toSigned(v) - 3);
            }
            assertEquals(-1, structuredLocator.row(probe, 0), "value " + Goldilocks.toSigned(v));
            assertEquals(-1, hashed.row(probe, 0), "value " + Goldilocks.toSigned(v));
        }
        if (table.width() == 2) {
            long[][] wrongOutput = {{columns[0][0]}, {Goldilocks.add(columns[1][0], 1)}};
            assertEquals(-1, structuredLocator.row(wrongOutput, 0));
        }
    }

    @Test
    void explicitTablesLocateTuplesAndKeepTheFirstOfRepeatedRows() {
        long[] a = {5, 7, 5, Goldilocks.P - 1};
        long[] b = {1, 2, 1, 0};
        Table table = Table.of(a, b);
        assertEquals(2, table.numVariables());
        assertEquals(2, table.width());
        assertFalse(table.closedForm(0) || table.closedForm(1));
        Table.Locator loc = table.locator();
        assertEquals(0, loc.row(new long[][] {{5}, {1}}, 0));
        assertEquals(1, loc.row(new long[][] {{7}, {2}}, 0));
        assertEquals(3, loc.row(new long[][] {{Goldilocks.P - 1}, {0}}, 0));
        assertEquals(-1, loc.row(new long[][] {{5}, {2}}, 0));
        a[0] = 9; // the table copied its columns
        assertEquals(0, loc.row(new long[][] {{5}, {1}}, 0));
        long[][] cols = table.columns();
        cols[0][0] = 9;
        assertEquals(5, table.columns()[0][0]);
    }

    @Test
    void factoriesRejectBadShapes() {
        assertThrows(IllegalArgumentException.class, () -> Table.range(-1));
        assertThrows(IllegalArgumentException.class, () -> Table.range(31));
        assertThrows(IllegalArgumentException.class, () -> Table.signedRange(0));
        assertThrows(IllegalArgumentException.class, () -> Table.function(0, x -> x));
        assertThrows(IllegalArgumentException.class, () -> Table.of());
        assertThrows(IllegalArgumentException.class, () -> Table.of(new long[3]));
        assertThrows(IllegalArgumentException.class, () -> Table.of(new long[0]));
        assertThrows(IllegalArgumentException.class, () -> Table.of(new long[4], new long[2]));
        assertThrows(IllegalArgumentException.class, () -> Table.of(new long[] {Goldilocks.P, 0}));
        assertThrows(IllegalArgumentException.class, () -> Table.committed(-1, 1));
        assertThrows(IllegalArgumentException.class, () -> Table.committed(3, 0));
        Table committed = Table.committed(3, 2);
        assertThrows(IllegalStateException.class, committed::columns);
        assertFalse(committed.closedForm(0));
        assertThrows(UnsupportedOperationException.class,
                () -> committed.evaluate(Goldilocks2.FIELD, 0, new long[6]));
        assertThrows(IndexOutOfBoundsException.class, () -> Table.range(3).closedForm(1));
    }

    @Test
    void multiplicitiesCountEveryLookedUpRow() {
        Table table = Table.signedRange(3);
        long[] xs = {Goldilocks.fromSigned(-4), 0, 0, 3, Goldilocks.fromSigned(-1), 0, 3, 3};
        long[] m = LogUp.multiplicities(table, List.<long[][]>of(new long[][] {xs}, new long[][] {{0, 0}}));
        // rows hold -4..3
        assertArrayEquals(new long[] {1, 0, 0, 1, 5, 0, 0, 3}, m);
    }

    @Test
    void aMissingValueIsNamedWithItsSetColumnIndexAndValue() {
        Table range = Table.range(4);
        long[][] ok = {{1, 2}};
        long[][] bad = {{3, 15, 16, 0}};
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogUp.multiplicities(range, List.<long[][]>of(ok, bad)));
        assertEquals("lookup set 1, column 0, index 2: value 16 is not in the table", e.getMessage());
        long[][] negative = {{Goldilocks.fromSigned(-3)}};
        e = assertThrows(IllegalArgumentException.class, () -> LogUp.multiplicities(range, List.<long[][]>of(negative)));
        assertEquals("lookup set 0, column 0, index 0: value -3 is not in the table", e.getMessage());
        Table relu = Table.function(4, x -> Math.max(0, x));
        long[][] tuples = {{Goldilocks.fromSigned(-2), 5}, {0, 6}};
        e = assertThrows(IllegalArgumentException.class, () -> LogUp.multiplicities(relu, List.<long[][]>of(tuples)));
        assertEquals("lookup set 0, index 1: row (column 0 = 5, column 1 = 6) is not in the table", e.getMessage());
    }

    @Test
    void proverInputsMustFitTheTable() {
        Table relu = Table.function(4, x -> Math.max(0, x));
        long[] m = new long[16];
        List<List<long[][]>> bad = List.<List<long[][]>>of(
                List.of(),
                List.<long[][]>of(new long[][] {{1, 2}}),
                List.<long[][]>of(new long[][] {{1, 2, 3}, {1, 2, 3}}),
                List.<long[][]>of(new long[][] {{1, 2}, {1}}),
                List.<long[][]>of(new long[][] {{1, Goldilocks.P}, {1, 2}}));
        for (List<long[][]> lookups : bad) {
            assertThrows(IllegalArgumentException.class, () -> LogUp.multiplicities(relu, lookups));
            assertThrows(IllegalArgumentException.class,
                    () -> LogUp.prove(transcript(), "l", Goldilocks2.FIELD, relu, lookups, m));
        }
        List<long[][]> good = List.<long[][]>of(new long[][] {{1, 2}, {1, 2}});
        assertThrows(IllegalArgumentException.class,
                () -> LogUp.prove(transcript(), "l", Goldilocks2.FIELD, relu, good, new long[8]));
        assertThrows(IllegalArgumentException.class,
                () -> LogUp.verify(transcript(), "l", Goldilocks2.FIELD, relu, new int[0], null));
        assertThrows(IllegalArgumentException.class,
                () -> LogUp.verify(transcript(), "l", Goldilocks2.FIELD, relu, new int[] {31}, null));
    }

    @Test
    void securityBitsFollowTheStatedBound() {
        Table relu = Table.function(16, x -> Math.max(0, x));
        int g2 = LogUp.securityBits(Goldilocks2.FIELD, relu, new int[] {16});
        int g3 = LogUp.securityBits(Goldilocks3.FIELD, relu, new int[] {16});
        // (2^16 + 2^16) * 1 + GKR terms of two 16-layer trees: about 2^17, so 127 - 17 = 110 bits.
        assertEquals(109, g2, "Goldilocks2");
        assertEquals(g2 + 64, g3, "Goldilocks3");
        assertTrue(LogUp.securityBits(Goldilocks2.FIELD, Table.range(16), new int[] {20, 20}) > 100);
    }
}
