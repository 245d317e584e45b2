package io.zkinfer.prover;

import io.zkinfer.sumcheck.binding.InvalidCommitmentException;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/** The secrets' arrays of signed 64-bit integers: u32 count, then the values. */
final class LongArrays {
    /** No array holds more entries than this (2^28): a bound on what decoding allocates. */
    static final int MAX_VALUES = 1 << 28;

    private LongArrays() {}

    static void write(DataOutputStream out, long[] v) throws IOException {
        out.writeInt(v.length);
        for (long x : v) {
            out.writeLong(x);
        }
    }

    /**
     * Reads one array, refusing a count beyond {@link #MAX_VALUES} or the bytes left.
     *
     * @param what the array, for the message ("model secret: tensor 'w'")
     */
    static long[] read(ByteBuffer b, String what) throws InvalidCommitmentException {
        int n = b.getInt();
        if (n < 0 || n > MAX_VALUES || (long) n * 8 > b.remaining()) {
            throw new InvalidCommitmentException(what + " declares " + n + " entries, more than the " + b.remaining()
                    + " bytes left");
        }
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.getLong();
        }
        return v;
    }
}
