package io.zkinfer.commit.whir;

import io.zkinfer.commit.merkle.MerkleTree;

/**
 * The committer's secret side of a {@link WhirCommitment}: the stacked polynomial, its
 * codeword's Merkle tree and, when hiding, the masks. Never serialize or share it. A hiding
 * witness opens once: its mask G is spent by the opening (see docs/PCS.md), so a second
 * {@link WhirProver#open} is refused.
 */
public final class WhirWitness {
    final WhirParameters parameters;
    final WhirPlan plan;
    final StackLayout layout;
    final WhirCommitment commitment;
    /** F (or F' with its random mask block): 2^M base-field evaluations. */
    final long[] stacked;
    /**
     * Hiding only: G_1, 2^(M - k_0) uniformly random extension-field evaluations (interleaved,
     * d limbs each, every limb uniform), folded in after round 0; else null. It must be
     * extension-valued: with a base-field G_1, the limbs of U = F(alpha, .) + rho G_1 would be
     * F(alpha, .)'s limbs plus rho_j G_1, and the limbs would give G_1, then F, away.
     */
    final long[] maskPolynomial;
    final MerkleTree tree;
    /** The round-0 leaves (leaf-major), which openings read. */
    final long[] leaves;
    /** Hiding only: one salt per round-0 leaf; else null. */
    final byte[][] salts;
    private boolean opened;

    WhirWitness(WhirParameters parameters, WhirPlan plan, StackLayout layout, WhirCommitment commitment,
            long[] stacked, long[] maskPolynomial, MerkleTree tree, long[] leaves, byte[][] salts) {
        this.parameters = parameters;
        this.plan = plan;
        this.layout = layout;
        this.commitment = commitment;
        this.stacked = stacked;
        this.maskPolynomial = maskPolynomial;
        this.tree = tree;
        this.leaves = leaves;
        this.salts = salts;
    }

    public WhirCommitment commitment() {
        return commitment;
    }

    public WhirPlan plan() {
        return plan;
    }

    public WhirParameters parameters() {
        return parameters;
    }

    /** Marks a hiding witness as spent; throws if it already was. */
    synchronized void markOpened() {
        if (opened && commitment.hiding()) {
            throw new IllegalStateException("a hiding WHIR commitment opens once: its mask is spent; commit afresh");
        }
        opened = true;
    }
}
