package io.zkinfer.commit.whir;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import java.util.Arrays;
import java.util.List;

/** Transcript labels and the steps prover and verifier share. */
final class Protocol {
    static final String PARAMS = "whir/params";
    static final String COMMITMENT = "whir/commitment";
    static final String CLAIM_COUNT = "whir/claim-count";
    static final String CLAIM_POLYNOMIAL = "whir/claim-polynomial";
    static final String CLAIM_POINT = "whir/claim-point";
    static final String CLAIM_VALUE = "whir/claim-value";
    static final String CLAIM_VALUES = "whir/claim-values";
    static final String CLAIM_TERMS = "whir/claim-terms";
    static final String CLAIM_COEFFICIENT = "whir/claim-coefficient";
    static final String MASK_VALUES = "whir/mask-values";
    static final String BLOCK_POINT = "whir/block-point";
    static final String BLOCK_VALUES = "whir/block-values";
    /**
     * Claims a mask-block opening makes on the block at fresh points, so that the block covers
     * round 0's sumcheck messages: each claim's sumcheck adds one new value of the block per
     * round and the messages reveal two (docs/PCS.md).
     */
    static final int BLOCK_CLAIMS = 2;
    static final String MASK_CHALLENGE = "whir/mask-challenge";
    static final String COMBINE = "whir/combine";
    static final String SUMCHECK = "whir/sumcheck";
    static final String FOLD = "whir/fold";
    static final String ROOT = "whir/root";
    static final String FINAL = "whir/final-polynomial";
    static final String POW = "whir/pow";
    static final String QUERIES = "whir/queries";
    static final String QUERY_COMBINE = "whir/query-combine";
    static final String LEAVES = "whir/leaves";
    static final String SALTS = "whir/salts";
    static final String SIBLINGS = "whir/siblings";

    private Protocol() {}

    /** Binds the parameters, the commitment and every claim before any challenge. */
    static void absorbStatement(Transcript t, WhirParameters params, WhirCommitment c, List<LinearClaim> claims,
            ClaimBinding binding) {
        t.absorbBytes(PARAMS, params.encode());
        t.absorbBytes(COMMITMENT, c.encode());
        t.absorbInt(CLAIM_COUNT, claims.size());
        if (binding == ClaimBinding.VALUES_ONLY) {
            int d = params.extensionDegree();
            long[] values = new long[claims.size() * d];
            for (int i = 0; i < claims.size(); i++) {
                System.arraycopy(claims.get(i).valueUnsafe(), 0, values, i * d, d);
            }
            t.absorbFields(CLAIM_VALUES, values);
            return;
        }
        for (LinearClaim claim : claims) {
            if (claim.isEvaluation()) {
                // The encoding of format v2's evaluation claims, unchanged.
                LinearClaim.Term term = claim.terms().get(0);
                t.absorbInt(CLAIM_POLYNOMIAL, term.polynomial());
                t.absorbFields(CLAIM_POINT, term.pointUnsafe());
            } else {
                t.absorbInt(CLAIM_TERMS, claim.terms().size());
                for (LinearClaim.Term term : claim.terms()) {
                    t.absorbInt(CLAIM_POLYNOMIAL, term.polynomial());
                    t.absorbFields(CLAIM_POINT, term.pointUnsafe());
                    t.absorbFields(CLAIM_COEFFICIENT, term.coefficient());
                }
            }
            t.absorbFields(CLAIM_VALUE, claim.valueUnsafe());
        }
    }

    /** Evaluation claims as one-term linear claims. */
    static List<LinearClaim> linear(List<EvaluationClaim> claims, int extensionDegree) {
        List<LinearClaim> out = new java.util.ArrayList<>(claims.size());
        for (EvaluationClaim c : claims) {
            out.add(c == null ? null : LinearClaim.of(c, extensionDegree));
        }
        return out;
    }

    /**
     * Absorbs a round's query answers: the opened leaves, their salts and the Merkle siblings.
     * They are bound by the root already; absorbing them keeps the rule that every prover
     * message enters the transcript in full.
     */
    static void absorbOpenings(Transcript t, long[] leafValues, byte[] salts, byte[][] siblings) {
        t.absorbFields(LEAVES, leafValues);
        t.absorbBytes(SALTS, salts);
        byte[] all = new byte[siblings.length * 32];
        for (int i = 0; i < siblings.length; i++) {
            System.arraycopy(siblings[i], 0, all, 32 * i, 32);
        }
        t.absorbBytes(SIBLINGS, all);
    }

    /**
     * The combined claim sigma = sum_c gamma^c v_c that the sumcheck starts from (written to
     * {@code sigmaOut}), with the coefficients gamma^c.
     */
    static long[][] combineClaims(ExtensionField ext, List<LinearClaim> claims, long[] gamma, long[] sigmaOut) {
        long[][] coefficients = new long[claims.size()][];
        long[] sigma = ext.zero();
        long[] coef = ext.one();
        for (int c = 0; c < claims.size(); c++) {
            sigma = ext.add(sigma, ext.mul(coef, claims.get(c).valueUnsafe()));
            coefficients[c] = coef;
            coef = ext.mul(coef, gamma);
        }
        System.arraycopy(sigma, 0, sigmaOut, 0, sigma.length);
        return coefficients;
    }

    /**
     * The mask block's claims continue the powers of gamma after the C claims: returns their
     * coefficients and adds gamma^(C + b) v_b to {@code sigma} (in place).
     */
    static long[][] blockCoefficients(ExtensionField ext, long[][] claimCoefficients, long[] gamma, long[] values,
            long[] sigma) {
        int d = ext.degree();
        int n = values.length / d;
        long[][] out = new long[n][];
        long[] coef = claimCoefficients.length == 0 ? ext.one()
                : ext.mul(claimCoefficients[claimCoefficients.length - 1], gamma);
        for (int b = 0; b < n; b++) {
            out[b] = coef;
            long[] s = ext.add(sigma, ext.mul(coef, ext.get(values, b)));
            System.arraycopy(s, 0, sigma, 0, d);
            coef = ext.mul(coef, gamma);
        }
        return out;
    }

    /** A point of the mask block on the stacked polynomial: its own coordinates, then the block's bits. */
    static long[] stackedBlockPoint(ExtensionField ext, StackLayout layout, long[] point) {
        int d = ext.degree();
        int m = layout.numVariables();
        int s = layout.maskLog();
        long[] p = new long[m * d];
        System.arraycopy(point, 0, p, 0, s * d);
        for (int j = s; j < m; j++) {
            p[j * d] = (layout.maskOffset() >>> j) & 1;
        }
        return p;
    }

    /** The claim's point on the stacked polynomial: its own coordinates, then its block bits. */
    static long[] stackedPoint(ExtensionField ext, StackLayout layout, LinearClaim.Term term) {
        int d = ext.degree();
        int m = layout.numVariables();
        int mi = layout.logSize(term.polynomial());
        long[] p = new long[m * d];
        System.arraycopy(term.pointUnsafe(), 0, p, 0, mi * d);
        for (int j = mi; j < m; j++) {
            p[j * d] = layout.blockBit(term.polynomial(), j);
        }
        return p;
    }

    /** The layout of a commitment (the mask size follows from the plan's query count). */
    static StackLayout layout(WhirParameters params, int[] logSizes, Masking masking) {
        StackLayout plain = StackLayout.of(logSizes, -1);
        if (masking != Masking.BLOCK) {
            return plain;
        }
        // The mask block needs at least as many random values as one opening reveals of round 0.
        // Revealed symbols depend on the plan, which depends on the layout: iterate to a fixed point.
        int maskLog = 0;
        StackLayout layout = plain;
        for (int iter = 0; iter < 8; iter++) {
            int revealed = WhirProver.blockMaskedValues(params, layout.numVariables());
            int need = 32 - Integer.numberOfLeadingZeros(revealed - 1);
            if (need <= maskLog && layout.maskLog() >= 0) {
                return layout;
            }
            maskLog = Math.max(maskLog, need);
            layout = StackLayout.of(logSizes, maskLog);
        }
        throw new IllegalStateException("the hiding mask size did not settle for sizes " + Arrays.toString(logSizes));
    }

    /** Checks a claim's shape against a commitment: null if well formed, else what is wrong. */
    static String checkClaim(ExtensionField ext, WhirCommitment c, LinearClaim claim) {
        int d = ext.degree();
        if (claim.terms().size() > WhirPlan.MAX_CLAIMS) {
            return "claim has " + claim.terms().size() + " terms, at most " + WhirPlan.MAX_CLAIMS;
        }
        for (LinearClaim.Term term : claim.terms()) {
            if (term == null) {
                return "claim has a missing term";
            }
            if (term.polynomial() < 0 || term.polynomial() >= c.polynomials()) {
                return "claim names polynomial " + term.polynomial() + " of " + c.polynomials();
            }
            if (term.pointUnsafe().length != c.numVariables(term.polynomial()) * d) {
                return "claim point has " + term.pointUnsafe().length + " limbs, expected "
                        + c.numVariables(term.polynomial()) * d;
            }
            if (term.coefficient().length != d) {
                return "claim coefficient has " + term.coefficient().length + " limbs, expected " + d;
            }
            if (!canonical(term.pointUnsafe()) || !canonical(term.coefficient())) {
                return "claim point or coefficient is not canonical";
            }
        }
        if (claim.valueUnsafe().length != d) {
            return "claim value has " + claim.valueUnsafe().length + " limbs, expected " + d;
        }
        if (!canonical(claim.valueUnsafe())) {
            return "claim value is not canonical";
        }
        return null;
    }

    private static boolean canonical(long[] v) {
        for (long x : v) {
            if (!Goldilocks.isCanonical(x)) {
                return false;
            }
        }
        return true;
    }
}
