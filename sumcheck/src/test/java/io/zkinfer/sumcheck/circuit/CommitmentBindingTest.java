package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.binding.Binding;
import io.zkinfer.sumcheck.binding.Commitments;
import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import io.zkinfer.sumcheck.binding.ModelCommitment;
import io.zkinfer.sumcheck.binding.SisMatrix;
import io.zkinfer.sumcheck.binding.SisParameters;
import io.zkinfer.sumcheck.binding.TensorCommitment;
import io.zkinfer.sumcheck.layer.MatMul;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Proofs bound to published commitments (docs/SECURITY.md "Model and input commitments"):
 * a model commitment C_M over the weights and an input commitment C_x, each reused by many
 * proofs.
 */
class CommitmentBindingTest {
    private static final long SEED = 0xB1_4D_2026L;

    /** y = W x, W [rows, cols] private int8 bound to C_M, x [cols, batch] private int8 bound to C_x, y revealed. */
    record Model(Circuit circuit, Binding weights, Binding input, int y) {}

    static Model model(int rows, int cols, int batch) {
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.committedInput("w", Shape.of(rows, cols), 128);
        int x = cb.committedInput("x", Shape.of(cols, batch), 128);
        Binding.add(cb, w, 8);
        Binding.add(cb, x, 8);
        int y = MatMul.add(cb, "y", w, false, x, false, -1);
        cb.reveal(y);
        Circuit c = cb.build();
        return new Model(c, Binding.find(c, "w"), Binding.find(c, "x"), y);
    }

    static long[] int8(SplittableRandom rng, int n) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextInt(-128, 128);
        }
        return v;
    }

    static Commitments.Committed commit(Shape shape, SplittableRandom rng, long saltSeed) {
        return Commitments.commit(shape, 8, int8(rng, (int) shape.logicalSize()), CircuitHarness.testRandom(saltSeed));
    }

    /** The prover's given values: the weights' and the input's openings. */
    static long[][] given(Model m, Commitments.Committed cw, Commitments.Committed cx) {
        long[][] given = new long[m.circuit().tensorCount()][];
        m.weights().give(given, cw.opening());
        m.input().give(given, cx.opening());
        return given;
    }

    /** A proof against C_M and C_x, with the verifier's public values taken from the commitments alone. */
    static CircuitHarness.Run prove(Model m, Commitments.Committed cw, Commitments.Committed cx, ProvingKey key,
            long maskSeed) throws InvalidCommitmentException {
        long[][] given = given(m, cw, cx);
        Witness w = m.circuit().evaluate(given);
        CircuitProof proof = CircuitProver.prove(key, w, CircuitHarness.testRandom(maskSeed));
        return new CircuitHarness.Run(key, w, verifierView(m, cw.commitment(), cx.commitment(), w), proof);
    }

    /** What the verifier knows: the model commitment, the input commitment and the claimed output. */
    static long[][] verifierView(Model m, TensorCommitment cw, TensorCommitment cx, Witness w)
            throws InvalidCommitmentException {
        long[][] pub = new long[m.circuit().tensorCount()][];
        ModelCommitment.of(m.circuit(), Map.of("w", cw)).publish(m.circuit(), pub, Map.of("x", cx));
        pub[m.y()] = w.values(m.y()).clone();
        return pub;
    }

    @Test
    void provesAgainstCommitmentsAndRejectsTampering() throws Exception {
        System.out.println("CommitmentBindingTest seed " + SEED);
        Model m = model(20, 30, 1);
        SplittableRandom rng = new SplittableRandom(SEED);
        Commitments.Committed cw = commit(Shape.of(20, 30), rng, SEED);
        Commitments.Committed cx = commit(Shape.of(30, 1), rng, SEED + 1);
        CircuitHarness.Run r = prove(m, cw, cx, CircuitHarness.setup(m.circuit()), SEED);
        assertTrue(r.vk().zeroKnowledge());
        CircuitHarness.assertAccepts(r);
        assertArrayEquals(CircuitProver.publicValues(m.circuit(), r.witness())[m.weights().digest()],
                r.publicValues()[m.weights().digest()], "the circuit's digest is the committer's");
        CircuitHarness.assertTamperingRejected(r, SEED, 40);
    }

    @Test
    void provesWithoutZeroKnowledgeToo() throws Exception {
        Model m = model(9, 17, 3);
        SplittableRandom rng = new SplittableRandom(SEED + 5);
        CircuitHarness.Run r = prove(m, commit(Shape.of(9, 17), rng, SEED), commit(Shape.of(17, 3), rng, SEED + 1),
                ProvingKey.setup(m.circuit(), CircuitHarness.PARAMS, false), SEED);
        assertFalse(r.vk().zeroKnowledge());
        CircuitHarness.assertAccepts(r);
        CircuitHarness.assertTamperingRejected(r, SEED, 30);
    }

    /** The prover computes with one weight changed (its own salt kept): the published digest no longer matches. */
    @Test
    void aProofWithOneWeightChangedIsRejected() throws Exception {
        Model m = model(20, 30, 1);
        SplittableRandom rng = new SplittableRandom(SEED + 2);
        Commitments.Committed cw = commit(Shape.of(20, 30), rng, SEED);
        Commitments.Committed cx = commit(Shape.of(30, 1), rng, SEED + 1);
        long[][] given = given(m, cw, cx);
        given[m.weights().tensor()][17] = given[m.weights().tensor()][17] == 5 ? 6 : 5;
        Witness w = m.circuit().evaluate(given);
        ProvingKey key = CircuitHarness.setup(m.circuit());
        CircuitProof proof = CircuitProver.prove(key, w, CircuitHarness.testRandom(SEED));
        CircuitHarness.assertRejects(key.verifyingKey(), verifierView(m, cw.commitment(), cx.commitment(), w),
                proof.encode());
    }

    /**
     * Linear algebra alone finds other weights with the published digest: add a kernel vector of
     * the public matrix on 129 entries. Its entries are field elements far outside int8, so the
     * range check, and only it, rejects the proof. This is why binding needs the values short.
     */
    @Test
    void weightsWithTheSameDigestButOutOfRangeAreRejected() throws Exception {
        Model m = model(64, 128, 1);
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        Commitments.Committed cw = commit(Shape.of(64, 128), rng, SEED);
        Commitments.Committed cx = commit(Shape.of(128, 1), rng, SEED + 1);
        long[][] given = given(m, cw, cx);
        Witness w = m.circuit().evaluate(given);
        SisParameters params = m.weights().params();
        long[] kernel = kernelVector(SisMatrix.columns(SisMatrix.Part.VALUES, params.rows(), params.chunkVariables()),
                params.rows());
        long[] weights = w.values(m.weights().tensor());
        for (int j = 0; j < kernel.length; j++) {
            weights[j] = Goldilocks.add(weights[j], kernel[j]); // entries 0..128: row 0 and row 1's first entry
        }
        m.circuit().layers().stream().filter(l -> l.outputs()[0] == m.y()).findFirst().orElseThrow().compute(w);
        for (var layer : m.circuit().layers()) {
            if (layer.outputs()[0] == m.weights().digest()) {
                layer.compute(w);
            }
        }
        assertArrayEquals(cw.commitment().digest(), w.values(m.weights().digest()), "the digest is unchanged");
        ProvingKey key = CircuitHarness.setup(m.circuit());
        CircuitProof proof = CircuitProver.prove(key, w, CircuitHarness.testRandom(SEED));
        CircuitHarness.assertRejects(key.verifyingKey(), verifierView(m, cw.commitment(), cx.commitment(), w),
                proof.encode());
    }

    /**
     * The control: the same digest without range checks (a circuit built by hand) accepts the
     * shifted weights, so the digest alone does not bind.
     */
    @Test
    void withoutRangeChecksTheShiftedWeightsWouldPass() {
        SisParameters params = SisParameters.forBits(8);
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.committedInput("w", Shape.of(64, 128), Circuit.MAX_BOUND.longValueExact());
        int salt = cb.committedInput("w/salt", params.saltShape(Shape.of(64, 128)), 128);
        int ds = io.zkinfer.sumcheck.layer.SisDigest.add(cb, "w/salt-digest", salt, -1, params, SisMatrix.Part.SALT);
        int d = io.zkinfer.sumcheck.layer.SisDigest.add(cb, "w/digest", w, ds, params, SisMatrix.Part.VALUES);
        cb.reveal(d);
        Circuit c = cb.build();
        SplittableRandom rng = new SplittableRandom(SEED + 3);
        Commitments.Committed cw = commit(Shape.of(64, 128), rng, SEED);
        long[] kernel = kernelVector(SisMatrix.columns(SisMatrix.Part.VALUES, params.rows(), params.chunkVariables()),
                params.rows());
        long[] shifted = cw.opening().values();
        for (int j = 0; j < kernel.length; j++) {
            shifted[j] = Goldilocks.toSigned(Goldilocks.add(Goldilocks.fromSigned(shifted[j]), kernel[j]));
        }
        long[][] given = new long[c.tensorCount()][];
        given[w] = shifted;
        given[salt] = cw.opening().salt();
        CircuitHarness.Run r = CircuitHarness.proveAndVerify(c, given, SEED);
        assertArrayEquals(cw.commitment().digest(), r.publicValues()[d], "other weights, the published digest");
    }

    /**
     * The padding is in the digest, so it is range-checked too: one logical weight moved by 1
     * with 128 padding entries absorbing the change in the digest (a kernel vector of the public
     * matrix on those columns, the logical one at 1) keeps the published digest; the range check
     * on the padding rejects the proof. (A lookup of the logical entries only would reject it as
     * well, because its claims on the tensor hold only for zero padding; the digest does not rely
     * on that.)
     */
    @Test
    void paddingThatAbsorbsAChangedWeightIsRejected() throws Exception {
        // The weights alone, bound: no other layer reads their padding (a matrix product would
        // reject dirty padding rows by itself), so only the binding stands in the way.
        CircuitBuilder cb = new CircuitBuilder();
        int t = cb.committedInput("w", Shape.of(20, 30), 128); // padded to 32 x 32: 424 padding entries
        Binding b = Binding.add(cb, t, 8);
        Circuit c = cb.build();
        Shape shape = Shape.of(20, 30);
        Commitments.Committed cw = commit(shape, new SplittableRandom(SEED + 9), SEED);
        long[][] given = new long[c.tensorCount()][];
        b.give(given, cw.opening());
        Witness w = c.evaluate(given);
        SisParameters params = b.params();
        int changed = shape.index(3, 4);
        int[] columns = new int[params.rows() + 1];
        int k = 0;
        for (int j = 0; j < shape.paddedSize() && k < params.rows(); j++) {
            if (j % 32 >= 30 || j / 32 >= 20) {
                columns[k++] = j;
            }
        }
        columns[k] = changed;
        long[] kernel = kernelVector(SisMatrix.columns(SisMatrix.Part.VALUES, params.rows(), params.chunkVariables()),
                params.rows(), columns);
        long[] weights = w.values(t);
        for (int j = 0; j < columns.length; j++) {
            weights[columns[j]] = Goldilocks.add(weights[columns[j]], kernel[j]);
        }
        for (var layer : c.layers()) {
            if (layer.outputs()[0] == b.digest()) {
                layer.compute(w);
            } else if (layer instanceof io.zkinfer.sumcheck.layer.Lookup) {
                try {
                    layer.compute(w); // the counts, were the padding outside the range check
                } catch (IllegalArgumentException e) {
                    System.out.println("no multiplicities fit: " + e.getMessage()); // it is inside
                }
            }
        }
        assertArrayEquals(cw.commitment().digest(), w.values(b.digest()), "the digest is unchanged");
        ProvingKey key = CircuitHarness.setup(c);
        CircuitProof proof = CircuitProver.prove(key, w, CircuitHarness.testRandom(SEED));
        long[][] pub = new long[c.tensorCount()][];
        ModelCommitment.of(c, Map.of("w", cw.commitment())).publish(c, pub);
        CircuitHarness.assertRejects(key.verifyingKey(), pub, proof.encode());
    }

    /** A nonzero x with A[:, 0..rows] x = 0 mod p (Gaussian elimination on rows + 1 columns). */
    static long[] kernelVector(long[] columnMajor, int rows) {
        int[] first = new int[rows + 1];
        for (int j = 0; j <= rows; j++) {
            first[j] = j;
        }
        return kernelVector(columnMajor, rows, first);
    }

    /** A nonzero x with sum_j A[:, columns[j]] x_j = 0 mod p and the last x_j = 1 (rows + 1 columns). */
    static long[] kernelVector(long[] columnMajor, int rows, int[] columnsUsed) {
        int cols = rows + 1;
        long[][] a = new long[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int j = 0; j < cols; j++) {
                a[i][j] = columnMajor[columnsUsed[j] * rows + i];
            }
        }
        int[] pivotCol = new int[rows];
        int r = 0;
        for (int c = 0; c < cols && r < rows; c++) {
            int p = r;
            while (p < rows && a[p][c] == 0) {
                p++;
            }
            if (p == rows) {
                continue;
            }
            long[] t = a[p];
            a[p] = a[r];
            a[r] = t;
            long inv = Goldilocks.inverse(a[r][c]);
            for (int j = 0; j < cols; j++) {
                a[r][j] = Goldilocks.mul(a[r][j], inv);
            }
            for (int i = 0; i < rows; i++) {
                if (i != r && a[i][c] != 0) {
                    long f = a[i][c];
                    for (int j = 0; j < cols; j++) {
                        a[i][j] = Goldilocks.sub(a[i][j], Goldilocks.mul(f, a[r][j]));
                    }
                }
            }
            pivotCol[r++] = c;
        }
        assertEquals(rows, r, "the public matrix has full rank");
        int free = cols - 1; // the pivots are columns 0..rows-1 for a generic matrix
        long[] x = new long[cols];
        x[free] = 1;
        for (int i = 0; i < rows; i++) {
            x[pivotCol[i]] = Goldilocks.neg(a[i][free]);
        }
        return x;
    }

    /** A model commitment names its circuit: another architecture's key refuses it, with the reason. */
    @Test
    void aModelCommitmentFitsOnlyItsCircuit() throws Exception {
        Model m = model(20, 30, 1);
        Model other = model(20, 30, 2);
        Commitments.Committed cw = commit(Shape.of(20, 30), new SplittableRandom(SEED), SEED);
        ModelCommitment cm = ModelCommitment.of(m.circuit(), Map.of("w", cw.commitment()));
        assertEquals(cm, ModelCommitment.decode(cm.encode()));
        InvalidCommitmentException e = assertThrows(InvalidCommitmentException.class,
                () -> cm.publish(other.circuit(), new long[other.circuit().tensorCount()][]));
        assertTrue(e.getMessage().contains("another model"), e.getMessage());
        Commitments.Committed wrongShape = commit(Shape.of(30, 20), new SplittableRandom(SEED), SEED);
        e = assertThrows(InvalidCommitmentException.class,
                () -> ModelCommitment.of(m.circuit(), Map.of("w", wrongShape.commitment())));
        assertTrue(e.getMessage().contains("shape"), e.getMessage());
        e = assertThrows(InvalidCommitmentException.class,
                () -> ModelCommitment.of(m.circuit(), Map.of("v", cw.commitment())));
        assertTrue(e.getMessage().contains("no bound tensor named v"), e.getMessage());
    }

    /**
     * The verifier fills every bound tensor's digest or refuses: a model commitment that leaves a
     * tensor out, an input commitment not given, an unknown name, a name given twice.
     */
    @Test
    void noBoundTensorIsLeftToTheProver() throws Exception {
        Model m = model(20, 30, 1);
        Commitments.Committed cw = commit(Shape.of(20, 30), new SplittableRandom(SEED), SEED);
        Commitments.Committed cx = commit(Shape.of(30, 1), new SplittableRandom(SEED + 1), SEED + 1);
        long[][] pub = new long[m.circuit().tensorCount()][];
        ModelCommitment empty = ModelCommitment.of(m.circuit(), Map.of());
        ModelCommitment cm = ModelCommitment.of(m.circuit(), Map.of("w", cw.commitment()));
        String[][] cases = {{"no commitment for the bound tensor w"}, {"no commitment for the bound tensor x"},
            {"no bound tensor named v"}, {"both a weight"}};
        java.util.List<org.junit.jupiter.api.function.Executable> calls = java.util.List.of(
                () -> empty.publish(m.circuit(), pub, Map.of("x", cx.commitment())),
                () -> cm.publish(m.circuit(), pub),
                () -> cm.publish(m.circuit(), pub, Map.of("x", cx.commitment(), "v", cx.commitment())),
                () -> cm.publish(m.circuit(), pub, Map.of("x", cx.commitment(), "w", cw.commitment())));
        for (int i = 0; i < cases.length; i++) {
            InvalidCommitmentException e = assertThrows(InvalidCommitmentException.class, calls.get(i));
            assertTrue(e.getMessage().contains(cases[i][0]), e.getMessage());
        }
        cm.publish(m.circuit(), pub, Map.of("x", cx.commitment()));
        assertArrayEquals(cx.commitment().digest(), pub[m.input().digest()]);
    }

    /** A bound tensor's name must be unique, and its declared bound within what the range check admits. */
    @Test
    void bindingsRefuseAmbiguousNamesAndUnenforcedBounds() {
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.committedInput("w", Shape.of(4), 128);
        cb.committedInput("w", Shape.of(4), 128);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Binding.add(cb, w, 8));
        assertTrue(e.getMessage().contains("unique name"), e.getMessage());
        CircuitBuilder cb2 = new CircuitBuilder();
        int v = cb2.committedInput("v", Shape.of(4), 100);
        e = assertThrows(IllegalArgumentException.class, () -> Binding.add(cb2, v, 8));
        assertTrue(e.getMessage().contains("declare bound 128"), e.getMessage());
    }

    /** Every width, including non-power-of-two digest rows (160 to 352) and a one-entry tensor, proves and binds. */
    @Test
    void everyWidthProvesAndBinds() throws Exception {
        for (int bits : new int[] {1, 4, 9, 11, 12, 14, 16}) {
            for (Shape shape : new Shape[] {Shape.of(3, 5), Shape.of(1)}) {
                long limit = 1L << (bits - 1);
                CircuitBuilder cb = new CircuitBuilder();
                int t = cb.committedInput("t", shape, limit);
                Binding b = Binding.add(cb, t, bits);
                Circuit c = cb.build();
                SplittableRandom rng = new SplittableRandom(SEED + bits);
                long[] values = new long[(int) shape.logicalSize()];
                for (int i = 0; i < values.length; i++) {
                    values[i] = rng.nextLong(-limit, limit);
                }
                Commitments.Committed ct = Commitments.commit(shape, bits, values, CircuitHarness.testRandom(SEED + bits));
                long[][] given = new long[c.tensorCount()][];
                b.give(given, ct.opening());
                Witness w = c.evaluate(given);
                ProvingKey key = CircuitHarness.setup(c);
                CircuitProof proof = CircuitProver.prove(key, w, CircuitHarness.testRandom(SEED));
                long[][] pub = new long[c.tensorCount()][];
                ModelCommitment.of(c, Map.of("t", ct.commitment())).publish(c, pub);
                CircuitHarness.assertAccepts(new CircuitHarness.Run(key, w, pub, proof));
                Commitments.Committed other = Commitments.commit(shape, bits, values, CircuitHarness.testRandom(SEED - bits));
                long[][] otherPub = new long[c.tensorCount()][];
                ModelCommitment.of(c, Map.of("t", other.commitment())).publish(c, otherPub);
                CircuitHarness.assertRejects(key.verifyingKey(), otherPub, proof.encode());
            }
        }
    }

    /** Public weights need no commitment: binding a preprocessed tensor is refused with the reason. */
    @Test
    void publicWeightsAreNotBound() {
        CircuitBuilder cb = new CircuitBuilder();
        int w = cb.preprocessed("w", Shape.of(4, 4), new long[16]);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Binding.add(cb, w, 8));
        assertTrue(e.getMessage().contains("public weights need none"), e.getMessage());
    }

    /** A batch of 100 applicants' inputs under one input commitment: one digest, one proof, every row's output. */
    @Test
    void aBatchHasOneInputCommitment() throws Exception {
        Model m = model(4, 20, 100);
        SplittableRandom rng = new SplittableRandom(SEED + 4);
        Commitments.Committed cw = commit(Shape.of(4, 20), rng, SEED);
        Commitments.Committed cx = commit(Shape.of(20, 100), rng, SEED + 1);
        assertEquals(1, cx.commitment().params().chunks(Shape.of(20, 100)));
        assertEquals(128, cx.commitment().digest().length, "one chunk: one digest of 128 entries for 2,000 values");
        CircuitHarness.Run r = prove(m, cw, cx, CircuitHarness.setup(m.circuit()), SEED);
        CircuitHarness.assertAccepts(r);
        assertEquals(4 * 128, r.publicValues()[m.y()].length);
    }
}
