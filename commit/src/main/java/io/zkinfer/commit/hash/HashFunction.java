package io.zkinfer.commit.hash;

/**
 * A collision-resistant hash with 32-byte digests, as used by Merkle trees and the transcript.
 *
 * <p>Guarantees: every method is a deterministic function of its inputs (the digest of the
 * byte string described in its Javadoc, under the profile's hash), identical on every platform
 * and to the Solidity verifier's {@code sha256}/{@code keccak256} of the same bytes. Instances
 * are immutable and thread-safe: each thread hashes with its own engine (held in a
 * {@link ThreadLocal}), so two threads may call any method at once, and the offset-taking
 * methods allocate nothing.
 *
 * <p>Programmer errors (wrong digest length, bad offsets, a non-canonical field element) throw
 * unchecked exceptions; none of these methods parses untrusted data.
 *
 * <p>Obtain one from {@link HashProfile#hashFunction()}. The interface is sealed: only the two
 * profiles' hashes exist, so a verifier can never be handed an unvetted hash.
 */
public sealed interface HashFunction permits Sha256Hash, Keccak256Hash {
    /** Length of every digest, in bytes. */
    int DIGEST_BYTES = 32;

    /** The profile this hash belongs to. */
    HashProfile profile();

    /** Writes H(data[off..off+len)) to {@code out[outOff..outOff+32)}. */
    void hash(byte[] data, int off, int len, byte[] out, int outOff);

    /** H(data), in a new 32-byte array. */
    default byte[] hash(byte[] data) {
        byte[] out = new byte[DIGEST_BYTES];
        hash(data, 0, data.length, out, 0);
        return out;
    }

    /**
     * Merkle node: writes H(in[inOff..inOff+64)), the hash of two adjacent 32-byte children,
     * to {@code out[outOff..outOff+32)}.
     */
    void compress(byte[] in, int inOff, byte[] out, int outOff);

    /**
     * Merkle node from children held in different arrays: writes
     * H(left[leftOff..leftOff+32) || right[rightOff..rightOff+32)) to {@code out[outOff..+32)}.
     */
    void compress(byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff);

    /** H(left || right) for two 32-byte digests, in a new array. */
    default byte[] compress(byte[] left, byte[] right) {
        requireDigest(left, "left");
        requireDigest(right, "right");
        byte[] out = new byte[DIGEST_BYTES];
        compress(left, 0, right, 0, out, 0);
        return out;
    }

    /**
     * Leaf digest: writes H(enc(elems[off]) || ... || enc(elems[off+len-1]) || salt) to
     * {@code out[outOff..outOff+32)}, where enc is the canonical 8-byte big-endian encoding of
     * a field element and the salt (any length, or null for none) is appended as raw bytes.
     *
     * @throws IllegalArgumentException if an element is not canonical (not below p): hashing
     *     a non-canonical representative would give one field element two digests
     */
    void hashElements(long[] elems, int off, int len, byte[] salt, byte[] out, int outOff);

    /** As {@link #hashElements(long[], int, int, byte[], byte[], int)}, into a new array. */
    default byte[] hashElements(long[] elems, int off, int len, byte[] salt) {
        byte[] out = new byte[DIGEST_BYTES];
        hashElements(elems, off, len, salt, out, 0);
        return out;
    }

    private static void requireDigest(byte[] d, String what) {
        if (d.length != DIGEST_BYTES) {
            throw new IllegalArgumentException(
                    what + " digest has " + d.length + " bytes, expected " + DIGEST_BYTES);
        }
    }
}
