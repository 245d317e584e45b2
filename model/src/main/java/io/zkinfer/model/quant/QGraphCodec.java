package io.zkinfer.model.quant;

import io.zkinfer.model.ModelException;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * A quantized graph as bytes, for a verifying key: the architecture, scales, bounds and tables,
 * and the constants' values only when they are public. A graph decoded without values holds its
 * constants as shapes and bounds ({@link QGraph.Builder#constantWithoutValues}): enough to
 * compile the circuit a verifier checks, never to prove.
 *
 * <p>Encoding (big-endian): "ZKQG", u16 version, u8 1 if values are included; inputs (u16
 * count; each: name, shape, i64 bound, i32 frac), constants (u16 count; each: name, shape, i64
 * bound, i32 frac, and i64 values when included), nodes (u16 count; each: name, the op as a u8
 * tag and its fields, the input names, the output name, i32 frac), outputs (u16 count of
 * names). A name is u16 length and UTF-8; a shape u8 rank and i32 dimensions; an int array u32
 * length and i32 entries; a table its name, i64 lo and u32 count of i64 values.
 */
public final class QGraphCodec {
    /** The encoding's version. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'Z', 'K', 'Q', 'G'};
    private static final int MAX_ARRAY = 1 << 26;

    private QGraphCodec() {}

    /** The graph's bytes, with the constants' values when {@code values} is true. */
    public static byte[] encode(QGraph g, boolean values) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        try {
            out.write(MAGIC);
            out.writeShort(VERSION);
            out.writeByte(values ? 1 : 0);
            out.writeShort(g.inputs().size());
            for (QInfo in : g.inputs()) {
                info(out, in);
            }
            out.writeShort(g.constants().size());
            for (QGraph.QConstant c : g.constants().values()) {
                info(out, c.info());
                if (values) {
                    for (long v : c.values()) {
                        out.writeLong(v);
                    }
                }
            }
            out.writeShort(g.nodes().size());
            for (QNode n : g.nodes()) {
                name(out, n.name());
                QOpCodec.write(out, n.op());
                out.writeShort(n.inputs().size());
                for (String s : n.inputs()) {
                    name(out, s);
                }
                name(out, n.output());
                out.writeInt(g.info(n.output()).frac());
            }
            out.writeShort(g.outputs().size());
            for (String s : g.outputs()) {
                name(out, s);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /**
     * Reads a graph.
     *
     * @throws ModelException (MALFORMED) if the bytes are not a graph of this version, or describe
     *     an inconsistent one (the message says which part)
     */
    public static QGraph decode(byte[] bytes) throws ModelException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            if (!java.util.Arrays.equals(magic, MAGIC)) {
                throw malformed("wrong magic bytes (not a zkinfer quantized graph)");
            }
            int version = b.getShort() & 0xffff;
            if (version != VERSION) {
                throw malformed("version " + version + ", this reader reads " + VERSION);
            }
            boolean values = b.get() == 1;
            QGraph.Builder g = QGraph.builder();
            for (int i = 0, n = b.getShort() & 0xffff; i < n; i++) {
                g.input(name(b), shape(b), b.getLong(), b.getInt());
            }
            for (int i = 0, n = b.getShort() & 0xffff; i < n; i++) {
                String name = name(b);
                int[] shape = shape(b);
                long bound = b.getLong();
                int frac = b.getInt();
                if (values) {
                    long[] v = longs(b, size(shape));
                    g.constant(name, shape, frac, v);
                    if (g.info(name).bound() != bound) {
                        throw malformed("constant '" + name + "' declares bound " + bound + ", its values give "
                                + g.info(name).bound());
                    }
                } else {
                    g.constantWithoutValues(name, shape, frac, bound);
                }
            }
            for (int i = 0, n = b.getShort() & 0xffff; i < n; i++) {
                String name = name(b);
                QOp op = QOpCodec.read(b);
                List<String> inputs = new ArrayList<>();
                for (int k = 0, m = b.getShort() & 0xffff; k < m; k++) {
                    inputs.add(name(b));
                }
                g.node(name, op, inputs, name(b), b.getInt());
            }
            for (int i = 0, n = b.getShort() & 0xffff; i < n; i++) {
                g.output(name(b));
            }
            if (b.hasRemaining()) {
                throw malformed(b.remaining() + " trailing bytes");
            }
            return g.build();
        } catch (BufferUnderflowException e) {
            throw malformed("truncated");
        } catch (IllegalArgumentException | ArithmeticException e) {
            throw malformed(e.getMessage());
        }
    }

    private static ModelException malformed(String problem) {
        return new ModelException(ModelException.Kind.MALFORMED, "quantized graph: " + problem, "verifying key",
                "use the key the model owner published, unmodified");
    }

    private static void info(DataOutputStream out, QInfo i) throws IOException {
        name(out, i.name());
        shape(out, i.shape());
        out.writeLong(i.bound());
        out.writeInt(i.frac());
    }

    static void name(DataOutputStream out, String s) throws IOException {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        out.writeShort(b.length);
        out.write(b);
    }

    static String name(ByteBuffer b) {
        byte[] s = new byte[b.getShort() & 0xffff];
        b.get(s);
        return new String(s, StandardCharsets.UTF_8);
    }

    static void shape(DataOutputStream out, int[] shape) throws IOException {
        out.writeByte(shape.length);
        for (int d : shape) {
            out.writeInt(d);
        }
    }

    static int[] shape(ByteBuffer b) {
        int[] s = new int[b.get() & 0xff];
        for (int i = 0; i < s.length; i++) {
            s[i] = b.getInt();
        }
        return s;
    }

    static void ints(DataOutputStream out, int[] v) throws IOException {
        out.writeInt(v.length);
        for (int x : v) {
            out.writeInt(x);
        }
    }

    static int[] ints(ByteBuffer b) {
        int n = b.getInt();
        if (n < 0 || n > MAX_ARRAY || n > b.remaining() / 4) {
            throw new IllegalArgumentException("an array of " + n + " entries with " + b.remaining() + " bytes left");
        }
        int[] v = new int[n];
        for (int i = 0; i < n; i++) {
            v[i] = b.getInt();
        }
        return v;
    }

    static long[] longs(ByteBuffer b, long n) {
        if (n < 0 || n > MAX_ARRAY || n > b.remaining() / 8) {
            throw new IllegalArgumentException(n + " values with " + b.remaining() + " bytes left");
        }
        long[] v = new long[(int) n];
        for (int i = 0; i < v.length; i++) {
            v[i] = b.getLong();
        }
        return v;
    }

    private static long size(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= Math.max(0, d);
            if (n > MAX_ARRAY) {
                return n;
            }
        }
        return n;
    }
}
