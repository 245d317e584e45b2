package io.zkinfer.sumcheck.lookup;

import java.util.Arrays;

/**
 * A fractional-sum GKR proof over n variables, all elements in the extension (d limbs each):
 *
 * <ul>
 *   <li>{@code root}: P then Q, the root fraction (2d limbs);
 *   <li>{@code messages[k]} for layers k = 0..n-1: the layer sumcheck's k round messages, each
 *       h(0), h(2), h(3) (3d limbs);
 *   <li>{@code children[k]}: p_l, p_r, q_l, q_r at layer k's sumcheck point (4d limbs).
 * </ul>
 *
 * That is 2 + 4n + 3n(n-1)/2 extension elements. The record copies its arrays on the way in and
 * out and accepts any shape (nulls included): {@link FractionalSum#verify} checks the shape.
 */
public record FractionalSumProof(long[] root, long[][][] messages, long[][] children) {
    public FractionalSumProof {
        root = Copies.of(root);
        messages = Copies.of(messages);
        children = Copies.of(children);
    }

    @Override
    public long[] root() {
        return Copies.of(root);
    }

    @Override
    public long[][][] messages() {
        return Copies.of(messages);
    }

    @Override
    public long[][] children() {
        return Copies.of(children);
    }

    /** The number of extension elements this proof holds (0 for parts that are missing). */
    public int elementCount(int degree) {
        long limbs = root == null ? 0 : root.length;
        if (messages != null) {
            for (long[][] layer : messages) {
                for (long[] m : layer == null ? new long[0][] : layer) {
                    limbs += m == null ? 0 : m.length;
                }
            }
        }
        if (children != null) {
            for (long[] c : children) {
                limbs += c == null ? 0 : c.length;
            }
        }
        return (int) (limbs / degree);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FractionalSumProof p && Arrays.equals(p.root, root)
                && Arrays.deepEquals(p.messages, messages) && Arrays.deepEquals(p.children, children);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(new Object[] {root, messages, children});
    }

    @Override
    public String toString() {
        return "FractionalSumProof" + Copies.show(new Object[] {root, messages, children});
    }
}
