package io.zkinfer.sumcheck.binding;

/**
 * The standard lattice estimate for SIS over Goldilocks (q = 2^64): the cheapest known way to
 * find a nonzero x with A x = 0 mod q and |x_i| < 2^b is lattice reduction (BKZ with block size
 * beta) on the q-ary lattice of a sub-matrix of d columns, which finds vectors of Euclidean length
 * about delta(beta)^d q^(n/d). The attack succeeds once some d makes that at most 2^b sqrt(d),
 * the longest vector whose entries all stay below 2^b (generous to the attacker). Its cost is
 * taken as the core-SVP figure 2^(0.292 beta) (classical sieving; Albrecht et al., "Estimate all
 * the {LWE, NTRU} schemes!"). A planning tool, not a proof; docs/SECURITY.md states it as the
 * assumption.
 */
public final class SisSecurity {
    private static final double LOG2_Q = 64;
    private static final double CORE_SVP = 0.292;

    private SisSecurity() {}

    /** log2 of BKZ-beta's root Hermite factor delta(beta), for beta >= 50. */
    static double log2Delta(int beta) {
        double b = beta;
        double delta = Math.pow(Math.pow(Math.PI * b, 1 / b) * b / (2 * Math.PI * Math.E), 1 / (2 * (b - 1)));
        return Math.log(delta) / Math.log(2);
    }

    /**
     * The estimated cost in bits of a collision for {@code rows} rows over {@code columns}
     * columns with entries below 2^{@code bits}: 0.292 beta for the smallest block size beta that
     * succeeds with some number of columns d.
     */
    public static double coreSvpBits(int rows, int bits, int columns) {
        for (int beta = 50; beta < 4000; beta++) {
            double ld = log2Delta(beta);
            for (int d = rows + 1; d <= columns; d++) {
                if (ld * d + LOG2_Q * rows / d <= bits + 0.5 * Math.log(d) / Math.log(2)) {
                    return CORE_SVP * beta;
                }
            }
        }
        return CORE_SVP * 4000;
    }
}
