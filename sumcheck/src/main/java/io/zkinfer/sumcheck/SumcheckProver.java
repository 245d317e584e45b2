package io.zkinfer.sumcheck;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;

/**
 * The interactive sumcheck prover for a {@link ProductSum}, binding variable 0 first. Each round
 * it sends h(X) = sum over the remaining hypercube with the current variable set to X, as the
 * evaluations h(0), h(2), ..., h(D) (h(1) follows from the running claim), then binds the
 * variable to the verifier's challenge.
 *
 * <p>While every factor is still in the base field (the first round, for base-field inputs) the
 * round runs on base-field arithmetic. Folding writes into two buffers per factor, reused in
 * turn, so rounds allocate nothing; rounds split across cores.
 */
public final class SumcheckProver implements RoundProver {
    private static final int GRAIN = 1 << 11;

    private final ProductSum instance;
    private final ExtensionField ext;
    private final int d;
    private final int degree;
    /** Current evaluations of each factor: base (len values) or extension (len * d limbs). */
    private final long[][] current;
    private final long[][] spare;
    private final boolean[] base;
    private int len;
    private int round;
    private final long[] point;

    public SumcheckProver(ProductSum instance) {
        this.instance = instance;
        this.ext = instance.ext;
        this.d = ext.degree();
        this.degree = instance.degree;
        int factors = instance.factors.size();
        this.current = new long[factors][];
        this.spare = new long[factors][];
        this.base = instance.baseFactor.clone();
        for (int j = 0; j < factors; j++) {
            // Base factors are read in place until the first fold; extension factors are copied.
            current[j] = base[j] ? instance.factors.get(j) : instance.factors.get(j).clone();
        }
        this.len = 1 << instance.numVariables;
        this.point = new long[instance.numVariables * d];
    }

    /** Rounds left. */
    public int remainingRounds() {
        return instance.numVariables - round;
    }

    /** {@link #roundMessage()}: the claim is not needed. */
    @Override
    public long[] roundMessage(long[] claim) {
        return roundMessage();
    }

    /** This round's message: h(0), h(2), ..., h(D), D extension elements interleaved. */
    public long[] roundMessage() {
        if (round == instance.numVariables) {
            throw new IllegalStateException("all " + round + " rounds are done");
        }
        int half = len / 2;
        int terms = instance.terms.length;
        boolean allBase = allBase();
        boolean quadratic = ext == io.zkinfer.field.Goldilocks2.FIELD; // the kernel hardcodes u^2 = 7
        // sums[t][e]: sum over pairs of the t-th product at X = e == 0 ? 0 : e + 1.
        long[] sums = new long[terms * degree * d];
        Parallel.forRange(half, GRAIN, (from, to) -> {
            long[] local = allBase ? baseRange(from, to) : quadratic ? quadraticRange(from, to) : extRange(from, to);
            synchronized (sums) {
                if (allBase) {
                    for (int i = 0; i < terms * degree; i++) {
                        sums[i * d] = Goldilocks.add(sums[i * d], local[i]);
                    }
                } else {
                    for (int i = 0; i < terms * degree * d; i += d) {
                        ext.add(sums, i, sums, i, local, i);
                    }
                }
            }
        });
        long[] message = new long[degree * d];
        for (int t = 0; t < terms; t++) {
            for (int e = 0; e < degree; e++) {
                ext.mulAdd(message, e * d, message, e * d, instance.coefficients[t], 0, sums, (t * degree + e) * d);
            }
        }
        return message;
    }

    private boolean allBase() {
        for (boolean b : base) {
            if (!b) {
                return false;
            }
        }
        return true;
    }

    /** Base-field sums of each product at X = 0, 2, ..., D over pairs [from, to). */
    private long[] baseRange(int from, int to) {
        int factors = current.length;
        int[][] terms = instance.terms;
        long[] acc = new long[terms.length * degree];
        long[][] values = new long[factors][degree];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < factors; j++) {
                long lo = current[j][2 * i];
                long hi = current[j][2 * i + 1];
                long diff = Goldilocks.sub(hi, lo);
                long[] v = values[j];
                v[0] = lo;
                long x = hi;
                for (int e = 1; e < degree; e++) {
                    x = Goldilocks.add(x, diff);
                    v[e] = x;
                }
            }
            for (int t = 0; t < terms.length; t++) {
                int[] term = terms[t];
                for (int e = 0; e < degree; e++) {
                    long prod = values[term[0]][e];
                    for (int k = 1; k < term.length; k++) {
                        prod = Goldilocks.mul(prod, values[term[k]][e]);
                    }
                    acc[t * degree + e] = Goldilocks.add(acc[t * degree + e], prod);
                }
            }
        }
        return acc;
    }

    /** Extension sums of each product at X = 0, 2, ..., D over pairs [from, to). */
    private long[] extRange(int from, int to) {
        int factors = current.length;
        int[][] terms = instance.terms;
        long[] acc = new long[terms.length * degree * d];
        long[][] values = new long[factors][degree * d];
        long[] diff = new long[d];
        long[] x = new long[d];
        long[] prod = new long[d];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < factors; j++) {
                long[] v = values[j];
                long[] f = current[j];
                if (base[j]) {
                    long lo = f[2 * i];
                    long hi = f[2 * i + 1];
                    long df = Goldilocks.sub(hi, lo);
                    v[0] = lo;
                    long y = hi;
                    for (int e = 1; e < degree; e++) {
                        y = Goldilocks.add(y, df);
                        v[e * d] = y;
                    }
                } else {
                    int lo = 2 * i * d;
                    ext.sub(diff, 0, f, lo + d, f, lo);
                    System.arraycopy(f, lo, v, 0, d);
                    System.arraycopy(f, lo + d, x, 0, d);
                    for (int e = 1; e < degree; e++) {
                        ext.add(x, 0, x, 0, diff, 0);
                        System.arraycopy(x, 0, v, e * d, d);
                    }
                }
            }
            for (int t = 0; t < terms.length; t++) {
                int[] term = terms[t];
                for (int e = 0; e < degree; e++) {
                    System.arraycopy(values[term[0]], e * d, prod, 0, d);
                    for (int k = 1; k < term.length; k++) {
                        ext.mul(prod, 0, prod, 0, values[term[k]], e * d);
                    }
                    int at = (t * degree + e) * d;
                    ext.add(acc, at, acc, at, prod, 0);
                }
            }
        }
        return acc;
    }

    /**
     * {@link #extRange} for the degree-2 extension, with the limbs in locals: the same sums,
     * without the interface calls and copies of the generic path (the hot loop of every
     * zero-knowledge sumcheck over F_p^2). A base factor multiplies as a scalar.
     */
    private long[] quadraticRange(int from, int to) {
        int factors = current.length;
        int[][] terms = instance.terms;
        long[] acc = new long[terms.length * degree * 2];
        // v[(j * degree + e) * 2 + limb]: factor j at X = e == 0 ? 0 : e + 1.
        long[] v = new long[factors * degree * 2];
        for (int i = from; i < to; i++) {
            for (int j = 0; j < factors; j++) {
                long[] f = current[j];
                int at = j * degree * 2;
                if (base[j]) {
                    long lo = f[2 * i];
                    long hi = f[2 * i + 1];
                    long df = Goldilocks.sub(hi, lo);
                    v[at] = lo;
                    v[at + 1] = 0;
                    long y = hi;
                    for (int e = 1; e < degree; e++) {
                        y = Goldilocks.add(y, df);
                        v[at + 2 * e] = y;
                        v[at + 2 * e + 1] = 0;
                    }
                } else {
                    long a0 = f[4 * i];
                    long a1 = f[4 * i + 1];
                    long b0 = f[4 * i + 2];
                    long b1 = f[4 * i + 3];
                    long d0 = Goldilocks.sub(b0, a0);
                    long d1 = Goldilocks.sub(b1, a1);
                    v[at] = a0;
                    v[at + 1] = a1;
                    for (int e = 1; e < degree; e++) {
                        b0 = Goldilocks.add(b0, d0);
                        b1 = Goldilocks.add(b1, d1);
                        v[at + 2 * e] = b0;
                        v[at + 2 * e + 1] = b1;
                    }
                }
            }
            for (int t = 0; t < terms.length; t++) {
                int[] term = terms[t];
                for (int e = 0; e < degree; e++) {
                    int first = (term[0] * degree + e) * 2;
                    long p0 = v[first];
                    long p1 = v[first + 1];
                    boolean pBase = base[term[0]];
                    for (int k = 1; k < term.length; k++) {
                        int at = (term[k] * degree + e) * 2;
                        long q0 = v[at];
                        long q1 = v[at + 1];
                        if (base[term[k]]) {
                            p0 = Goldilocks.mul(p0, q0);
                            p1 = pBase ? 0 : Goldilocks.mul(p1, q0);
                        } else if (pBase) {
                            p1 = Goldilocks.mul(p0, q1);
                            p0 = Goldilocks.mul(p0, q0);
                            pBase = false;
                        } else {
                            long m0 = Goldilocks.mul(p0, q0);
                            long m1 = Goldilocks.mul(p1, q1);
                            long cross = Goldilocks.mul(Goldilocks.add(p0, p1), Goldilocks.add(q0, q1));
                            p0 = Goldilocks.add(m0, Goldilocks.add(Goldilocks.add(Goldilocks.add(m1, m1),
                                    Goldilocks.add(m1, m1)), Goldilocks.add(Goldilocks.add(m1, m1), m1)));
                            p1 = Goldilocks.sub(Goldilocks.sub(cross, m0), m1);
                        }
                    }
                    int out = (t * degree + e) * 2;
                    acc[out] = Goldilocks.add(acc[out], p0);
                    acc[out + 1] = Goldilocks.add(acc[out + 1], p1);
                }
            }
        }
        return acc;
    }

    /** Binds the current variable to {@code r} (one extension element) in every factor. */
    @Override
    public void bind(long[] r) {
        if (round == instance.numVariables) {
            throw new IllegalStateException("all rounds are done");
        }
        if (r.length != d) {
            throw new IllegalArgumentException("a challenge is one extension element");
        }
        int half = len / 2;
        for (int j = 0; j < current.length; j++) {
            long[] src = current[j];
            boolean srcBase = base[j];
            long[] dst = spare[j] != null && spare[j].length >= half * d ? spare[j] : new long[half * d];
            if (srcBase) {
                Multilinear.foldBaseInto(ext, src, half, r, 0, dst);
            } else {
                Multilinear.foldExtInto(ext, src, half, r, 0, dst);
            }
            // The buffer read from becomes the next spare, unless it is the caller's input.
            spare[j] = srcBase ? null : src;
            current[j] = dst;
            base[j] = false;
        }
        System.arraycopy(r, 0, point, round * d, d);
        len = half;
        round++;
    }

    /** The challenges bound so far, in variable order (interleaved). */
    public long[] point() {
        return java.util.Arrays.copyOf(point, round * d);
    }

    /** Each factor's value at the bound point, once every round is done. */
    public long[][] finalValues() {
        if (round != instance.numVariables) {
            throw new IllegalStateException(remainingRounds() + " rounds left");
        }
        long[][] out = new long[current.length][];
        for (int j = 0; j < current.length; j++) {
            out[j] = base[j] ? ext.fromBase(current[j][0]) : java.util.Arrays.copyOf(current[j], d);
        }
        return out;
    }

    /**
     * With one round left, each factor's two remaining values (at the last variable 0 and 1), as
     * two interleaved extension elements: what a prover needs to compute the last round itself
     * (the zero-knowledge prover adds mask terms there).
     */
    @Override
    public long[][] lastRoundPairs() {
        if (remainingRounds() != 1) {
            throw new IllegalStateException(remainingRounds() + " rounds left, not 1");
        }
        long[][] out = new long[current.length][];
        for (int j = 0; j < current.length; j++) {
            if (base[j]) {
                out[j] = java.util.Arrays.copyOf(ext.fromBase(current[j][0]), 2 * d);
                System.arraycopy(ext.fromBase(current[j][1]), 0, out[j], d, d);
            } else {
                out[j] = java.util.Arrays.copyOf(current[j], 2 * d);
            }
        }
        return out;
    }
}
