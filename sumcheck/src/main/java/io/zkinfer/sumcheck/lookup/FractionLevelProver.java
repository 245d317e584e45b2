package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;
import io.zkinfer.sumcheck.RoundProver;

/**
 * The rounds of one level of a LogUp fraction tree, f(x) = eq(z, x) G(t_1(x), ..., t_m(x)) over
 * k variables with G of degree 2 in the tables t (a level: G = P0 Q1 + P1 Q0 + lambda Q0 Q1 over
 * the children's halves), computed with eq factored out: in round i,
 * h(X) = e_i eq(z_i, X) S(X), where e_i is eq of the bound prefix and
 * S(X) = sum_y eq(z_(>i), y) G(r, X, y) has degree 2. The prover evaluates S at 0 and 2 over the
 * pairs, recovers S(1) from the running claim h(0) + h(1), and never folds an eq table: about half
 * the multiplications of the generic product-sum prover, which would treat eq as one more factor
 * of a degree-3 product at three points. Its messages are the generic prover's, value for value.
 * The factors, for {@link #lastRoundPairs}, are eq, then the tables in order.
 */
public final class FractionLevelProver implements RoundProver {
    /** G at one point: {@code values} holds each table's value there (interleaved); {@code tmp} is scratch of one element. */
    @FunctionalInterface
    private interface Combination {
        void apply(long[] out, long[] values, long[] tmp);
    }

    private static final int GRAIN = 1 << 11;

    private final ExtensionField ext;
    private final int d;
    private final int variables;
    private final long[] z;
    private final Combination combination;
    /** The tables, interleaved extension values over the unbound variables. */
    private final long[][] tables;
    /** eq(z_(>i), y) over the variables after the current one. */
    private long[] eqRest;
    /** eq of the bound prefix: prod_(j < i) eq(z_j, r_j). */
    private long[] prefix;
    private int round;

    /** A level with G = P0 Q1 + P1 Q0 + lambda Q0 Q1; the tables are read, never written. */
    public FractionLevelProver(ExtensionField ext, long[] z, long[] lambda, long[] p0, long[] p1, long[] q0, long[] q1) {
        this(ext, z, new long[][] {p0, p1, q0, q1}, (out, v, t) -> {
            int d = ext.degree();
            ext.mul(out, 0, v, 0, v, 3 * d);
            ext.mul(t, 0, v, d, v, 2 * d);
            ext.add(out, 0, out, 0, t, 0);
            ext.mul(t, 0, v, 2 * d, v, 3 * d);
            ext.mul(t, 0, t, 0, lambda, 0);
            ext.add(out, 0, out, 0, t, 0);
        });
    }

    /** A level with G of degree 2 in {@code tables} (extension values, read, never written). */
    private FractionLevelProver(ExtensionField ext, long[] z, long[][] tables, Combination combination) {
        this.ext = ext;
        this.d = ext.degree();
        this.variables = z.length / d;
        this.z = z;
        this.combination = combination;
        this.tables = tables.clone();
        this.prefix = ext.one();
        this.eqRest = Multilinear.eqTable(ext, java.util.Arrays.copyOfRange(z, Math.min(d, z.length), z.length));
    }

    @Override
    public long[] roundMessage(long[] claim) {
        int half = tables[0].length / d / 2;
        long[] sums = new long[2 * d]; // S(0), S(2)
        int m = tables.length;
        Parallel.forRange(half, GRAIN, (from, to) -> {
            long[] lo = new long[m * d];
            long[] two = new long[m * d];
            long[] gv = new long[d];
            long[] t = new long[d];
            long[] acc = new long[2 * d];
            for (int y = from; y < to; y++) {
                for (int f = 0; f < m; f++) {
                    long[] tab = tables[f];
                    int a = 2 * y * d;
                    System.arraycopy(tab, a, lo, f * d, d);
                    // value at X = 2: 2 hi - lo
                    ext.add(two, f * d, tab, a + d, tab, a + d);
                    ext.sub(two, f * d, two, f * d, tab, a);
                }
                combination.apply(gv, lo, t);
                ext.mulAdd(acc, 0, acc, 0, eqRest, y * d, gv, 0);
                combination.apply(gv, two, t);
                ext.mulAdd(acc, d, acc, d, eqRest, y * d, gv, 0);
            }
            synchronized (sums) {
                ext.add(sums, 0, sums, 0, acc, 0);
                ext.add(sums, d, sums, d, acc, d);
            }
        });
        long[] s0 = java.util.Arrays.copyOfRange(sums, 0, d);
        long[] s2 = java.util.Arrays.copyOfRange(sums, d, 2 * d);
        long[] zi = java.util.Arrays.copyOfRange(z, round * d, round * d + d);
        long[] one = ext.one();
        long[] notZi = ext.sub(one, zi);
        // claim = prefix ((1 - z_i) S(0) + z_i S(1)).
        long[] s1;
        if (ext.isZero(zi, 0) || ext.isZero(prefix, 0)) {
            s1 = directS1(half);
        } else {
            s1 = ext.mul(ext.sub(ext.mul(claim, ext.inverse(prefix)), ext.mul(notZi, s0)), ext.inverse(zi));
        }
        // S has degree 2: S(3) = S(0) - 3 S(1) + 3 S(2).
        long[] s3 = ext.add(s0, ext.mulBase(ext.sub(s2, s1), 3));
        long[] out = new long[3 * d];
        System.arraycopy(ext.mul(prefix, ext.mul(notZi, s0)), 0, out, 0, d);
        System.arraycopy(ext.mul(prefix, ext.mul(eqAt(zi, 2), s2)), 0, out, d, d);
        System.arraycopy(ext.mul(prefix, ext.mul(eqAt(zi, 3), s3)), 0, out, 2 * d, d);
        return out;
    }

    /** eq(z_i, x) = 1 - z_i - x + 2 z_i x at an integer x. */
    private long[] eqAt(long[] zi, long x) {
        long[] v = ext.sub(ext.one(), zi);
        v = ext.sub(v, ext.fromBase(x));
        return ext.add(v, ext.mulBase(zi, 2 * x));
    }

    /** S(1) summed directly, for the rare round where the claim cannot give it (z_i or the prefix zero). */
    private long[] directS1(int half) {
        long[] v = new long[tables.length * d];
        long[] gv = new long[d];
        long[] t = new long[d];
        long[] acc = ext.zero();
        for (int y = 0; y < half; y++) {
            for (int f = 0; f < tables.length; f++) {
                System.arraycopy(tables[f], (2 * y + 1) * d, v, f * d, d);
            }
            combination.apply(gv, v, t);
            ext.mulAdd(acc, 0, acc, 0, eqRest, y * d, gv, 0);
        }
        return acc;
    }

    @Override
    public void bind(long[] r) {
        if (round >= variables - 1) {
            throw new IllegalStateException("the last round is left to lastRoundPairs");
        }
        int half = tables[0].length / d / 2;
        for (int f = 0; f < tables.length; f++) {
            long[] out = new long[half * d];
            Multilinear.foldExtInto(ext, tables[f], half, r, 0, out);
            tables[f] = out;
        }
        long[] zi = java.util.Arrays.copyOfRange(z, round * d, round * d + d);
        // eq(z_i, r) = (1 - z_i)(1 - r) + z_i r
        long[] e = ext.add(ext.mul(ext.sub(ext.one(), zi), ext.sub(ext.one(), r)), ext.mul(zi, r));
        prefix = ext.mul(prefix, e);
        // The next round's eq over the variables after it: sum out this table's lowest variable.
        int next = eqRest.length / d / 2;
        long[] rest = new long[Math.max(1, next) * d];
        if (next == 0) {
            System.arraycopy(ext.one(), 0, rest, 0, d);
        } else {
            for (int y = 0; y < next; y++) {
                ext.add(rest, y * d, eqRest, 2 * y * d, eqRest, (2 * y + 1) * d);
            }
        }
        eqRest = rest;
        round++;
    }

    @Override
    public long[][] lastRoundPairs() {
        if (round != variables - 1) {
            throw new IllegalStateException((variables - round) + " rounds left, not 1");
        }
        long[] zi = java.util.Arrays.copyOfRange(z, round * d, round * d + d);
        long[][] out = new long[1 + tables.length][];
        out[0] = new long[2 * d];
        System.arraycopy(ext.mul(prefix, ext.sub(ext.one(), zi)), 0, out[0], 0, d);
        System.arraycopy(ext.mul(prefix, zi), 0, out[0], d, d);
        for (int f = 0; f < tables.length; f++) {
            out[1 + f] = java.util.Arrays.copyOf(tables[f], 2 * d);
        }
        return out;
    }
}
