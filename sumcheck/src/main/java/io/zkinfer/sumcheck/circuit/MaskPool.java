package io.zkinfer.sumcheck.circuit;

import io.zkinfer.field.ExtensionField;
import java.util.random.RandomGenerator;

/**
 * The random values a zero-knowledge proof commits to up front: per slot, eight extension
 * elements (the coefficients of a Libra masking polynomial g_i of degree at most 7 for one
 * sumcheck round, of which a round of lower degree uses the first 2 or 4, or one mask scalar of
 * a revealed evaluation in entry 0). Entry e of slot s sits at index 8 s + e, so a
 * slot is the block of the pool's three lowest variables, and the functionals the protocol
 * needs are evaluations at points whose high coordinates are the slot's bits. Prover and
 * verifier take slots in the same order.
 */
final class MaskPool {
    static final int SLOT_BITS = 3;
    static final int SLOT = 1 << SLOT_BITS;

    private final ExtensionField ext;
    private final int slots;
    private final int variables;
    /** Interleaved extension values (prover only). */
    private final long[] values;
    private int next;

    /** The id terms on this pool carry (see {@link LinearForm#POOL}). */
    private final int id;

    private MaskPool(ExtensionField ext, int id, int slots, long[] values) {
        this.ext = ext;
        this.id = id;
        this.slots = slots;
        this.variables = Shape.ceilLog2(Math.max(1, slots)) + SLOT_BITS;
        this.values = values;
    }

    /** The prover's pool: uniformly random extension elements. */
    static MaskPool random(ExtensionField ext, int id, int slots, RandomGenerator rng) {
        MaskPool p = new MaskPool(ext, id, slots, null);
        long[] v = new long[ext.degree() << p.variables];
        for (int i = 0; i < v.length; i++) {
            v[i] = io.zkinfer.field.Goldilocks.random(rng);
        }
        return new MaskPool(ext, id, slots, v);
    }

    /** The verifier's view: only the layout. */
    static MaskPool layout(ExtensionField ext, int id, int slots) {
        return new MaskPool(ext, id, slots, null);
    }

    int variables() {
        return variables;
    }

    /** The next slot. */
    int take() {
        if (next >= slots) {
            throw new IllegalStateException("the mask pool has " + slots + " slots; the layers took more than they declared");
        }
        return next++;
    }

    int id() {
        return id;
    }

    int used() {
        return next;
    }

    /** Entry e of slot s (prover only). */
    long[] entry(int slot, int e) {
        return ext.get(values, slot * SLOT + e);
    }

    /** Limb l of every entry, the base-field polynomial committed for the pool. */
    long[] limb(int l) {
        int d = ext.degree();
        long[] out = new long[1 << variables];
        for (int i = 0; i < out.length; i++) {
            out[i] = values[i * d + l];
        }
        return out;
    }

    /** The pool point of slot s with the given in-slot coordinates (3 extension elements). */
    long[] point(int slot, long[] inSlot) {
        int d = ext.degree();
        long[] p = new long[variables * d];
        System.arraycopy(inSlot, 0, p, 0, SLOT_BITS * d);
        for (int j = SLOT_BITS; j < variables; j++) {
            p[j * d] = (slot >>> (j - SLOT_BITS)) & 1;
        }
        return p;
    }

    /** The form of entry e of slot s. */
    LinearForm entryForm(int slot, int e, long[] coefficient) {
        int d = ext.degree();
        long[] bits = new long[SLOT_BITS * d];
        for (int j = 0; j < SLOT_BITS; j++) {
            bits[j * d] = (e >>> j) & 1;
        }
        return LinearForm.of(ext, id, point(slot, bits), coefficient);
    }

    /**
     * The entries a masking polynomial of degree {@code degree} uses: the first 2^b, b the
     * in-slot bits it spans (degree 1, 3 or 7, so that its functionals stay single evaluations
     * of the slot's block with the unused bits fixed to 0).
     */
    static int slotBits(int degree) {
        return switch (degree) {
            case 1 -> 1;
            case 3 -> 2;
            case 7 -> 3;
            default -> throw new IllegalArgumentException("a masking polynomial has degree 1, 3 or 7, not " + degree);
        };
    }

    /**
     * The form of sum_(k <= degree) coefficient_k s^k over slot {@code slot}: the Libra
     * polynomial g_i of that degree at s.
     */
    LinearForm polynomialForm(int slot, long[] s, long[] coefficient, int degree) {
        // sum_k g_k s^k = prod_j (1 + a_j) * MLE(slot)(z), a_j = s^(2^j), z_j = a_j / (1 + a_j), z_j = 0 beyond the degree.
        int d = ext.degree();
        long[] z = new long[SLOT_BITS * d];
        long[] scale = ext.one();
        long[] a = s;
        for (int j = 0; j < slotBits(degree); j++) {
            long[] onePlus = ext.add(ext.one(), a);
            if (ext.isZero(onePlus, 0)) {
                throw new ArithmeticException("a challenge hit -1 in the mask evaluation");
            }
            System.arraycopy(ext.mul(a, ext.inverse(onePlus)), 0, z, j * d, d);
            scale = ext.mul(scale, onePlus);
            a = ext.mul(a, a);
        }
        return LinearForm.of(ext, id, point(slot, z), ext.mul(scale, coefficient));
    }

    /** The form of g_i(0) + g_i(1) = 2 g_0 + sum_(1 <= k <= degree) g_k = g_0 + sum_(k <= degree) g_k. */
    LinearForm zeroPlusOneForm(int slot, long[] coefficient, int degree) {
        int d = ext.degree();
        int bits = slotBits(degree);
        long[] half = new long[SLOT_BITS * d];
        long inv2 = io.zkinfer.field.Goldilocks.inverse(2);
        for (int j = 0; j < bits; j++) {
            half[j * d] = inv2;
        }
        LinearForm all = LinearForm.of(ext, id, point(slot, half), ext.mulBase(coefficient, 1L << bits));
        return all.plus(ext, entryForm(slot, 0, coefficient));
    }

    /** Polynomial value sum_(k <= degree) entry(slot, k) x^k (prover only). */
    long[] evaluate(int slot, long[] x, int degree) {
        long[] acc = ext.zero();
        for (int k = (1 << slotBits(degree)) - 1; k >= 0; k--) {
            acc = ext.add(ext.mul(acc, x), entry(slot, k));
        }
        return acc;
    }
}
