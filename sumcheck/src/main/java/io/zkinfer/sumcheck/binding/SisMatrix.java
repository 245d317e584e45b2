package io.zkinfer.sumcheck.binding;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.field.Goldilocks;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The public matrices of the SIS digest, the same for every model and every data owner:
 * uniformly random field elements from the ChaCha20 stream keyed by SHA-256 of a fixed label
 * ("zkinfer/sis/v1/values/ROWS" or ".../salt/ROWS"), so that no one chose them and anyone can
 * regenerate them. Column-major (column j is entries [j rows, (j + 1) rows)), the layout the
 * digest's sumcheck reads; a tensor chunk narrower than the matrix uses its first columns.
 * Generated once per JVM and kept, as wide as a caller needs.
 */
public final class SisMatrix {
    /** The generation rule's version, bound into every digest's description. */
    public static final int VERSION = 1;

    /** Which matrix: A for the values, A_s for the salt. */
    public enum Part {
        VALUES,
        SALT
    }

    private static final Map<String, long[]> CACHE = new ConcurrentHashMap<>();

    private SisMatrix() {}

    /** The matrix for {@code part} with {@code rows} rows and {@code 2^variables} columns, column-major. */
    public static long[] columns(Part part, int rows, int variables) {
        return columns(part, rows, variables, 1 << variables);
    }

    /**
     * The first {@code width} columns of the same matrix, column-major. The entries come from
     * the stream in column-major order, so these are the stream's first {@code rows * width}
     * elements and are generated alone: a digest of chunks narrower than 2^variables (a small
     * tensor) never pays for the whole matrix (2^21 elements at 128 rows), which dominated a
     * verifier's run.
     */
    public static long[] columns(Part part, int rows, int variables, int width) {
        if (width < 1 || width > 1 << variables) {
            throw new IllegalArgumentException("a matrix of 2^" + variables + " columns has no first " + width);
        }
        return CACHE.computeIfAbsent(part + "/" + rows + "/" + width, k -> generate(part, rows, width));
    }

    /**
     * The first {@code width} columns of the same matrix, row-major (row i is entries
     * [i width, (i + 1) width)): the committer's layout for contiguous dot products.
     */
    public static long[] rows(Part part, int rows, int variables, int width) {
        // Outside the mapping function: a ConcurrentHashMap may not be updated from inside one.
        long[] columns = columns(part, rows, variables, width);
        return CACHE.computeIfAbsent(part + "/" + rows + "/" + width + "/rows", k -> {
            long[] out = new long[rows * width];
            for (int j = 0; j < width; j++) {
                for (int i = 0; i < rows; i++) {
                    out[i * width + j] = columns[j * rows + i];
                }
            }
            return out;
        });
    }

    private static long[] generate(Part part, int rows, int columns) {
        String label = "zkinfer/sis/v" + VERSION + "/" + part.name().toLowerCase(java.util.Locale.ROOT) + "/" + rows;
        byte[] key;
        try {
            key = MessageDigest.getInstance("SHA-256").digest(label.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
        ChaChaRandom rng = ChaChaRandom.withKey(key);
        long[] out = new long[rows * columns];
        for (int i = 0; i < out.length; i++) {
            out[i] = Goldilocks.random(rng);
        }
        return out;
    }
}
