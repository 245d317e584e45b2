package io.zkinfer.sumcheck.circuit;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SubClaim;
import java.util.List;

/**
 * Merges several claims T(r_k) = v_k about one intermediate tensor into one, so that its
 * producer reduces a single claim: with random a_k, the sumcheck of
 * sum_x (sum_k a_k eq(r_k, x)) T(x) = sum_k a_k v_k ends at a point s where the prover sends T(s)
 * and the verifier evaluates the weight itself. Soundness error 2 n / |F| plus K / |F| for the
 * combination.
 */
final class ClaimMerge {
    private ClaimMerge() {}

    static Claim prove(ProverContext ctx, int tensor, List<Claim> claims) {
        if (claims.size() == 1) {
            return claims.get(0);
        }
        ExtensionField ext = ctx.ext();
        int n = ctx.tensor(tensor).numVariables();
        long[][] coefficients = coefficients(ctx.challenge("merge/combine"), ext, claims.size());
        long[] weight = weight(ext, n, claims, coefficients);
        long[] sum = combinedValue(ext, claims, coefficients);
        ProductSum.Builder b = ProductSum.builder(ext, n);
        int w = b.addExtension(weight);
        int t = b.addBase(ctx.values(tensor));
        ProverContext.SumcheckResult r = ctx.sumcheck("merge", b.term(w, t).build(), sum);
        long[] value = r.finalValues()[t];
        ctx.send("merge/value", value);
        return new Claim(tensor, r.point(), value);
    }

    static Claim verify(VerifierContext ctx, int tensor, List<Claim> claims) throws ProofException {
        if (claims.size() == 1) {
            return claims.get(0);
        }
        ExtensionField ext = ctx.ext();
        int n = ctx.tensor(tensor).numVariables();
        long[][] coefficients = coefficients(ctx.challenge("merge/combine"), ext, claims.size());
        long[] sum = combinedValue(ext, claims, coefficients);
        SubClaim sub = ctx.sumcheck("merge", n, 2, sum);
        long[] value = ctx.receive("merge/value", 1);
        long[] w = ext.zero();
        for (int k = 0; k < claims.size(); k++) {
            w = ext.add(w, ext.mul(coefficients[k], Eq.evaluate(ext, claims.get(k).point(), sub.point())));
        }
        ctx.expectEqual("merged claim on " + ctx.tensor(tensor).name(), sub.expectedValue(), ext.mul(w, value));
        return new Claim(tensor, sub.point(), value);
    }

    private static long[][] coefficients(long[] a, ExtensionField ext, int k) {
        long[][] c = new long[k][];
        c[0] = ext.one();
        for (int i = 1; i < k; i++) {
            c[i] = ext.mul(c[i - 1], a);
        }
        return c;
    }

    private static long[] weight(ExtensionField ext, int n, List<Claim> claims, long[][] coefficients) {
        int d = ext.degree();
        long[] w = new long[d << n];
        for (int k = 0; k < claims.size(); k++) {
            long[] eq = Multilinear.eqTable(ext, claims.get(k).point());
            for (int i = 0; i < eq.length; i += d) {
                ext.mulAdd(w, i, w, i, coefficients[k], 0, eq, i);
            }
        }
        return w;
    }

    private static long[] combinedValue(ExtensionField ext, List<Claim> claims, long[][] coefficients) {
        long[] s = ext.zero();
        for (int k = 0; k < claims.size(); k++) {
            s = ext.add(s, ext.mul(coefficients[k], claims.get(k).value()));
        }
        return s;
    }
}
