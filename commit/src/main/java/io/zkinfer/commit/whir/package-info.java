/**
 * WHIR, a multilinear polynomial commitment scheme over Goldilocks (Arnon, Chiesa, Fenzi, Yogev,
 * "WHIR: Reed-Solomon Proximity Testing with Super-Fast Verification", 2024).
 *
 * <p>Lifecycle: {@link io.zkinfer.commit.whir.WhirProver#commit} a batch of polynomials (of any
 * power-of-two sizes) into one {@link io.zkinfer.commit.whir.WhirCommitment};
 * {@link io.zkinfer.commit.whir.WhirProver#open} them at any number of points in one
 * {@link io.zkinfer.commit.whir.WhirProof}; {@link io.zkinfer.commit.whir.WhirVerifier#verify}
 * that proof. See docs/PCS.md for the construction, the soundness calculation and the exact
 * leakage of hiding openings.
 */
package io.zkinfer.commit.whir;
