package io.zkinfer.prover;

import io.zkinfer.sumcheck.circuit.CircuitProof;
import io.zkinfer.sumcheck.circuit.ProofException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A proof as a user hands it on: the public claim it proves (which names its claim, its rows and
 * the input commitment it refers to, if any) and the circuit proof.
 *
 * <p>Encoding (big-endian): "ZKPF", u16 version, u32 length and the claim ({@link PublicClaim}),
 * u32 length and the proof ({@link CircuitProof}), nothing after. Version 1 also held the input
 * commitment's id, which the claim holds now.
 */
public record ProofFile(PublicClaim claim, CircuitProof proof) {
    /** The encoding's version. */
    public static final int VERSION = 2;
    private static final byte[] MAGIC = {'Z', 'K', 'P', 'F'};

    /** An inference's proof. */
    public static ProofFile of(ModelProver.Inference inference) {
        return new ProofFile(inference.claim(), inference.proof());
    }

    /** The id of the input commitment the proof refers to, or empty ({@link PublicClaim#inputCommitment}). */
    public byte[] inputCommitment() {
        return claim.inputCommitment();
    }

    public byte[] encode() {
        byte[] c = claim.encode();
        byte[] p = proof.encode();
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 4 + c.length + 4 + p.length);
        b.put(MAGIC).putShort((short) VERSION);
        b.putInt(c.length).put(c).putInt(p.length).put(p);
        return b.array();
    }

    /**
     * Checks the file's envelope only: magic, version, and part lengths that add up to
     * the file. A file that passes is a proof file; its claim and proof may still be malformed,
     * which {@link #decode} reports (a tampered proof, rather than some other file).
     *
     * @throws ProofException naming what is wrong
     */
    public static void checkEnvelope(byte[] bytes) throws ProofException {
        parts(bytes);
    }

    /**
     * Reads a proof file.
     *
     * @throws ProofException naming what is malformed
     */
    public static ProofFile decode(byte[] bytes) throws ProofException {
        Parts p = parts(bytes);
        return new ProofFile(PublicClaim.decode(p.claim), CircuitProof.decode(p.proof));
    }

    private record Parts(byte[] claim, byte[] proof) {}

    private static Parts parts(byte[] bytes) throws ProofException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ProofException("proof file: wrong magic bytes (not a zkinfer proof file)");
            }
            int version = b.getShort() & 0xffff;
            if (version != VERSION) {
                throw new ProofException("proof file: version " + version + ", this reader reads " + VERSION);
            }
            byte[] claim = part(b, b.getInt(), "claim");
            byte[] proof = part(b, b.getInt(), "proof");
            if (b.hasRemaining()) {
                throw new ProofException("proof file: " + b.remaining() + " trailing bytes");
            }
            return new Parts(claim, proof);
        } catch (BufferUnderflowException e) {
            throw new ProofException("proof file: truncated");
        }
    }

    private static byte[] part(ByteBuffer b, int n, String what) throws ProofException {
        if (n < 0 || n > b.remaining()) {
            throw new ProofException("proof file: the " + what + " declares " + n + " bytes, " + b.remaining()
                    + " remain");
        }
        byte[] out = new byte[n];
        b.get(out);
        return out;
    }
}
