package io.zkinfer.commit.whir;

import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.field.ExtensionField;

/**
 * The parameters of a WHIR commitment: target security, code rate, folding factor, grinding,
 * hash, and the assumption behind the soundness figure. Immutable. {@link #plan(int)} derives the
 * round schedule and query counts for a polynomial of a given number of variables and reports
 * the security it reaches.
 *
 * <p>Presets: {@link #provable100()} (the default) and {@link #provable128()}, both proven
 * (unique-decoding regime). No conjectured set is offered: those need out-of-domain samples in
 * the list-decoding regime, which this implementation does not run.
 */
public final class WhirParameters {
    private final int securityBits;
    private final int logInverseRate;
    private final int foldingFactor;
    private final int finalVariables;
    private final int powBits;
    private final int logDomainShrink;
    private final int extensionDegree;
    private final HashProfile hash;
    private final SoundnessAssumption assumption;

    private WhirParameters(int securityBits, int logInverseRate, int foldingFactor, int finalVariables,
            int powBits, int logDomainShrink, int extensionDegree, HashProfile hash, SoundnessAssumption assumption) {
        if (extensionDegree != 2 && extensionDegree != 3) {
            throw new IllegalArgumentException("extension degree must be 2 or 3, got " + extensionDegree);
        }
        if (securityBits < 1 || securityBits > 160) {
            throw new IllegalArgumentException("security bits must be in [1, 160], got " + securityBits);
        }
        if (logInverseRate < 1 || logInverseRate > 4) {
            throw new IllegalArgumentException("log2(1/rate) must be in [1, 4], got " + logInverseRate);
        }
        if (foldingFactor < 1 || foldingFactor > 6) {
            throw new IllegalArgumentException("folding factor must be in [1, 6], got " + foldingFactor);
        }
        if (finalVariables < 0 || finalVariables > 12) {
            throw new IllegalArgumentException("final variables must be in [0, 12], got " + finalVariables);
        }
        if (powBits < 0 || powBits > 30 || powBits >= securityBits) {
            throw new IllegalArgumentException("grinding bits must be in [0, 30] and below the security target");
        }
        if (logDomainShrink < 1 || logDomainShrink > foldingFactor) {
            throw new IllegalArgumentException("the domain must shrink by 2^1 to 2^(folding factor) per round, got 2^"
                    + logDomainShrink);
        }
        this.securityBits = securityBits;
        this.logInverseRate = logInverseRate;
        this.foldingFactor = foldingFactor;
        this.finalVariables = finalVariables;
        this.powBits = powBits;
        this.logDomainShrink = logDomainShrink;
        this.extensionDegree = extensionDegree;
        this.hash = java.util.Objects.requireNonNull(hash, "hash");
        this.assumption = java.util.Objects.requireNonNull(assumption, "assumption");
    }

    /**
     * The default: at least 100 bits, proven (unique decoding), rate 1/2, folding factor 4, the
     * domain shrinking 4-fold per round, 16 bits of grinding, challenges in the quadratic
     * extension, SHA-256. Reaches 100 bits up to {@link WhirPlan#MAX_VARIABLES} variables.
     */
    public static WhirParameters provable100() {
        return new WhirParameters(100, 1, 4, 9, 16, 2, 2, HashProfile.SHA256, SoundnessAssumption.UNIQUE_DECODING);
    }

    /** At least 128 bits, proven (unique decoding); needs the cubic extension for challenges. */
    public static WhirParameters provable128() {
        return new WhirParameters(128, 1, 4, 9, 16, 2, 3, HashProfile.SHA256, SoundnessAssumption.UNIQUE_DECODING);
    }

    /** A custom set whose domain halves each round (WHIR's original schedule); every value is validated. */
    public static WhirParameters of(int securityBits, int logInverseRate, int foldingFactor, int finalVariables,
            int powBits, int extensionDegree, HashProfile hash, SoundnessAssumption assumption) {
        return of(securityBits, logInverseRate, foldingFactor, finalVariables, powBits, 1, extensionDegree, hash,
                assumption);
    }

    /**
     * A custom set; the domain shrinks 2^{@code logDomainShrink}-fold per round (1 to the folding
     * factor: each round's rate is 2^(shrink - fold) times the last; a larger shrink encodes
     * smaller codewords and needs a few more queries). Every value is validated.
     */
    public static WhirParameters of(int securityBits, int logInverseRate, int foldingFactor, int finalVariables,
            int powBits, int logDomainShrink, int extensionDegree, HashProfile hash, SoundnessAssumption assumption) {
        return new WhirParameters(securityBits, logInverseRate, foldingFactor, finalVariables, powBits,
                logDomainShrink, extensionDegree, hash, assumption);
    }

    /** The same parameters with another hash (Keccak-256 for the EVM profile). */
    public WhirParameters withHash(HashProfile newHash) {
        return new WhirParameters(securityBits, logInverseRate, foldingFactor, finalVariables, powBits,
                logDomainShrink, extensionDegree, newHash, assumption);
    }

    /** log2 of the factor by which the evaluation domain shrinks from one round to the next. */
    public int logDomainShrink() {
        return logDomainShrink;
    }

    public int securityBits() {
        return securityBits;
    }

    public int logInverseRate() {
        return logInverseRate;
    }

    public int foldingFactor() {
        return foldingFactor;
    }

    public int finalVariables() {
        return finalVariables;
    }

    public int powBits() {
        return powBits;
    }

    /** The degree (2 or 3) of the extension that challenges and claimed values live in. */
    public int extensionDegree() {
        return extensionDegree;
    }

    /** The extension field of {@link #extensionDegree()}. */
    public ExtensionField extension() {
        return ExtensionField.ofDegree(extensionDegree);
    }

    public HashProfile hash() {
        return hash;
    }

    public SoundnessAssumption assumption() {
        return assumption;
    }

    /**
     * The round schedule, query counts, extension field and achieved security for a committed
     * (stacked) polynomial of {@code numVariables} variables.
     *
     * @throws IllegalArgumentException if the size is outside [1, {@link WhirPlan#MAX_VARIABLES}],
     *     the first Merkle tree would exceed its maximum depth, or the set falls short of its
     *     security target at this size (e.g. 128 bits in the quadratic extension)
     */
    public WhirPlan plan(int numVariables) {
        return WhirPlan.derive(this, numVariables);
    }

    /** A stable byte string naming these parameters, absorbed into every transcript. */
    public byte[] encode() {
        return new byte[] {
            (byte) 2, // parameters encoding version (2 added the domain shrink)
            (byte) securityBits, (byte) logInverseRate, (byte) foldingFactor, (byte) finalVariables,
            (byte) powBits, (byte) extensionDegree, hashCode(hash), assumptionCode(assumption), (byte) logDomainShrink
        };
    }

    /**
     * Reads {@link #encode()}'s bytes back.
     *
     * @throws IllegalArgumentException naming the problem if the bytes are not a valid encoding
     */
    public static WhirParameters decode(byte[] b) {
        if (b.length != 10 || b[0] != 2) {
            throw new IllegalArgumentException("WHIR parameters: expected 10 bytes of encoding version 2, got "
                    + b.length + " bytes" + (b.length > 0 ? " of version " + b[0] : ""));
        }
        HashProfile hash = switch (b[7]) {
            case 1 -> HashProfile.SHA256;
            case 2 -> HashProfile.KECCAK256;
            default -> throw new IllegalArgumentException("WHIR parameters: unknown hash code " + b[7]);
        };
        if (b[8] != 1) {
            throw new IllegalArgumentException("WHIR parameters: unknown soundness assumption code " + b[8]);
        }
        return new WhirParameters(b[1], b[2], b[3], b[4], b[5], b[9], b[6], hash, SoundnessAssumption.UNIQUE_DECODING);
    }

    /** Fixed codes, not ordinals: reordering an enum must not change transcripts. */
    private static byte hashCode(HashProfile h) {
        return switch (h) {
            case SHA256 -> 1;
            case KECCAK256 -> 2;
        };
    }

    private static byte assumptionCode(SoundnessAssumption a) {
        return switch (a) {
            case UNIQUE_DECODING -> 1;
        };
    }

    @Override
    public String toString() {
        return "WHIR(" + securityBits + " bits, " + "provable, unique decoding" + ", rate 1/" + (1 << logInverseRate)
                + ", fold " + foldingFactor + ", domain /" + (1 << logDomainShrink) + " per round, F_p^" + extensionDegree + ", grinding " + powBits + " bits, " + hash + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WhirParameters p && java.util.Arrays.equals(encode(), p.encode());
    }

    @Override
    public int hashCode() {
        return java.util.Arrays.hashCode(encode());
    }
}
