package io.zkinfer.benchmarks;

/**
 * The parameters of {@code ./bench pcs}, already validated.
 *
 * @param logSize  each committed polynomial has 2^logSize evaluations (multilinear in logSize variables)
 * @param batch    how many polynomials are committed and opened together
 * @param hiding   whether the commitment is hiding (salted leaves, masking)
 * @param security the target security level in bits: 100 or 128
 */
record PcsArgs(int logSize, int batch, boolean hiding, int security) {}
