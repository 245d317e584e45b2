package io.zkinfer.prover;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.quant.QuantizedModel;
import io.zkinfer.model.quant.QuantizedModelCodec;
import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A compiled model as the model owner keeps it: the quantized model (weights included) and how
 * it compiles. Private: it holds the weights. {@link #compile()} gives the circuit again,
 * deterministically.
 *
 * <p>Encoding (big-endian): "ZKMF", u16 version, u8 weights' and u8 inputs' visibility (0
 * private, 1 public), u32 length and the quantized model ({@link QuantizedModelCodec}).
 */
public record ModelFile(QuantizedModel model, CompileOptions options) {
    /** The encoding's version. */
    public static final int VERSION = 1;
    private static final byte[] MAGIC = {'Z', 'K', 'M', 'F'};

    /** The compiled circuit. */
    public CompiledModel compile() {
        return CompiledModel.compile(model.graph(), options);
    }

    public byte[] encode() {
        byte[] m = QuantizedModelCodec.encode(model);
        ByteBuffer b = ByteBuffer.allocate(4 + 2 + 2 + 4 + m.length);
        b.put(MAGIC).putShort((short) VERSION);
        b.put((byte) (options.weights() == Visibility.PUBLIC ? 1 : 0));
        b.put((byte) (options.inputs() == Visibility.PUBLIC ? 1 : 0));
        b.putInt(m.length).put(m);
        return b.array();
    }

    /**
     * Reads a model file.
     *
     * @throws ModelException (MALFORMED) naming what is wrong
     */
    public static ModelFile decode(byte[] bytes) throws ModelException {
        ByteBuffer b = ByteBuffer.wrap(bytes);
        try {
            byte[] magic = new byte[4];
            b.get(magic);
            if (!Arrays.equals(magic, MAGIC)) {
                throw malformed("wrong magic bytes (not a zkinfer compiled model)");
            }
            int version = b.getShort() & 0xffff;
            if (version != VERSION) {
                throw malformed("version " + version + ", this reader reads " + VERSION);
            }
            CompileOptions options = new CompileOptions(flag(b, "weights"), flag(b, "inputs"));
            int n = b.getInt();
            if (n < 0 || n != b.remaining()) {
                throw malformed("the quantized model declares " + n + " bytes, " + b.remaining() + " remain");
            }
            byte[] m = new byte[n];
            b.get(m);
            return new ModelFile(QuantizedModelCodec.decode(m), options);
        } catch (BufferUnderflowException e) {
            throw malformed("truncated");
        }
    }

    private static Visibility flag(ByteBuffer b, String what) throws ModelException {
        return switch (b.get()) {
            case 0 -> Visibility.PRIVATE;
            case 1 -> Visibility.PUBLIC;
            default -> throw malformed(what + " visibility flag is neither 0 nor 1");
        };
    }

    private static ModelException malformed(String problem) {
        return new ModelException(ModelException.Kind.MALFORMED, "compiled model: " + problem, "",
                "compile the model again with this version of zkinfer");
    }
}
