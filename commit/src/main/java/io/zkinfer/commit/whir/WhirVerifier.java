package io.zkinfer.commit.whir;

import io.zkinfer.commit.hash.HashFunction;
import io.zkinfer.commit.merkle.MerkleTree;
import io.zkinfer.commit.merkle.MultiProof;
import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.commit.transcript.TranscriptException;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Multilinear;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Verifies WHIR opening proofs. Reads the proof's shape first (every count bounded by the plan),
 * then replays the transcript: the sumcheck rounds, the Merkle openings of every queried leaf,
 * the folds of those leaves, and finally the claim left by the sumcheck against the final
 * polynomial times the weight polynomial, which the verifier evaluates itself.
 *
 * <p>Guarantee: with parameters {@code p}, a proof for a false claim is accepted with
 * probability at most 2^-{@code plan.securityBits()} per transcript hash query (round-by-round
 * soundness, see {@link WhirPlan}), plus the probability of finding a hash collision.
 */
public final class WhirVerifier {
    private WhirVerifier() {}

    /**
     * Accepts, or throws {@link InvalidProofException} saying what failed; no other exception for
     * any proof bytes, claims or commitment (null parameters or transcript are programmer errors
     * and throw NullPointerException).
     *
     * @param params the parameters the verifier accepts; the commitment must have been made
     *     under exactly these
     * @param transcript in the same state as the prover's before {@link WhirProver#open}; after a
     *     rejection its state is unspecified, so discard it
     */
    public static void verify(WhirParameters params, WhirCommitment commitment, List<EvaluationClaim> claims,
            byte[] proofBytes, Transcript transcript) throws InvalidProofException {
        if (claims == null) {
            throw new InvalidProofException("a commitment and at least one claim are required");
        }
        verifyLinear(params, commitment, Protocol.linear(claims, params.extensionDegree()), proofBytes, transcript);
    }

    /** {@link #verify} for linear claims (see {@link WhirProver#openLinear}). */
    public static void verifyLinear(WhirParameters params, WhirCommitment commitment, List<LinearClaim> claims,
            byte[] proofBytes, Transcript transcript) throws InvalidProofException {
        verifyLinear(params, commitment, claims, proofBytes, transcript, ClaimBinding.ABSORBED);
    }

    /** {@link #verifyLinear(WhirParameters, WhirCommitment, List, byte[], Transcript)} with a {@link ClaimBinding}. */
    public static void verifyLinear(WhirParameters params, WhirCommitment commitment, List<LinearClaim> claims,
            byte[] proofBytes, Transcript transcript, ClaimBinding binding) throws InvalidProofException {
        if (binding == null) {
            throw new InvalidProofException("a claim binding is required");
        }
        if (commitment == null || claims == null || claims.isEmpty()) {
            throw new InvalidProofException("a commitment and at least one claim are required");
        }
        if (claims.size() > WhirPlan.MAX_CLAIMS) {
            throw new InvalidProofException("an opening proves at most " + WhirPlan.MAX_CLAIMS + " claims, got "
                    + claims.size());
        }
        if (!commitment.parameters().equals(params)) {
            throw new InvalidProofException("the commitment was made under " + commitment.parameters()
                    + ", not the accepted " + params);
        }
        StackLayout layout;
        WhirPlan plan;
        try {
            layout = Protocol.layout(params, commitment.logSizes(), commitment.masking());
            plan = params.plan(layout.numVariables());
        } catch (IllegalArgumentException e) {
            throw new InvalidProofException("commitment shape unsupported by these parameters: " + e.getMessage());
        }
        ExtensionField ext = plan.extension();
        for (int c = 0; c < claims.size(); c++) {
            String problem = claims.get(c) == null ? "missing" : Protocol.checkClaim(ext, commitment, claims.get(c));
            if (problem != null) {
                throw new InvalidProofException("claim " + c + ": " + problem);
            }
        }
        WhirProof proof = WhirProof.decode(proofBytes, plan, commitment.masking());
        check(params, plan, layout, commitment, claims, proof, transcript, binding);
    }

    private static void check(WhirParameters params, WhirPlan plan, StackLayout layout, WhirCommitment commitment,
            List<LinearClaim> claims, WhirProof proof, Transcript transcript, ClaimBinding binding)
            throws InvalidProofException {
        ExtensionField ext = plan.extension();
        int d = ext.degree();
        int m = plan.numVariables();
        Masking masking = commitment.masking();
        HashFunction hash = params.hash().hashFunction();
        Protocol.absorbStatement(transcript, params, commitment, claims, binding);

        long[] rho = ext.zero();
        // A mask block is claimed at fresh points; its values come first among the mask values.
        int blockLimbs = proof.maskValues.length - (masking.hiding() ? d : 0);
        long[] blockValues = Arrays.copyOf(proof.maskValues, blockLimbs);
        List<long[]> blockPoints = new ArrayList<>();
        if (masking == Masking.BLOCK) {
            for (int b = 0; b < Protocol.BLOCK_CLAIMS; b++) {
                long[] point = new long[layout.maskLog() * d];
                for (int j = 0; j < layout.maskLog(); j++) {
                    System.arraycopy(transcript.challengeExtension(Protocol.BLOCK_POINT, d), 0, point, j * d, d);
                }
                blockPoints.add(point);
            }
            transcript.absorbFields(Protocol.BLOCK_VALUES, blockValues);
        }
        long[] gamma = transcript.challengeExtension(Protocol.COMBINE, d);
        List<WeightTerm> terms = new ArrayList<>();
        long[] sigma = ext.zero();
        long[][] coefficients = Protocol.combineClaims(ext, claims, gamma, sigma);
        for (int c = 0; c < claims.size(); c++) {
            for (LinearClaim.Term term : claims.get(c).terms()) {
                terms.add(new WeightTerm(ext.mul(coefficients[c], term.coefficient()),
                        Protocol.stackedPoint(ext, layout, term), 0));
            }
        }
        long[][] blockCoefficients = Protocol.blockCoefficients(ext, coefficients, gamma, blockValues, sigma);
        for (int b = 0; b < blockPoints.size(); b++) {
            terms.add(new WeightTerm(blockCoefficients[b], Protocol.stackedBlockPoint(ext, layout, blockPoints.get(b)),
                    0));
        }

        long[] alphasAll = new long[m * d];
        int bound = 0;
        byte[] root = commitment.rootUnsafe();
        for (int i = 0; i < plan.rounds(); i++) {
            WhirProof.Round round = proof.rounds[i];
            int k = plan.foldingFactor(i);
            long[] alphas = new long[k * d];
            for (int s = 0; s < k; s++) {
                long[] msg = Arrays.copyOfRange(round.sumcheck, s * 2 * d, (s + 1) * 2 * d);
                transcript.absorbFields(Protocol.SUMCHECK, msg);
                long[] alpha = transcript.challengeExtension(Protocol.FOLD, d);
                sigma = QuadraticSumcheck.evaluate(ext, msg, 0, sigma, alpha);
                System.arraycopy(alpha, 0, alphas, s * d, d);
                System.arraycopy(alpha, 0, alphasAll, (bound++) * d, d);
            }
            if (i == 0 && masking.hiding()) {
                // U = F(alpha, .) + rho G_1 carries the claim sigma + rho mu, same weights.
                long[] mu = Arrays.copyOfRange(proof.maskValues, blockLimbs, blockLimbs + d);
                transcript.absorbFields(Protocol.MASK_VALUES, mu);
                rho = transcript.challengeExtension(Protocol.MASK_CHALLENGE, d);
                sigma = ext.add(sigma, ext.mul(rho, mu));
            }
            boolean last = i + 1 == plan.rounds();
            if (!last) {
                transcript.absorbDigest(Protocol.ROOT, round.nextRoot);
            } else {
                transcript.absorbFields(Protocol.FINAL, proof.finalCoefficients);
            }
            try {
                transcript.checkGrind(Protocol.POW, params.powBits(), round.powNonce);
            } catch (TranscriptException e) {
                throw new InvalidProofException("round " + i + ": grinding nonce rejected: " + e.getMessage());
            }
            int logN = plan.logDomain(i);
            int depth = logN - k;
            int[] distinct = MerkleTree.sortedDistinct(
                    transcript.challengeIndices(Protocol.QUERIES, plan.queries(i), 1 << depth));
            if (distinct.length != round.distinctQueries) {
                throw new InvalidProofException("round " + i + ": proof opens " + round.distinctQueries
                        + " leaves, the transcript queries " + distinct.length);
            }
            int width = WhirProof.leafWidth(plan, i, masking);
            byte[][] digests = new byte[distinct.length][];
            for (int q = 0; q < distinct.length; q++) {
                byte[] salt = round.salts.length == 0 ? null
                        : Arrays.copyOfRange(round.salts, q * WhirProver.SALT_BYTES, (q + 1) * WhirProver.SALT_BYTES);
                digests[q] = new byte[HashFunction.DIGEST_BYTES];
                hash.hashElements(round.leafValues, q * width, width, salt, digests[q], 0);
            }
            if (!MerkleTree.verify(hash, root, depth, distinct, digests, new MultiProof(round.siblings))) {
                throw new InvalidProofException("round " + i + ": Merkle openings do not match the "
                        + (i == 0 ? "commitment" : "round " + (i - 1) + " root"));
            }
            Protocol.absorbOpenings(transcript, round.leafValues, round.salts, round.siblings);
            if (!last) {
                long[] gammaQ = transcript.challengeExtension(Protocol.QUERY_COMBINE, d);
                long[] qcoef = gammaQ.clone();
                int mNext = plan.roundVariables(i + 1);
                for (int q = 0; q < distinct.length; q++) {
                    long[] value = QueryFold.value(ext, plan, i, masking, rho, round.leafValues, q, distinct[q], alphas);
                    sigma = ext.add(sigma, ext.mul(qcoef, value));
                    long[] point = Folding.powers(QueryFold.foldedPoint(plan, i, distinct[q]), mNext);
                    long[] extPoint = new long[mNext * d];
                    for (int j = 0; j < mNext; j++) {
                        extPoint[j * d] = point[j];
                    }
                    terms.add(new WeightTerm(qcoef, extPoint, bound));
                    qcoef = ext.mul(qcoef, gammaQ);
                }
                root = round.nextRoot;
            } else {
                for (int q = 0; q < distinct.length; q++) {
                    long[] value = QueryFold.value(ext, plan, i, masking, rho, round.leafValues, q, distinct[q], alphas);
                    long y = QueryFold.foldedPoint(plan, i, distinct[q]);
                    if (!Arrays.equals(value, evaluateUnivariate(ext, proof.finalCoefficients, y))) {
                        throw new InvalidProofException("round " + i + ": query " + q
                                + " disagrees with the final polynomial");
                    }
                }
            }
        }

        int mFinal = plan.finalVariables();
        for (int s = 0; s < mFinal; s++) {
            long[] msg = Arrays.copyOfRange(proof.finalSumcheck, s * 2 * d, (s + 1) * 2 * d);
            transcript.absorbFields(Protocol.SUMCHECK, msg);
            long[] alpha = transcript.challengeExtension(Protocol.FOLD, d);
            sigma = QuadraticSumcheck.evaluate(ext, msg, 0, sigma, alpha);
            System.arraycopy(alpha, 0, alphasAll, (bound++) * d, d);
        }

        long[] finalEvals = proof.finalCoefficients.clone();
        Multilinear.toEvaluations(finalEvals, d);
        long[] finalValue = Multilinear.evaluateExt(ext, finalEvals,
                Arrays.copyOfRange(alphasAll, (m - mFinal) * d, m * d));
        long[] weight = new long[d];
        long[] eq = new long[d];
        long[] scratch = new long[d];
        EqFactors factors = EqFactors.of(ext, alphasAll, m);
        for (WeightTerm term : terms) {
            factors.eqInto(term.point, term.firstVariable, eq, scratch);
            ext.mulAdd(weight, 0, weight, 0, term.coefficient, 0, eq, 0);
        }
        if (!Arrays.equals(sigma, ext.mul(finalValue, weight))) {
            throw new InvalidProofException("final sumcheck claim does not match the final polynomial");
        }
    }

    /** A weight polynomial term: coefficient * eq(point, alpha[firstVariable..]). */
    private record WeightTerm(long[] coefficient, long[] point, int firstVariable) {}

    /**
     * eq(x, alpha) = prod_j ((1 - alpha_j) + x_j (2 alpha_j - 1)) with both factors precomputed
     * per coordinate: the final check sums one eq per claim term and per query, most of whose
     * coordinates are base-field (a query's powers of y, a stacked point's selector bits). A
     * point's trailing run of 0/1 coordinates (a stacked point's selector, a mask-pool slot's
     * index) is a product of alpha_j or 1 - alpha_j over pieces that thousands of terms share:
     * each piece of up to {@link #CHUNK} aligned variables is computed once and looked up after.
     */
    private record EqFactors(ExtensionField ext, long[] oneMinusAlpha, long[] twoAlphaMinusOne, long[] alphas,
            Map<Integer, long[]> tails) {
        /** Variables per cached piece of a 0/1 run: at most 2^CHUNK products per position. */
        private static final int CHUNK = 8;

        static EqFactors of(ExtensionField ext, long[] alphas, int m) {
            int d = ext.degree();
            long[] oneMinus = new long[m * d];
            long[] twoMinusOne = new long[m * d];
            long[] one = ext.one();
            for (int j = 0; j < m; j++) {
                ext.sub(oneMinus, j * d, one, 0, alphas, j * d);
                ext.add(twoMinusOne, j * d, alphas, j * d, alphas, j * d);
                ext.sub(twoMinusOne, j * d, twoMinusOne, j * d, one, 0);
            }
            return new EqFactors(ext, oneMinus, twoMinusOne, alphas, new HashMap<>());
        }

        /** out = eq(a, alpha[firstVariable..]), in place; {@code term} is scratch of one element. */
        void eqInto(long[] a, int firstVariable, long[] out, long[] term) {
            int d = ext.degree();
            int n = a.length / d;
            int run = n;
            while (run > 0 && bit(a, run - 1) >= 0) {
                run--;
            }
            Arrays.fill(out, 0);
            out[0] = 1;
            // The 0/1 run in pieces aligned to CHUNK variables, each piece's product looked up.
            int j = run;
            while (j < n) {
                int start = firstVariable + j;
                int end = Math.min(firstVariable + n, (start / CHUNK + 1) * CHUNK);
                int bits = 0;
                for (int v = end - 1; v >= start; v--) {
                    bits = bits << 1 | bit(a, v - firstVariable);
                }
                int from = j;
                long[] piece = tails.computeIfAbsent((start * (CHUNK + 1) + end - start) << CHUNK | bits, k -> {
                    long[] t = ext.one();
                    multiplyRange(a, firstVariable, from, from + end - start, t, new long[d]);
                    return t;
                });
                ext.mul(out, 0, out, 0, piece, 0);
                j += end - start;
            }
            multiplyRange(a, firstVariable, 0, run, out, term);
        }

        /** out *= prod over coordinates j in [from, to) of eq's factor for a_j. */
        private void multiplyRange(long[] a, int firstVariable, int from, int to, long[] out, long[] term) {
            int d = ext.degree();
            for (int j = from; j < to; j++) {
                int y = (firstVariable + j) * d;
                int b = bit(a, j);
                if (b == 0) {
                    ext.mul(out, 0, out, 0, oneMinusAlpha, y);
                } else if (b == 1) {
                    ext.mul(out, 0, out, 0, alphas, y);
                } else {
                    if (isBase(a, j)) {
                        ext.mulBase(term, 0, twoAlphaMinusOne, y, a[j * d]);
                    } else {
                        ext.mul(term, 0, twoAlphaMinusOne, y, a, j * d);
                    }
                    ext.add(term, 0, term, 0, oneMinusAlpha, y);
                    ext.mul(out, 0, out, 0, term, 0);
                }
            }
        }

        /** Coordinate j as 0 or 1 when it is that base-field element, else -1. */
        private int bit(long[] a, int j) {
            if (!isBase(a, j)) {
                return -1;
            }
            long x = a[j * ext.degree()];
            return x == 0 || x == 1 ? (int) x : -1;
        }

        private boolean isBase(long[] a, int j) {
            int d = ext.degree();
            for (int l = 1; l < d; l++) {
                if (a[j * d + l] != 0) {
                    return false;
                }
            }
            return true;
        }
    }

    /** sum_i c_i y^i by Horner. */
    private static long[] evaluateUnivariate(ExtensionField ext, long[] coefficients, long y) {
        int d = ext.degree();
        long[] acc = ext.zero();
        for (int i = coefficients.length / d - 1; i >= 0; i--) {
            ext.mulBase(acc, 0, acc, 0, y);
            ext.add(acc, 0, acc, 0, coefficients, i * d);
        }
        return acc;
    }

}
