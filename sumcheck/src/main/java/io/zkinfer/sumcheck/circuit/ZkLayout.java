package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.commit.whir.WhirProver;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where a zero-knowledge proof commits each private tensor. Most go into the main hiding
 * commitment with the mask pool. That commitment's size is rounded up to a power of two after
 * its mask block: a 2^20-entry weight matrix beside a few small vectors makes a 2^21 stack. A
 * large tensor goes into a commitment of its own when that is cheaper ({@link #of}): a
 * <em>bulk</em> commitment, {@link io.zkinfer.commit.whir.Masking#COMMITTER}-masked, which
 * stays at the tensor's own size.
 *
 * <p>A bulk tensor T is committed as T^ = T + R, where R is a uniformly random vector of the
 * tensor's low {@code maskVariables} variables (R[i] = r[i mod 2^l]), so T^'s codeword symbols
 * are T's plus those of a random polynomial of degree below 2^l: any 2^l of them are uniform.
 * The vector r goes into the main commitment. A claim about T at z becomes a revealed value
 * a = T^(z) (proven by the bulk opening) and the main-commitment term -r(z_low) (docs/SECURITY.md,
 * "Bulk commitments").
 *
 * <p>Prover and verifier derive the same layout from the circuit and the parameters alone.
 */
final class ZkLayout {
    /** Tensors below 2^16 entries always stay in the main commitment. */
    static final int BULK_MIN_VARIABLES = 16;
    /** Claims per bulk tensor that its mask covers beyond the symbols an opening reveals. */
    static final int BULK_CLAIMS = 64;
    /**
     * What one more opening costs, in committed base-field values (see {@link #bulkCost}): about
     * 100 KB of proof and a sixth of a small model's verification (LeNet-5's main opening is
     * 185 KB), so a tensor goes apart only when that saves a million committed values, and a
     * model up to a few million committed values is opened in one batch.
     */
    private static final long OPENING_COST = 1L << 20;
    /**
     * Test hook: another opening cost on this thread (prover and verifier must agree), so that a
     * small circuit exercises bulk commitments. Never set outside tests.
     */
    static final ThreadLocal<Long> OPENING_COST_FOR_TESTS = new ThreadLocal<>();
    /** The proof format counts bulk commitments in one byte. */
    static final int MAX_BULK = 255;

    private final List<Tensor> main;
    private final List<Tensor> bulk;
    private final int[] maskVariables;
    /** Per bulk tensor: the variables its opening's round 0 folds (the sumcheck rounds it reveals). */
    private final int[] firstFolds;
    private final int[] mainIndex;
    private final int[] bulkIndex;
    private final int poolVariables;
    private final int degree;

    private ZkLayout(List<Tensor> main, List<Tensor> bulk, int[] maskVariables, int[] firstFolds, int tensorCount,
            int poolVariables, int degree) {
        this.firstFolds = firstFolds;
        this.main = List.copyOf(main);
        this.bulk = List.copyOf(bulk);
        this.maskVariables = maskVariables;
        this.poolVariables = poolVariables;
        this.degree = degree;
        this.mainIndex = new int[tensorCount];
        this.bulkIndex = new int[tensorCount];
        Arrays.fill(mainIndex, -1);
        Arrays.fill(bulkIndex, -1);
        for (int i = 0; i < main.size(); i++) {
            mainIndex[main.get(i).id()] = i;
        }
        for (int b = 0; b < bulk.size(); b++) {
            bulkIndex[bulk.get(b).id()] = b;
        }
    }

    /**
     * The layout for a circuit: largest tensors first, a tensor of at least 2^16 entries goes
     * apart when that cuts the estimated cost by at least a tenth. Either commitment costs about
     * 1 + d/16 per committed value (the values and the d limbs of a mask G_1 on a sixteenth of
     * them), but the main stack is rounded up to a power of two after its mask block, and a
     * bulk tensor adds one opening ({@link #bulkCost}).
     */
    static ZkLayout of(Circuit c, WhirParameters params, int poolVariables) {
        int d = params.extension().degree();
        List<Tensor> main = new ArrayList<>(ZkEngine.committed(c));
        List<Tensor> candidates = new ArrayList<>();
        for (Tensor t : main) {
            if (t.numVariables() >= BULK_MIN_VARIABLES) {
                candidates.add(t);
            }
        }
        candidates.sort((a, b) -> a.numVariables() != b.numVariables()
                ? Integer.compare(b.numVariables(), a.numVariables()) : Integer.compare(a.id(), b.id()));
        List<Tensor> bulk = new ArrayList<>();
        List<Integer> masks = new ArrayList<>();
        for (Tensor t : candidates) {
            if (bulk.size() == MAX_BULK) {
                break;
            }
            int l;
            try {
                l = maskVariables(params, t.numVariables());
            } catch (IllegalArgumentException | IllegalStateException unplannable) {
                continue; // the parameters cannot commit it alone: it stays in the main stack
            }
            long before = mainCost(params, main, masks, poolVariables, d) + bulkCost(params, bulk, d);
            List<Tensor> rest = new ArrayList<>(main);
            rest.remove(t);
            List<Integer> withMask = new ArrayList<>(masks);
            withMask.add(l);
            List<Tensor> moreBulk = new ArrayList<>(bulk);
            moreBulk.add(t);
            long after = mainCost(params, rest, withMask, poolVariables, d) + bulkCost(params, moreBulk, d);
            if (after * 10 <= before * 9) {
                main = rest;
                masks = withMask;
                bulk.add(t);
            }
        }
        int[] ls = masks.stream().mapToInt(Integer::intValue).toArray();
        int[] folds = bulk.stream().mapToInt(t -> params.plan(t.numVariables()).foldingFactor(0)).toArray();
        return new ZkLayout(main, bulk, ls, folds, c.tensorCount(), poolVariables, d);
    }

    /**
     * Variables l of a bulk tensor's mask: 2^l covers what an opening reveals of round 0 (its
     * codeword symbols and sumcheck messages) and the claims (each revealed value a is d
     * base-field functionals of the mask).
     */
    static int maskVariables(WhirParameters params, int numVariables) {
        int need = WhirProver.committerMaskedValues(params, numVariables) + params.extensionDegree() * BULK_CLAIMS;
        int l = Shape.ceilLog2(need);
        if (l >= numVariables) {
            throw new IllegalStateException("a bulk tensor of " + numVariables + " variables cannot hold a mask of " + l);
        }
        return l;
    }

    /** The main stack's estimated cost: its size and its mask G_1 of d limbs on 2^-k_0 of it. */
    private static long mainCost(WhirParameters params, List<Tensor> main, List<Integer> masks, int poolVariables,
            int d) {
        long n = cost(params, main, masks, poolVariables, d);
        return n + d * (n >> firstFold(params, Long.numberOfTrailingZeros(n)));
    }

    /** Variables round 0 folds for a commitment of m variables (the folding factor, or m if smaller). */
    private static int firstFold(WhirParameters params, int m) {
        return Math.min(params.foldingFactor(), m);
    }

    /**
     * The estimated cost of bulk commitments, in the unit of one committed base-field value: a
     * bulk tensor commits its values and a mask G_1 of d limbs on 2^-k_0 of them (a sixteenth
     * with folding factor 4), and each commitment's opening costs about as much as 2^14 more
     * values.
     */
    private static long bulkCost(WhirParameters params, List<Tensor> bulk, int d) {
        long s = 0;
        for (Tensor t : bulk) {
            long n = 1L << t.numVariables();
            Long forTests = OPENING_COST_FOR_TESTS.get();
            s += n + d * (n >> firstFold(params, t.numVariables())) + (forTests == null ? OPENING_COST : forTests);
        }
        return s;
    }

    /** The main stack's size: its blocks plus the hiding mask block, rounded up to a power of two. */
    private static long cost(WhirParameters params, List<Tensor> main, List<Integer> masks, int poolVariables, int d) {
        long total = (long) d << poolVariables;
        for (Tensor t : main) {
            total += 1L << t.numVariables();
        }
        for (int l : masks) {
            total += 1L << l;
        }
        int m = ceilLog2(total);
        long block;
        try {
            block = 1L << ceilLog2(WhirProver.blockMaskedValues(params, m));
        } catch (IllegalArgumentException tooLarge) {
            block = total; // beyond what the parameters commit to: the proof fails anyway
        }
        return 1L << ceilLog2(total + block);
    }

    private static int ceilLog2(long n) {
        return n <= 1 ? 0 : 64 - Long.numberOfLeadingZeros(n - 1);
    }

    /** Tensors of the main commitment, in commitment order. */
    List<Tensor> main() {
        return main;
    }

    /** Tensors with a commitment of their own, in proof order. */
    List<Tensor> bulk() {
        return bulk;
    }

    /** The main commitment's index of a tensor, or -1. */
    int mainIndex(int tensor) {
        return mainIndex[tensor];
    }

    /** The bulk index of a tensor, or -1. */
    int bulkIndex(int tensor) {
        return bulkIndex[tensor];
    }

    int maskVariables(int bulkIndex) {
        return maskVariables[bulkIndex];
    }

    /** The variables round 0 of bulk tensor {@code bulkIndex}'s opening folds. */
    int firstFold(int bulkIndex) {
        return firstFolds[bulkIndex];
    }

    /** The main commitment's polynomial holding limb l of the mask pool. */
    int poolPolynomial(int limb) {
        return main.size() + limb;
    }

    /** The main commitment's polynomial holding bulk tensor b's mask r. */
    int maskPolynomial(int bulkIndex) {
        return main.size() + degree + bulkIndex;
    }

    /** Variables of each main-commitment polynomial: tensors, pool limbs, bulk masks. */
    int[] mainLogSizes() {
        int[] sizes = new int[main.size() + degree + bulk.size()];
        for (int i = 0; i < main.size(); i++) {
            sizes[i] = main.get(i).numVariables();
        }
        for (int l = 0; l < degree; l++) {
            sizes[main.size() + l] = poolVariables;
        }
        for (int b = 0; b < bulk.size(); b++) {
            sizes[main.size() + degree + b] = maskVariables[b];
        }
        return sizes;
    }
}
