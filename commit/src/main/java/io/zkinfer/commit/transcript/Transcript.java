package io.zkinfer.commit.transcript;

import io.zkinfer.commit.hash.HashFunction;
import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.commit.internal.Bytes;
import io.zkinfer.field.Goldilocks;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * The Fiat-Shamir transcript: a 32-byte hash state that every labelled absorb and squeeze
 * updates. The exact bytes are specified in {@code docs/TRANSCRIPT.md} (version
 * {@value #PROTOCOL_VERSION}), which the Solidity verifier implements; in short:
 *
 * <pre>
 *   init:   S = H("zkinfer-transcript-v1" || u32(|profile|) || profile || u32(|ds|) || ds)
 *   op:     S = H(S || tag || u32(|label|) || label || u32(|data|) || data)
 *   stream: block_i = H(S || 0xF0 || u32(i)),  4 big-endian u64 words per block
 *   pow:    H(S || 0xF1 || u64(nonce)) starts with bits zero bits
 * </pre>
 *
 * <p>Guarantees: deterministic and byte-exact across platforms; every operation binds its
 * label, its kind and its full data, and every squeeze changes the state, so two successive
 * challenges with one label differ; challenges are uniform without bias (rejection sampling);
 * field elements are absorbed only in canonical form. Labels are non-empty UTF-8 strings.
 *
 * <p>Not thread-safe: a transcript is one prover's or one verifier's sequential conversation.
 * Misuse (empty label, non-canonical element, bad count) throws unchecked exceptions and leaves
 * the state unchanged.
 */
public final class Transcript {
    /** Version of the byte layout; part of the initial hash input. */
    public static final int PROTOCOL_VERSION = 1;
    /** ASCII prefix of the initial hash input. */
    static final String INIT_PREFIX = "zkinfer-transcript-v" + PROTOCOL_VERSION;

    static final byte TAG_BYTES = 0x01;
    static final byte TAG_FIELDS = 0x02;
    static final byte TAG_DIGEST = 0x03;
    static final byte TAG_INT = 0x04;
    static final byte TAG_LONG = 0x05;
    static final byte TAG_CHALLENGE_FIELDS = 0x10;
    static final byte TAG_CHALLENGE_EXTENSION = 0x11;
    static final byte TAG_CHALLENGE_INDICES = 0x12;
    static final byte TAG_GRIND = 0x20;
    static final byte TAG_GRIND_NONCE = 0x21;
    static final byte TAG_STREAM_BLOCK = (byte) 0xF0;
    static final byte TAG_POW_HASH = (byte) 0xF1;

    private static final int D = HashFunction.DIGEST_BYTES;

    private final HashProfile profile;
    private final HashFunction hash;
    private byte[] state;

    private Transcript(HashProfile profile, byte[] state) {
        this.profile = profile;
        this.hash = profile.hashFunction();
        this.state = state;
    }

    /**
     * A fresh transcript for one protocol, separated from every other use of the hash by
     * {@code domainSeparator} (non-empty, e.g. "zkinfer/whir/v1").
     */
    public static Transcript create(HashProfile profile, String domainSeparator) {
        Objects.requireNonNull(profile, "profile");
        byte[] prefix = INIT_PREFIX.getBytes(StandardCharsets.US_ASCII);
        byte[] name = profile.name().getBytes(StandardCharsets.US_ASCII);
        byte[] ds = utf8(domainSeparator, "domain separator");
        byte[] in = new byte[prefix.length + 4 + name.length + 4 + ds.length];
        int p = 0;
        System.arraycopy(prefix, 0, in, p, prefix.length);
        p += prefix.length;
        Bytes.putIntBE(in, p, name.length);
        System.arraycopy(name, 0, in, p + 4, name.length);
        p += 4 + name.length;
        Bytes.putIntBE(in, p, ds.length);
        System.arraycopy(ds, 0, in, p + 4, ds.length);
        return new Transcript(profile, profile.hashFunction().hash(in));
    }

    /** An independent transcript with the same profile and state (for speculative branches). */
    public Transcript copy() {
        return new Transcript(profile, state.clone());
    }

    /** The profile whose hash this transcript uses. */
    public HashProfile profile() {
        return profile;
    }

    /** The current 32-byte state (a copy), for test vectors and debugging. */
    public byte[] state() {
        return state.clone();
    }

    /** Absorbs raw bytes (tag 0x01). */
    public void absorbBytes(String label, byte[] data) {
        update(TAG_BYTES, label, data.clone());
    }

    /** Absorbs one canonical field element (tag 0x02; same bytes as a one-element absorbFields). */
    public void absorbField(String label, long e) {
        absorbFields(label, new long[] {e});
    }

    /**
     * Absorbs canonical field elements as 8-byte big-endian words (tag 0x02). An extension
     * element is its coefficients c0, c1(, c2) in that order.
     *
     * @throws IllegalArgumentException if an element is not below p
     */
    public void absorbFields(String label, long[] elems) {
        if (elems.length > Integer.MAX_VALUE / 8 - 64) {
            throw new IllegalArgumentException("too many elements: " + elems.length);
        }
        byte[] data = new byte[8 * elems.length];
        for (int i = 0; i < elems.length; i++) {
            if (!Goldilocks.isCanonical(elems[i])) {
                throw new IllegalArgumentException("element " + i + " of '" + label
                        + "' is not canonical: " + Long.toUnsignedString(elems[i]));
            }
            Bytes.putLongBE(data, 8 * i, elems[i]);
        }
        update(TAG_FIELDS, label, data);
    }

    /** Absorbs a 32-byte digest, e.g. a Merkle root (tag 0x03). */
    public void absorbDigest(String label, byte[] digest) {
        if (digest.length != D) {
            throw new IllegalArgumentException("'" + label + "' digest has " + digest.length
                    + " bytes, expected " + D);
        }
        update(TAG_DIGEST, label, digest.clone());
    }

    /** Absorbs an int as 4 big-endian two's-complement bytes (tag 0x04). */
    public void absorbInt(String label, int v) {
        byte[] data = new byte[4];
        Bytes.putIntBE(data, 0, v);
        update(TAG_INT, label, data);
    }

    /** Absorbs a long as 8 big-endian two's-complement bytes (tag 0x05). */
    public void absorbLong(String label, long v) {
        byte[] data = new byte[8];
        Bytes.putLongBE(data, 0, v);
        update(TAG_LONG, label, data);
    }

    /** One uniform field element in [0, p); equal to {@code challengeFields(label, 1)[0]}. */
    public long challengeField(String label) {
        return challengeFields(label, 1)[0];
    }

    /**
     * {@code count} independent uniform field elements (tag 0x10, data u32(count)): 64-bit
     * stream words, each rejected if not below p.
     */
    public long[] challengeFields(String label, int count) {
        checkCount(count, "count");
        byte[] data = new byte[4];
        Bytes.putIntBE(data, 0, count);
        update(TAG_CHALLENGE_FIELDS, label, data);
        return sampleFields(count);
    }

    /**
     * A uniform element of the degree-{@code degree} extension, coefficients c0..c_{d-1} (tag
     * 0x11, data u32(degree)), each sampled as by {@link #challengeFields}.
     */
    public long[] challengeExtension(String label, int degree) {
        if (degree < 1) {
            throw new IllegalArgumentException("extension degree " + degree + " < 1");
        }
        byte[] data = new byte[4];
        Bytes.putIntBE(data, 0, degree);
        update(TAG_CHALLENGE_EXTENSION, label, data);
        return sampleFields(degree);
    }

    /**
     * {@code count} independent uniform indices in [0, bound), repeats allowed (tag 0x12, data
     * u32(count) || u32(bound)). A word w is rejected if w >= 2^64 - (2^64 mod bound), else gives
     * w mod bound; for a power-of-two bound nothing is rejected and w mod bound is a mask.
     */
    public int[] challengeIndices(String label, int count, int bound) {
        checkCount(count, "count");
        if (bound < 1) {
            throw new IllegalArgumentException("index bound " + bound + " < 1");
        }
        byte[] data = new byte[8];
        Bytes.putIntBE(data, 0, count);
        Bytes.putIntBE(data, 4, bound);
        update(TAG_CHALLENGE_INDICES, label, data);
        int[] out = new int[count];
        WordStream words = new WordStream(hash, state);
        if ((bound & (bound - 1)) == 0) {
            for (int i = 0; i < count; i++) {
                out[i] = (int) (words.next() & (bound - 1));
            }
            return out;
        }
        long limit = indexLimit(bound);
        for (int i = 0; i < count; ) {
            long w = words.next();
            if (Long.compareUnsigned(w, limit) < 0) {
                out[i++] = (int) Long.remainderUnsigned(w, bound);
            }
        }
        return out;
    }

    /**
     * Prover's proof of work: absorbs the request (tag 0x20, data u32(bits)), finds the smallest
     * nonce n with at least {@code bits} leading zero bits in H(S || 0xF1 || u64(n)), absorbs it
     * (tag 0x21, data u64(n)) and returns it. Expected 2^bits hashes, on all cores from 16 bits.
     * {@code bits == 0} means no grinding: returns 0 and absorbs nothing.
     */
    public long grind(String label, int bits) {
        checkBits(bits);
        if (bits == 0) {
            checkLabel(label);
            return 0;
        }
        byte[] s = next(TAG_GRIND, label, bitsData(bits));
        long nonce = Grinder.search(hash, s, bits);
        state = s;
        absorbNonce(label, nonce);
        return nonce;
    }

    /**
     * Verifier's side of {@link #grind}: checks the prover's nonce and absorbs exactly what
     * grind absorbed. With {@code bits == 0} only nonce 0 is accepted (so that a proof has one
     * encoding) and nothing is absorbed.
     *
     * @throws TranscriptException if the nonce does not meet the difficulty; the transcript is
     *     then unchanged
     */
    public void checkGrind(String label, int bits, long nonce) throws TranscriptException {
        checkBits(bits);
        if (bits == 0) {
            checkLabel(label);
            if (nonce != 0) {
                throw new TranscriptException("'" + label + "': nonce " + Long.toUnsignedString(nonce)
                        + " given where no grinding is required (expected 0)");
            }
            return;
        }
        byte[] s = next(TAG_GRIND, label, bitsData(bits));
        if (!Grinder.check(hash, s, bits, nonce)) {
            throw new TranscriptException("'" + label + "': proof-of-work nonce "
                    + Long.toUnsignedString(nonce) + " has fewer than " + bits + " leading zero bits");
        }
        state = s;
        absorbNonce(label, nonce);
    }

    private void absorbNonce(String label, long nonce) {
        byte[] data = new byte[8];
        Bytes.putLongBE(data, 0, nonce);
        update(TAG_GRIND_NONCE, label, data);
    }

    /**
     * 2^64 - (2^64 mod bound) as an unsigned long, for a bound that is not a power of two (so
     * the remainder is non-zero and the limit fits): the largest multiple of bound that 64-bit
     * words reach, below which w mod bound is uniform.
     */
    static long indexLimit(int bound) {
        long rem = Long.remainderUnsigned(Long.remainderUnsigned(-1L, bound) + 1, bound);
        return -rem;
    }

    private long[] sampleFields(int count) {
        long[] out = new long[count];
        WordStream words = new WordStream(hash, state);
        for (int i = 0; i < count; ) {
            long w = words.next();
            // Reject rather than reduce: w mod p would favour [0, 2^32 - 1) twice as much.
            if (Goldilocks.isCanonical(w)) {
                out[i++] = w;
            }
        }
        return out;
    }

    private void update(byte tag, String label, byte[] data) {
        state = next(tag, label, data);
    }

    /** H(S || tag || u32(|label|) || label || u32(|data|) || data), without changing S. */
    private byte[] next(byte tag, String label, byte[] data) {
        byte[] l = utf8(label, "label");
        byte[] in = new byte[D + 1 + 4 + l.length + 4 + data.length];
        System.arraycopy(state, 0, in, 0, D);
        in[D] = tag;
        Bytes.putIntBE(in, D + 1, l.length);
        System.arraycopy(l, 0, in, D + 5, l.length);
        Bytes.putIntBE(in, D + 5 + l.length, data.length);
        System.arraycopy(data, 0, in, D + 9 + l.length, data.length);
        return hash.hash(in);
    }

    private static byte[] bitsData(int bits) {
        byte[] data = new byte[4];
        Bytes.putIntBE(data, 0, bits);
        return data;
    }

    private static void checkBits(int bits) {
        if (bits < 0 || bits > 64) {
            throw new IllegalArgumentException("grinding bits " + bits + " outside [0, 64]");
        }
    }

    private static void checkCount(int count, String what) {
        if (count < 0) {
            throw new IllegalArgumentException(what + " " + count + " < 0");
        }
    }

    private static void checkLabel(String label) {
        utf8(label, "label");
    }

    private static byte[] utf8(String s, String what) {
        Objects.requireNonNull(s, what);
        if (s.isEmpty()) {
            throw new IllegalArgumentException(what + " must not be empty");
        }
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Words of the squeeze stream: block_i = H(S || 0xF0 || u32(i)), 4 big-endian u64 each. */
    private static final class WordStream {
        private final HashFunction hash;
        private final byte[] in = new byte[D + 1 + 4];
        private final byte[] block = new byte[D];
        private int blockIndex;
        private int word = 4;

        WordStream(HashFunction hash, byte[] state) {
            this.hash = hash;
            System.arraycopy(state, 0, in, 0, D);
            in[D] = TAG_STREAM_BLOCK;
        }

        long next() {
            if (word == 4) {
                Bytes.putIntBE(in, D + 1, blockIndex++);
                hash.hash(in, 0, in.length, block, 0);
                word = 0;
            }
            return Bytes.getLongBE(block, 8 * word++);
        }
    }
}
