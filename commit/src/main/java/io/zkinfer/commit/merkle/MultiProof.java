package io.zkinfer.commit.merkle;

import java.util.Arrays;
import java.util.Objects;

/**
 * A batched Merkle opening: the sibling digests needed, besides the opened leaves' own digests,
 * to recompute the root.
 *
 * <p>Order (canonical, part of the proof format): level by level from the leaves up, and within
 * a level by increasing node index; a sibling is listed only when it cannot be computed from the
 * opened leaves. {@link MerkleTree#siblingCount(int, int[])} gives the exact count for an index
 * set, so a decoder can check a proof's shape before reading it.
 *
 * <p>Immutable. It may hold malformed data (a null or wrong-length digest) when decoded from an
 * untrusted proof: {@link MerkleTree#verify} rejects it rather than throwing.
 */
public final class MultiProof {
    private final byte[][] siblings;

    /**
     * A proof holding copies of {@code siblings} (entries may be null or of any length; they are
     * checked by verification, not here).
     */
    public MultiProof(byte[][] siblings) {
        Objects.requireNonNull(siblings, "siblings");
        this.siblings = new byte[siblings.length][];
        for (int i = 0; i < siblings.length; i++) {
            this.siblings[i] = siblings[i] == null ? null : siblings[i].clone();
        }
    }

    /** Wraps an array this package built and never shares. */
    static MultiProof wrap(byte[][] siblings) {
        return new MultiProof(siblings, true);
    }

    private MultiProof(byte[][] siblings, boolean owned) {
        this.siblings = siblings;
    }

    /** Number of sibling digests. */
    public int siblingCount() {
        return siblings.length;
    }

    /** A copy of sibling i (null if the proof was built with a null entry). */
    public byte[] sibling(int i) {
        byte[] s = siblings[i];
        return s == null ? null : s.clone();
    }

    /** A deep copy of all siblings, in proof order. */
    public byte[][] siblings() {
        byte[][] out = new byte[siblings.length][];
        for (int i = 0; i < out.length; i++) {
            out[i] = sibling(i);
        }
        return out;
    }

    /** Sibling i without copying, for verification inside this package. */
    byte[] siblingRef(int i) {
        return siblings[i];
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof MultiProof p && Arrays.deepEquals(siblings, p.siblings);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(siblings);
    }

    @Override
    public String toString() {
        return "MultiProof[" + siblings.length + " siblings]";
    }
}
