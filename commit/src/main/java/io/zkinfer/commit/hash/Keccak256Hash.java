package io.zkinfer.commit.hash;

import java.util.Objects;

/** Ethereum's Keccak-256 through our {@link Keccak256} sponge, one engine per thread. */
final class Keccak256Hash implements HashFunction {
    static final Keccak256Hash INSTANCE = new Keccak256Hash();

    private static final ThreadLocal<Keccak256> ENGINE = ThreadLocal.withInitial(Keccak256::new);

    private Keccak256Hash() {}

    @Override
    public HashProfile profile() {
        return HashProfile.KECCAK256;
    }

    @Override
    public void hash(byte[] data, int off, int len, byte[] out, int outOff) {
        Objects.checkFromIndexSize(off, len, data.length);
        Objects.checkFromIndexSize(outOff, DIGEST_BYTES, out.length);
        Keccak256 k = ENGINE.get();
        k.update(data, off, len);
        k.digest(out, outOff);
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
        Keccak256 k = ENGINE.get();
        k.update(left, leftOff, DIGEST_BYTES);
        k.update(right, rightOff, DIGEST_BYTES);
        k.digest(out, outOff);
    }

    @Override
    public void hashElements(long[] elems, int off, int len, byte[] salt, byte[] out, int outOff) {
        Objects.checkFromIndexSize(off, len, elems.length);
        Objects.checkFromIndexSize(outOff, DIGEST_BYTES, out.length);
        Sha256Hash.requireCanonical(elems, off, len);
        Keccak256 k = ENGINE.get();
        for (int i = off, end = off + len; i < end; i++) {
            k.updateLongBE(elems[i]);
        }
        if (salt != null) {
            k.update(salt, 0, salt.length);
        }
        k.digest(out, outOff);
    }
}
