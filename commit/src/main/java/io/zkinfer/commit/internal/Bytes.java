package io.zkinfer.commit.internal;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;

/** Big-endian word access on byte arrays, shared by the hash, Merkle and transcript code. */
public final class Bytes {
    /** Reads or writes a big-endian long at any byte offset of a {@code byte[]}. */
    public static final VarHandle BE_LONG =
            MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    /** Reads or writes a big-endian int at any byte offset of a {@code byte[]}. */
    public static final VarHandle BE_INT =
            MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);

    private Bytes() {}

    /** Writes {@code v} as 8 big-endian bytes at {@code out[off..off+8)}. */
    public static void putLongBE(byte[] out, int off, long v) {
        BE_LONG.set(out, off, v);
    }

    /** Reads 8 big-endian bytes at {@code in[off..off+8)}. */
    public static long getLongBE(byte[] in, int off) {
        return (long) BE_LONG.get(in, off);
    }

    /** Writes {@code v} as 4 big-endian bytes at {@code out[off..off+4)}. */
    public static void putIntBE(byte[] out, int off, int v) {
        BE_INT.set(out, off, v);
    }
}
