package io.zkinfer.sumcheck.circuit;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.ProductSum;
import io.zkinfer.sumcheck.SumcheckProver;
import java.util.ArrayList;
import java.util.List;

/**
 * The zero-knowledge sumcheck (Libra's masking, with the claimed sum kept hidden). The prover
 * has committed, in the mask pool, a random g = sum_i g_i(x_i) with each g_i of degree at most
 * {@link #DEGREE}; after the challenge rho it runs the sumcheck of f + rho g, sending every
 * round polynomial h_i as its values at 0..D_i, D_i its degree ({@link #roundDegree}: f's own
 * before the last round, at most 7), except h_i(1) after the first round, which the verifier
 * derives from the previous round (h_i(0) + h_i(1) = h_(i-1)(s_(i-1))). The claimed sum S of f is never sent: the first
 * round's check h_0(0) + h_0(1) = S + rho G (G the sum of g) becomes a linear claim on the
 * commitment, with S given as a {@link LinearForm} (a committed tensor's value at a point, say),
 * or, with a null form, left to the caller as {@link Result#entryValue} = S + {@link Result#maskSum}
 * (several sumchecks whose sums add up to one form).
 * Masked factors (see {@link ZkFactor}) have their mask term in the last round, and their final
 * values, sent, are each a linear claim T(z) + Z(z) c = v. What is left, h_last(s) - rho g(s) =
 * f(final values), is returned as the exit form for the layer to close.
 *
 * <p>Soundness: rho is drawn after g is committed, so a false S gives a false S + rho G except
 * with probability 1 / |F|; the rounds of f + rho g (individual degree at most 7) err with
 * probability 7 / |F| each. Each g_i has the degree of its round, so that h_i is f's round
 * polynomial plus a uniformly random one of the same degree.
 */
public final class ZkSumcheck {
    /**
     * Test hook: when set, intermediate factors are revealed without their masks (the proof then
     * fails verification); a zero-knowledge test uses it to show what the masks hide.
     */
    static final ThreadLocal<Boolean> UNMASKED_INTERMEDIATES = ThreadLocal.withInitial(() -> false);

    /**
     * Test hook: when set, the prover passes the final values to it just before sending them, and
     * sends what it leaves there (a forgery that picks revealed values after the last challenge).
     * Never set outside tests.
     */
    public static final ThreadLocal<java.util.function.Consumer<long[][]>> BEFORE_REVEAL = new ThreadLocal<>();

    /** The highest degree of a round message (the masking polynomial's). */
    public static final int DEGREE = 7;

    /**
     * The degree of round i's message (and of its masking polynomial g_i) for a sum of products
     * of at most {@code degree} factors over {@code n} variables: before the last round, the
     * product's degree; in the last, where each masked factor gains Z's x (1 - x), twice that.
     * Rounded up to 1, 3 or 7 ({@link MaskPool#slotBits}).
     */
    static int roundDegree(int degree, int n, int i) {
        int need = i == n - 1 ? 2 * degree : degree;
        if (need > DEGREE) {
            throw new IllegalArgumentException("a zero-knowledge sumcheck of degree " + degree + " needs rounds of degree "
                    + need + ", above " + DEGREE);
        }
        return need <= 1 ? 1 : need <= 3 ? 3 : DEGREE;
    }

    private ZkSumcheck() {}

    /**
     * What a zero-knowledge sumcheck leaves: its point, each factor's value (masked values for
     * masked factors, plain values for public and hidden ones on the prover, null on the
     * verifier for public and hidden ones), and the exit form, equal to f(values) when honest;
     * on the prover also every factor's unmasked value at the point ({@code plainValues}, null on
     * the verifier), which is never sent.
     */
    public record Result(long[] point, long[][] values, LinearForm exit, long[] entryValue, LinearForm maskSum,
            LinearForm[] maskForms, long[][] plainValues) {}

    /** Pool slots a sumcheck of {@code variables} rounds with {@code masked} masked factors takes. */
    public static int slots(int variables, int masked) {
        return variables + masked;
    }

    public static Result prove(ProverContext ctx, String label, ProductSum f, long[] claim, LinearForm claimForm,
            ZkFactor[] factors) {
        return prove(ctx, label, f, new SumcheckProver(f), claim, claimForm, factors);
    }

    /**
     * {@link #prove(ProverContext, String, ProductSum, long[], LinearForm, ZkFactor[])} with the
     * rounds of f computed by {@code rounds} (a prover for f's particular shape); f still gives
     * the degree, the factors' count and how their values combine.
     */
    public static Result prove(ProverContext ctx, String label, ProductSum f, io.zkinfer.sumcheck.RoundProver rounds,
            long[] claim, LinearForm claimForm, ZkFactor[] factors) {
        ExtensionField ext = ctx.ext();
        int d = ext.degree();
        int n = f.numVariables();
        check(f, factors);
        MaskPool pool = ctx.pool();
        int[] gSlots = takeSlots(pool, n);
        int[] cSlots = maskSlots(pool, factors);
        int degree = f.degree();
        ctx.absorbInt(label + "/variables", n);
        ctx.absorbInt(label + "/degree", degree);
        long[] rho = ctx.challenge(label + "/mask-challenge");
        // tail[i] = sum_{j > i} (g_j(0) + g_j(1)).
        long[][] tail = new long[n + 1][];
        tail[n] = ext.zero();
        for (int i = n - 1; i >= 0; i--) {
            int gd = roundDegree(degree, n, i);
            tail[i] = ext.add(tail[i + 1], ext.add(pool.evaluate(gSlots[i], ext.zero(), gd),
                    pool.evaluate(gSlots[i], ext.one(), gd)));
        }
        io.zkinfer.sumcheck.RoundProver prover = rounds;
        long[] claimF = claim;
        long[] gSoFar = ext.zero();
        long[] point = new long[n * d];
        long[] vanish = ext.one();
        long[] first = null;
        long[] lastH = null;
        long[][] pairs = null;
        long[][] masks = new long[factors.length][];
        for (int i = 0; i < n; i++) {
            int hd = roundDegree(degree, n, i);
            long[] fv;
            if (i < n - 1) {
                long[] msg = prover.roundMessage(claimF);
                long[] base = new long[(degree + 1) * d];
                System.arraycopy(msg, 0, base, 0, d);
                System.arraycopy(ext.sub(claimF, ext.get(msg, 0)), 0, base, d, d);
                System.arraycopy(msg, d, base, 2 * d, (degree - 1) * d);
                fv = Univariate.extend(ext, base, hd + 1);
            } else {
                pairs = prover.lastRoundPairs();
                for (int j = 0; j < factors.length; j++) {
                    if (factors[j].kind() == ZkFactor.Kind.INTERMEDIATE && UNMASKED_INTERMEDIATES.get()) {
                        masks[j] = ext.zero();
                    } else if (factors[j].isMasked()) {
                        long[] fixedZ = factors[j].fixedZ() == null ? ext.one() : factors[j].fixedZ();
                        masks[j] = ext.mul(ext.mul(pool.entry(cSlots[j], 0), fixedZ), vanish);
                    }
                }
                fv = new long[(hd + 1) * d];
                for (int x = 0; x <= hd; x++) {
                    System.arraycopy(f.combine(lastValues(ext, pairs, masks, ext.fromBase(x))), 0, fv, x * d, d);
                }
            }
            long scale = Goldilocks.pow(2, n - 1 - i);
            long[] h = new long[(hd + 1) * d];
            for (int x = 0; x <= hd; x++) {
                long[] g = ext.mulBase(ext.add(gSoFar, pool.evaluate(gSlots[i], ext.fromBase(x), hd)), scale);
                if (i < n - 1) {
                    g = ext.add(g, ext.mulBase(tail[i + 1], Goldilocks.pow(2, n - 2 - i)));
                }
                System.arraycopy(ext.add(ext.get(fv, x), ext.mul(rho, g)), 0, h, x * d, d);
            }
            ctx.send(label + "/round", i == 0 ? h : withoutOne(ext, h));
            if (i == 0) {
                first = h;
            }
            lastH = h;
            long[] s = ctx.challenge(label + "/challenge");
            System.arraycopy(s, 0, point, i * d, d);
            claimF = Univariate.evaluate(ext, fv, s);
            gSoFar = ext.add(gSoFar, pool.evaluate(gSlots[i], s, hd));
            if (i < n - 1) {
                prover.bind(s);
                vanish = ext.mul(vanish, ext.mul(s, ext.sub(ext.one(), s)));
            }
        }
        long[] last = ext.get(point, n - 1);
        long[][] values = lastValues(ext, pairs, masks, last);
        long[][] plain = lastValues(ext, pairs, new long[factors.length][], last);
        if (BEFORE_REVEAL.get() != null) {
            BEFORE_REVEAL.get().accept(values);
        }
        List<long[]> revealed = new ArrayList<>();
        for (int j = 0; j < factors.length; j++) {
            if (factors[j].isMasked()) {
                revealed.add(values[j]);
            }
        }
        if (!revealed.isEmpty()) {
            ctx.send(label + "/masked", Eq.concat(revealed.toArray(long[][]::new)));
        }
        long[] entryValue = ext.add(ext.get(first, 0), ext.get(first, 1));
        LinearForm maskSum = sumOfG(ext, pool, gSlots, degree).times(ext, rho);
        if (claimForm != null) {
            ctx.formClaim(claimForm.plus(ext, maskSum), entryValue);
        }
        recordMasked(ctx.ext(), ctx::formClaim, pool, factors, cSlots, point, values);
        long[] hLast = Univariate.evaluate(ext, lastH, last);
        return new Result(point, values, exit(ext, pool, gSlots, degree, point, rho, hLast), entryValue, maskSum,
                intermediateMasks(ext, pool, factors, cSlots, point), plain);
    }

    /**
     * Checks a zero-knowledge sumcheck of a sum of products of at most {@code degree} factors
     * (the prover's {@code f.degree()}) over {@code n} variables.
     */
    public static Result verify(VerifierContext ctx, String label, int n, int degree, LinearForm claimForm,
            ZkFactor[] factors) throws ProofException {
        ExtensionField ext = ctx.ext();
        int d = ext.degree();
        if (n < 1) {
            throw new IllegalArgumentException("a zero-knowledge sumcheck needs at least one variable");
        }
        MaskPool pool = ctx.pool();
        int[] gSlots = takeSlots(pool, n);
        int[] cSlots = maskSlots(pool, factors);
        ctx.absorbInt(label + "/variables", n);
        ctx.absorbInt(label + "/degree", degree);
        long[] rho = ctx.challenge(label + "/mask-challenge");
        long[] point = new long[n * d];
        long[] prev = null;
        long[] entryValue = null;
        for (int i = 0; i < n; i++) {
            int hd = roundDegree(degree, n, i);
            long[] h;
            if (i == 0) {
                h = ctx.receive(label + "/round", hd + 1);
                entryValue = ext.add(ext.get(h, 0), ext.get(h, 1));
            } else {
                // h(1) is not sent: it is what continues the previous round, prev - h(0).
                h = withOne(ext, ctx.receive(label + "/round", hd), prev);
            }
            long[] s = ctx.challenge(label + "/challenge");
            System.arraycopy(s, 0, point, i * d, d);
            prev = Univariate.evaluate(ext, h, s);
        }
        int maskedCount = 0;
        for (ZkFactor z : factors) {
            maskedCount += z.isMasked() ? 1 : 0;
        }
        long[][] values = new long[factors.length][];
        if (maskedCount > 0) {
            long[] sent = ctx.receive(label + "/masked", maskedCount);
            int k = 0;
            for (int j = 0; j < factors.length; j++) {
                if (factors[j].isMasked()) {
                    values[j] = ext.get(sent, k++);
                }
            }
        }
        LinearForm maskSum = sumOfG(ext, pool, gSlots, degree).times(ext, rho);
        if (claimForm != null) {
            ctx.formClaim(claimForm.plus(ext, maskSum), entryValue);
        }
        recordMasked(ext, ctx::formClaim, pool, factors, cSlots, point, values);
        return new Result(point, values, exit(ext, pool, gSlots, degree, point, rho, prev), entryValue, maskSum,
                intermediateMasks(ext, pool, factors, cSlots, point), null);
    }

    private static void check(ProductSum f, ZkFactor[] factors) {
        if (f.numVariables() < 1) {
            throw new IllegalArgumentException("a zero-knowledge sumcheck needs at least one variable");
        }
        if (factors.length != f.factorCount()) {
            throw new IllegalArgumentException("one ZkFactor per factor: " + f.factorCount() + ", got " + factors.length);
        }
    }

    private static int[] takeSlots(MaskPool pool, int n) {
        int[] slots = new int[n];
        for (int i = 0; i < n; i++) {
            slots[i] = pool.take();
        }
        return slots;
    }

    private static int[] maskSlots(MaskPool pool, ZkFactor[] factors) {
        int[] slots = new int[factors.length];
        for (int j = 0; j < factors.length; j++) {
            slots[j] = factors[j].isMasked() ? pool.take() : -1;
        }
        return slots;
    }

    /** Factor values at the last variable x: a0 + (a1 - a0) x + m x (1 - x). */
    private static long[][] lastValues(ExtensionField ext, long[][] pairs, long[][] masks, long[] x) {
        int d = ext.degree();
        long[][] out = new long[pairs.length][];
        long[] xx = ext.mul(x, ext.sub(ext.one(), x));
        for (int j = 0; j < pairs.length; j++) {
            long[] a0 = java.util.Arrays.copyOfRange(pairs[j], 0, d);
            long[] a1 = java.util.Arrays.copyOfRange(pairs[j], d, 2 * d);
            long[] v = ext.add(a0, ext.mul(ext.sub(a1, a0), x));
            if (masks[j] != null) {
                v = ext.add(v, ext.mul(masks[j], xx));
            }
            out[j] = v;
        }
        return out;
    }

    /** G = sum over the hypercube of g = 2^(n-1) sum_i (g_i(0) + g_i(1)). */
    private static LinearForm sumOfG(ExtensionField ext, MaskPool pool, int[] gSlots, int degree) {
        int n = gSlots.length;
        LinearForm g = LinearForm.constant(ext.zero());
        long[] scale = ext.fromBase(Goldilocks.pow(2, n - 1));
        for (int i = 0; i < n; i++) {
            g = g.plus(ext, pool.zeroPlusOneForm(gSlots[i], scale, roundDegree(degree, n, i)));
        }
        return g;
    }

    /** h_last(s) - rho g(s), g(s) = sum_i g_i(s_i). */
    private static LinearForm exit(ExtensionField ext, MaskPool pool, int[] gSlots, int degree, long[] point,
            long[] rho, long[] hLast) {
        int n = gSlots.length;
        LinearForm form = LinearForm.constant(hLast);
        long[] minusRho = ext.neg(rho);
        for (int i = 0; i < n; i++) {
            form = form.plus(ext, pool.polynomialForm(gSlots[i], ext.get(point, i), minusRho,
                    roundDegree(degree, n, i)));
        }
        return form;
    }

    /** A round's values at 0..D without the value at 1 (which the verifier derives). */
    private static long[] withoutOne(ExtensionField ext, long[] h) {
        int d = ext.degree();
        long[] out = new long[h.length - d];
        System.arraycopy(h, 0, out, 0, d);
        System.arraycopy(h, 2 * d, out, d, h.length - 2 * d);
        return out;
    }

    /** The round's values at 0..D from those at 0, 2..D and the value h(0) + h(1) must take. */
    private static long[] withOne(ExtensionField ext, long[] sent, long[] sum) {
        int d = ext.degree();
        long[] h = new long[sent.length + d];
        System.arraycopy(sent, 0, h, 0, d);
        System.arraycopy(ext.sub(sum, ext.get(sent, 0)), 0, h, d, d);
        System.arraycopy(sent, d, h, 2 * d, sent.length - d);
        return h;
    }

    /** Z(point) [c_j] for each intermediate factor j (null for the others): what its revealed value adds to T(point). */
    private static LinearForm[] intermediateMasks(ExtensionField ext, MaskPool pool, ZkFactor[] factors, int[] cSlots,
            long[] point) {
        LinearForm[] out = new LinearForm[factors.length];
        long[] zz = ZkFactor.vanishing(ext, point);
        for (int j = 0; j < factors.length; j++) {
            if (factors[j].kind() == ZkFactor.Kind.INTERMEDIATE) {
                out[j] = pool.entryForm(cSlots[j], 0, zz);
            }
        }
        return out;
    }

    interface FormSink {
        void accept(LinearForm form, long[] value);
    }

    /** T(z) + Z(z) c = v - offset(z) for each masked factor. */
    private static void recordMasked(ExtensionField ext, FormSink sink, MaskPool pool, ZkFactor[] factors,
            int[] cSlots, long[] point, long[][] values) {
        for (int j = 0; j < factors.length; j++) {
            ZkFactor z = factors[j];
            if (z.kind() != ZkFactor.Kind.MASKED) {
                continue;
            }
            long[] tensorPoint = z.toTensorPoint().apply(point);
            // Z over the tensor's fixed coordinates times Z over the sumcheck's: the mask vanishes
            // on the sumcheck's hypercube even for a factor broadcast along some of its variables.
            long[] zz = ZkFactor.vanishing(ext, point);
            if (z.fixedZ() != null) {
                zz = ext.mul(zz, z.fixedZ());
            }
            LinearForm form = LinearForm.of(ext, z.tensor(), tensorPoint).plus(ext, pool.entryForm(cSlots[j], 0, zz));
            long[] value = z.offset() == null ? values[j] : ext.sub(values[j], z.offset().apply(tensorPoint));
            sink.accept(form, value);
        }
    }
}
