package io.zkinfer.sumcheck.layer;

import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.lookup.Table;

/**
 * Range checks as lookups: every logical entry of a tensor in [0, 2^bits) or in
 * [-2^(bits-1), 2^(bits-1)). x < t becomes the range check of t - x - 1 (a {@link Linear} layer
 * first). Both tables are closed-form, so the verifier needs no table commitment.
 */
public final class RangeCheck {
    /** The largest range table: 2^16 rows. Wider values are split into limbs. */
    public static final int MAX_BITS = 16;

    private RangeCheck() {}

    /** Constrains {@code tensors} (any shapes) to [0, 2^bits) in one lookup argument. */
    public static int unsigned(CircuitBuilder cb, String name, int bits, int... tensors) {
        return check(cb, name, Table.range(checkBits(bits)), tensors);
    }

    /** Constrains {@code tensors} to [-2^(bits-1), 2^(bits-1)) in one lookup argument. */
    public static int signed(CircuitBuilder cb, String name, int bits, int... tensors) {
        return check(cb, name, Table.signedRange(checkBits(bits)), tensors);
    }

    /**
     * Constrains every entry of {@code tensors}' hypercubes, padding included, to
     * [-2^(bits-1), 2^(bits-1)): for tensors whose padding reaches a digest ({@code Binding}).
     */
    public static int signedCoveringPadding(CircuitBuilder cb, String name, int bits, int... tensors) {
        int[][] sets = new int[tensors.length][];
        long[][] pad = new long[tensors.length][];
        for (int i = 0; i < tensors.length; i++) {
            sets[i] = new int[] {tensors[i]};
            pad[i] = new long[] {0};
        }
        return Lookup.add(cb, name, Table.signedRange(checkBits(bits)), sets, pad, new int[] {-1}, true);
    }

    private static int checkBits(int bits) {
        if (bits < 1 || bits > MAX_BITS) {
            throw new IllegalArgumentException("range checks cover 1 to " + MAX_BITS + " bits, got " + bits
                    + "; split wider values into limbs");
        }
        return bits;
    }

    private static int check(CircuitBuilder cb, String name, Table table, int[] tensors) {
        int[][] sets = new int[tensors.length][];
        long[][] pad = new long[tensors.length][];
        for (int i = 0; i < tensors.length; i++) {
            sets[i] = new int[] {tensors[i]};
            pad[i] = new long[] {0};
        }
        return Lookup.add(cb, name, table, sets, pad, new int[] {-1});
    }
}
