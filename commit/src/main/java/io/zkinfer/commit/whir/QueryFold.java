package io.zkinfer.commit.whir;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;

/** The fold of an opened leaf, computed identically by prover and verifier. */
final class QueryFold {
    private QueryFold() {}

    /**
     * The folded value at leaf {@code leafIndex} of round {@code round}, from the q-th opened
     * leaf in {@code leafValues}. Round 0 leaves hold K base-field symbols of F and, when hiding,
     * one extension symbol of G_1 at the folded point, added after the fold as
     * fold(F) + rho G_1. Later rounds hold K extension symbols.
     */
    static long[] value(ExtensionField ext, WhirPlan plan, int round, Masking masking, long[] rho, long[] leafValues,
            int q, int leafIndex, long[] alphas) {
        int d = ext.degree();
        int k = plan.foldingFactor(round);
        int kk = 1 << k;
        int width = WhirProof.leafWidth(plan, round, masking);
        int base = q * width;
        long[] symbols = new long[kk * d];
        if (round == 0) {
            for (int t = 0; t < kk; t++) {
                symbols[t * d] = leafValues[base + t];
            }
        } else {
            System.arraycopy(leafValues, base, symbols, 0, kk * d);
        }
        long x0 = Folding.leafPoint(plan.logDomain(round), leafIndex);
        long[] folded = Folding.foldLeaf(ext, symbols, k, x0, alphas);
        if (round == 0 && masking.hiding()) {
            ext.mulAdd(folded, 0, folded, 0, rho, 0, leafValues, base + kk);
        }
        return folded;
    }

    /** y = x_0^K, the point of the folded polynomial that leaf {@code leafIndex} determines. */
    static long foldedPoint(WhirPlan plan, int round, int leafIndex) {
        long x0 = Folding.leafPoint(plan.logDomain(round), leafIndex);
        return Goldilocks.pow(x0, 1L << plan.foldingFactor(round));
    }
}
