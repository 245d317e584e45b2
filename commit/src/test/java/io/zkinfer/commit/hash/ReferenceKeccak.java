package io.zkinfer.commit.hash;

/**
 * A deliberately naive Keccak[c=512] written straight from the Keccak reference (FIPS 202
 * section 3.2) and sharing no code or tables with {@link Keccak256}: round constants come from
 * the rc(t) LFSR and rotation offsets from the (t+1)(t+2)/2 walk, both computed here, and the
 * state is a 5x5 array absorbed byte by byte. Slow; for tests only.
 */
final class ReferenceKeccak {
    private ReferenceKeccak() {}

    /** Keccak-256 (pad 0x01) or SHA3-256 (pad 0x06) of {@code msg}. */
    static byte[] hash(byte[] msg, int padByte) {
        int rate = 136;
        int padded = (msg.length / rate + 1) * rate;
        byte[] m = new byte[padded];
        System.arraycopy(msg, 0, m, 0, msg.length);
        m[msg.length] ^= (byte) padByte;
        m[padded - 1] ^= (byte) 0x80;
        long[][] a = new long[5][5];
        for (int blockStart = 0; blockStart < padded; blockStart += rate) {
            for (int i = 0; i < rate; i++) {
                int lane = i / 8;
                a[lane % 5][lane / 5] ^= (long) (m[blockStart + i] & 0xFF) << (8 * (i % 8));
            }
            keccakF(a);
        }
        byte[] out = new byte[32];
        for (int i = 0; i < 32; i++) {
            int lane = i / 8;
            out[i] = (byte) (a[lane % 5][lane / 5] >>> (8 * (i % 8)));
        }
        return out;
    }

    private static boolean rc(int t) {
        if (t % 255 == 0) {
            return true;
        }
        int r = 1; // bits r0..r7, r0 the lowest
        for (int i = 1; i <= t % 255; i++) {
            r <<= 1; // prepend 0: R = 0 || R
            int r8 = (r >>> 8) & 1;
            r ^= r8; // R[0] ^= R[8]
            r ^= r8 << 4;
            r ^= r8 << 5;
            r ^= r8 << 6;
            r &= 0xFF;
        }
        return (r & 1) == 1;
    }

    private static void keccakF(long[][] a) {
        int[][] rot = new int[5][5];
        int x = 1;
        int y = 0;
        for (int t = 0; t < 24; t++) {
            rot[x][y] = ((t + 1) * (t + 2) / 2) % 64;
            int nx = y;
            int ny = (2 * x + 3 * y) % 5;
            x = nx;
            y = ny;
        }
        for (int round = 0; round < 24; round++) {
            long[] c = new long[5];
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    c[i] ^= a[i][j];
                }
            }
            for (int i = 0; i < 5; i++) {
                long d = c[(i + 4) % 5] ^ Long.rotateLeft(c[(i + 1) % 5], 1);
                for (int j = 0; j < 5; j++) {
                    a[i][j] ^= d;
                }
            }
            long[][] b = new long[5][5];
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    b[j][(2 * i + 3 * j) % 5] = Long.rotateLeft(a[i][j], rot[i][j]);
                }
            }
            for (int i = 0; i < 5; i++) {
                for (int j = 0; j < 5; j++) {
                    a[i][j] = b[i][j] ^ (~b[(i + 1) % 5][j] & b[(i + 2) % 5][j]);
                }
            }
            long rcw = 0;
            for (int j = 0; j <= 6; j++) {
                if (rc(j + 7 * round)) {
                    rcw |= 1L << ((1 << j) - 1);
                }
            }
            a[0][0] ^= rcw;
        }
    }
}
