package io.zkinfer.commit.whir;

import java.util.Arrays;

/**
 * A public WHIR commitment to a batch of polynomials: the Merkle root of the stacked codeword,
 * the number of variables of each polynomial (public shape), whether it is hiding, and the
 * parameters it was made under (a verifier rejects a commitment made under other parameters
 * than the ones it accepts). Binding
 * under the collision resistance of the hash; hiding ones reveal nothing about the polynomials
 * (salted leaves, masked codeword; see docs/PCS.md).
 */
public final class WhirCommitment {
    private final byte[] root;
    private final int[] logSizes;
    private final Masking masking;
    private final WhirParameters parameters;

    /** A commitment that is plain ({@code hiding} false) or hiding with a mask block. */
    public WhirCommitment(byte[] root, int[] logSizes, boolean hiding, WhirParameters parameters) {
        this(root, logSizes, hiding ? Masking.BLOCK : Masking.NONE, parameters);
    }

    public WhirCommitment(byte[] root, int[] logSizes, Masking masking, WhirParameters parameters) {
        this.parameters = java.util.Objects.requireNonNull(parameters, "parameters");
        if (root == null || root.length != 32) {
            throw new IllegalArgumentException("a commitment root is 32 bytes");
        }
        if (logSizes == null || logSizes.length == 0 || logSizes.length > 0xFFFF) {
            throw new IllegalArgumentException("a commitment holds 1 to 65535 polynomials");
        }
        for (int s : logSizes) {
            if (s < 0 || s > WhirPlan.MAX_VARIABLES) {
                throw new IllegalArgumentException("polynomial of " + s + " variables is out of range");
            }
        }
        this.root = root.clone();
        this.logSizes = logSizes.clone();
        this.masking = java.util.Objects.requireNonNull(masking, "masking");
    }

    public byte[] root() {
        return root.clone();
    }

    byte[] rootUnsafe() {
        return root;
    }

    /** Number of polynomials in the batch. */
    public int polynomials() {
        return logSizes.length;
    }

    /** Variables of polynomial i. */
    public int numVariables(int i) {
        return logSizes[i];
    }

    int[] logSizes() {
        return logSizes.clone();
    }

    public boolean hiding() {
        return masking.hiding();
    }

    /** How the commitment hides (a verifier must know it: it decides the stack's layout). */
    public Masking masking() {
        return masking;
    }

    /** The parameters the commitment was made under: a verifier must accept them explicitly. */
    public WhirParameters parameters() {
        return parameters;
    }

    /**
     * Canonical bytes: the parameters' encoding (its length as 1 byte, then the bytes), masking
     * (1: 0 none, 1 hiding with a mask block, 3 hiding masked by the committer), count (u16 BE),
     * each size (1), root (32).
     */
    public byte[] encode() {
        byte[] p = parameters.encode();
        byte[] out = new byte[1 + p.length + 1 + 2 + logSizes.length + 32];
        out[0] = (byte) p.length;
        System.arraycopy(p, 0, out, 1, p.length);
        int o = 1 + p.length;
        out[o] = (byte) masking.code();
        out[o + 1] = (byte) (logSizes.length >>> 8);
        out[o + 2] = (byte) logSizes.length;
        for (int i = 0; i < logSizes.length; i++) {
            out[o + 3 + i] = (byte) logSizes[i];
        }
        System.arraycopy(root, 0, out, o + 3 + logSizes.length, 32);
        return out;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WhirCommitment c && Arrays.equals(encode(), c.encode());
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(encode());
    }
}
