package io.zkinfer.commit.whir;

import java.io.ByteArrayOutputStream;

/** Writes a proof's canonical bytes (big-endian integers and field elements). */
final class ProofWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 16);

    void bytes(byte[] b) {
        out.writeBytes(b);
    }

    void u64(long v) {
        for (int i = 56; i >= 0; i -= 8) {
            out.write((int) (v >>> i));
        }
    }

    void u32(int v) {
        for (int i = 24; i >= 0; i -= 8) {
            out.write(v >>> i);
        }
    }

    void elements(long[] v) {
        for (long x : v) {
            u64(x);
        }
    }

    byte[] toByteArray() {
        return out.toByteArray();
    }
}
