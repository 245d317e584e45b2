package io.zkinfer.commit.whir;

import java.util.Arrays;
import java.util.List;

/**
 * The claim sum_t c_t f_{i_t}(z_t) = value: a linear combination of evaluations of committed
 * polynomials, proven as one claim (only the combination is revealed, not its terms). An
 * {@link EvaluationClaim} is the case of one term with coefficient one. Points and coefficients
 * are extension elements (interleaved, as in {@link EvaluationClaim}). Immutable.
 */
public record LinearClaim(List<Term> terms, long[] value) {
    /** One term: {@code coefficient} times polynomial {@code polynomial} at {@code point}. */
    public record Term(int polynomial, long[] point, long[] coefficient) {
        public Term {
            point = point.clone();
            coefficient = coefficient.clone();
        }

        @Override
        public long[] point() {
            return point.clone();
        }

        @Override
        public long[] coefficient() {
            return coefficient.clone();
        }

        long[] pointUnsafe() {
            return point;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Term t && polynomial == t.polynomial && Arrays.equals(point, t.point)
                    && Arrays.equals(coefficient, t.coefficient);
        }

        @Override
        public int hashCode() {
            return 31 * (31 * polynomial + Arrays.hashCode(point)) + Arrays.hashCode(coefficient);
        }

        @Override
        public String toString() {
            return "Term[polynomial " + polynomial + "]";
        }
    }

    public LinearClaim {
        if (terms.isEmpty()) {
            throw new IllegalArgumentException("a linear claim has at least one term");
        }
        terms = List.copyOf(terms);
        value = value.clone();
    }

    /** The evaluation claim as a one-term linear claim. */
    public static LinearClaim of(EvaluationClaim c, int extensionDegree) {
        long[] one = new long[extensionDegree];
        one[0] = 1;
        return new LinearClaim(List.of(new Term(c.polynomial(), c.point(), one)), c.value());
    }

    @Override
    public long[] value() {
        return value.clone();
    }

    long[] valueUnsafe() {
        return value;
    }

    /** Whether this is a plain evaluation claim (one term, coefficient one). */
    boolean isEvaluation() {
        if (terms.size() != 1) {
            return false;
        }
        long[] c = terms.get(0).coefficient;
        if (c[0] != 1) {
            return false;
        }
        for (int i = 1; i < c.length; i++) {
            if (c[i] != 0) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LinearClaim c && terms.equals(c.terms) && Arrays.equals(value, c.value);
    }

    @Override
    public int hashCode() {
        return 31 * terms.hashCode() + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "LinearClaim[" + terms.size() + " terms]";
    }
}
