/**
 * Lookups by LogUp with GKR (Papini and Haböck, "Improving logarithmic derivative lookups using
 * GKR", 2023): {@link io.zkinfer.sumcheck.lookup.LogUp} proves that every row of some
 * looked-up column sets is a row of a {@link io.zkinfer.sumcheck.lookup.Table}, on top of
 * {@link io.zkinfer.sumcheck.lookup.FractionalSum}, a GKR for the sum of the fractions p(x)/q(x)
 * over a hypercube. Both verifiers end with claims on multilinear extensions at random points
 * ({@link io.zkinfer.sumcheck.lookup.LookupClaim}), for the caller to discharge with commitment
 * openings or earlier circuit layers; malformed or rejected proofs raise the checked
 * {@link io.zkinfer.sumcheck.lookup.LookupException}.
 *
 * <p><b>Soundness.</b> For N looked-up rows in all (over every set), a table of T rows and w
 * columns, the LogUp identity, cleared of denominators, is a polynomial of degree at most
 * (N + T) max(1, w - 1) in the challenges (alpha, beta), so a false lookup passes it with
 * probability at most (N + T) max(1, w - 1) / |F_ext| (for one column: (N + T) / |F_ext|). Each
 * fractional sum over n variables adds sum_{k<n} (3k + 2) / |F_ext|: for layer k, 3k / |F_ext|
 * from its degree-3 sumcheck over k variables and 2 / |F_ext| from combining and splitting the
 * claims, below 3n / |F_ext| per layer. With Goldilocks2 (|F_ext| = p^2, about 2^128), 2^20
 * lookups into a 2^16-row table leave more than 100 bits;
 * {@link io.zkinfer.sumcheck.lookup.LogUp#securityBits} gives the figure for a statement.
 * These bounds hold in the interactive protocol; with Fiat-Shamir they need the columns and the
 * multiplicities absorbed into the transcript before alpha and beta are drawn.
 */
package io.zkinfer.sumcheck.lookup;
