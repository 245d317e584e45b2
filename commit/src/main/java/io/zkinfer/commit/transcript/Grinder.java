package io.zkinfer.commit.transcript;

import io.zkinfer.commit.hash.HashFunction;
import io.zkinfer.commit.internal.Bytes;
import io.zkinfer.field.Parallel;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Proof-of-work search and check: a nonce n is good for state S and {@code bits} when the first
 * 8 bytes of H(S || 0xF1 || u64be(n)), read as a big-endian unsigned integer, have at least
 * {@code bits} leading zero bits.
 */
final class Grinder {
    /** Nonces per work unit: large enough to amortize coordination, small enough to stop soon. */
    private static final int CHUNK = 1 << 12;
    /** Below this difficulty (2^15 expected hashes, a few ms) one thread is faster than two. */
    private static final int PARALLEL_BITS = 16;
    private static final int INPUT_BYTES = 32 + 1 + 8;

    private Grinder() {}

    /** True iff {@code nonce} meets the difficulty for {@code state}. */
    static boolean check(HashFunction h, byte[] state, int bits, long nonce) {
        byte[] in = input(state);
        return good(h, in, new byte[HashFunction.DIGEST_BYTES], bits, nonce);
    }

    /**
     * The smallest good nonce (nonces ordered as unsigned integers). Expected 2^bits hashes.
     * With several cores, each thread scans its own chunks in increasing order and stops once
     * its next chunk starts above the best nonce found so far; every chunk below the final best
     * is then fully scanned, so the result is the global minimum, independent of thread timing.
     */
    static long search(HashFunction h, byte[] state, int bits) {
        int tasks = bits >= PARALLEL_BITS ? Parallel.threads() : 1;
        AtomicLong best = new AtomicLong(Long.MAX_VALUE);
        Parallel.forTasks(tasks, t -> {
            byte[] in = input(state);
            byte[] out = new byte[HashFunction.DIGEST_BYTES];
            for (long chunk = t; ; chunk += tasks) {
                long start = chunk * CHUNK;
                if (start >= best.get()) {
                    return;
                }
                for (long n = start; n < start + CHUNK; n++) {
                    if (good(h, in, out, bits, n)) {
                        best.accumulateAndGet(n, Math::min);
                        return;
                    }
                }
            }
        });
        return best.get();
    }

    private static byte[] input(byte[] state) {
        byte[] in = new byte[INPUT_BYTES];
        System.arraycopy(state, 0, in, 0, 32);
        in[32] = Transcript.TAG_POW_HASH;
        return in;
    }

    private static boolean good(HashFunction h, byte[] in, byte[] out, int bits, long nonce) {
        Bytes.putLongBE(in, 33, nonce);
        h.hash(in, 0, INPUT_BYTES, out, 0);
        return Long.numberOfLeadingZeros(Bytes.getLongBE(out, 0)) >= bits;
    }
}
