package io.zkinfer.commit.whir;

import java.util.Arrays;

/**
 * How a batch of polynomials of different sizes is laid out as one polynomial (stacking).
 *
 * <p>The batch becomes one multilinear polynomial F of M variables whose hypercube holds every
 * polynomial in its own aligned block: polynomial i, with m_i variables at offset o_i (a
 * multiple of 2^m_i), satisfies f_i(z) = F(z, bits of o_i / 2^m_i), the block's index bits
 * fixing the top M - m_i variables. So every claim about any polynomial is a claim about F at
 * one point, and one WHIR instance opens the whole batch. Blocks are placed largest first, which
 * keeps every offset aligned; a hiding commitment adds one more block of random values (the
 * mask). Unused space is zero.
 */
final class StackLayout {
    private final int[] logSizes;
    private final int[] offsets;
    private final int maskLog;
    private final int maskOffset;
    private final int numVariables;

    private StackLayout(int[] logSizes, int[] offsets, int maskLog, int maskOffset, int numVariables) {
        this.logSizes = logSizes;
        this.offsets = offsets;
        this.maskLog = maskLog;
        this.maskOffset = maskOffset;
        this.numVariables = numVariables;
    }

    /**
     * @param logSizes variables of each polynomial, in caller order
     * @param maskLog  variables of the random mask block, or -1 for none
     */
    static StackLayout of(int[] logSizes, int maskLog) {
        int n = logSizes.length;
        int blocks = n + (maskLog >= 0 ? 1 : 0);
        Integer[] order = new Integer[blocks];
        for (int i = 0; i < blocks; i++) {
            order[i] = i;
        }
        // Largest first; the mask (index n) sorts like any block of its size.
        Arrays.sort(order, (a, b) -> Integer.compare(logOf(logSizes, maskLog, b), logOf(logSizes, maskLog, a)));
        long offset = 0;
        int[] offsets = new int[n];
        int maskOffset = -1;
        for (int idx : order) {
            int log = logOf(logSizes, maskLog, idx);
            if (idx == n) {
                maskOffset = (int) offset;
            } else {
                offsets[idx] = (int) offset;
            }
            offset += 1L << log;
            if (offset > (1L << WhirPlan.MAX_VARIABLES)) {
                throw new IllegalArgumentException("the batch holds more than 2^" + WhirPlan.MAX_VARIABLES
                        + " evaluations");
            }
        }
        int m = Math.max(1, 64 - Long.numberOfLeadingZeros(offset - 1));
        return new StackLayout(logSizes.clone(), offsets, maskLog, maskOffset, m);
    }

    private static int logOf(int[] logSizes, int maskLog, int idx) {
        return idx == logSizes.length ? maskLog : logSizes[idx];
    }

    int polynomials() {
        return logSizes.length;
    }

    int logSize(int i) {
        return logSizes[i];
    }

    int offset(int i) {
        return offsets[i];
    }

    int maskLog() {
        return maskLog;
    }

    int maskOffset() {
        return maskOffset;
    }

    /** Variables M of the stacked polynomial. */
    int numVariables() {
        return numVariables;
    }

    /**
     * The value of variable j (for j >= m_i) fixed by polynomial i's block: bit j of its offset.
     */
    long blockBit(int i, int j) {
        return (offsets[i] >>> j) & 1;
    }
}
