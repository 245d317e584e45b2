package io.zkinfer.commit.whir;

import io.zkinfer.commit.hash.HashFunction;
import io.zkinfer.commit.merkle.MerkleTree;
import io.zkinfer.commit.merkle.MultiProof;
import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import io.zkinfer.field.Ntt;
import io.zkinfer.field.Parallel;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/**
 * Commits to batches of multilinear polynomials and opens them with WHIR.
 *
 * <p>{@link #commit} stacks the batch into one polynomial F (see {@link StackLayout}), encodes
 * its monomial coefficients as a Reed-Solomon codeword on a coset of size 2^(M + log 1/rate),
 * and Merkle-commits it in leaves of 2^k symbols. {@link #open} proves any number of evaluation
 * claims about any of the polynomials with one WHIR run: a sumcheck over the combined claim,
 * folding k variables per round, committing each folded polynomial, and querying the previous
 * codeword to tie the fold to it; the last folded polynomial goes in the clear.
 *
 * <p><b>Hiding.</b> What round 0 reveals (its codeword symbols, sumcheck messages and the
 * claimed values) is masked inside F: by a block of uniformly random values that the opening
 * claims at two fresh points ({@link Masking#BLOCK}), or by the committer itself
 * ({@link Masking#COMMITTER}). A uniformly random extension-valued polynomial G_1 of k_0 fewer
 * variables is committed in the round-0 leaves, which are salted; after round 0's sumcheck the
 * opening sends mu = sum_b G_1(b) W(alpha, b), draws rho, and runs the rest of WHIR on
 * U = F(alpha, .) + rho G_1, which is uniform. The only values a hiding opening reveals are the
 * claimed evaluations themselves (docs/PCS.md).
 */
public final class WhirProver {
    /** Salt bytes per hiding leaf. */
    public static final int SALT_BYTES = MerkleTree.SALT_BYTES;

    private WhirProver() {}

    /**
     * {@link #commit(WhirParameters, List, boolean, RandomGenerator)} with masks and salts from
     * a fresh {@link ChaChaRandom} (keyed from SecureRandom).
     */
    public static WhirWitness commit(WhirParameters params, List<long[]> polynomials, boolean hiding) {
        return commit(params, polynomials, hiding, hiding ? ChaChaRandom.create() : null);
    }

    /**
     * Commits to a batch of multilinear polynomials given by their evaluations on the hypercube
     * (each a power-of-two number of canonical base-field values).
     *
     * @param rng the source of masks and salts for hiding commitments (unused otherwise); must
     *     be a cryptographically secure generator outside tests
     * @throws IllegalArgumentException on an empty batch, a bad size or a non-canonical value
     */
    public static WhirWitness commit(WhirParameters params, List<long[]> polynomials, boolean hiding,
            RandomGenerator rng) {
        return commit(params, polynomials, hiding ? Masking.BLOCK : Masking.NONE, rng);
    }

    /**
     * How many base-field functionals of the stacked polynomial a {@link Masking#COMMITTER}
     * opening reveals besides the claimed values: the round-0 codeword symbols
     * ({@link WhirPlan#revealedSymbols}) and the round-0 sumcheck messages (2 extension values, d
     * limbs each, per folded variable). The committer's own mask must make these, together with
     * the claimed values (d functionals each), uniformly random (docs/PCS.md).
     */
    public static int committerMaskedValues(WhirParameters params, int numVariables) {
        WhirPlan plan = params.plan(numVariables);
        return plan.revealedSymbols() + 2 * plan.foldingFactor(0) * plan.extension().degree();
    }

    /**
     * How many random values a {@link Masking#BLOCK} commitment's mask block needs for a stack of
     * {@code numVariables} variables: what round 0 reveals ({@link #committerMaskedValues}) and
     * the values of the block's own {@link Protocol#BLOCK_CLAIMS} claims.
     */
    public static int blockMaskedValues(WhirParameters params, int numVariables) {
        return committerMaskedValues(params, numVariables) + Protocol.BLOCK_CLAIMS * params.extensionDegree();
    }

    /**
     * {@link #commit(WhirParameters, List, boolean, RandomGenerator)} with any {@link Masking}.
     * With {@link Masking#COMMITTER} the batch gets no mask block (a single 2^m polynomial stays
     * at m variables); the caller is responsible for the masking of its codeword symbols.
     */
    public static WhirWitness commit(WhirParameters params, List<long[]> polynomials, Masking masking,
            RandomGenerator rng) {
        boolean hiding = masking.hiding();
        if (polynomials.isEmpty()) {
            throw new IllegalArgumentException("nothing to commit: the batch is empty");
        }
        int[] logSizes = new int[polynomials.size()];
        for (int i = 0; i < logSizes.length; i++) {
            long[] p = polynomials.get(i);
            logSizes[i] = Multilinear.numVariables(p.length);
            for (long x : p) {
                if (!Goldilocks.isCanonical(x)) {
                    throw new IllegalArgumentException("polynomial " + i + " holds a non-canonical value");
                }
            }
        }
        StackLayout layout = Protocol.layout(params, logSizes, masking);
        WhirPlan plan = params.plan(layout.numVariables());
        int m = layout.numVariables();
        long[] stacked = new long[1 << m];
        for (int i = 0; i < logSizes.length; i++) {
            long[] p = polynomials.get(i);
            System.arraycopy(p, 0, stacked, layout.offset(i), p.length);
        }
        int d = plan.extension().degree();
        int logN = plan.logDomain(0);
        int k = plan.foldingFactor(0);
        long[] mask = null;
        if (hiding) {
            if (layout.maskLog() >= 0) {
                fillRandom(stacked, layout.maskOffset(), 1 << layout.maskLog(), rng);
            }
            mask = new long[d << (m - k)]; // G_1: the variables left after round 0
            fillRandom(mask, 0, mask.length, rng);
        }
        int width = WhirProof.leafWidth(plan, 0, masking);
        int leafCount = 1 << (logN - k);
        long[] leaves = new long[leafCount * width];
        Folding.leavesInto(codeword(stacked, 1, logN), 1, logN, k, leaves, width, 0);
        byte[][] salts = null;
        if (hiding) {
            // G_1 enters after the first fold, so a leaf holds G_1's one symbol at the leaf's
            // folded point y = x_0^K.
            long[] g1 = Ntt.extend(toCoefficients(mask, d), d, logN - k, Goldilocks.pow(Folding.SHIFT, 1L << k));
            for (int j = 0; j < leafCount; j++) {
                System.arraycopy(g1, j * d, leaves, j * width + (1 << k), d);
            }
            salts = new byte[leafCount][SALT_BYTES];
            for (byte[] salt : salts) {
                rng.nextBytes(salt);
            }
        }
        MerkleTree tree = MerkleTree.build(params.hash().hashFunction(), leaves, width, salts);
        WhirCommitment c = new WhirCommitment(tree.root(), logSizes, masking, params);
        return new WhirWitness(params, plan, layout, c, stacked, mask, tree, leaves, salts);
    }

    /** The value of polynomial {@code polynomial} at {@code point}, as a claim to open. */
    public static EvaluationClaim claim(WhirWitness w, int polynomial, long[] point) {
        ExtensionField ext = w.plan.extension();
        long[] block = block(w.stacked, 1, w.layout, polynomial);
        return new EvaluationClaim(polynomial, point, Multilinear.evaluate(ext, block, point));
    }

    /**
     * Proves every claim against the witness's commitment, continuing {@code transcript} (which
     * the verifier must have in the same state). The claims must be true (see {@link #claim}):
     * a false claim yields a proof the verifier rejects.
     *
     * @throws IllegalArgumentException if a claim is malformed
     * @throws IllegalStateException if a hiding witness was already opened
     */
    public static WhirProof open(WhirWitness w, List<EvaluationClaim> claims, Transcript transcript) {
        return openLinear(w, Protocol.linear(claims, w.plan.extension().degree()), transcript);
    }

    /**
     * {@link #open} for linear claims: each a linear combination of evaluations of the committed
     * polynomials (see {@link LinearClaim}); only the combinations' values are revealed.
     */
    public static WhirProof openLinear(WhirWitness w, List<LinearClaim> claims, Transcript transcript) {
        return openLinear(w, claims, transcript, ClaimBinding.ABSORBED);
    }

    /**
     * {@link #openLinear(WhirWitness, List, Transcript)} with the claims taken into the
     * transcript as {@code binding} says (the verifier must say the same).
     */
    public static WhirProof openLinear(WhirWitness w, List<LinearClaim> claims, Transcript transcript,
            ClaimBinding binding) {
        WhirPlan plan = w.plan;
        ExtensionField ext = plan.extension();
        int d = ext.degree();
        Masking masking = w.commitment.masking();
        boolean hiding = masking.hiding();
        if (claims.isEmpty() || claims.size() > WhirPlan.MAX_CLAIMS) {
            throw new IllegalArgumentException("an opening proves 1 to " + WhirPlan.MAX_CLAIMS + " claims, got "
                    + claims.size());
        }
        for (LinearClaim c : claims) {
            String problem = Protocol.checkClaim(ext, w.commitment, c);
            if (problem != null) {
                throw new IllegalArgumentException(problem);
            }
        }
        w.markOpened();
        Protocol.absorbStatement(transcript, w.parameters, w.commitment, claims, binding);
        HashFunction hash = w.parameters.hash().hashFunction();
        int m = plan.numVariables();

        // WHIR runs on F through round 0's sumcheck and, when hiding, on U = F(alpha, .) + rho G_1
        // after it. A mask block is claimed at fresh points first, so that it covers round 0.
        long[] f = w.stacked;
        boolean fBase = true;
        long[] rho = ext.zero();
        long[] blockValues = new long[0];
        List<long[]> blockPoints = new ArrayList<>();
        if (masking == Masking.BLOCK) {
            int s0 = w.layout.maskLog();
            long[] block = java.util.Arrays.copyOfRange(w.stacked, w.layout.maskOffset(),
                    w.layout.maskOffset() + (1 << s0));
            blockValues = new long[Protocol.BLOCK_CLAIMS * d];
            for (int b = 0; b < Protocol.BLOCK_CLAIMS; b++) {
                long[] point = new long[s0 * d];
                for (int j = 0; j < s0; j++) {
                    System.arraycopy(challenge(transcript, Protocol.BLOCK_POINT, d), 0, point, j * d, d);
                }
                blockPoints.add(point);
                System.arraycopy(Multilinear.evaluate(ext, block, point), 0, blockValues, b * d, d);
            }
            transcript.absorbFields(Protocol.BLOCK_VALUES, blockValues);
        }
        long[] maskValues = blockValues;

        // The combined claim sum_c gamma^c value_c (the block's claims last) and its weights.
        long[] gamma = challenge(transcript, Protocol.COMBINE, d);
        long[] sigma = ext.zero();
        long[][] claimCoefficients = Protocol.combineClaims(ext, claims, gamma, sigma);
        long[][] blockCoefficients = Protocol.blockCoefficients(ext, claimCoefficients, gamma, blockValues, sigma);
        // A few terms stay terms through round 0 (no 2^M table); else a table.
        EqWeights eqWeights = new EqWeights(ext, m);
        for (int c = 0; c < claims.size() && eqWeights.terms() <= EqWeights.MAX_TERMS; c++) {
            for (LinearClaim.Term term : claims.get(c).terms()) {
                eqWeights.add(ext.mul(claimCoefficients[c], term.coefficient()),
                        Protocol.stackedPoint(ext, w.layout, term));
            }
        }
        for (int b = 0; b < blockPoints.size(); b++) {
            eqWeights.add(blockCoefficients[b], Protocol.stackedBlockPoint(ext, w.layout, blockPoints.get(b)));
        }
        long[] weights = null;
        if (eqWeights.terms() > EqWeights.MAX_TERMS) {
            eqWeights = null;
            weights = new long[d << m];
            for (int c = 0; c < claims.size(); c++) {
                for (LinearClaim.Term term : claims.get(c).terms()) {
                    addEq(ext, weights, ext.mul(claimCoefficients[c], term.coefficient()), term.pointUnsafe(),
                            w.layout.offset(term.polynomial()));
                }
            }
            for (int b = 0; b < blockPoints.size(); b++) {
                addEq(ext, weights, blockCoefficients[b], blockPoints.get(b), w.layout.maskOffset());
            }
        }

        List<WhirProof.Round> rounds = new ArrayList<>();
        MerkleTree prevTree = w.tree;
        long[] prevLeaves = w.leaves;
        long[] finalCoefficients = null;
        for (int i = 0; i < plan.rounds(); i++) {
            int k = plan.foldingFactor(i);
            long[] sumcheck = new long[k * 2 * d];
            long[] alphas = new long[k * d];
            for (int s = 0; s < k; s++) {
                long[] msg = eqWeights != null ? eqWeights.roundCoefficients(f, fBase)
                        : QuadraticSumcheck.roundCoefficients(ext, f, fBase, weights);
                System.arraycopy(msg, 0, sumcheck, s * 2 * d, 2 * d);
                transcript.absorbFields(Protocol.SUMCHECK, msg);
                long[] alpha = challenge(transcript, Protocol.FOLD, d);
                sigma = QuadraticSumcheck.evaluate(ext, msg, 0, sigma, alpha);
                f = fBase ? Multilinear.foldBase(ext, f, alpha, 0) : Multilinear.foldExt(ext, f, alpha, 0);
                fBase = false;
                if (eqWeights != null) {
                    eqWeights.bind(alpha);
                } else {
                    weights = Multilinear.foldExt(ext, weights, alpha, 0);
                }
                System.arraycopy(alpha, 0, alphas, s * d, d);
            }
            if (eqWeights != null) {
                weights = eqWeights.table();
                eqWeights = null;
            }
            if (i == 0 && hiding) {
                // mu = sum_b G_1(b) W(alpha, b) binds G_1's part of U's claim before rho.
                long[] mu = innerProduct(ext, w.maskPolynomial, weights);
                transcript.absorbFields(Protocol.MASK_VALUES, mu);
                rho = challenge(transcript, Protocol.MASK_CHALLENGE, d);
                sigma = ext.add(sigma, ext.mul(rho, mu));
                addScaled(ext, f, rho, w.maskPolynomial);
                maskValues = java.util.Arrays.copyOf(blockValues, blockValues.length + d);
                System.arraycopy(mu, 0, maskValues, blockValues.length, d);
            }
            boolean last = i + 1 == plan.rounds();
            byte[] nextRoot = null;
            MerkleTree nextTree = null;
            long[] nextLeaves = null;
            long[] coefficients = f.clone();
            Multilinear.toCoefficients(coefficients, d);
            if (!last) {
                int logN1 = plan.logDomain(i + 1);
                nextLeaves = Folding.leaves(Folding.encode(coefficients, d, logN1), d, logN1, plan.foldingFactor(i + 1));
                nextTree = MerkleTree.build(hash, nextLeaves, d << plan.foldingFactor(i + 1), null);
                nextRoot = nextTree.root();
                transcript.absorbDigest(Protocol.ROOT, nextRoot);
            } else {
                finalCoefficients = coefficients;
                transcript.absorbFields(Protocol.FINAL, finalCoefficients);
            }
            long nonce = transcript.grind(Protocol.POW, w.parameters.powBits());
            int logN = plan.logDomain(i);
            int[] distinct = MerkleTree.sortedDistinct(
                    queryIndices(transcript, plan.queries(i), 1 << (logN - k)));
            int width = WhirProof.leafWidth(plan, i, masking);
            long[] leafValues = new long[distinct.length * width];
            byte[] salts = new byte[i == 0 && hiding ? distinct.length * SALT_BYTES : 0];
            for (int q = 0; q < distinct.length; q++) {
                System.arraycopy(prevLeaves, distinct[q] * width, leafValues, q * width, width);
                if (salts.length > 0) {
                    System.arraycopy(w.salts[distinct[q]], 0, salts, q * SALT_BYTES, SALT_BYTES);
                }
            }
            MultiProof paths = prevTree.open(distinct);
            Protocol.absorbOpenings(transcript, leafValues, salts, paths.siblings());
            if (!last) {
                long[] gammaQ = challenge(transcript, Protocol.QUERY_COMBINE, d);
                long[] qcoef = gammaQ.clone();
                long[][] coefs = new long[distinct.length][];
                for (int q = 0; q < distinct.length; q++) {
                    long[] value = QueryFold.value(ext, plan, i, masking, rho, leafValues, q, distinct[q], alphas);
                    sigma = ext.add(sigma, ext.mul(qcoef, value));
                    coefs[q] = qcoef;
                    qcoef = ext.mul(qcoef, gammaQ);
                }
                QueryWeights.add(ext, weights, coefs, distinct, plan.logDomain(i) - plan.foldingFactor(i),
                        plan.foldingFactor(i), plan.roundVariables(i + 1));
            }
            rounds.add(new WhirProof.Round(sumcheck, nextRoot, nonce, distinct.length, leafValues, salts,
                    paths.siblings()));
            prevTree = nextTree;
            prevLeaves = nextLeaves;
        }

        int mFinal = plan.finalVariables();
        long[] finalSumcheck = new long[mFinal * 2 * d];
        for (int s = 0; s < mFinal; s++) {
            long[] msg = QuadraticSumcheck.roundCoefficients(ext, f, false, weights);
            System.arraycopy(msg, 0, finalSumcheck, s * 2 * d, 2 * d);
            transcript.absorbFields(Protocol.SUMCHECK, msg);
            long[] alpha = challenge(transcript, Protocol.FOLD, d);
            f = Multilinear.foldExt(ext, f, alpha, 0);
            weights = Multilinear.foldExt(ext, weights, alpha, 0);
        }
        return new WhirProof(maskValues, rounds.toArray(WhirProof.Round[]::new), finalCoefficients, finalSumcheck);
    }

    /** The codeword of an evaluation vector (width 1, or d for extension values) on 2^logN points. */
    private static long[] codeword(long[] evals, int width, int logN) {
        return Folding.encode(toCoefficients(evals, width), width, logN);
    }

    private static long[] toCoefficients(long[] evals, int width) {
        long[] coefficients = evals.clone();
        Multilinear.toCoefficients(coefficients, width);
        return coefficients;
    }

    /**
     * Test hook: when set on the proving thread, every challenge and query index of an opening
     * comes from this stream instead of the transcript (which still absorbs and squeezes as
     * usual), so that zero-knowledge tests can compare proofs under the same challenges.
     */
    static final ThreadLocal<RandomGenerator> FIXED_CHALLENGES = new ThreadLocal<>();

    private static long[] challenge(Transcript transcript, String label, int d) {
        long[] c = transcript.challengeExtension(label, d);
        RandomGenerator fixed = FIXED_CHALLENGES.get();
        if (fixed != null) {
            for (int i = 0; i < d; i++) {
                c[i] = Goldilocks.random(fixed);
            }
        }
        return c;
    }

    private static int[] queryIndices(Transcript transcript, int count, int bound) {
        int[] q = transcript.challengeIndices(Protocol.QUERIES, count, bound);
        RandomGenerator fixed = FIXED_CHALLENGES.get();
        if (fixed != null) {
            for (int i = 0; i < count; i++) {
                q[i] = fixed.nextInt(bound);
            }
        }
        return q;
    }

    /** weights[offset..] += coef eq(point, .), point over the block's own variables. */
    private static void addEq(ExtensionField ext, long[] weights, long[] coef, long[] point, int offset) {
        int d = ext.degree();
        // Coordinates that are 0 or 1 from some variable up (a mask pool's slot index, say) confine
        // eq to one block of the low variables: build only that block.
        int vars = point.length / d;
        int low = vars;
        long high = 0;
        while (low > 0 && isBit(point, (low - 1) * d, d)) {
            high = (high << 1) | point[(low - 1) * d];
            low--;
        }
        // high holds the bits of variables low..vars-1, variable j at bit j - low.
        long[] eq = Multilinear.eqTable(ext, java.util.Arrays.copyOf(point, low * d));
        int off = (offset + (int) (high << low)) * d;
        for (int i = 0; i < eq.length; i += d) {
            ext.mulAdd(weights, off + i, weights, off + i, coef, 0, eq, i);
        }
    }

    /** Whether the extension element at {@code at} is 0 or 1. */
    private static boolean isBit(long[] v, int at, int d) {
        if (v[at] != 0 && v[at] != 1) {
            return false;
        }
        for (int l = 1; l < d; l++) {
            if (v[at + l] != 0) {
                return false;
            }
        }
        return true;
    }

    /** sum_b g(b) v(b) over two extension vectors. */
    private static long[] innerProduct(ExtensionField ext, long[] g, long[] v) {
        int d = ext.degree();
        long[] sum = ext.zero();
        for (int i = 0; i < g.length; i += d) {
            ext.mulAdd(sum, 0, sum, 0, g, i, v, i);
        }
        return sum;
    }

    /** f += rho g, in place, over two extension vectors. */
    private static void addScaled(ExtensionField ext, long[] f, long[] rho, long[] g) {
        int d = ext.degree();
        Parallel.forRange(g.length / d, Parallel.DEFAULT_GRAIN, (from, to) -> {
            for (int i = from; i < to; i++) {
                ext.mulAdd(f, i * d, f, i * d, rho, 0, g, i * d);
            }
        });
    }

    /** Polynomial i's block of a stacked vector of {@code width} limbs per entry. */
    private static long[] block(long[] stacked, int width, StackLayout layout, int polynomial) {
        int off = layout.offset(polynomial) * width;
        return java.util.Arrays.copyOfRange(stacked, off, off + (width << layout.logSize(polynomial)));
    }

    private static void fillRandom(long[] v, int from, int count, RandomGenerator rng) {
        for (int i = from; i < from + count; i++) {
            v[i] = Goldilocks.random(rng);
        }
    }
}
