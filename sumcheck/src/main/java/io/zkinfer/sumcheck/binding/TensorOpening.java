package io.zkinfer.sumcheck.binding;

/**
 * What the committer keeps secret: the tensor's values (signed, logical, row-major) and the salt
 * (signed, [chunks, 2^saltVariables], row-major). The prover needs both. {@link #toString} shows
 * neither, so an opening never ends up in a log.
 */
public record TensorOpening(long[] values, long[] salt) {
    public TensorOpening {
        values = values.clone();
        salt = salt.clone();
    }

    @Override
    public long[] values() {
        return values.clone();
    }

    @Override
    public long[] salt() {
        return salt.clone();
    }

    @Override
    public String toString() {
        return "TensorOpening[" + values.length + " values, " + salt.length + " salt entries: secret]";
    }
}
