package io.zkinfer.commit.whir;

import java.util.Arrays;

/**
 * A WHIR opening proof. Its canonical bytes ({@link #encode()}) are, in order:
 * <pre>
 *   magic "WHRP", version u16
 *   mask values (extension elements): with a mask block, the block's values at its 2 claimed
 *     points, then mu; when the committer masks, mu (sent after round 0's sumcheck); none
 *     without hiding
 *   per round i:
 *     sumcheck: k_i x (c0, c2), extension elements
 *     next root: 32 bytes (every round but the last)
 *     grinding nonce: u64
 *     q = distinct queried leaves: u32, 1 &lt;= q &lt;= t_i
 *     leaf values: q x leaf width elements (round 0: K base-field symbols of F, then when
 *       hiding one extension symbol of G_1; later rounds: K extension symbols)
 *     [hiding, round 0] leaf salts: q x 32 bytes
 *     s = Merkle siblings: u32, then s x 32 bytes
 *   final polynomial: 2^m_R monomial coefficients (extension)
 *   final sumcheck: m_R x (c0, c2)
 * </pre>
 * Field elements are 8 bytes big-endian and must be canonical; integers are big-endian. Every
 * count is bounded by the plan before anything is allocated. See docs/PCS.md.
 */
public final class WhirProof {
    static final byte[] MAGIC = {'W', 'H', 'R', 'P'};
    /**
     * The proof format version; bump it with any change of the layout above, or of what the
     * bytes mean (version 3: proofs under the parameters encoding 2; version 4: hiding openings
     * fold their mask G_1 in after round 0, one G_1 symbol per leaf, a mask block is claimed at
     * two fresh points).
     */
    public static final int VERSION = 4;

    final long[] maskValues;
    final Round[] rounds;
    final long[] finalCoefficients;
    final long[] finalSumcheck;

    WhirProof(long[] maskValues, Round[] rounds, long[] finalCoefficients, long[] finalSumcheck) {
        this.maskValues = maskValues;
        this.rounds = rounds;
        this.finalCoefficients = finalCoefficients;
        this.finalSumcheck = finalSumcheck;
    }

    /** One WHIR round's messages. */
    static final class Round {
        final long[] sumcheck;
        final byte[] nextRoot;
        final long powNonce;
        final int distinctQueries;
        final long[] leafValues;
        final byte[] salts;
        final byte[][] siblings;

        Round(long[] sumcheck, byte[] nextRoot, long powNonce, int distinctQueries, long[] leafValues, byte[] salts,
                byte[][] siblings) {
            this.sumcheck = sumcheck;
            this.nextRoot = nextRoot;
            this.powNonce = powNonce;
            this.distinctQueries = distinctQueries;
            this.leafValues = leafValues;
            this.salts = salts;
            this.siblings = siblings;
        }
    }

    /**
     * Leaf width (field limbs per opened leaf) in round i: round 0 holds K base-field symbols of
     * F, then, when hiding, one extension symbol of G_1; later rounds K extension symbols.
     */
    static int leafWidth(WhirPlan plan, int round, Masking masking) {
        int k = 1 << plan.foldingFactor(round);
        int d = plan.extension().degree();
        if (round > 0) {
            return k * d;
        }
        return masking.hiding() ? k + d : k;
    }

    /**
     * Mask values a proof carries: with a mask block the values of its {@link Protocol#BLOCK_CLAIMS}
     * claims, then mu; when the committer masks, mu; none without hiding.
     */
    static int maskValueCount(Masking masking, int d) {
        return switch (masking) {
            case NONE -> 0;
            case BLOCK -> (Protocol.BLOCK_CLAIMS + 1) * d;
            case COMMITTER -> d;
        };
    }

    /** The canonical bytes. */
    public byte[] encode() {
        ProofWriter w = new ProofWriter();
        w.bytes(MAGIC);
        w.bytes(new byte[] {(byte) (VERSION >>> 8), (byte) VERSION});
        w.elements(maskValues);
        for (Round r : rounds) {
            w.elements(r.sumcheck);
            if (r.nextRoot != null) {
                w.bytes(r.nextRoot);
            }
            w.u64(r.powNonce);
            w.u32(r.distinctQueries);
            w.elements(r.leafValues);
            w.bytes(r.salts);
            w.u32(r.siblings.length);
            for (byte[] s : r.siblings) {
                w.bytes(s);
            }
        }
        w.elements(finalCoefficients);
        w.elements(finalSumcheck);
        return w.toByteArray();
    }

    /**
     * Parses canonical bytes against the shape a plan fixes.
     *
     * @throws InvalidProofException if the bytes are not a well-formed proof of that shape
     */
    static WhirProof decode(byte[] bytes, WhirPlan plan, Masking masking) throws InvalidProofException {
        if (bytes == null) {
            throw new InvalidProofException("no proof bytes");
        }
        ProofReader in = new ProofReader(bytes);
        if (!Arrays.equals(in.bytes(4, "magic"), MAGIC)) {
            throw new InvalidProofException("not a WHIR proof: bad magic bytes");
        }
        byte[] v = in.bytes(2, "version");
        int version = ((v[0] & 0xFF) << 8) | (v[1] & 0xFF);
        if (version != VERSION) {
            throw new InvalidProofException("WHIR proof version " + version + ", this verifier reads " + VERSION);
        }
        int d = plan.extension().degree();
        boolean hiding = masking.hiding();
        long[] mask = in.elements(maskValueCount(masking, d), "mask values");
        Round[] rounds = new Round[plan.rounds()];
        for (int i = 0; i < rounds.length; i++) {
            String where = "round " + i + " ";
            long[] sumcheck = in.elements(plan.foldingFactor(i) * 2 * d, where + "sumcheck");
            byte[] nextRoot = i + 1 < rounds.length ? in.bytes(32, where + "next root") : null;
            long nonce = in.u64(where + "grinding nonce");
            int q = in.u32(where + "query count", plan.queries(i));
            if (q == 0) {
                throw new InvalidProofException(where + "opens no leaves");
            }
            long[] leaves = in.elements(q * leafWidth(plan, i, masking), where + "leaf values");
            byte[] salts = in.bytes(hiding && i == 0 ? q * WhirProver.SALT_BYTES : 0, where + "salts");
            int depth = plan.logDomain(i) - plan.foldingFactor(i);
            int s = in.u32(where + "sibling count", q * Math.max(depth, 1));
            byte[][] siblings = new byte[s][];
            for (int j = 0; j < s; j++) {
                siblings[j] = in.bytes(32, where + "sibling");
            }
            rounds[i] = new Round(sumcheck, nextRoot, nonce, q, leaves, salts, siblings);
        }
        long[] fin = in.elements(plan.extension().degree() << plan.finalVariables(), "final polynomial");
        long[] finSumcheck = in.elements(plan.finalVariables() * 2 * d, "final sumcheck");
        in.expectEnd();
        return new WhirProof(mask, rounds, fin, finSumcheck);
    }
}
