package io.zkinfer.commit.whir;

import io.zkinfer.field.ExtensionField;

/**
 * The schedule WHIR follows for one committed polynomial of {@code numVariables} variables:
 * per round, the variables left, the folding factor, the evaluation domain and the number of
 * queries; then the variables of the final polynomial sent in the clear.
 *
 * <p><b>Soundness (unique-decoding regime).</b> Round i tests a Reed-Solomon codeword of rate
 * rho_i = 2^(m_i) / N_i within distance delta_i = (1 - rho_i) / 2; each query passes a far word
 * with probability at most 1 - delta_i, so t_i queries after g bits of grinding leave
 * 2^-g (1 - delta_i)^t_i. The field terms per round are at most (N_i + 2) / |F| (one folding
 * challenge: mutual correlated agreement within the unique-decoding radius, n / |F|, plus the
 * degree-2 sumcheck), (t_i + 1) / |F| (combining the new constraints) and, for hiding openings,
 * N_0 / |F| (batching the folded F with the mask G_1, over N_0 / 2^k_0 points: bounded by N_0)
 * and 1 / |F| (binding mu). Combining C claims (C + 2 with a mask block) adds C / |F|;
 * openings take at most {@link #MAX_CLAIMS} claims, which keeps that term below the folding term.
 * The reported security is the minimum over all of these: the round-by-round soundness error of
 * the interactive protocol, which bounds the Fiat-Shamir transform's per-hash-query success.
 */
public final class WhirPlan {
    /** log2(p) for p = 2^64 - 2^32 + 1. */
    static final double LOG2_P = 64 + Math.log1p(-Math.pow(2, -32) + Math.pow(2, -64)) / Math.log(2);
    /** Commitments above this many variables are refused (the domain would exceed 2^30). */
    public static final int MAX_VARIABLES = 26;
    /** Claims one opening may prove: 2^20, so that combining them costs at most 2^20 / |F|. */
    public static final int MAX_CLAIMS = 1 << 20;

    private final WhirParameters parameters;
    private final int numVariables;
    private final ExtensionField extension;
    private final int[] roundVariables;
    private final int[] foldingFactors;
    private final int[] logDomains;
    private final int[] queries;
    private final int finalVariables;
    private final double achievedBits;

    private WhirPlan(WhirParameters parameters, int numVariables, ExtensionField extension, int[] roundVariables,
            int[] foldingFactors, int[] logDomains, int[] queries, int finalVariables, double achievedBits) {
        this.parameters = parameters;
        this.numVariables = numVariables;
        this.extension = extension;
        this.roundVariables = roundVariables;
        this.foldingFactors = foldingFactors;
        this.logDomains = logDomains;
        this.queries = queries;
        this.finalVariables = finalVariables;
        this.achievedBits = achievedBits;
    }

    static WhirPlan derive(WhirParameters params, int numVariables) {
        if (numVariables < 1 || numVariables > MAX_VARIABLES) {
            throw new IllegalArgumentException("WHIR commits 1 to " + MAX_VARIABLES + " variables, got " + numVariables);
        }
        int logDomain0 = numVariables + params.logInverseRate();
        ExtensionField ext = params.extension();
        java.util.List<int[]> rounds = new java.util.ArrayList<>();
        int m = numVariables;
        int logN = logDomain0;
        do {
            int k = Math.min(params.foldingFactor(), m);
            rounds.add(new int[] {m, k, logN});
            m -= k;
            logN -= params.logDomainShrink();
        } while (m > params.finalVariables());
        if (logDomain0 - rounds.get(0)[1] > io.zkinfer.commit.merkle.MerkleTree.MAX_BUILD_DEPTH) {
            throw new IllegalArgumentException("a domain of 2^" + logDomain0 + " in leaves of 2^" + rounds.get(0)[1]
                    + " needs a Merkle tree deeper than " + io.zkinfer.commit.merkle.MerkleTree.MAX_BUILD_DEPTH);
        }
        int r = rounds.size();
        int[] vars = new int[r], folds = new int[r], logs = new int[r], qs = new int[r];
        double bits = fieldErrorBits(ext.degree(), logDomain0);
        for (int i = 0; i < r; i++) {
            vars[i] = rounds.get(i)[0];
            folds[i] = rounds.get(i)[1];
            logs[i] = rounds.get(i)[2];
            double perQuery = perQueryBits(vars[i], logs[i]);
            int target = params.securityBits() - params.powBits();
            qs[i] = (int) Math.ceil(target / perQuery);
            // Combining t_i + 1 constraints with powers of one challenge.
            double combine = ext.degree() * LOG2_P - log2(qs[i] + 1);
            bits = Math.min(bits, Math.min(combine, qs[i] * perQuery + params.powBits()));
        }
        if (bits < params.securityBits()) {
            throw new IllegalArgumentException(String.format(
                    "%s reaches only %.1f bits for %d variables; use the cubic extension or fewer variables",
                    params, bits, numVariables));
        }
        return new WhirPlan(params, numVariables, ext, vars, folds, logs, qs, m, bits);
    }

    /** Bits one query contributes in round i: -log2(1 - delta), delta = (1 - rho) / 2. */
    static double perQueryBits(int variables, int logDomain) {
        double rho = Math.pow(2, variables - logDomain);
        return -log2(1 - (1 - rho) / 2);
    }

    /** -log2 of the largest field-size term, (N + 2) / |F| for the largest domain N. */
    static double fieldErrorBits(int degree, int logDomain) {
        return degree * LOG2_P - log2(Math.pow(2, logDomain) + 2);
    }

    private static double log2(double x) {
        return Math.log(x) / Math.log(2);
    }

    public WhirParameters parameters() {
        return parameters;
    }

    /** Variables of the committed (stacked) polynomial. */
    public int numVariables() {
        return numVariables;
    }

    /** The extension that challenges, folded polynomials and claimed values live in. */
    public ExtensionField extension() {
        return extension;
    }

    public int rounds() {
        return roundVariables.length;
    }

    /** Variables left at the start of round i. */
    public int roundVariables(int i) {
        return roundVariables[i];
    }

    /** Variables round i folds (sumcheck rounds in round i). */
    public int foldingFactor(int i) {
        return foldingFactors[i];
    }

    /** log2 of round i's evaluation domain. */
    public int logDomain(int i) {
        return logDomains[i];
    }

    /** Queries in round i. */
    public int queries(int i) {
        return queries[i];
    }

    /** Variables of the final polynomial, sent in the clear. */
    public int finalVariables() {
        return finalVariables;
    }

    /** The security this plan reaches, in bits (see the class comment for what it bounds). */
    public double securityBits() {
        return achievedBits;
    }

    /** The largest number of codeword symbols of the committed polynomial one opening reveals. */
    public int revealedSymbols() {
        return queries[0] << foldingFactors[0];
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("WhirPlan(m=" + numVariables + ", " + extension + ", rounds=[");
        for (int i = 0; i < rounds(); i++) {
            sb.append(i == 0 ? "" : ", ").append("m").append(roundVariables[i]).append(" fold").append(foldingFactors[i])
                    .append(" N2^").append(logDomains[i]).append(" t").append(queries[i]);
        }
        return sb.append("], final m=").append(finalVariables).append(", ")
                .append(String.format("%.1f", achievedBits)).append(" bits)").toString();
    }
}
