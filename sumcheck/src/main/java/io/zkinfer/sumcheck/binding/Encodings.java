package io.zkinfer.sumcheck.binding;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;

/** What the commitment encodings share: the magic-and-version header and the SHA-256 fingerprint. */
final class Encodings {
    private Encodings() {}

    /**
     * Reads and checks a 4-byte magic and a version byte.
     *
     * @param what the artifact, for the messages ("tensor commitment")
     * @throws InvalidCommitmentException if either differs
     * @throws java.nio.BufferUnderflowException if the input is shorter than the header
     */
    static void readHeader(ByteBuffer in, byte[] magic, int version, String what) throws InvalidCommitmentException {
        byte[] m = new byte[magic.length];
        in.get(m);
        if (!Arrays.equals(m, magic)) {
            throw new InvalidCommitmentException("not a " + what + " (the file does not start with "
                    + new String(magic, StandardCharsets.US_ASCII) + ")");
        }
        int v = in.get() & 0xFF;
        if (v != version) {
            throw new InvalidCommitmentException(what + " version " + v + " is not supported; this build reads version "
                    + version);
        }
    }

    /** SHA-256 of {@code encoding}, in hex. */
    static String fingerprint(byte[] encoding) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(encoding));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks SHA-256", e);
        }
    }
}
