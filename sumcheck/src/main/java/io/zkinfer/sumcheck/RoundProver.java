package io.zkinfer.sumcheck;

/**
 * The prover's side of a sumcheck round by round, binding variable 0 first: what the
 * zero-knowledge sumcheck drives. {@link SumcheckProver} serves any {@link ProductSum}; a
 * prover that knows its polynomial's shape may serve it faster.
 */
public interface RoundProver {
    /**
     * This round's message: h(0), h(2), ..., h(D) (D the degree), given the running claim
     * h(0) + h(1) (a prover may use it to skip an evaluation).
     */
    long[] roundMessage(long[] claim);

    /** Binds the current variable to {@code r}. */
    void bind(long[] r);

    /** With one round left, each factor's values at the last variable 0 and 1, as two interleaved extension elements. */
    long[][] lastRoundPairs();
}
