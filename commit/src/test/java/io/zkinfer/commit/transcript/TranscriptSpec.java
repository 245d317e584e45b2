package io.zkinfer.commit.transcript;

import io.zkinfer.commit.hash.HashFunction;
import io.zkinfer.commit.hash.HashProfile;
import java.io.ByteArrayOutputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;

/**
 * docs/TRANSCRIPT.md re-implemented from the page, as a Solidity port would: byte strings built
 * by concatenation, arithmetic on BigInteger. Shares no code with {@link Transcript}.
 */
final class TranscriptSpec {
    static final BigInteger TWO_64 = BigInteger.ONE.shiftLeft(64);
    static final BigInteger P = TWO_64.subtract(BigInteger.ONE.shiftLeft(32)).add(BigInteger.ONE);

    final HashFunction h;
    byte[] state;

    TranscriptSpec(HashProfile profile, String ds) {
        h = profile.hashFunction();
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes("zkinfer-transcript-v1".getBytes(StandardCharsets.US_ASCII));
        byte[] name = profile.name().getBytes(StandardCharsets.US_ASCII);
        b.writeBytes(u32(name.length));
        b.writeBytes(name);
        byte[] d = ds.getBytes(StandardCharsets.UTF_8);
        b.writeBytes(u32(d.length));
        b.writeBytes(d);
        state = h.hash(b.toByteArray());
    }

    static byte[] u32(long v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    static byte[] u64(long v) {
        byte[] o = new byte[8];
        for (int i = 0; i < 8; i++) {
            o[i] = (byte) (v >>> (56 - 8 * i));
        }
        return o;
    }

    void op(int tag, String label, byte[] data) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(state);
        b.write(tag);
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        b.writeBytes(u32(l.length));
        b.writeBytes(l);
        b.writeBytes(u32(data.length));
        b.writeBytes(data);
        state = h.hash(b.toByteArray());
    }

    /** The squeeze stream after the request op: word k of the whole stream, as an unsigned BigInteger. */
    BigInteger word(int k) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.writeBytes(state);
        b.write(0xF0);
        b.writeBytes(u32(k / 4));
        byte[] block = h.hash(b.toByteArray());
        return new BigInteger(1, java.util.Arrays.copyOfRange(block, 8 * (k % 4), 8 * (k % 4) + 8));
    }

    long[] fields(int tag, String label, int count) {
        op(tag, label, u32(count));
        long[] out = new long[count];
        int k = 0;
        for (int i = 0; i < count; k++) {
            BigInteger w = word(k);
            if (w.compareTo(P) < 0) {
                out[i++] = w.longValue();
            }
        }
        return out;
    }

    int[] indices(String label, int count, int bound) {
        ByteArrayOutputStream d = new ByteArrayOutputStream();
        d.writeBytes(u32(count));
        d.writeBytes(u32(bound));
        op(0x12, label, d.toByteArray());
        BigInteger b = BigInteger.valueOf(bound);
        BigInteger limit = TWO_64.subtract(TWO_64.mod(b));
        int[] out = new int[count];
        int k = 0;
        for (int i = 0; i < count; k++) {
            BigInteger w = word(k);
            if (w.compareTo(limit) < 0) {
                out[i++] = w.mod(b).intValue();
            }
        }
        return out;
    }

    /** grind: request op, then the smallest good nonce, then the nonce op. */
    long grind(String label, int bits) {
        op(0x20, label, u32(bits));
        for (long n = 0; ; n++) {
            ByteArrayOutputStream b = new ByteArrayOutputStream();
            b.writeBytes(state);
            b.write(0xF1);
            b.writeBytes(u64(n));
            byte[] out = h.hash(b.toByteArray());
            BigInteger w = new BigInteger(1, java.util.Arrays.copyOf(out, 8));
            if (w.compareTo(BigInteger.ONE.shiftLeft(64 - bits)) < 0) {
                op(0x21, label, u64(n));
                return n;
            }
        }
    }
}
