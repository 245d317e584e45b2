package io.zkinfer.sumcheck.lookup;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Parallel;
import io.zkinfer.sumcheck.RoundProver;
import java.util.Arrays;

/**
 * The rounds of a sumcheck of f(x) = eq(z, x) G(t_1(x), ..., t_m(x)) over k variables, G of
 * degree 2 in the tables t, with eq factored out (Gruen): in round i,
 * h(X) = e_i eq(z_i, X) S(X), where e_i is eq of the bound prefix and
 * S(X) = sum_y eq(z_(>i), y) G(r, X, y) has degree 2. A subclass evaluates S at 0 and 2 over its
 * tables' pairs; S(1) comes from the running claim h(0) + h(1), and no eq table is ever folded:
 * about half the multiplications of the generic product-sum prover, which would treat eq as one
 * more factor of a degree-3 product at three points. The messages are the generic prover's,
 * value for value. The factors, for {@link #lastRoundPairs}, are eq, then the tables in order.
 */
abstract class EqFactoredRounds implements RoundProver {
    final ExtensionField ext;
    final int d;
    final int variables;
    private final long[] z;
    /** eq(z_(>i), y) over the variables after the current one (interleaved extension values). */
    long[] eqRest;
    /** eq of the bound prefix: prod_(j < i) eq(z_j, r_j). */
    private long[] prefix;
    int round;

    EqFactoredRounds(ExtensionField ext, long[] z) {
        this.ext = ext;
        this.d = ext.degree();
        this.variables = z.length / d;
        this.z = z;
        this.prefix = ext.one();
        this.eqRest = Multilinear.eqTable(ext, Arrays.copyOfRange(z, Math.min(d, z.length), z.length));
    }

    /** S(0) and S(2) of the current round, two extension elements in one array. */
    abstract long[] sumsAtZeroAndTwo();

    /** S(1) summed directly, for the rare round where the claim cannot give it (z_i or the prefix zero). */
    abstract long[] sumAtOne();

    /** Binds the current variable of every table to {@code r}. */
    abstract void foldTables(long[] r);

    /** Each table's values at the current variable 0 and 1 (two interleaved extension elements), in factor order. */
    abstract long[][] tablePairs();

    @Override
    public final long[] roundMessage(long[] claim) {
        long[] sums = sumsAtZeroAndTwo();
        long[] s0 = Arrays.copyOfRange(sums, 0, d);
        long[] s2 = Arrays.copyOfRange(sums, d, 2 * d);
        long[] zi = currentZ();
        long[] notZi = ext.sub(ext.one(), zi);
        // claim = prefix ((1 - z_i) S(0) + z_i S(1)).
        long[] s1;
        if (ext.isZero(zi, 0) || ext.isZero(prefix, 0)) {
            s1 = sumAtOne();
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

    private long[] currentZ() {
        return Arrays.copyOfRange(z, round * d, round * d + d);
    }

    /** eq(z_i, x) = 1 - z_i - x + 2 z_i x at an integer x. */
    private long[] eqAt(long[] zi, long x) {
        long[] v = ext.sub(ext.one(), zi);
        v = ext.sub(v, ext.fromBase(x));
        return ext.add(v, ext.mulBase(zi, 2 * x));
    }

    @Override
    public final void bind(long[] r) {
        if (round >= variables - 1) {
            throw new IllegalStateException("the last round is left to lastRoundPairs");
        }
        foldTables(r);
        long[] zi = currentZ();
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
    public final long[][] lastRoundPairs() {
        if (round != variables - 1) {
            throw new IllegalStateException((variables - round) + " rounds left, not 1");
        }
        long[] zi = currentZ();
        long[][] tables = tablePairs();
        long[][] out = new long[1 + tables.length][];
        out[0] = new long[2 * d];
        System.arraycopy(ext.mul(prefix, ext.sub(ext.one(), zi)), 0, out[0], 0, d);
        System.arraycopy(ext.mul(prefix, zi), 0, out[0], d, d);
        System.arraycopy(tables, 0, out, 1, tables.length);
        return out;
    }

    /** S(0) and S(2) over pairs [from, to), two extension elements. */
    @FunctionalInterface
    interface RangeSums {
        long[] of(int from, int to);
    }

    /** {@code range}'s sums over every pair of the current round, the pairs split across cores. */
    final long[] sumPairs(RangeSums range) {
        long[] sums = new long[2 * d];
        Parallel.forRange(half(), GRAIN, (from, to) -> {
            long[] acc = range.of(from, to);
            synchronized (sums) {
                ext.add(sums, 0, sums, 0, acc, 0);
                ext.add(sums, d, sums, d, acc, d);
            }
        });
        return sums;
    }

    /** Pairs per piece below which a round stays on the calling thread. */
    static final int GRAIN = 1 << 11;

    /** Pairs in the current round. */
    final int half() {
        return 1 << (variables - round - 1);
    }
}
