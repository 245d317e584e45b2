package io.zkinfer.field;

import java.util.Optional;

/**
 * Base-field values on the hypercube that are piecewise linear in the index: a few runs
 * [a, b) on which values[i + 1] - values[i] is constant (field subtraction), such as a
 * requantization table f(clamp(i - h, lo, hi)). Their multilinear extension evaluates in
 * O(runs * m) extension multiplications instead of the O(2^m) of folding, with the same exact
 * result as {@link Multilinear#evaluate(ExtensionField, long[], long[])}.
 *
 * <p><b>Why it works.</b> With g(i) = offset + slope * i on a run, the run contributes
 * offset (E0(b) - E0(a)) + slope (E1(b) - E1(a)), where E0(x) = sum_{i < x} eq(i, z) and
 * E1(x) = sum_{i < x} i eq(i, z). The prefix [0, x) splits into one aligned block per set bit k
 * of x: the indices that agree with x above bit k, have bit k clear, and run free below it. On
 * such a block eq factors into eq of the fixed high bits times eq of the free low bits, and over
 * the low bits sum eq = 1 and sum eq * t = sum_{l < k} 2^l z_l, so each block costs a few
 * multiplications.
 */
public final class PiecewiseLinear {
    /**
     * Folding costs a multiplication per value, a run about 6m extension multiplications (two
     * prefix sums of 3m each; measured near 1 us a run at m = 16, against near 1 ms to fold):
     * up to 2^m / (32 m) runs the runs stay several times cheaper.
     */
    private static final int CHEAPER_BY = 32;

    private final int m;
    private final int[] ends;
    private final long[] offsets;
    private final long[] slopes;

    private PiecewiseLinear(int m, int[] ends, long[] offsets, long[] slopes) {
        this.m = m;
        this.ends = ends;
        this.offsets = offsets;
        this.slopes = slopes;
    }

    /** The runs of {@code values} (2^m of them), if they are few enough to beat folding. */
    public static Optional<PiecewiseLinear> ifCheaper(long[] values) {
        int m = Multilinear.numVariables(values.length);
        return find(values, m == 0 ? 1 : values.length / (CHEAPER_BY * m));
    }

    /** The runs of {@code values} (2^m of them), if there are at most {@code maxRuns}. */
    public static Optional<PiecewiseLinear> find(long[] values, int maxRuns) {
        int m = Multilinear.numVariables(values.length);
        int count = 0;
        for (int a = 0; a < values.length; a = runEnd(values, a)) {
            if (++count > maxRuns) {
                return Optional.empty();
            }
        }
        int[] ends = new int[count];
        long[] offsets = new long[count];
        long[] slopes = new long[count];
        int r = 0;
        for (int a = 0; a < values.length; a = ends[r++]) {
            ends[r] = runEnd(values, a);
            // A run of one value has no step: slope 0, offset the value.
            slopes[r] = ends[r] - a > 1 ? Goldilocks.sub(values[a + 1], values[a]) : 0;
            offsets[r] = Goldilocks.sub(values[a], Goldilocks.mul(slopes[r], a));
        }
        return Optional.of(new PiecewiseLinear(m, ends, offsets, slopes));
    }

    /** The number of runs. */
    public int runs() {
        return ends.length;
    }

    /** The multilinear extension at an extension-field point of m coordinates; returns long[d]. */
    public long[] evaluate(ExtensionField f, long[] point) {
        if (point.length != m * f.degree()) {
            throw new IllegalArgumentException("point has " + point.length + " limbs, polynomial has " + m
                    + " variables of degree " + f.degree());
        }
        long[][] z = new long[m][];
        long[][] notZ = new long[m][];
        // low[k] = sum_{l < k} 2^l z_l: the eq-weighted index sum over k free low bits.
        long[][] low = new long[m + 1][];
        low[0] = f.zero();
        for (int k = 0; k < m; k++) {
            z[k] = f.get(point, k);
            notZ[k] = f.sub(f.one(), z[k]);
            low[k + 1] = f.add(low[k], f.mulBase(z[k], 1L << k));
        }
        long[] sum = f.zero();
        long[][] before = {f.zero(), f.zero()};
        for (int r = 0; r < ends.length; r++) {
            long[][] upTo = prefix(f, z, notZ, low, ends[r]);
            sum = f.add(sum, f.mulBase(f.sub(upTo[0], before[0]), offsets[r]));
            sum = f.add(sum, f.mulBase(f.sub(upTo[1], before[1]), slopes[r]));
            before = upTo;
        }
        return sum;
    }

    /**
     * {E0(x), E1(x)}: sum_{i < x} eq(i, z) and sum_{i < x} i eq(i, z), for 0 <= x <= 2^m, given
     * z's coordinates, their complements 1 - z_k and the sums {@code low}.
     */
    private long[][] prefix(ExtensionField f, long[][] z, long[][] notZ, long[][] low, int x) {
        if (x == 1 << m) {
            return new long[][] {f.one(), low[m]};
        }
        long[] e0 = f.zero();
        long[] e1 = f.zero();
        long[] high = f.one(); // eq of z_{k+1..m-1} at x's bits there
        for (int k = m - 1; k >= 0; k--) {
            if ((x >>> k & 1) == 0) {
                high = f.mul(high, notZ[k]);
                continue;
            }
            // The block below x at bit k: x's bits above k, bit k clear, the low k bits free.
            long[] weight = f.mul(high, notZ[k]);
            long blockStart = (long) (x >>> (k + 1)) << (k + 1);
            e0 = f.add(e0, weight);
            e1 = f.add(e1, f.mul(weight, f.add(f.fromBase(blockStart), low[k])));
            high = f.mul(high, z[k]);
        }
        return new long[][] {e0, e1};
    }

    /** The end of the maximal run that starts at {@code a}: where the step first changes. */
    private static int runEnd(long[] values, int a) {
        if (a + 1 == values.length) {
            return a + 1;
        }
        long step = Goldilocks.sub(values[a + 1], values[a]);
        int b = a + 2;
        while (b < values.length && Goldilocks.sub(values[b], values[b - 1]) == step) {
            b++;
        }
        return b;
    }
}
