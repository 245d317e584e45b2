package io.zkinfer.commit.merkle;

import io.zkinfer.commit.hash.HashFunction;
import io.zkinfer.field.Parallel;
import java.util.Arrays;
import java.util.Objects;

/**
 * A binary Merkle tree over a power-of-two number of leaves, with batched multi-path openings.
 *
 * <p><b>Hashing.</b> Leaf j of {@link #build} holds the field elements
 * {@code leafData[j*w .. (j+1)*w)}; its digest is
 * {@code h.hashElements(leafData, j*w, w, salt_j)}: the hash of their 8-byte big-endian canonical
 * encodings followed by the salt bytes. An internal node is {@code h.compress(left, right)}, the
 * hash of the two 32-byte child digests. Leaves and nodes are not domain-separated: the depth is
 * fixed by the verifier, so a node is never read as a leaf or the other way round.
 *
 * <p><b>Hiding.</b> With a fresh uniformly random salt of {@link #SALT_BYTES} bytes per leaf, the
 * digest of an unopened leaf reveals nothing about its values (modelling the hash as a random
 * oracle). Opening a leaf reveals its salt, because the verifier recomputes the digest from the
 * leaf's values and salt. Without salts the tree is binding only.
 *
 * <p><b>Guarantees.</b> Binding under collision resistance of the hash: a root fixes every leaf.
 * A tree is immutable and safe to open from several threads. Digests are stored compactly, one
 * flat {@code byte[]} per level. Building large trees uses all available cores, each hashing one
 * subtree.
 */
public final class MerkleTree {
    /** Recommended salt length for hiding leaves: 32 bytes (256 bits of randomness). */
    public static final int SALT_BYTES = 32;
    /** Largest depth {@link #verify} and {@link #siblingCount} accept (indices are ints). */
    public static final int MAX_DEPTH = 30;
    /** Largest depth {@link #build} accepts: a level of 2^25 digests fills a 1 GiB array. */
    public static final int MAX_BUILD_DEPTH = 25;

    private static final int D = HashFunction.DIGEST_BYTES;
    /** Below this many leaves per core a thread costs more than it saves. */
    private static final int MIN_LEAVES_PER_TASK = 1 << 10;

    private final int depth;
    /** levels[l] holds the 2^(depth-l) digests of level l back to back; levels[depth] is the root. */
    private final byte[][] levels;

    private MerkleTree(int depth, byte[][] levels) {
        this.depth = depth;
        this.levels = levels;
    }

    /**
     * Commits to {@code leafData.length / leafWidth} leaves of {@code leafWidth} canonical field
     * elements each; the leaf count must be a power of two (1 included).
     *
     * @param salts null for an unsalted (binding only) tree, or one salt per leaf, all of the same
     *     length (use {@link #SALT_BYTES} random bytes for hiding); the tree does not keep them
     * @throws IllegalArgumentException on a bad shape or a non-canonical element
     */
    public static MerkleTree build(HashFunction h, long[] leafData, int leafWidth, byte[][] salts) {
        Objects.requireNonNull(h, "h");
        Objects.requireNonNull(leafData, "leafData");
        if (leafWidth < 1 || leafData.length % leafWidth != 0) {
            throw new IllegalArgumentException("leaf data of " + leafData.length
                    + " elements does not split into leaves of width " + leafWidth);
        }
        int n = leafData.length / leafWidth;
        int depth = depthOf(n);
        if (salts != null) {
            checkSalts(salts, n);
        }
        byte[][] levels = allocate(depth);
        byte[] leaves = levels[0];
        build(levels, depth, h, (from, to) -> {
            for (int j = from; j < to; j++) {
                h.hashElements(leafData, j * leafWidth, leafWidth,
                        salts == null ? null : salts[j], leaves, j * D);
            }
        });
        return new MerkleTree(depth, levels);
    }

    /**
     * A tree whose leaves are the given 32-byte digests (a power-of-two count, 1 included).
     *
     * @throws IllegalArgumentException on a bad count or digest length
     */
    public static MerkleTree buildFromDigests(HashFunction h, byte[][] leafDigests) {
        Objects.requireNonNull(h, "h");
        int n = leafDigests.length;
        int depth = depthOf(n);
        byte[][] levels = allocate(depth);
        for (int j = 0; j < n; j++) {
            if (leafDigests[j].length != D) {
                throw new IllegalArgumentException(
                        "leaf digest " + j + " has " + leafDigests[j].length + " bytes, expected " + D);
            }
            System.arraycopy(leafDigests[j], 0, levels[0], j * D, D);
        }
        build(levels, depth, h, (from, to) -> { });
        return new MerkleTree(depth, levels);
    }

    /** The root digest (a copy). */
    public byte[] root() {
        return levels[depth].clone();
    }

    /** log2 of the leaf count; 0 for a single leaf, whose digest is the root. */
    public int depth() {
        return depth;
    }

    /** Number of leaves, 2^depth. */
    public int leafCount() {
        return 1 << depth;
    }

    /** Digest of leaf j (a copy). */
    public byte[] leafDigest(int j) {
        Objects.checkIndex(j, leafCount());
        return Arrays.copyOfRange(levels[0], j * D, (j + 1) * D);
    }

    /**
     * Opens the given leaves. The indices may be unsorted and repeated: the proof is for their
     * sorted, distinct set ({@link #sortedDistinct}), and its siblings come in the order that
     * {@link MultiProof} documents.
     *
     * @throws IllegalArgumentException if no index is given or one is out of range
     */
    public MultiProof open(int[] leafIndices) {
        int[] known = checkedIndices(depth, leafIndices);
        return MultiProof.wrap(MultiPaths.open(levels, depth, known));
    }

    /**
     * Checks that the leaves with the given digests sit at the given indices under {@code root}.
     * Indices may be unsorted and repeated (a repeated index must come with the same digest);
     * {@code leafDigests[k]} is the digest of leaf {@code leafIndices[k]}, recomputed by the
     * caller from the opened values and salt with {@link HashFunction#hashElements}.
     *
     * <p>Never throws on malformed input: a null argument, a depth outside [0, {@link #MAX_DEPTH}],
     * no index, an out-of-range index, a digest that is not 32 bytes, a repeated index with two
     * different digests, or a proof with the wrong number of siblings all give false.
     *
     * @return true iff the recomputed root equals {@code root}
     */
    public static boolean verify(HashFunction h, byte[] root, int depth, int[] leafIndices,
            byte[][] leafDigests, MultiProof proof) {
        return MultiPaths.verify(h, root, depth, leafIndices, leafDigests, proof);
    }

    /**
     * The exact number of sibling digests in a proof for these leaves of a tree of this depth;
     * indices may be unsorted and repeated. A proof decoder calls this before reading siblings.
     *
     * @throws IllegalArgumentException if depth is outside [0, {@link #MAX_DEPTH}], no index is
     *     given or one is out of range (the indices come from the verifier, not from the proof)
     */
    public static int siblingCount(int depth, int[] leafIndices) {
        return MultiPaths.siblingCount(depth, checkedIndices(depth, leafIndices));
    }

    /** The sorted, duplicate-free copy of {@code leafIndices}: the leaves a proof covers, in order. */
    public static int[] sortedDistinct(int[] leafIndices) {
        return MultiPaths.sortedDistinct(leafIndices);
    }

    /** Hashes leaf digests into level 0 for leaves [from, to). */
    @FunctionalInterface
    private interface LeafHasher {
        void hashLeaves(int from, int to);
    }

    /**
     * Fills every level: each task hashes its own aligned subtree (leaves and all the levels it
     * spans) in one go, so the threads meet once rather than once per level; the few levels
     * above the subtrees are hashed by the caller.
     */
    private static void build(byte[][] levels, int depth, HashFunction h, LeafHasher leafHasher) {
        int n = 1 << depth;
        int tasks = Math.min(Integer.highestOneBit(Parallel.threads()),
                Math.max(1, n / MIN_LEAVES_PER_TASK));
        tasks = Integer.highestOneBit(tasks);
        int split = Integer.numberOfTrailingZeros(tasks);
        int per = n / tasks;
        Parallel.forTasks(tasks, t -> {
            int from = t * per;
            leafHasher.hashLeaves(from, from + per);
            hashLevels(h, levels, 1, depth - split, from, from + per);
        });
        hashLevels(h, levels, depth - split + 1, depth, 0, n);
    }

    /** Hashes levels [lo, hi] for the subtree over leaves [from, to). */
    private static void hashLevels(HashFunction h, byte[][] levels, int lo, int hi, int from, int to) {
        for (int level = lo; level <= hi; level++) {
            byte[] below = levels[level - 1];
            byte[] here = levels[level];
            for (int i = from >>> level, end = to >>> level; i < end; i++) {
                h.compress(below, 2 * i * D, here, i * D);
            }
        }
    }

    private static int depthOf(int n) {
        if (n < 1 || Integer.bitCount(n) != 1) {
            throw new IllegalArgumentException("leaf count " + n + " is not a power of two");
        }
        int depth = Integer.numberOfTrailingZeros(n);
        if (depth > MAX_BUILD_DEPTH) {
            throw new IllegalArgumentException(
                    "2^" + depth + " leaves exceed the maximum of 2^" + MAX_BUILD_DEPTH);
        }
        return depth;
    }

    private static byte[][] allocate(int depth) {
        byte[][] levels = new byte[depth + 1][];
        for (int l = 0; l <= depth; l++) {
            levels[l] = new byte[(1 << (depth - l)) * D];
        }
        return levels;
    }

    private static void checkSalts(byte[][] salts, int n) {
        if (salts.length != n) {
            throw new IllegalArgumentException(salts.length + " salts for " + n + " leaves");
        }
        int len = salts[0].length;
        for (int j = 0; j < n; j++) {
            if (salts[j].length != len) {
                throw new IllegalArgumentException(
                        "salt " + j + " has " + salts[j].length + " bytes, salt 0 has " + len);
            }
        }
    }

    private static int[] checkedIndices(int depth, int[] leafIndices) {
        if (depth < 0 || depth > MAX_DEPTH) {
            throw new IllegalArgumentException("depth " + depth + " outside [0, " + MAX_DEPTH + "]");
        }
        int[] known = MultiPaths.sortedDistinct(leafIndices);
        if (known.length == 0) {
            throw new IllegalArgumentException("no leaf index");
        }
        if (known[0] < 0 || known[known.length - 1] >= (1 << depth)) {
            throw new IllegalArgumentException("leaf index out of range [0, 2^" + depth + "): "
                    + (known[0] < 0 ? known[0] : known[known.length - 1]));
        }
        return known;
    }
}
