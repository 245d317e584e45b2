package io.zkinfer.sumcheck.lookup;

import static io.zkinfer.sumcheck.lookup.LookupTestSupport.transcript;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Goldilocks2;
import io.zkinfer.field.Goldilocks3;
import io.zkinfer.field.Multilinear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** LogUp: completeness, the returned claims, false witnesses, tampered and malformed proofs. */
class LogUpTest {

    /** A statement and its witness: a table, looked-up sets, multiplicities. */
    record Instance(Table table, List<long[][]> lookups, long[] multiplicities) {
        int[] variables() {
            return lookups.stream().mapToInt(set -> Multilinear.numVariables(set[0].length)).toArray();
        }

        LogUp.Output prove(ExtensionField ext) {
            return LogUp.prove(transcript(), "logup", ext, table, lookups, multiplicities);
        }

        List<LookupClaim> verify(ExtensionField ext, LogUpProof proof) throws LookupException {
            return LogUp.verify(transcript(), "logup", ext, table, variables(), proof);
        }

        /** True when every claim is the true MLE evaluation of its column. */
        boolean allHold(ExtensionField ext, List<LookupClaim> claims) {
            long[][] columns = table.columns();
            for (LookupClaim c : claims) {
                long[] evals = switch (c.kind()) {
                    case LOOKED_UP -> lookups.get(c.set())[c.column()];
                    case TABLE -> columns[c.column()];
                    case MULTIPLICITY -> multiplicities;
                };
                if (!Arrays.equals(Multilinear.evaluate(ext, evals, c.point()), c.value())) {
                    return false;
                }
            }
            return true;
        }
    }

    /** Rows drawn from the table, skewed so that multiplicities vary (many rows hit 0 times). */
    static long[][] draw(SplittableRandom rng, long[][] tableColumns, int n) {
        int rows = tableColumns[0].length;
        long[][] set = new long[tableColumns.length][1 << n];
        int hot = rng.nextInt(rows);
        for (int i = 0; i < 1 << n; i++) {
            int row = switch (rng.nextInt(4)) {
                case 0 -> hot;
                case 1 -> rng.nextInt(Math.max(1, rows / 8));
                default -> rng.nextInt(rows);
            };
            for (int c = 0; c < set.length; c++) {
                set[c][i] = tableColumns[c][row];
            }
        }
        return set;
    }

    static Instance instance(SplittableRandom rng, Table table, int... setVariables) {
        long[][] columns = table.columns();
        List<long[][]> lookups = new ArrayList<>();
        for (int n : setVariables) {
            lookups.add(draw(rng, columns, n));
        }
        return new Instance(table, lookups, LogUp.multiplicities(table, lookups));
    }

    /** An explicit three-column table with edge values (0, 1, p - 1, 2^32, negatives) among random rows. */
    static Table explicitTable(SplittableRandom rng, int bits) {
        long[][] cols = new long[3][1 << bits];
        long[] edges = {0, 1, Goldilocks.P - 1, 1L << 32, Goldilocks.fromSigned(-5)};
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i < 1 << bits; i++) {
                cols[c][i] = i < edges.length && c == 0 ? edges[i] : LookupTestSupport.element(rng);
            }
        }
        return Table.of(cols);
    }

    static Table table(String kind, SplittableRandom rng) {
        return switch (kind) {
            case "range" -> Table.range(6);
            case "signed" -> Table.signedRange(5);
            case "relu" -> Table.function(6, x -> Math.max(0, x));
            case "explicit" -> explicitTable(rng, 4);
            default -> throw new IllegalArgumentException(kind);
        };
    }

    static Stream<Arguments> sizes() {
        List<Arguments> out = new ArrayList<>();
        long seed = 0x10C0000L;
        for (ExtensionField ext : List.of(Goldilocks2.FIELD, Goldilocks3.FIELD)) {
            for (String kind : List.of("range", "signed", "relu", "explicit")) {
                for (int n = 0; n <= 12; n++) {
                    out.add(Arguments.of(ext, kind, n, seed++));
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1} table, 2^{2} lookups, seed={3}")
    @MethodSource("sizes")
    void honestLookupsVerifyWithTrueClaims(ExtensionField ext, String kind, int n, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        Instance inst = instance(rng, table(kind, rng), n);
        checkCompleteness(ext, inst);
    }

    static Stream<Arguments> multiSets() {
        List<Arguments> out = new ArrayList<>();
        long seed = 0x5E7L;
        for (ExtensionField ext : List.of(Goldilocks2.FIELD, Goldilocks3.FIELD)) {
            for (String kind : List.of("range", "relu", "explicit")) {
                out.add(Arguments.of(ext, kind, new int[] {0, 3, 7}, seed++));
                out.add(Arguments.of(ext, kind, new int[] {9, 2, 2, 5}, seed++));
                out.add(Arguments.of(ext, kind, new int[] {12, 0}, seed++));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1} table, sets of 2^{2} rows, seed={3}")
    @MethodSource("multiSets")
    void severalSetsOfDifferentSizes(ExtensionField ext, String kind, int[] sets, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        checkCompleteness(ext, instance(rng, table(kind, rng), sets));
    }

    private static void checkCompleteness(ExtensionField ext, Instance inst) throws LookupException {
        Transcript pt = transcript();
        LogUp.Output out = LogUp.prove(pt, "logup", ext, inst.table, inst.lookups, inst.multiplicities);
        Transcript vt = transcript();
        List<LookupClaim> claims = LogUp.verify(vt, "logup", ext, inst.table, inst.variables(), out.proof());
        assertArrayEquals(pt.state(), vt.state(), "prover and verifier transcripts agree");
        assertEquals(out.claims(), claims, "the prover knows the verifier's claims");
        assertTrue(inst.allHold(ext, claims), "every claim is a true MLE evaluation");
        int width = inst.table.width();
        int open = 0;
        for (int c = 0; c < width; c++) {
            open += inst.table.closedForm(c) ? 0 : 1;
        }
        assertEquals(inst.lookups.size() * width + open + 1, claims.size(), "one claim per committed column");
        for (LookupClaim c : claims) {
            int vars = switch (c.kind()) {
                case LOOKED_UP -> inst.variables()[c.set()];
                case TABLE, MULTIPLICITY -> inst.table.numVariables();
            };
            assertEquals(vars, c.numVariables(ext.degree()), c.toString());
        }
    }

    // ---- soundness ----

    /** Multiplicities that skip looked-up rows missing from the table (membership unchecked). */
    static long[] fakeMultiplicities(Table table, List<long[][]> lookups) {
        Table.Locator loc = table.locator();
        long[] m = new long[1 << table.numVariables()];
        for (long[][] set : lookups) {
            for (int i = 0; i < set[0].length; i++) {
                int row = loc.row(set, i);
                if (row >= 0) {
                    m[row]++;
                } else {
                    m[0]++; // keeps the total count right
                }
            }
        }
        return m;
    }

    static Stream<Arguments> fieldsAndTables() {
        List<Arguments> out = new ArrayList<>();
        long seed = 0xBADL;
        for (ExtensionField ext : List.of(Goldilocks2.FIELD, Goldilocks3.FIELD)) {
            for (String kind : List.of("range", "signed", "relu", "explicit")) {
                out.add(Arguments.of(ext, kind, seed++));
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}, {1} table, seed={2}")
    @MethodSource("fieldsAndTables")
    void aRowOutsideTheTableIsRejected(ExtensionField ext, String kind, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        Table table = table(kind, rng);
        Instance honest = instance(rng, table, 5, 3);
        // One looked-up entry moved off the table: out of range, or (x, f(x) + 1) for a function.
        List<long[][]> lookups = new ArrayList<>();
        for (long[][] set : honest.lookups) {
            lookups.add(LookupTestSupport.copy(set));
        }
        long[][] victim = lookups.get(1);
        int i = rng.nextInt(victim[0].length);
        int col = victim.length - 1;
        long[] original = victim[col].clone();
        victim[col][i] = switch (kind) {
            case "range" -> 64;
            case "signed" -> Goldilocks.fromSigned(-17);
            default -> Goldilocks.add(victim[col][i], 1);
        };
        assertEquals(-1, table.locator().row(victim, i), "the entry left the table");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LogUp.multiplicities(table, lookups));
        assertTrue(e.getMessage().contains("lookup set 1") && e.getMessage().contains("index " + i), e.getMessage());
        Instance cheat = new Instance(table, lookups, fakeMultiplicities(table, lookups));
        LogUpProof proof = cheat.prove(ext).proof();
        assertThrows(LookupException.class, () -> cheat.verify(ext, proof));
        // The same proof for the honest columns is no better: the claims it yields are false.
        victim[col] = original;
        assertRejectedOrFalse(ext, honest, proof, "a proof for another witness");
    }

    @ParameterizedTest(name = "{0}, {1} table, seed={2}")
    @MethodSource("fieldsAndTables")
    void wrongMultiplicitiesAreRejected(ExtensionField ext, String kind, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        Instance honest = instance(rng, table(kind, rng), 6);
        long[] m = honest.multiplicities;
        int hit = 0;
        while (m[hit] == 0) {
            hit++;
        }
        int other = (hit + 1) % m.length;
        List<long[]> wrong = new ArrayList<>();
        long[] plus = m.clone();
        plus[hit]++;
        wrong.add(plus);
        long[] minus = m.clone();
        minus[hit]--;
        wrong.add(minus);
        long[] moved = m.clone();
        moved[hit]--;
        moved[other]++;
        wrong.add(moved);
        int differs = 0;
        while (m[differs] == m[hit]) {
            differs++;
        }
        long[] swapped = m.clone();
        swapped[hit] = m[differs];
        swapped[differs] = m[hit];
        wrong.add(swapped);
        for (long[] w : wrong) {
            Instance cheat = new Instance(honest.table, honest.lookups, w);
            LogUpProof proof = cheat.prove(ext).proof();
            assertThrows(LookupException.class, () -> cheat.verify(ext, proof));
        }
    }

    /** Every limb of every part of a LogUp proof, raised by one. */
    @ParameterizedTest(name = "{0}, {1} table, seed={2}")
    @MethodSource("fieldsAndTables")
    void everyTamperedLimbIsCaught(ExtensionField ext, String kind, long seed) throws Exception {
        SplittableRandom rng = new SplittableRandom(seed);
        Table table = switch (kind) {
            case "explicit" -> explicitTable(rng, 3);
            case "relu" -> Table.function(3, x -> Math.max(0, x));
            default -> Table.range(3);
        };
        Instance inst = instance(rng, table, 4, 1);
        LogUpProof proof = inst.prove(ext).proof();
        int d = ext.degree();
        int tampered = 0;
        for (int s = 0; s < proof.lookups().length; s++) {
            for (FractionalSumProof bad : tamperings(proof.lookups()[s])) {
                FractionalSumProof[] lookups = proof.lookups();
                lookups[s] = bad;
                assertRejectedOrFalse(ext, inst, new LogUpProof(lookups, proof.lookupValues(), proof.table(),
                        proof.tableValues()), "set " + s + " proof");
                tampered++;
            }
            for (int i = 0; i < proof.lookupValues()[s].length; i++) {
                long[][] values = proof.lookupValues();
                values[s][i] = Goldilocks.add(values[s][i], 1);
                assertRejectedOrFalse(ext, inst, new LogUpProof(proof.lookups(), values, proof.table(),
                        proof.tableValues()), "set " + s + " value limb " + i);
                tampered++;
            }
        }
        for (FractionalSumProof bad : tamperings(proof.table())) {
            assertRejectedOrFalse(ext, inst, new LogUpProof(proof.lookups(), proof.lookupValues(), bad,
                    proof.tableValues()), "table proof");
            tampered++;
        }
        for (int i = 0; i < proof.tableValues().length; i++) {
            long[] values = proof.tableValues();
            values[i] = Goldilocks.add(values[i], 1);
            assertRejectedOrFalse(ext, inst, new LogUpProof(proof.lookups(), proof.lookupValues(), proof.table(),
                    values), "table value limb " + i);
            tampered++;
        }
        assertEquals(proof.elementCount(d) * d, tampered, "every limb tampered");
    }

    /** One copy of {@code p} per limb, with that limb raised by one. */
    static List<FractionalSumProof> tamperings(FractionalSumProof p) {
        List<FractionalSumProof> out = new ArrayList<>();
        for (int i = 0; i < p.root().length; i++) {
            long[] root = p.root();
            root[i] = Goldilocks.add(root[i], 1);
            out.add(new FractionalSumProof(root, p.messages(), p.children()));
        }
        long[][][] messages = p.messages();
        for (int k = 0; k < messages.length; k++) {
            for (int r = 0; r < messages[k].length; r++) {
                for (int i = 0; i < messages[k][r].length; i++) {
                    long[][][] m = p.messages();
                    m[k][r][i] = Goldilocks.add(m[k][r][i], 1);
                    out.add(new FractionalSumProof(p.root(), m, p.children()));
                }
            }
            for (int i = 0; i < p.children()[k].length; i++) {
                long[][] c = p.children();
                c[k][i] = Goldilocks.add(c[k][i], 1);
                out.add(new FractionalSumProof(p.root(), p.messages(), c));
            }
        }
        return out;
    }

    /** The verifier rejects, or accepts with at least one claim that is false. */
    static void assertRejectedOrFalse(ExtensionField ext, Instance inst, LogUpProof proof, String what) {
        List<LookupClaim> claims;
        try {
            claims = inst.verify(ext, proof);
        } catch (LookupException e) {
            return;
        }
        assertFalse(inst.allHold(ext, claims), what + ": accepted with true claims");
    }

    /**
     * Table values that satisfy the denominator check but break a closed-form column: column 0
     * raised by 1, column 1 lowered by 1/beta. Only the closed-form check catches it.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("io.zkinfer.sumcheck.lookup.FractionalSumTest#fields")
    void closedFormColumnsAreChecked(ExtensionField ext) {
        SplittableRandom rng = new SplittableRandom(77);
        Instance inst = instance(rng, Table.function(4, x -> x * x), 3);
        LogUpProof proof = inst.prove(ext).proof();
        long[] beta = LogUp.absorbStatement(transcript(), "logup", ext, inst.table, inst.variables())[0];
        int d = ext.degree();
        long[] values = proof.tableValues();
        long[] betaInv = ext.inverse(Arrays.copyOfRange(beta, d, 2 * d));
        values[0] = Goldilocks.add(values[0], 1);
        ext.sub(values, d, values, d, betaInv, 0);
        LookupException e = assertThrows(LookupException.class, () -> inst.verify(ext,
                new LogUpProof(proof.lookups(), proof.lookupValues(), proof.table(), values)));
        assertTrue(e.getMessage().contains("closed form"), e.getMessage());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.zkinfer.sumcheck.lookup.FractionalSumTest#fields")
    void zeroDenominatorsAreRejected(ExtensionField ext) {
        int d = ext.degree();
        long[] good = new long[2 * d];
        good[0] = 1;
        good[d] = 2;
        long[] zero = new long[2 * d];
        assertThrows(LookupException.class, () -> LogUpVerifier.checkBalance(ext, new long[][] {zero}, good, "x"));
        assertThrows(LookupException.class, () -> LogUpVerifier.checkBalance(ext, new long[][] {good}, zero, "x"));
        // 1/2 + 1/2 = 2/2, and not 1/2.
        long[] two = good.clone();
        two[0] = 2;
        assertThrowsNothing(() -> LogUpVerifier.checkBalance(ext, new long[][] {good, good}, two, "x"));
        assertThrows(LookupException.class, () -> LogUpVerifier.checkBalance(ext, new long[][] {good, good}, good, "x"));
    }

    private interface Check {
        void run() throws Exception;
    }

    private static void assertThrowsNothing(Check c) {
        try {
            c.run();
        } catch (Exception e) {
            throw new AssertionError("unexpected " + e, e);
        }
    }

    // ---- malformed proofs ----

    @ParameterizedTest(name = "{0}")
    @MethodSource("io.zkinfer.sumcheck.lookup.FractionalSumTest#fields")
    void malformedProofsAreCheckedExceptions(ExtensionField ext) {
        SplittableRandom rng = new SplittableRandom(8);
        Instance inst = instance(rng, Table.function(4, x -> -x), 3, 2);
        LogUpProof p = inst.prove(ext).proof();
        int d = ext.degree();
        List<LogUpProof> bad = new ArrayList<>();
        bad.add(null);
        bad.add(new LogUpProof(null, p.lookupValues(), p.table(), p.tableValues()));
        bad.add(new LogUpProof(Arrays.copyOf(p.lookups(), 1), p.lookupValues(), p.table(), p.tableValues()));
        bad.add(new LogUpProof(Arrays.copyOf(p.lookups(), 3), p.lookupValues(), p.table(), p.tableValues()));
        bad.add(new LogUpProof(new FractionalSumProof[] {p.lookups()[1], p.lookups()[0]}, p.lookupValues(), p.table(),
                p.tableValues()));
        bad.add(new LogUpProof(p.lookups(), null, p.table(), p.tableValues()));
        bad.add(new LogUpProof(p.lookups(), Arrays.copyOf(p.lookupValues(), 1), p.table(), p.tableValues()));
        long[][] nullValues = p.lookupValues();
        nullValues[1] = null;
        bad.add(new LogUpProof(p.lookups(), nullValues, p.table(), p.tableValues()));
        long[][] shortValues = p.lookupValues();
        shortValues[0] = Arrays.copyOf(shortValues[0], 2 * d - 1);
        bad.add(new LogUpProof(p.lookups(), shortValues, p.table(), p.tableValues()));
        long[][] nonCanonical = p.lookupValues();
        nonCanonical[0][1] = Goldilocks.P;
        bad.add(new LogUpProof(p.lookups(), nonCanonical, p.table(), p.tableValues()));
        bad.add(new LogUpProof(p.lookups(), p.lookupValues(), null, p.tableValues()));
        bad.add(new LogUpProof(p.lookups(), p.lookupValues(), p.lookups()[0], p.tableValues()));
        bad.add(new LogUpProof(p.lookups(), p.lookupValues(), p.table(), null));
        bad.add(new LogUpProof(p.lookups(), p.lookupValues(), p.table(), Arrays.copyOf(p.tableValues(), 2 * d + 1)));
        long[] nonCanonicalTable = p.tableValues();
        nonCanonicalTable[2 * d - 1] = -2L;
        bad.add(new LogUpProof(p.lookups(), p.lookupValues(), p.table(), nonCanonicalTable));
        FractionalSumProof t = p.table();
        long[][][] m = t.messages();
        m[3][2] = Arrays.copyOf(m[3][2], 1);
        bad.add(new LogUpProof(p.lookups(), p.lookupValues(), new FractionalSumProof(t.root(), m, t.children()),
                p.tableValues()));
        FractionalSumProof[] nullSet = p.lookups();
        nullSet[0] = null;
        bad.add(new LogUpProof(nullSet, p.lookupValues(), p.table(), p.tableValues()));
        for (int i = 0; i < bad.size(); i++) {
            LogUpProof proof = bad.get(i);
            assertThrows(LookupException.class, () -> inst.verify(ext, proof), "malformed proof " + i);
        }
        // A proof of another statement's shape is malformed for this one.
        assertThrows(LookupException.class,
                () -> LogUp.verify(transcript(), "logup", ext, inst.table, new int[] {3, 3}, p));
        assertThrows(LookupException.class,
                () -> LogUp.verify(transcript(), "logup", ext, Table.committed(5, 2), new int[] {3, 2}, p));
        assertThrows(LookupException.class,
                () -> LogUp.verify(transcript(), "logup", ext, Table.committed(4, 3), new int[] {3, 2}, p));
        // The other degree's verifier sees limbs of the wrong length.
        ExtensionField other = ext.degree() == 2 ? Goldilocks3.FIELD : Goldilocks2.FIELD;
        assertThrows(LookupException.class, () -> inst.verify(other, p));
    }
}
