package io.zkinfer.sumcheck.circuit;

import io.zkinfer.field.Goldilocks;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A circuit proof: the root of the commitment to the proof's committed tensors, the messages of
 * every layer (extension limbs, in transcript order), and the commitment openings.
 *
 * <p>Encoding (big-endian): "ZKCP", u16 version, u8 root length (0 or 32) and the root, u8
 * count of bulk commitments (zero knowledge only, see ZkLayout) and their roots (32 bytes each),
 * u32 limb count and the limbs (8 bytes each, canonical), then u32 length and bytes of: the
 * opening, each bulk commitment's opening, the preprocessed-table opening (length 0 if absent).
 * Version 3 added the bulk commitments; version 4 has the same layout, with bulk openings under
 * WHIR proof version 4 (committer masking folds its mask in after round 0). Version 6: tables of
 * at most 2^16 entries are evaluated by the verifier, so neither their values nor their opening
 * are in the proof. Version 7: no lookup commitment (lookups prove their identity with masked
 * fraction trees), and zero-knowledge sumcheck rounds sent at their own degree, without h(1)
 * after the first.
 */
public final class CircuitProof {
    public static final int VERSION = 7;
    private static final byte[] MAGIC = {'Z', 'K', 'C', 'P'};

    private final byte[] root;
    private final byte[][] bulkRoots;
    private final long[] messages;
    private final byte[] opening;
    private final byte[][] bulkOpenings;
    private final byte[] preprocessedOpening;

    CircuitProof(byte[] root, byte[][] bulkRoots, long[] messages, byte[] opening, byte[][] bulkOpenings,
            byte[] preprocessedOpening) {
        if (bulkRoots.length != bulkOpenings.length || bulkRoots.length > 255) {
            throw new IllegalArgumentException("bulk roots and openings must pair up, at most 255");
        }
        this.root = root;
        this.bulkRoots = bulkRoots;
        this.messages = messages;
        this.opening = opening;
        this.bulkOpenings = bulkOpenings;
        this.preprocessedOpening = preprocessedOpening;
    }

    CircuitProof(byte[] root, long[] messages, byte[] opening, byte[] preprocessedOpening) {
        this(root, new byte[0][], messages, opening, new byte[0][], preprocessedOpening);
    }

    byte[][] bulkRoots() {
        return bulkRoots;
    }

    byte[][] bulkOpenings() {
        return bulkOpenings;
    }

    byte[] root() {
        return root;
    }

    long[] messages() {
        return messages;
    }

    byte[] opening() {
        return opening;
    }

    byte[] preprocessedOpening() {
        return preprocessedOpening;
    }

    /** Bytes of the encoding. */
    public int sizeBytes() {
        int bulk = 1 + 32 * bulkRoots.length;
        for (byte[] o : bulkOpenings) {
            bulk += 4 + o.length;
        }
        return 4 + 2 + 1 + root.length + bulk + 4 + 8 * messages.length + 4 + opening.length
                + 4 + preprocessedOpening.length;
    }

    public byte[] encode() {
        ByteBuffer b = ByteBuffer.allocate(sizeBytes());
        b.put(MAGIC).putShort((short) VERSION).put((byte) root.length).put(root);
        b.put((byte) bulkRoots.length);
        for (byte[] r : bulkRoots) {
            b.put(r);
        }
        b.putInt(messages.length);
        for (long m : messages) {
            b.putLong(m);
        }
        b.putInt(opening.length).put(opening);
        for (byte[] o : bulkOpenings) {
            b.putInt(o.length).put(o);
        }
        b.putInt(preprocessedOpening.length).put(preprocessedOpening);
        return b.array();
    }

    /**
     * Parses a proof.
     *
     * @throws ProofException naming what is malformed
     */
    public static CircuitProof decode(byte[] bytes) throws ProofException {
        if (bytes == null || bytes.length < 4 + 2 + 1) {
            throw new ProofException("proof: too short to be a zkinfer circuit proof");
        }
        ByteBuffer b = ByteBuffer.wrap(bytes);
        byte[] magic = new byte[4];
        b.get(magic);
        if (!Arrays.equals(magic, MAGIC)) {
            throw new ProofException("proof: wrong magic bytes (not a zkinfer circuit proof)");
        }
        int version = b.getShort() & 0xffff;
        if (version != VERSION) {
            throw new ProofException("proof: version " + version + ", this verifier reads version " + VERSION);
        }
        int rootLength = b.get() & 0xff;
        if (rootLength != 0 && rootLength != 32) {
            throw new ProofException("proof: commitment root of " + rootLength + " bytes, expected 0 or 32");
        }
        byte[] root = take(b, rootLength, "commitment root");
        if (!b.hasRemaining()) {
            throw new ProofException("proof: truncated before the bulk commitment count");
        }
        int bulkCount = b.get() & 0xff;
        byte[][] bulkRoots = new byte[bulkCount][];
        for (int i = 0; i < bulkCount; i++) {
            bulkRoots[i] = take(b, 32, "root of bulk commitment " + i);
        }
        int limbs = count(b, 8, "messages");
        long[] messages = new long[limbs];
        for (int i = 0; i < limbs; i++) {
            messages[i] = b.getLong();
            if (!Goldilocks.isCanonical(messages[i])) {
                throw new ProofException("proof: message element " + i + " is not a canonical field element");
            }
        }
        byte[] opening = take(b, count(b, 1, "opening"), "opening");
        byte[][] bulkOpenings = new byte[bulkCount][];
        for (int i = 0; i < bulkCount; i++) {
            bulkOpenings[i] = take(b, count(b, 1, "bulk opening " + i), "bulk opening " + i);
        }
        byte[] pre = take(b, count(b, 1, "preprocessed opening"), "preprocessed opening");
        if (b.hasRemaining()) {
            throw new ProofException("proof: " + b.remaining() + " trailing bytes");
        }
        return new CircuitProof(root, bulkRoots, messages, opening, bulkOpenings, pre);
    }

    private static int count(ByteBuffer b, int unit, String what) throws ProofException {
        if (b.remaining() < 4) {
            throw new ProofException("proof: truncated before the " + what + " length");
        }
        long n = Integer.toUnsignedLong(b.getInt());
        if (n * unit > b.remaining()) {
            throw new ProofException("proof: " + what + " claims " + n + " entries but only " + b.remaining()
                    + " bytes remain");
        }
        return (int) n;
    }

    private static byte[] take(ByteBuffer b, int n, String what) throws ProofException {
        if (b.remaining() < n) {
            throw new ProofException("proof: truncated in the " + what);
        }
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
