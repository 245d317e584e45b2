package io.zkinfer.commit.merkle;

import io.zkinfer.commit.hash.HashFunction;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The multi-path walk shared by opening, verification and proof-shape computation.
 *
 * <p>At each level the known nodes are kept sorted and distinct. Walking them left to right, a
 * node whose sibling is the next known node pairs with it; any other node needs its sibling from
 * the proof. Parents form the next level's known set, again sorted and distinct (two known nodes
 * with one parent are siblings, hence adjacent, hence paired).
 */
final class MultiPaths {
    private static final int D = HashFunction.DIGEST_BYTES;

    private MultiPaths() {}

    /** Sorted, duplicate-free copy of {@code indices}. */
    static int[] sortedDistinct(int[] indices) {
        int[] s = indices.clone();
        Arrays.sort(s);
        int m = 0;
        for (int i = 0; i < s.length; i++) {
            if (m == 0 || s[i] != s[m - 1]) {
                s[m++] = s[i];
            }
        }
        return m == s.length ? s : Arrays.copyOf(s, m);
    }

    /** Siblings needed for sorted distinct in-range {@code known} leaves at {@code depth}. */
    static int siblingCount(int depth, int[] known) {
        int[] cur = known.clone();
        int m = cur.length;
        int count = 0;
        for (int level = 0; level < depth; level++) {
            int k = 0;
            int i = 0;
            while (i < m) {
                int node = cur[i];
                if ((node & 1) == 0 && i + 1 < m && cur[i + 1] == node + 1) {
                    i += 2;
                } else {
                    count++;
                    i++;
                }
                cur[k++] = node >>> 1;
            }
            m = k;
        }
        return count;
    }

    /** The proof for sorted distinct in-range {@code known} leaves of a built tree. */
    static byte[][] open(byte[][] levels, int depth, int[] known) {
        byte[][] out = new byte[siblingCount(depth, known)][];
        int[] cur = known.clone();
        int m = cur.length;
        int s = 0;
        for (int level = 0; level < depth; level++) {
            byte[] digests = levels[level];
            int k = 0;
            int i = 0;
            while (i < m) {
                int node = cur[i];
                if ((node & 1) == 0 && i + 1 < m && cur[i + 1] == node + 1) {
                    i += 2;
                } else {
                    int sib = (node ^ 1) * D;
                    out[s++] = Arrays.copyOfRange(digests, sib, sib + D);
                    i++;
                }
                cur[k++] = node >>> 1;
            }
            m = k;
        }
        return out;
    }

    /** See {@link MerkleTree#verify}; never throws on malformed input. */
    static boolean verify(HashFunction h, byte[] root, int depth, int[] leafIndices,
            byte[][] leafDigests, MultiProof proof) {
        if (h == null || root == null || leafIndices == null || leafDigests == null || proof == null
                || root.length != D || depth < 0 || depth > MerkleTree.MAX_DEPTH
                || leafIndices.length == 0 || leafDigests.length != leafIndices.length) {
            return false;
        }
        int n = leafIndices.length;
        long size = 1L << depth;
        // Sort (index, position) pairs as one primitive key each: index in the high half.
        long[] keys = new long[n];
        for (int k = 0; k < n; k++) {
            int idx = leafIndices[k];
            byte[] d = leafDigests[k];
            if (idx < 0 || idx >= size || d == null || d.length != D) {
                return false;
            }
            keys[k] = ((long) idx << 32) | k;
        }
        Arrays.sort(keys);
        int[] cur = new int[n];
        byte[] digests = new byte[n * D];
        int m = 0;
        for (int k = 0; k < n; k++) {
            int idx = (int) (keys[k] >>> 32);
            byte[] d = leafDigests[(int) keys[k]];
            if (m > 0 && cur[m - 1] == idx) {
                // A repeated index is fine only if it claims the same leaf.
                if (!Arrays.equals(digests, (m - 1) * D, m * D, d, 0, D)) {
                    return false;
                }
                continue;
            }
            cur[m] = idx;
            System.arraycopy(d, 0, digests, m * D, D);
            m++;
        }
        // Check the proof's shape before hashing anything.
        if (proof.siblingCount() != siblingCount(depth, Arrays.copyOf(cur, m))) {
            return false;
        }
        byte[] next = new byte[m * D];
        int s = 0;
        for (int level = 0; level < depth; level++) {
            int k = 0;
            int i = 0;
            while (i < m) {
                int node = cur[i];
                if ((node & 1) == 0 && i + 1 < m && cur[i + 1] == node + 1) {
                    h.compress(digests, i * D, next, k * D);
                    i += 2;
                } else {
                    byte[] sib = proof.siblingRef(s++);
                    if (sib == null || sib.length != D) {
                        return false;
                    }
                    if ((node & 1) == 0) {
                        h.compress(digests, i * D, sib, 0, next, k * D);
                    } else {
                        h.compress(sib, 0, digests, i * D, next, k * D);
                    }
                    i++;
                }
                cur[k++] = node >>> 1;
            }
            m = k;
            byte[] t = digests;
            digests = next;
            next = t;
        }
        // m == 1 here: every level halves the span of the known set down to the root.
        return MessageDigest.isEqual(Arrays.copyOf(digests, D), root);
    }
}
