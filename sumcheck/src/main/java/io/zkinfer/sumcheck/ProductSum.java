package io.zkinfer.sumcheck;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.field.Multilinear;
import java.util.ArrayList;
import java.util.List;

/**
 * The polynomial a sumcheck sums over the Boolean hypercube: sum_t c_t prod_{j in S_t} f_j(b),
 * a linear combination of products of multilinear factors f_j, all of the same number of
 * variables. The degree is the largest product (at most {@link #MAX_DEGREE}). Factors are given
 * by their evaluations (variable j is index bit j, as in {@link Multilinear}), base-field or
 * extension (interleaved); coefficients are extension elements. Immutable once built; the
 * prover works on its own copies.
 */
public final class ProductSum {
    /** The largest product degree supported. */
    public static final int MAX_DEGREE = 4;

    final ExtensionField ext;
    final int numVariables;
    final List<long[]> factors;
    final boolean[] baseFactor;
    final long[][] coefficients;
    final int[][] terms;
    final int degree;

    private ProductSum(Builder b) {
        this.ext = b.ext;
        this.numVariables = b.numVariables;
        this.factors = List.copyOf(b.factors);
        this.baseFactor = new boolean[b.factors.size()];
        for (int i = 0; i < baseFactor.length; i++) {
            baseFactor[i] = b.base.get(i);
        }
        this.coefficients = b.coefficients.toArray(long[][]::new);
        this.terms = b.terms.toArray(int[][]::new);
        int deg = 1;
        for (int[] t : terms) {
            deg = Math.max(deg, t.length);
        }
        this.degree = deg;
    }

    /** Starts an instance over {@code ext} with factors of {@code numVariables} variables. */
    public static Builder builder(ExtensionField ext, int numVariables) {
        if (numVariables < 0 || numVariables > 30) {
            throw new IllegalArgumentException("variables must be in [0, 30], got " + numVariables);
        }
        return new Builder(ext, numVariables);
    }

    public ExtensionField extension() {
        return ext;
    }

    public int numVariables() {
        return numVariables;
    }

    /** The largest number of factors in one product: the degree of each round polynomial. */
    public int degree() {
        return degree;
    }

    public int factorCount() {
        return factors.size();
    }

    /**
     * sum_t c_t prod_j values[j] for the factors' values at one point: what the final claim of a
     * sumcheck must equal once every factor has been evaluated at the sub-claim's point.
     */
    public long[] combine(long[][] values) {
        if (values.length != factors.size()) {
            throw new IllegalArgumentException(values.length + " values for " + factors.size() + " factors");
        }
        long[] sum = ext.zero();
        for (int t = 0; t < terms.length; t++) {
            long[] prod = coefficients[t].clone();
            for (int j : terms[t]) {
                prod = ext.mul(prod, values[j]);
            }
            sum = ext.add(sum, prod);
        }
        return sum;
    }

    /** The sum over the hypercube, computed directly: the claim an honest prover proves. */
    public long[] sum() {
        int d = ext.degree();
        int n = 1 << numVariables;
        long[] total = ext.zero();
        long[][] values = new long[factors.size()][];
        for (int b = 0; b < n; b++) {
            for (int j = 0; j < values.length; j++) {
                long[] f = factors.get(j);
                values[j] = baseFactor[j] ? ext.fromBase(f[b]) : java.util.Arrays.copyOfRange(f, b * d, b * d + d);
            }
            total = ext.add(total, combine(values));
        }
        return total;
    }

    /** Collects factors and product terms. */
    public static final class Builder {
        private final ExtensionField ext;
        private final int numVariables;
        private final List<long[]> factors = new ArrayList<>();
        private final List<Boolean> base = new ArrayList<>();
        private final List<long[]> coefficients = new ArrayList<>();
        private final List<int[]> terms = new ArrayList<>();

        private Builder(ExtensionField ext, int numVariables) {
            this.ext = ext;
            this.numVariables = numVariables;
        }

        /** Adds a base-field factor (2^m canonical values); returns its index. */
        public int addBase(long[] evaluations) {
            if (evaluations.length != 1 << numVariables) {
                throw new IllegalArgumentException("a factor of " + numVariables + " variables has " + (1 << numVariables)
                        + " evaluations, got " + evaluations.length);
            }
            for (long x : evaluations) {
                if (!Goldilocks.isCanonical(x)) {
                    throw new IllegalArgumentException("non-canonical factor value");
                }
            }
            factors.add(evaluations);
            base.add(true);
            return factors.size() - 1;
        }

        /** Adds an extension factor (2^m interleaved elements); returns its index. */
        public int addExtension(long[] evaluations) {
            if (evaluations.length != ext.degree() << numVariables) {
                throw new IllegalArgumentException("an extension factor of " + numVariables + " variables has "
                        + (ext.degree() << numVariables) + " limbs, got " + evaluations.length);
            }
            factors.add(evaluations);
            base.add(false);
            return factors.size() - 1;
        }

        /** Adds the term {@code coefficient * prod factors}. */
        public Builder term(long[] coefficient, int... factorIndices) {
            if (coefficient.length != ext.degree()) {
                throw new IllegalArgumentException("a coefficient is one extension element");
            }
            if (factorIndices.length < 1 || factorIndices.length > MAX_DEGREE) {
                throw new IllegalArgumentException("a term multiplies 1 to " + MAX_DEGREE + " factors, got "
                        + factorIndices.length);
            }
            for (int j : factorIndices) {
                if (j < 0 || j >= factors.size()) {
                    throw new IllegalArgumentException("no factor " + j);
                }
            }
            coefficients.add(coefficient.clone());
            terms.add(factorIndices.clone());
            return this;
        }

        /** {@link #term(long[], int...)} with coefficient 1. */
        public Builder term(int... factorIndices) {
            return term(ext.one(), factorIndices);
        }

        public ProductSum build() {
            if (terms.isEmpty()) {
                throw new IllegalArgumentException("a sum needs at least one term");
            }
            return new ProductSum(this);
        }
    }
}
