package io.zkinfer.commit.hash;

import io.zkinfer.commit.internal.Bytes;
import io.zkinfer.field.Goldilocks;
import java.security.DigestException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Objects;

/** SHA-256 through the JDK's intrinsified {@link MessageDigest}, one engine per thread. */
final class Sha256Hash implements HashFunction {
    static final Sha256Hash INSTANCE = new Sha256Hash();

    /** Elements encoded per {@code update}: big enough to amortize the call, small enough for L1. */
    private static final int CHUNK_ELEMS = 64;

    /** A thread's engine and the scratch it encodes field elements into. */
    private static final class Context {
        final MessageDigest md;
        final byte[] scratch = new byte[CHUNK_ELEMS * 8];

        Context() {
            try {
                md = MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
                // Every Java SE platform must provide SHA-256.
                throw new IllegalStateException("SHA-256 missing from this JDK", e);
            }
        }
    }

    private static final ThreadLocal<Context> CONTEXT = ThreadLocal.withInitial(Context::new);

    private Sha256Hash() {}

    @Override
    public HashProfile profile() {
        return HashProfile.SHA256;
    }

    @Override
    public void hash(byte[] data, int off, int len, byte[] out, int outOff) {
        Objects.checkFromIndexSize(off, len, data.length);
        Objects.checkFromIndexSize(outOff, DIGEST_BYTES, out.length);
        MessageDigest md = CONTEXT.get().md;
        md.update(data, off, len);
        finish(md, out, outOff);
    }

    @Override
    public void compress(byte[] in, int inOff, byte[] out, int outOff) {
        hash(in, inOff, 2 * DIGEST_BYTES, out, outOff);
    }

    @Override
    public void compress(byte[] left, int leftOff, byte[] right, int rightOff, byte[] out, int outOff) {
        Objects.checkFromIndexSize(leftOff, DIGEST_BYTES, left.length);
        Objects.checkFromIndexSize(rightOff, DIGEST_BYTES, right.length);
        Objects.checkFromIndexSize(outOff, DIGEST_BYTES, out.length);
        MessageDigest md = CONTEXT.get().md;
        md.update(left, leftOff, DIGEST_BYTES);
        md.update(right, rightOff, DIGEST_BYTES);
        finish(md, out, outOff);
    }

    @Override
    public void hashElements(long[] elems, int off, int len, byte[] salt, byte[] out, int outOff) {
        Objects.checkFromIndexSize(off, len, elems.length);
        Objects.checkFromIndexSize(outOff, DIGEST_BYTES, out.length);
        // Check everything before touching the engine, so a failure leaves it clean.
        requireCanonical(elems, off, len);
        Context ctx = CONTEXT.get();
        MessageDigest md = ctx.md;
        byte[] scratch = ctx.scratch;
        int end = off + len;
        while (off < end) {
            int n = Math.min(CHUNK_ELEMS, end - off);
            for (int i = 0; i < n; i++) {
                Bytes.BE_LONG.set(scratch, 8 * i, elems[off + i]);
            }
            md.update(scratch, 0, 8 * n);
            off += n;
        }
        if (salt != null) {
            md.update(salt, 0, salt.length);
        }
        finish(md, out, outOff);
    }

    static void requireCanonical(long[] elems, int off, int len) {
        for (int i = off, end = off + len; i < end; i++) {
            if (!Goldilocks.isCanonical(elems[i])) {
                throw new IllegalArgumentException("element " + i + " is not canonical: "
                        + Long.toUnsignedString(elems[i]));
            }
        }
    }

    private static void finish(MessageDigest md, byte[] out, int outOff) {
        try {
            md.digest(out, outOff, DIGEST_BYTES);
        } catch (DigestException e) {
            // Unreachable: the output range was checked to hold 32 bytes.
            throw new IllegalStateException(e);
        }
    }
}
