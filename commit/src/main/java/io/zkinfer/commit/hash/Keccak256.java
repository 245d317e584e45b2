package io.zkinfer.commit.hash;

import io.zkinfer.commit.internal.Bytes;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

/**
 * Keccak-256 as used by Ethereum ({@code keccak256} in Solidity): the Keccak-f[1600] sponge with
 * rate 1088 bits (136 bytes), capacity 512 bits, 32-byte output and the original Keccak padding
 * {@code 0x01 ... 0x80}. This is <em>not</em> FIPS 202 SHA3-256, which pads with {@code 0x06}
 * and gives different digests.
 *
 * <p>An instance is a streaming engine: {@link #update} any number of times, then
 * {@link #digest(byte[], int)}, which also resets it. Instances are not thread-safe; give each
 * thread its own (see {@link HashProfile#KECCAK256} for a thread-safe {@link HashFunction}).
 * Absorbing and finishing allocate nothing.
 */
public final class Keccak256 {
    /** Digest length in bytes. */
    public static final int DIGEST_BYTES = 32;
    /** Sponge rate in bytes: 1600 - 2 * 256 bits. */
    static final int RATE_BYTES = 136;
    private static final int RATE_LANES = RATE_BYTES / 8;

    /** Keccak lanes are little-endian 64-bit words. */
    private static final VarHandle LE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static final long[] RC = {
        0x0000000000000001L, 0x0000000000008082L, 0x800000000000808aL, 0x8000000080008000L,
        0x000000000000808bL, 0x0000000080000001L, 0x8000000080008081L, 0x8000000000008009L,
        0x000000000000008aL, 0x0000000000000088L, 0x0000000080008009L, 0x000000008000000aL,
        0x000000008000808bL, 0x800000000000008bL, 0x8000000000008089L, 0x8000000000008003L,
        0x8000000000008002L, 0x8000000000000080L, 0x000000000000800aL, 0x800000008000000aL,
        0x8000000080008081L, 0x8000000000008080L, 0x0000000080000001L, 0x8000000080008008L,
    };

    private final long[] state = new long[25];
    private final byte[] block = new byte[RATE_BYTES];
    private int pos;
    /** First padding byte: 0x01 for Keccak, 0x06 for SHA3 (the latter only to test the permutation). */
    private final byte padStart;

    /** A fresh Keccak-256 engine. */
    public Keccak256() {
        this((byte) 0x01);
    }

    /** Package-private: a sponge with another domain padding byte (tests check SHA3-256 with 0x06). */
    Keccak256(byte padStart) {
        this.padStart = padStart;
    }

    /** Keccak-256 of {@code data}, in a new 32-byte array. */
    public static byte[] digest(byte[] data) {
        Keccak256 k = new Keccak256();
        k.update(data, 0, data.length);
        byte[] out = new byte[DIGEST_BYTES];
        k.digest(out, 0);
        return out;
    }

    /** Absorbs one byte. */
    public void update(byte b) {
        block[pos++] = b;
        if (pos == RATE_BYTES) {
            absorbBlock(block, 0);
            pos = 0;
        }
    }

    /** Absorbs {@code data[off..off+len)}. */
    public void update(byte[] data, int off, int len) {
        Objects.checkFromIndexSize(off, len, data.length);
        if (pos > 0) {
            int n = Math.min(len, RATE_BYTES - pos);
            System.arraycopy(data, off, block, pos, n);
            pos += n;
            off += n;
            len -= n;
            if (pos < RATE_BYTES) {
                return;
            }
            absorbBlock(block, 0);
            pos = 0;
        }
        // Whole blocks straight from the caller's array: no copy.
        while (len >= RATE_BYTES) {
            absorbBlock(data, off);
            off += RATE_BYTES;
            len -= RATE_BYTES;
        }
        System.arraycopy(data, off, block, 0, len);
        pos = len;
    }

    /** Absorbs the 8-byte big-endian encoding of {@code v} (the field element encoding). */
    public void updateLongBE(long v) {
        if (pos <= RATE_BYTES - 8) {
            Bytes.BE_LONG.set(block, pos, v);
            pos += 8;
            if (pos == RATE_BYTES) {
                absorbBlock(block, 0);
                pos = 0;
            }
            return;
        }
        for (int i = 56; i >= 0; i -= 8) {
            update((byte) (v >>> i));
        }
    }

    /**
     * Pads, writes the 32-byte digest to {@code out[off..off+32)} and resets the engine.
     */
    public void digest(byte[] out, int off) {
        Objects.checkFromIndexSize(off, DIGEST_BYTES, out.length);
        // Padding pad10*1 with the domain bits: the first and last pad bits may share a byte.
        Arrays.fill(block, pos, RATE_BYTES, (byte) 0);
        block[pos] ^= padStart;
        block[RATE_BYTES - 1] ^= (byte) 0x80;
        absorbBlock(block, 0);
        for (int i = 0; i < 4; i++) {
            LE_LONG.set(out, off + 8 * i, state[i]);
        }
        reset();
    }

    /** Forgets everything absorbed. */
    public void reset() {
        Arrays.fill(state, 0L);
        pos = 0;
    }

    private void absorbBlock(byte[] src, int off) {
        long[] s = state;
        for (int i = 0; i < RATE_LANES; i++) {
            s[i] ^= (long) LE_LONG.get(src, off + 8 * i);
        }
        permute(s);
    }

    /**
     * Keccak-f[1600] on 25 lanes, lane (x, y) at index x + 5y. One round per loop iteration with
     * the round body unrolled over 25 locals, so that the JIT keeps the state in registers (and
     * spills only what does not fit) rather than reloading an array.
     */
    static void permute(long[] s) {
        long a00 = s[0];
        long a10 = s[1];
        long a20 = s[2];
        long a30 = s[3];
        long a40 = s[4];
        long a01 = s[5];
        long a11 = s[6];
        long a21 = s[7];
        long a31 = s[8];
        long a41 = s[9];
        long a02 = s[10];
        long a12 = s[11];
        long a22 = s[12];
        long a32 = s[13];
        long a42 = s[14];
        long a03 = s[15];
        long a13 = s[16];
        long a23 = s[17];
        long a33 = s[18];
        long a43 = s[19];
        long a04 = s[20];
        long a14 = s[21];
        long a24 = s[22];
        long a34 = s[23];
        long a44 = s[24];
        for (int round = 0; round < 24; round++) {
            long c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
            long c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
            long c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
            long c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
            long c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
            long d0 = c4 ^ Long.rotateLeft(c1, 1);
            long d1 = c0 ^ Long.rotateLeft(c2, 1);
            long d2 = c1 ^ Long.rotateLeft(c3, 1);
            long d3 = c2 ^ Long.rotateLeft(c4, 1);
            long d4 = c3 ^ Long.rotateLeft(c0, 1);
            long b00 = a00 ^ d0;
            long b13 = Long.rotateLeft(a01 ^ d0, 36);
            long b21 = Long.rotateLeft(a02 ^ d0, 3);
            long b34 = Long.rotateLeft(a03 ^ d0, 41);
            long b42 = Long.rotateLeft(a04 ^ d0, 18);
            long b02 = Long.rotateLeft(a10 ^ d1, 1);
            long b10 = Long.rotateLeft(a11 ^ d1, 44);
            long b23 = Long.rotateLeft(a12 ^ d1, 10);
            long b31 = Long.rotateLeft(a13 ^ d1, 45);
            long b44 = Long.rotateLeft(a14 ^ d1, 2);
            long b04 = Long.rotateLeft(a20 ^ d2, 62);
            long b12 = Long.rotateLeft(a21 ^ d2, 6);
            long b20 = Long.rotateLeft(a22 ^ d2, 43);
            long b33 = Long.rotateLeft(a23 ^ d2, 15);
            long b41 = Long.rotateLeft(a24 ^ d2, 61);
            long b01 = Long.rotateLeft(a30 ^ d3, 28);
            long b14 = Long.rotateLeft(a31 ^ d3, 55);
            long b22 = Long.rotateLeft(a32 ^ d3, 25);
            long b30 = Long.rotateLeft(a33 ^ d3, 21);
            long b43 = Long.rotateLeft(a34 ^ d3, 56);
            long b03 = Long.rotateLeft(a40 ^ d4, 27);
            long b11 = Long.rotateLeft(a41 ^ d4, 20);
            long b24 = Long.rotateLeft(a42 ^ d4, 39);
            long b32 = Long.rotateLeft(a43 ^ d4, 8);
            long b40 = Long.rotateLeft(a44 ^ d4, 14);
            a00 = b00 ^ (~b10 & b20);
            a10 = b10 ^ (~b20 & b30);
            a20 = b20 ^ (~b30 & b40);
            a30 = b30 ^ (~b40 & b00);
            a40 = b40 ^ (~b00 & b10);
            a01 = b01 ^ (~b11 & b21);
            a11 = b11 ^ (~b21 & b31);
            a21 = b21 ^ (~b31 & b41);
            a31 = b31 ^ (~b41 & b01);
            a41 = b41 ^ (~b01 & b11);
            a02 = b02 ^ (~b12 & b22);
            a12 = b12 ^ (~b22 & b32);
            a22 = b22 ^ (~b32 & b42);
            a32 = b32 ^ (~b42 & b02);
            a42 = b42 ^ (~b02 & b12);
            a03 = b03 ^ (~b13 & b23);
            a13 = b13 ^ (~b23 & b33);
            a23 = b23 ^ (~b33 & b43);
            a33 = b33 ^ (~b43 & b03);
            a43 = b43 ^ (~b03 & b13);
            a04 = b04 ^ (~b14 & b24);
            a14 = b14 ^ (~b24 & b34);
            a24 = b24 ^ (~b34 & b44);
            a34 = b34 ^ (~b44 & b04);
            a44 = b44 ^ (~b04 & b14);
            a00 ^= RC[round];

        }
        s[0] = a00;
        s[1] = a10;
        s[2] = a20;
        s[3] = a30;
        s[4] = a40;
        s[5] = a01;
        s[6] = a11;
        s[7] = a21;
        s[8] = a31;
        s[9] = a41;
        s[10] = a02;
        s[11] = a12;
        s[12] = a22;
        s[13] = a32;
        s[14] = a42;
        s[15] = a03;
        s[16] = a13;
        s[17] = a23;
        s[18] = a33;
        s[19] = a43;
        s[20] = a04;
        s[21] = a14;
        s[22] = a24;
        s[23] = a34;
        s[24] = a44;
    }
}
