package io.zkinfer.commit.whir;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Ntt;
import io.zkinfer.field.Parallel;
import java.util.Arrays;

/**
 * The prover's weight update for a round's queries: weights += sum_q coef_q eq(powers(y_q), .),
 * where query q opened leaf j_q and y_q = x_0^K is that leaf's folded point. The folded points
 * of a round form the coset 7^K &lt;g&gt; with g of order n = N / K (y_q = 7^K g^(j_q)), which
 * allows a transform instead of one table per query ({@link #bySubgroup}); small cases use the
 * direct sum ({@link #direct}).
 */
final class QueryWeights {
    private QueryWeights() {}

    /**
     * weights += sum_q coefs[q] eq(powers(y_q), .) over m variables, for the leaves
     * {@code leaves} of a domain in 2^logLeaves leaves of 2^k points.
     */
    static void add(ExtensionField ext, long[] weights, long[][] coefs, int[] leaves, int logLeaves, int k, int m) {
        // Measured on the reference machine: about 3 ns per query and weight for the direct sum,
        // and per element and stage of the transform.
        long directCost = (long) leaves.length << m;
        long transformCost = (long) (logLeaves + m) << logLeaves;
        if (directCost <= transformCost) {
            long[] ys = new long[leaves.length];
            long shift = Goldilocks.pow(Folding.SHIFT, 1L << k);
            long g = Goldilocks.rootOfUnity(logLeaves);
            for (int q = 0; q < leaves.length; q++) {
                ys[q] = Goldilocks.mul(shift, Goldilocks.pow(g, leaves[q]));
            }
            direct(ext, weights, coefs, ys, m);
        } else {
            bySubgroup(ext, weights, coefs, leaves, logLeaves, k, m);
        }
    }

    /**
     * The same through the monomial basis. Sum_b F(b) eq(powers(y), b) = F(powers(y)) = sum_i c_i
     * y^i, with c F's monomial coefficients, so the update pairs with c as v_i = sum_q coef_q y_q^i
     * = s^i A^(g^i), where s = 7^K and A^ is the transform of the sparse vector A[j_q] = coef_q:
     * one NTT of size 2^logLeaves. Pairing with c instead of F's evaluations is the superset
     * Moebius transform of v: weights(b) += sum over i containing b of (-1)^|i - b| v_i, which
     * matches sum_b F(b) weights(b) = sum_i c_i v_i because F(b) = sum over i inside b of c_i.
     */
    static void bySubgroup(ExtensionField ext, long[] weights, long[][] coefs, int[] leaves, int logLeaves, int k,
            int m) {
        int d = ext.degree();
        long[] a = new long[d << logLeaves];
        for (int q = 0; q < leaves.length; q++) {
            ext.add(a, leaves[q] * d, a, leaves[q] * d, coefs[q], 0);
        }
        Ntt.forward(a, d);
        int n = 1 << m;
        long[] v = Arrays.copyOf(a, d * n);
        long shift = Goldilocks.pow(Folding.SHIFT, 1L << k);
        Parallel.forRange(n, Parallel.DEFAULT_GRAIN, (from, to) -> {
            long s = Goldilocks.pow(shift, from);
            for (int i = from; i < to; i++) {
                ext.mulBase(v, i * d, v, i * d, s);
                s = Goldilocks.mul(s, shift);
            }
        });
        // Superset Moebius: for each bit, v[i] -= v[i | bit] where i lacks the bit.
        for (int bit = 1; bit < n; bit <<= 1) {
            int b = bit;
            Parallel.forRange(n, Parallel.DEFAULT_GRAIN, 2 * b, (from, to) -> {
                for (int base = from; base < to; base += 2 * b) {
                    for (int i = base * d; i < (base + b) * d; i++) {
                        v[i] = Goldilocks.sub(v[i], v[i + b * d]);
                    }
                }
            });
        }
        Parallel.forRange(d * n, Parallel.DEFAULT_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                weights[i] = Goldilocks.add(weights[i], v[i]);
            }
        });
    }

    /**
     * weights += sum_q coef_q eq(powers(y_q), .) over m variables. The eq table factors over a
     * split of the variables, eq(p, (lo, hi)) = E_lo(lo) E_hi(hi), so each entry is a dot product
     * over the queries of (coef_q E_hi,q(hi)) and E_lo,q(lo), taken limb by limb with one
     * reduction per entry ({@link Goldilocks#dot}): no per-query table of 2^m entries.
     */
    static void direct(ExtensionField ext, long[] weights, long[][] coefs, long[] ys, int m) {
        int d = ext.degree();
        int queries = ys.length;
        int mLo = m / 2;
        int lo = 1 << mLo;
        int hi = 1 << (m - mLo);
        long[] loT = new long[lo * queries]; // loT[b * queries + q] = E_lo,q(b)
        long[][] hiTables = new long[queries][];
        for (int q = 0; q < queries; q++) {
            long[] p = Folding.powers(ys[q], m);
            long[] eLo = Multilinear.eqTable(java.util.Arrays.copyOfRange(p, 0, mLo));
            for (int b = 0; b < lo; b++) {
                loT[b * queries + q] = eLo[b];
            }
            hiTables[q] = Multilinear.eqTable(java.util.Arrays.copyOfRange(p, mLo, m));
        }
        Parallel.forRange(hi, 1, (from, to) -> {
            long[] scaled = new long[d * queries]; // limb l of coef_q E_hi,q(h) at [l * queries + q]
            long[] term = new long[d];
            for (int h = from; h < to; h++) {
                for (int q = 0; q < queries; q++) {
                    ext.mulBase(term, 0, coefs[q], 0, hiTables[q][h]);
                    for (int l = 0; l < d; l++) {
                        scaled[l * queries + q] = term[l];
                    }
                }
                for (int b = 0; b < lo; b++) {
                    int at = ((h << mLo) | b) * d;
                    for (int l = 0; l < d; l++) {
                        long sum = Goldilocks.dot(scaled, l * queries, loT, b * queries, queries);
                        weights[at + l] = Goldilocks.add(weights[at + l], sum);
                    }
                }
            }
        });
    }

}
