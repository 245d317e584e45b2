package io.zkinfer.commit.whir;

import io.zkinfer.field.Goldilocks;

/** Reads a proof's bytes, turning every malformation into an {@link InvalidProofException}. */
final class ProofReader {
    private final byte[] bytes;
    private int pos;

    ProofReader(byte[] bytes) {
        this.bytes = bytes;
    }

    private void need(int n, String what) throws InvalidProofException {
        if (n < 0 || bytes.length - pos < n) {
            throw new InvalidProofException("proof truncated: " + what + " needs " + n + " bytes at offset " + pos
                    + ", " + Math.max(0, bytes.length - pos) + " left");
        }
    }

    byte[] bytes(int n, String what) throws InvalidProofException {
        need(n, what);
        byte[] out = java.util.Arrays.copyOfRange(bytes, pos, pos + n);
        pos += n;
        return out;
    }

    long u64(String what) throws InvalidProofException {
        need(8, what);
        long v = 0;
        for (int i = 0; i < 8; i++) {
            v = (v << 8) | (bytes[pos++] & 0xFF);
        }
        return v;
    }

    int u32(String what, int max) throws InvalidProofException {
        need(4, what);
        long v = 0;
        for (int i = 0; i < 4; i++) {
            v = (v << 8) | (bytes[pos++] & 0xFF);
        }
        if (v > max) {
            throw new InvalidProofException(what + " is " + v + ", at most " + max + " allowed");
        }
        return (int) v;
    }

    /** {@code count} canonical field elements. */
    long[] elements(int count, String what) throws InvalidProofException {
        if (count < 0 || count > (bytes.length - pos) / 8) {
            throw new InvalidProofException("proof truncated: " + what + " needs " + count + " field elements at offset "
                    + pos);
        }
        long[] out = new long[count];
        for (int i = 0; i < count; i++) {
            long v = u64(what);
            if (!Goldilocks.isCanonical(v)) {
                throw new InvalidProofException(what + ": element " + i + " is not canonical (" + Long.toUnsignedString(v)
                        + " >= p)");
            }
            out[i] = v;
        }
        return out;
    }

    void expectEnd() throws InvalidProofException {
        if (pos != bytes.length) {
            throw new InvalidProofException("proof has " + (bytes.length - pos) + " trailing bytes after offset " + pos);
        }
    }
}
