package io.zkinfer.prover;

import io.zkinfer.sumcheck.circuit.ProofException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a proof claims, in the clear: which claim it proves ({@link ClaimSpec}'s text form), of
 * how many input rows at once (1, or a batch whose claim holds per row), the input commitment
 * the input is bound to ({@link InputCommitment#id}, or none: the claim is then about some
 * input the prover chose), the values that claim reveals (the model's output tensors for
 * {@code full}, else the one tensor the claim names: quantized integers, row-major, rows first,
 * by name) and, when the inputs are public, the inputs.
 *
 * <p>Encoding (big-endian): "ZKPC", u16 version, u16 length and the claim's text in UTF-8, u32
 * rows, u8 length (0 or 32) and the input commitment's id, then the revealed values and the
 * public inputs, each as u16 count and per tensor: u16 name length, the name in UTF-8, u32 value
 * count, the values as signed 64-bit integers. Version 2 had no input commitment id; version 1
 * had neither claim text nor rows (every claim was the full output of one row).
 *
 * @param inputCommitment the id of the input commitment the proof refers to, or empty
 */
public record PublicClaim(String claim, int rows, byte[] inputCommitment, Map<String, long[]> outputs,
        Map<String, long[]> publicInputs) {
    /** The most rows a batch claim may name. */
    public static final int MAX_ROWS = 1 << 16;
    /** The encoding's version. */
    public static final int VERSION = 3;
    private static final byte[] MAGIC = {'Z', 'K', 'P', 'C'};
    /** No claim holds more values than this (2^26): a bound on what decoding allocates. */
    private static final int MAX_VALUES = 1 << 26;

    public PublicClaim {
        if (claim == null || claim.isEmpty() || claim.length() > 4096) {
            throw new IllegalArgumentException("a claim names what it proves, in at most 4096 characters");
        }
        if (rows < 1 || rows > MAX_ROWS) {
            throw new IllegalArgumentException("a claim is about 1 to " + MAX_ROWS + " rows, not " + rows);
        }
        if (inputCommitment.length != 0 && inputCommitment.length != InputCommitment.ID_BYTES) {
            throw new IllegalArgumentException("an input commitment's id is " + InputCommitment.ID_BYTES + " bytes, not "
                    + inputCommitment.length);
        }
        inputCommitment = inputCommitment.clone();
        outputs = copy(outputs);
        publicInputs = copy(publicInputs);
    }

    /** A claim with no input commitment. */
    public PublicClaim(String claim, int rows, Map<String, long[]> outputs, Map<String, long[]> publicInputs) {
        this(claim, rows, new byte[0], outputs, publicInputs);
    }

    /** A claim of the full output. */
    public PublicClaim(Map<String, long[]> outputs, Map<String, long[]> publicInputs) {
        this(ClaimSpec.full().text(), 1, outputs, publicInputs);
    }

    @Override
    public byte[] inputCommitment() {
        return inputCommitment.clone();
    }

    /** Whether the proof refers to an input commitment. */
    public boolean bindsInput() {
        return inputCommitment.length != 0;
    }

    /** A claim about one row. */
    public PublicClaim(String claim, Map<String, long[]> outputs, Map<String, long[]> publicInputs) {
        this(claim, 1, outputs, publicInputs);
    }

    private static Map<String, long[]> copy(Map<String, long[]> m) {
        Map<String, long[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.clone()));
        return Collections.unmodifiableMap(out);
    }

    /** The canonical encoding. */
    public byte[] encode() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.write(MAGIC);
            out.writeShort(VERSION);
            byte[] text = claim.getBytes(StandardCharsets.UTF_8);
            out.writeShort(text.length);
            out.write(text);
            out.writeInt(rows);
            out.writeByte(inputCommitment.length);
            out.write(inputCommitment);
            writeTensors(out, outputs);
            writeTensors(out, publicInputs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void writeTensors(DataOutputStream out, Map<String, long[]> tensors)
            throws IOException {
        out.writeShort(tensors.size());
        for (Map.Entry<String, long[]> e : tensors.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            out.writeShort(name.length);
            out.write(name);
            out.writeInt(e.getValue().length);
            for (long v : e.getValue()) {
                out.writeLong(v);
            }
        }
    }

    /**
     * Reads an encoded claim.
     *
     * @throws ProofException if the bytes are not a claim of this
     *     version (wrong magic or version, truncated, trailing bytes, a name given twice)
     */
    public static PublicClaim decode(byte[] encoded) throws ProofException {
        ByteBuffer b = ByteBuffer.wrap(encoded);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw new ProofException("claim: wrong magic bytes (not a zkinfer claim)");
            }
            int version = b.getShort() & 0xffff;
            if (version != VERSION) {
                throw new ProofException("claim: version " + version + ", this reader reads "
                        + VERSION);
            }
            String text = utf8(b, b.getShort() & 0xffff, "the claim's text");
            if (text.isEmpty()) {
                throw new ProofException("claim: no claim text");
            }
            int rows = b.getInt();
            if (rows < 1 || rows > MAX_ROWS) {
                throw new ProofException("claim: " + rows + " rows, outside 1 to " + MAX_ROWS);
            }
            int idLength = b.get() & 0xff;
            if (idLength != 0 && idLength != InputCommitment.ID_BYTES) {
                throw new ProofException("claim: an input commitment id of " + idLength + " bytes (0 or "
                        + InputCommitment.ID_BYTES + ")");
            }
            byte[] id = new byte[idLength];
            b.get(id);
            Map<String, long[]> outputs = readTensors(b);
            Map<String, long[]> inputs = readTensors(b);
            if (b.hasRemaining()) {
                throw new ProofException("claim: " + b.remaining() + " trailing bytes");
            }
            return new PublicClaim(text, rows, id, outputs, inputs);
        } catch (BufferUnderflowException e) {
            throw new ProofException("claim: truncated");
        }
    }

    private static Map<String, long[]> readTensors(ByteBuffer b) throws ProofException {
        int count = b.getShort() & 0xffff;
        Map<String, long[]> out = new LinkedHashMap<>();
        for (int t = 0; t < count; t++) {
            String key = utf8(b, b.getShort() & 0xffff, "a tensor name");
            int n = b.getInt();
            if (n < 0 || n > MAX_VALUES || (long) n * 8 > b.remaining()) {
                throw new ProofException("claim: tensor '" + key + "' declares " + n
                        + " values, more than the " + b.remaining() + " bytes left");
            }
            long[] v = new long[n];
            for (int i = 0; i < n; i++) {
                v[i] = b.getLong();
            }
            if (out.put(key, v) != null) {
                throw new ProofException("claim: tensor '" + key + "' given twice");
            }
        }
        return out;
    }

    /** n bytes of strict UTF-8: replacement characters would let two encodings say one thing. */
    private static String utf8(ByteBuffer b, int n, String what) throws ProofException {
        byte[] bytes = new byte[n];
        b.get(bytes);
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw new ProofException("claim: " + what + " is not valid UTF-8");
        }
    }

    /** One output's values (a copy). */
    public long[] output(String name) {
        long[] v = outputs.get(name);
        if (v == null) {
            throw new IllegalArgumentException("the claim has no output named '" + name + "'");
        }
        return v.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof PublicClaim c && c.claim.equals(claim) && c.rows == rows
                && Arrays.equals(c.inputCommitment, inputCommitment) && same(c.outputs, outputs)
                && same(c.publicInputs, publicInputs);
    }

    private static boolean same(Map<String, long[]> a, Map<String, long[]> b) {
        if (!a.keySet().equals(b.keySet())) {
            return false;
        }
        for (String k : a.keySet()) {
            if (!Arrays.equals(a.get(k), b.get(k))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = 31 * (31 * claim.hashCode() + rows) + Arrays.hashCode(inputCommitment);
        for (Map.Entry<String, long[]> e : outputs.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + Arrays.hashCode(e.getValue());
        }
        return h;
    }
}
