package io.zkinfer.commit.whir;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;

/** The fold of an opened leaf, computed identically by prover and verifier. */
final class QueryFold {
    private QueryFold() {}

    /**
     * The folded value at leaf {@code leafIndex} of round {@code round}, from the q-th opened
     * leaf in {@code leafValues}. Round 0 leaves hold base-field symbols of F (and, when hiding,
     * extension symbols of G, combined here as F + rho G); later rounds hold extension symbols.
     */
    static long[] value(ExtensionField ext, WhirPlan plan, int round, boolean hiding, long[] rho, long[] leafValues,
            int q, int leafIndex, long[] alphas) {
        int d = ext.degree();
        int k = plan.foldingFactor(round);
        int kk = 1 << k;
        int width = WhirProof.leafWidth(plan, round, hiding);
        int base = q * width;
        long[] symbols = new long[kk * d];
        if (round == 0) {
            for (int t = 0; t < kk; t++) {
                if (hiding) {
                    // H = F + rho G, G's symbol t at [base + K + t d, + d).
                    ext.mul(symbols, t * d, rho, 0, leafValues, base + kk + t * d);
                }
                symbols[t * d] = Goldilocks.add(symbols[t * d], leafValues[base + t]);
            }
        } else {
            System.arraycopy(leafValues, base, symbols, 0, kk * d);
        }
        long x0 = Folding.leafPoint(plan.logDomain(round), leafIndex);
        return Folding.foldLeaf(ext, symbols, k, x0, alphas);
    }

    /** y = x_0^K, the point of the folded polynomial that leaf {@code leafIndex} determines. */
    static long foldedPoint(WhirPlan plan, int round, int leafIndex) {
        long x0 = Folding.leafPoint(plan.logDomain(round), leafIndex);
        return Goldilocks.pow(x0, 1L << plan.foldingFactor(round));
    }
}
