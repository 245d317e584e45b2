package io.zkinfer.sumcheck.binding;

import io.zkinfer.sumcheck.circuit.Shape;

/**
 * The parameters of a linear (SIS) digest of a tensor: D = A T + A_s S per chunk, with A a public
 * uniformly random {@code rows x 2^chunkVariables} matrix, T's entries in
 * [-2^(valueBits-1), 2^(valueBits-1)), and S a salt of {@code 2^saltVariables} entries in
 * [-128, 128) per chunk (docs/SECURITY.md "Model and input commitments").
 *
 * <p>Binding rests on the short integer solution problem: two different in-range tensors with one
 * digest give a nonzero vector with entries below 2^max(valueBits, 8) in the kernel of [A | A_s],
 * which {@link SisSecurity} estimates costs at least 2^128 operations for the rows chosen here.
 * Hiding is statistical: by the leftover hash lemma the digest of each chunk is within
 * 2^-{@link #hidingBits()} of uniform whatever the tensor, because the salt carries more
 * entropy (8 bits an entry) than the chunk's digest (64 bits a row).
 *
 * @param valueBits the signed width of the committed values, 1 to 16
 * @param rows the digest's rows per chunk (the SIS dimension n)
 * @param chunkVariables log of the values per chunk at most (a smaller tensor is one chunk)
 * @param saltVariables log of the salt entries per chunk
 */
public record SisParameters(int valueBits, int rows, int chunkVariables, int saltVariables) {
    /** The salt's signed width: entries in [-128, 128). */
    public static final int SALT_BITS = 8;
    /** Values per chunk at most: 2^14. Larger chunks mean less salt but a larger public matrix. */
    public static final int CHUNK_VARIABLES = 14;
    /** The widest values a digest takes (the widest range check). */
    public static final int MAX_VALUE_BITS = 16;

    /**
     * The fewest rows, a multiple of 32, for which {@link SisSecurity#coreSvpBits} reaches 128
     * bits, by the width of the values (at least the salt's 8 bits, since salt differences are
     * in the kernel vector too). {@code SisParametersTest} recomputes every entry.
     */
    private static final int[] ROWS_BY_BITS = {128, 128, 128, 128, 128, 128, 128, 128, 128, 160, 192, 224, 224, 256,
        288, 320, 352};

    public SisParameters {
        if (valueBits < 1 || valueBits > MAX_VALUE_BITS) {
            throw new IllegalArgumentException("a digest takes values of 1 to " + MAX_VALUE_BITS
                    + " bits, got " + valueBits + "; split wider values into limbs");
        }
        if (rows < 1 || chunkVariables < 0 || chunkVariables > 20 || saltVariables < 0 || saltVariables > 16) {
            throw new IllegalArgumentException("bad digest parameters: rows " + rows + ", chunk variables "
                    + chunkVariables + ", salt variables " + saltVariables);
        }
    }

    /** The default parameters for values of {@code valueBits} signed bits. */
    public static SisParameters forBits(int valueBits) {
        if (valueBits < 1 || valueBits > MAX_VALUE_BITS) {
            throw new IllegalArgumentException("a digest takes values of 1 to " + MAX_VALUE_BITS
                    + " bits, got " + valueBits + "; split wider values into limbs");
        }
        int rows = ROWS_BY_BITS[valueBits];
        return new SisParameters(valueBits, rows, CHUNK_VARIABLES, saltVariablesFor(rows));
    }

    /** The fewest salt variables whose 8-bit entries carry 64 rows + 256 bits: 128-bit hiding. */
    static int saltVariablesFor(int rows) {
        long needed = (64L * rows + 256 + SALT_BITS - 1) / SALT_BITS;
        return 64 - Long.numberOfLeadingZeros(needed - 1);
    }

    /** The largest absolute value a committed entry may have: 2^(valueBits-1). */
    public long valueLimit() {
        return 1L << (valueBits - 1);
    }

    /** Log of the columns of {@code part}'s public matrix: the salt's width, or the widest chunk. */
    public int matrixVariables(SisMatrix.Part part) {
        return part == SisMatrix.Part.SALT ? saltVariables : chunkVariables;
    }

    /** Variables of one chunk of a tensor of {@code shape}. */
    public int chunkVariables(Shape shape) {
        return Math.min(chunkVariables, shape.numVariables());
    }

    /** The number of chunks of a tensor of {@code shape}. */
    public int chunks(Shape shape) {
        return 1 << (shape.numVariables() - chunkVariables(shape));
    }

    /** The salt tensor's shape for a tensor of {@code shape}: [chunks, 2^saltVariables]. */
    public Shape saltShape(Shape shape) {
        return Shape.of(chunks(shape), 1 << saltVariables);
    }

    /** The digest's shape for a tensor of {@code shape}: [chunks, rows]. */
    public Shape digestShape(Shape shape) {
        return Shape.of(chunks(shape), rows);
    }

    /**
     * Statistical hiding per chunk, in bits: the leftover hash lemma bounds the digest's distance
     * from uniform by 2^-((salt entropy - digest size) / 2).
     */
    public int hidingBits() {
        long saltEntropy = (long) SALT_BITS << saltVariables;
        return (int) ((saltEntropy - 64L * rows) / 2);
    }

    /** The binding level in bits (classical core-SVP estimate, {@link SisSecurity}). */
    public double bindingBits() {
        return SisSecurity.coreSvpBits(rows, Math.max(valueBits, SALT_BITS), (1 << chunkVariables) + (1 << saltVariables));
    }

    /** A canonical description, bound into the circuit's digest. */
    public String describe() {
        return "sis(bits=" + valueBits + ",rows=" + rows + ",chunk=" + chunkVariables + ",salt=" + saltVariables
                + ",matrix=" + SisMatrix.VERSION + ")";
    }
}
