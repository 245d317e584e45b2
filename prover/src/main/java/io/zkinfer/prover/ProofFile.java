package io.zkinfer.prover;

import io.zkinfer.sumcheck.circuit.CircuitProof;
import io.zkinfer.sumcheck.circuit.ProofException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A proof as a user hands it on: the public claim it proves (which names its claim and rows), the
 * id of the input commitment it refers to (empty when none: inputs are then private and unbound,
 * or public in the claim), and the circuit proof.
 *
 * <p>Encoding (big-endian): "ZKPF", u16 version, u16 length and the input commitment id (0 for
 * none), u32 length and the claim ({@link PublicClaim}), u32 length and the proof
 * ({@link CircuitProof}), nothing after.
 */
public record ProofFile(PublicClaim claim, byte[] inputCommitment, CircuitProof proof) {
    /** The encoding's version. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'Z', 'K', 'P', 'F'};

    public ProofFile {
        inputCommitment = inputCommitment.clone();
    }

    /** An inference's proof, with no input commitment. */
    public static ProofFile of(ModelProver.Inference inference) {
        return new ProofFile(inference.claim(), new byte[0], inference.proof());
    }

    @Override
    public byte[] inputCommitment() {
        return inputCommitment.clone();
    }

    public byte[] encode() {
        byte[] c = claim.encode();
        byte[] p = proof.encode();
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 2 + inputCommitment.length + 4 + c.length + 4 + p.length);
        b.put(MAGIC).putShort((short) VERSION);
        b.putShort((short) inputCommitment.length).put(inputCommitment);
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
        return new ProofFile(PublicClaim.decode(p.claim), p.input, CircuitProof.decode(p.proof));
    }

    private record Parts(byte[] input, byte[] claim, byte[] proof) {}

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
            byte[] input = part(b, b.getShort() & 0xffff, "input commitment id");
            byte[] claim = part(b, b.getInt(), "claim");
            byte[] proof = part(b, b.getInt(), "proof");
            if (b.hasRemaining()) {
                throw new ProofException("proof file: " + b.remaining() + " trailing bytes");
            }
            return new Parts(input, claim, proof);
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
