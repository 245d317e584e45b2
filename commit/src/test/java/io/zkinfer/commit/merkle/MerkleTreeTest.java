package io.zkinfer.commit.merkle;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.hash.HashFunction;
import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.field.Goldilocks;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

class MerkleTreeTest {
    private static final long SEED = 0x5EED_3E4C1EL;
    private static final HashFunction SHA = HashProfile.SHA256.hashFunction();

    /** Every size 2^0..2^12 under both profiles, salted and not. */
    static Stream<Arguments> trees() {
        List<Arguments> out = new ArrayList<>();
        for (HashProfile p : HashProfile.values()) {
            for (int logN = 0; logN <= 12; logN++) {
                out.add(Arguments.of(SEED + logN, p, logN, logN % 2 == 0));
            }
        }
        return out.stream();
    }

    /** A tree with its leaf values and salts, so tests can recompute leaf digests. */
    record Fixture(HashFunction h, long[] data, int width, byte[][] salts, MerkleTree tree) {
        byte[] digest(int j) {
            return h.hashElements(data, j * width, width, salts == null ? null : salts[j]);
        }

        byte[][] digests(int[] idx) {
            byte[][] d = new byte[idx.length][];
            for (int k = 0; k < idx.length; k++) {
                d[k] = digest(idx[k]);
            }
            return d;
        }
    }

    static Fixture fixture(long seed, HashProfile profile, int logN, boolean salted) {
        Random rnd = new Random(seed);
        int n = 1 << logN;
        int width = 1 + rnd.nextInt(5);
        long[] data = new long[n * width];
        for (int i = 0; i < data.length; i++) {
            data[i] = Goldilocks.reduce(rnd.nextLong());
        }
        byte[][] salts = null;
        if (salted) {
            salts = new byte[n][MerkleTree.SALT_BYTES];
            for (byte[] s : salts) {
                rnd.nextBytes(s);
            }
        }
        HashFunction h = profile.hashFunction();
        return new Fixture(h, data, width, salts, MerkleTree.build(h, data, width, salts));
    }

    /** The textbook recursive root, for comparison with the flat, parallel build. */
    static byte[] referenceRoot(Fixture f, int from, int count) {
        if (count == 1) {
            return f.digest(from);
        }
        return f.h().compress(referenceRoot(f, from, count / 2),
                referenceRoot(f, from + count / 2, count / 2));
    }

    /** Index sets: one leaf, all leaves (shuffled), random with repeats, first and last. */
    static List<int[]> indexSets(Random rnd, int n) {
        List<int[]> sets = new ArrayList<>();
        sets.add(new int[] {rnd.nextInt(n)});
        int[] all = new int[n];
        for (int i = 0; i < n; i++) {
            all[i] = i;
        }
        for (int i = n - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = all[i];
            all[i] = all[j];
            all[j] = t;
        }
        sets.add(all);
        for (int trial = 0; trial < 4; trial++) {
            int[] s = new int[1 + rnd.nextInt(Math.min(n, 40) + 3)];
            for (int k = 0; k < s.length; k++) {
                s[k] = rnd.nextInt(n);
            }
            sets.add(s);
        }
        sets.add(new int[] {n - 1, 0, n - 1, 0});
        return sets;
    }

    @ParameterizedTest(name = "seed={0} {1} 2^{2} leaves salted={3}")
    @MethodSource("trees")
    void buildMatchesReferenceAndOpeningsVerify(long seed, HashProfile profile, int logN, boolean salted) {
        Fixture f = fixture(seed, profile, logN, salted);
        MerkleTree t = f.tree();
        assertEquals(logN, t.depth());
        assertEquals(1 << logN, t.leafCount());
        byte[] root = t.root();
        assertArrayEquals(referenceRoot(f, 0, 1 << logN), root);
        assertArrayEquals(f.digest(t.leafCount() - 1), t.leafDigest(t.leafCount() - 1));
        Random rnd = new Random(seed ^ 1);
        for (int[] idx : indexSets(rnd, t.leafCount())) {
            MultiProof proof = t.open(idx);
            assertEquals(MerkleTree.siblingCount(logN, idx), proof.siblingCount());
            assertTrue(proof.siblingCount() <= logN * MerkleTree.sortedDistinct(idx).length);
            assertTrue(MerkleTree.verify(f.h(), root, logN, idx, f.digests(idx), proof));
            // The proof is for the sorted distinct set: the same proof whatever the order.
            assertEquals(proof, t.open(MerkleTree.sortedDistinct(idx)));
        }
    }

    @ParameterizedTest(name = "seed={0} {1} 2^{2} leaves salted={3}")
    @MethodSource("trees")
    void everyTamperedSiblingOrLeafIsRejected(long seed, HashProfile profile, int logN, boolean salted) {
        if (logN > 9) {
            return; // bit-flipping every sibling of the largest trees adds time, not coverage
        }
        Fixture f = fixture(seed, profile, logN, salted);
        Random rnd = new Random(seed ^ 2);
        byte[] root = f.tree().root();
        for (int[] idx : indexSets(rnd, f.tree().leafCount())) {
            MultiProof proof = f.tree().open(idx);
            byte[][] digests = f.digests(idx);
            byte[][] sib = proof.siblings();
            for (int s = 0; s < sib.length; s++) {
                byte[][] bad = proof.siblings();
                int bit = rnd.nextInt(256);
                bad[s][bit / 8] ^= (byte) (1 << (bit % 8));
                assertFalse(MerkleTree.verify(f.h(), root, logN, idx, digests, new MultiProof(bad)),
                        "sibling " + s);
            }
            for (int k = 0; k < idx.length; k++) {
                byte[][] bad = f.digests(idx);
                bad[k][rnd.nextInt(32)] ^= 1;
                assertFalse(MerkleTree.verify(f.h(), root, logN, idx, bad, proof), "leaf " + k);
            }
        }
    }

    @ParameterizedTest(name = "seed={0} {1} 2^{2} leaves salted={3}")
    @MethodSource("trees")
    void malformedInputIsRejectedWithoutThrowing(long seed, HashProfile profile, int logN, boolean salted) {
        Fixture f = fixture(seed, profile, logN, salted);
        HashFunction h = f.h();
        MerkleTree t = f.tree();
        int n = t.leafCount();
        Random rnd = new Random(seed ^ 3);
        int[] idx = indexSets(rnd, n).get(2);
        byte[][] d = f.digests(idx);
        MultiProof proof = t.open(idx);
        byte[] root = t.root();
        assertTrue(MerkleTree.verify(h, root, logN, idx, d, proof));

        byte[] badRoot = root.clone();
        badRoot[31] ^= (byte) 0x80;
        assertFalse(MerkleTree.verify(h, badRoot, logN, idx, d, proof));
        assertFalse(MerkleTree.verify(h, Arrays.copyOf(root, 31), logN, idx, d, proof));
        assertFalse(MerkleTree.verify(h, null, logN, idx, d, proof));
        assertFalse(MerkleTree.verify(h, root, logN + 1, idx, d, proof));
        assertFalse(MerkleTree.verify(h, root, logN - 1, idx, d, proof));
        assertFalse(MerkleTree.verify(h, root, -1, idx, d, proof));
        assertFalse(MerkleTree.verify(h, root, 31, idx, d, proof));
        assertFalse(MerkleTree.verify(h, root, 64, idx, d, proof));
        assertFalse(MerkleTree.verify(h, root, logN, new int[0], new byte[0][], proof));
        assertFalse(MerkleTree.verify(h, root, logN, idx, Arrays.copyOf(d, d.length + 1), proof));
        assertFalse(MerkleTree.verify(h, root, logN, null, d, proof));
        assertFalse(MerkleTree.verify(h, root, logN, idx, null, proof));
        assertFalse(MerkleTree.verify(h, root, logN, idx, d, null));
        assertFalse(MerkleTree.verify(null, root, logN, idx, d, proof));
        if (logN > 0) {
            // (A single leaf is its own root: no hash runs, so the profile cannot matter there.)
            HashFunction other = HashProfile.values()[1 - profile.ordinal()].hashFunction();
            assertFalse(MerkleTree.verify(other, root, logN, idx, d, proof));
        }

        int[] outOfRange = idx.clone();
        outOfRange[0] = n;
        assertFalse(MerkleTree.verify(h, root, logN, outOfRange, d, proof));
        outOfRange[0] = -1;
        assertFalse(MerkleTree.verify(h, root, logN, outOfRange, d, proof));
        outOfRange[0] = Integer.MIN_VALUE;
        assertFalse(MerkleTree.verify(h, root, logN, outOfRange, d, proof));

        if (n > 1) {
            // Right digests claimed at wrong positions.
            int[] shifted = idx.clone();
            for (int k = 0; k < shifted.length; k++) {
                shifted[k] ^= 1;
            }
            assertFalse(MerkleTree.verify(h, root, logN, shifted, d, proof));
            // A leaf's digest claimed for another leaf.
            int[] pair = {0, 1};
            byte[][] swapped = {f.digest(1), f.digest(0)};
            assertFalse(MerkleTree.verify(h, root, logN, pair, swapped, t.open(pair)));
        }

        // Repeated index: fine with the same digest, rejected with another.
        int[] dup = Arrays.copyOf(idx, idx.length + 1);
        dup[idx.length] = idx[0];
        byte[][] dupDigests = Arrays.copyOf(d, d.length + 1);
        dupDigests[d.length] = d[0].clone();
        assertTrue(MerkleTree.verify(h, root, logN, dup, dupDigests, proof));
        dupDigests[d.length][0] ^= 1;
        assertFalse(MerkleTree.verify(h, root, logN, dup, dupDigests, proof));

        byte[][] nullDigest = d.clone();
        nullDigest[0] = null;
        assertFalse(MerkleTree.verify(h, root, logN, idx, nullDigest, proof));
        byte[][] shortDigest = d.clone();
        shortDigest[0] = new byte[31];
        assertFalse(MerkleTree.verify(h, root, logN, idx, shortDigest, proof));

        byte[][] sib = proof.siblings();
        byte[][] tooMany = Arrays.copyOf(sib, sib.length + 1);
        tooMany[sib.length] = new byte[32];
        assertFalse(MerkleTree.verify(h, root, logN, idx, d, new MultiProof(tooMany)));
        if (sib.length > 0) {
            assertFalse(MerkleTree.verify(h, root, logN, idx, d,
                    new MultiProof(Arrays.copyOf(sib, sib.length - 1))));
            byte[][] withNull = proof.siblings();
            withNull[sib.length - 1] = null;
            assertFalse(MerkleTree.verify(h, root, logN, idx, d, new MultiProof(withNull)));
            byte[][] withLong = proof.siblings();
            withLong[0] = Arrays.copyOf(withLong[0], 33);
            assertFalse(MerkleTree.verify(h, root, logN, idx, d, new MultiProof(withLong)));
            byte[][] withEmpty = proof.siblings();
            withEmpty[0] = new byte[0];
            assertFalse(MerkleTree.verify(h, root, logN, idx, d, new MultiProof(withEmpty)));
            // Swapping two siblings breaks the canonical order.
            if (sib.length > 1 && !Arrays.equals(sib[0], sib[1])) {
                byte[][] swapped = proof.siblings();
                swapped[0] = sib[1];
                swapped[1] = sib[0];
                assertFalse(MerkleTree.verify(h, root, logN, idx, d, new MultiProof(swapped)));
            }
        }
    }

    @Test
    void siblingOrderIsLevelByLevelLeftToRight() {
        // 8 leaves, open {1, 6}: level 0 needs leaves 0 and 7, level 1 nodes 1 and 2, level 2 none.
        Fixture f = fixture(SEED, HashProfile.SHA256, 3, false);
        MultiProof p = f.tree().open(new int[] {6, 1});
        assertEquals(4, p.siblingCount());
        MerkleTree t = f.tree();
        assertArrayEquals(t.leafDigest(0), p.sibling(0));
        assertArrayEquals(t.leafDigest(7), p.sibling(1));
        assertArrayEquals(SHA.compress(t.leafDigest(2), t.leafDigest(3)), p.sibling(2));
        assertArrayEquals(SHA.compress(t.leafDigest(4), t.leafDigest(5)), p.sibling(3));
        // Opening both children of a node needs nothing at that level.
        assertEquals(2, MerkleTree.siblingCount(3, new int[] {4, 5}));
        assertEquals(0, MerkleTree.siblingCount(3, new int[] {0, 1, 2, 3, 4, 5, 6, 7}));
        assertEquals(0, MerkleTree.siblingCount(0, new int[] {0, 0}));
    }

    @Test
    void proofIsImmutable() {
        Fixture f = fixture(SEED, HashProfile.SHA256, 4, true);
        int[] idx = {3};
        MultiProof p = f.tree().open(idx);
        p.sibling(0)[0] ^= 1;
        p.siblings()[1][0] ^= 1;
        byte[][] raw = p.siblings();
        MultiProof q = new MultiProof(raw);
        raw[0][0] ^= 1;
        assertEquals(p, q);
        assertTrue(MerkleTree.verify(f.h(), f.tree().root(), 4, idx, f.digests(idx), q));
        f.tree().root()[0] ^= 1;
        assertTrue(MerkleTree.verify(f.h(), f.tree().root(), 4, idx, f.digests(idx), p));
    }

    @Test
    void saltsHideAndBind() {
        long[] data = new long[8];
        byte[][] s1 = new byte[4][MerkleTree.SALT_BYTES];
        byte[][] s2 = new byte[4][MerkleTree.SALT_BYTES];
        s2[2][5] = 1;
        MerkleTree a = MerkleTree.build(SHA, data, 2, s1);
        MerkleTree b = MerkleTree.build(SHA, data, 2, s2);
        assertNotEquals(Arrays.toString(a.root()), Arrays.toString(b.root()));
        assertArrayEquals(a.leafDigest(1), b.leafDigest(1));
        assertNotEquals(Arrays.toString(a.leafDigest(2)), Arrays.toString(b.leafDigest(2)));
    }

    @Test
    void buildFromDigestsEqualsBuild() {
        Fixture f = fixture(SEED, HashProfile.KECCAK256, 11, true);
        byte[][] leaves = new byte[f.tree().leafCount()][];
        for (int j = 0; j < leaves.length; j++) {
            leaves[j] = f.digest(j);
        }
        assertArrayEquals(f.tree().root(), MerkleTree.buildFromDigests(f.h(), leaves).root());
    }

    @Test
    void programmerErrorsThrow() {
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.build(SHA, new long[6], 2, null));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.build(SHA, new long[0], 2, null));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.build(SHA, new long[8], 3, null));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.build(SHA, new long[8], 0, null));
        assertThrows(IllegalArgumentException.class,
                () -> MerkleTree.build(SHA, new long[8], 2, new byte[3][32]));
        byte[][] ragged = new byte[4][32];
        ragged[3] = new byte[31];
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.build(SHA, new long[8], 2, ragged));
        assertThrows(IllegalArgumentException.class,
                () -> MerkleTree.build(SHA, new long[] {Goldilocks.P, 0}, 1, null));
        assertThrows(IllegalArgumentException.class,
                () -> MerkleTree.buildFromDigests(SHA, new byte[][] {new byte[32], new byte[31]}));
        MerkleTree t = MerkleTree.build(SHA, new long[8], 2, null);
        assertThrows(IllegalArgumentException.class, () -> t.open(new int[0]));
        assertThrows(IllegalArgumentException.class, () -> t.open(new int[] {4}));
        assertThrows(IllegalArgumentException.class, () -> t.open(new int[] {-1}));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.siblingCount(31, new int[] {0}));
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.siblingCount(2, new int[] {4}));
    }

    @Test
    void nonCanonicalLeafInParallelBuildIsReported() {
        long[] data = new long[1 << 13];
        data[data.length - 1] = -1L; // lands in the second task on a multi-core machine
        assertThrows(IllegalArgumentException.class, () -> MerkleTree.build(SHA, data, 1, null));
    }

    @ParameterizedTest
    @EnumSource(HashProfile.class)
    void singleLeafTreeRootIsTheLeafDigest(HashProfile profile) {
        HashFunction h = profile.hashFunction();
        long[] leaf = {1, 2, 3};
        MerkleTree t = MerkleTree.build(h, leaf, 3, null);
        assertEquals(0, t.depth());
        assertArrayEquals(h.hashElements(leaf, 0, 3, null), t.root());
        MultiProof p = t.open(new int[] {0});
        assertEquals(0, p.siblingCount());
        assertTrue(MerkleTree.verify(h, t.root(), 0, new int[] {0}, new byte[][] {t.root()}, p));
    }
}
