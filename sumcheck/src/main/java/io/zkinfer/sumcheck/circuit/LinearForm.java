package io.zkinfer.sumcheck.circuit;

import io.zkinfer.field.ExtensionField;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * A linear combination of evaluations of committed polynomials plus a constant:
 * c_0 + sum_t c_t P_t(z_t). A term names a committed tensor by id, or the proof's mask pool
 * ({@link #POOL}, an extension-valued vector). Zero-knowledge proofs check relations as
 * "form = value" claims on the commitment, which reveal only the value. Immutable.
 */
public final class LinearForm {
    /** The tensor id that stands for the mask pool of the main commitment. */
    public static final int POOL = -1;
    /** coefficient * (tensor at point). */
    public record Term(int tensor, long[] point, long[] coefficient) {}

    private final List<Term> terms;
    private final long[] constant;

    private LinearForm(List<Term> terms, long[] constant) {
        this.terms = Collections.unmodifiableList(terms);
        this.constant = constant;
    }

    public static LinearForm constant(long[] c) {
        return new LinearForm(List.of(), c.clone());
    }

    /** coefficient * tensor(point). */
    public static LinearForm of(ExtensionField ext, int tensor, long[] point, long[] coefficient) {
        return new LinearForm(List.of(new Term(tensor, point.clone(), coefficient.clone())), ext.zero());
    }

    /** tensor(point). */
    public static LinearForm of(ExtensionField ext, int tensor, long[] point) {
        return of(ext, tensor, point, ext.one());
    }

    public List<Term> terms() {
        return terms;
    }

    public long[] constant() {
        return constant.clone();
    }

    public LinearForm plus(ExtensionField ext, LinearForm o) {
        List<Term> t = new ArrayList<>(terms);
        t.addAll(o.terms);
        return new LinearForm(t, ext.add(constant, o.constant));
    }

    public LinearForm times(ExtensionField ext, long[] s) {
        List<Term> t = new ArrayList<>(terms.size());
        for (Term term : terms) {
            t.add(new Term(term.tensor(), term.point(), ext.mul(term.coefficient(), s)));
        }
        return new LinearForm(t, ext.mul(constant, s));
    }

    public LinearForm minus(ExtensionField ext, LinearForm o) {
        return plus(ext, o.times(ext, ext.neg(ext.one())));
    }
}
