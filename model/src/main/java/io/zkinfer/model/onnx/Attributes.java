package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.ModelException.Kind;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.proto.Onnx.AttributeProto;
import io.zkinfer.model.onnx.proto.Onnx.NodeProto;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Typed access to one node's attributes. It remembers which attributes a converter read, so that
 * {@link #checkAllRead} can reject any it did not: an attribute zkinfer ignores would silently
 * change the model's meaning.
 */
final class Attributes {
    private final Map<String, AttributeProto> byName = new LinkedHashMap<>();
    private final Set<String> read = new HashSet<>();
    private final String where;

    Attributes(NodeProto node, String where) {
        for (AttributeProto a : node.getAttributeList()) {
            byName.put(a.getName(), a);
        }
        this.where = where;
    }

    boolean has(String name) {
        read.add(name);
        return byName.containsKey(name);
    }

    long getInt(String name, long fallback) throws ModelException {
        AttributeProto a = get(name, AttributeProto.AttributeType.INT);
        return a == null ? fallback : a.getI();
    }

    int getSmallInt(String name, int fallback) throws ModelException {
        long v = getInt(name, fallback);
        if (v < Integer.MIN_VALUE || v > Integer.MAX_VALUE) {
            throw invalid("attribute '" + name + "' = " + v + " out of range");
        }
        return (int) v;
    }

    boolean getBool(String name, boolean fallback) throws ModelException {
        long v = getInt(name, fallback ? 1 : 0);
        if (v != 0 && v != 1) {
            throw invalid("attribute '" + name + "' must be 0 or 1, got " + v);
        }
        return v == 1;
    }

    double getFloat(String name, double fallback) throws ModelException {
        AttributeProto a = get(name, AttributeProto.AttributeType.FLOAT);
        return a == null ? fallback : a.getF();
    }

    String getString(String name, String fallback) throws ModelException {
        AttributeProto a = get(name, AttributeProto.AttributeType.STRING);
        return a == null ? fallback : a.getS().toString(StandardCharsets.UTF_8);
    }

    /** An INTS attribute, or null if absent. */
    long[] getInts(String name) throws ModelException {
        AttributeProto a = get(name, AttributeProto.AttributeType.INTS);
        if (a == null) {
            return null;
        }
        long[] v = new long[a.getIntsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getInts(i);
        }
        return v;
    }

    /** An INTS attribute as ints, or null if absent. */
    int[] getSmallInts(String name) throws ModelException {
        long[] v = getInts(name);
        if (v == null) {
            return null;
        }
        int[] r = new int[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < Integer.MIN_VALUE || v[i] > Integer.MAX_VALUE) {
                throw invalid("attribute '" + name + "' holds " + v[i] + ", out of range");
            }
            r[i] = (int) v[i];
        }
        return r;
    }

    /** A FLOATS attribute, or null if absent. */
    float[] getFloats(String name) throws ModelException {
        AttributeProto a = get(name, AttributeProto.AttributeType.FLOATS);
        if (a == null) {
            return null;
        }
        float[] v = new float[a.getFloatsCount()];
        for (int i = 0; i < v.length; i++) {
            v[i] = a.getFloats(i);
        }
        return v;
    }

    /** A TENSOR attribute, decoded, or null if absent. */
    Tensor getTensor(String name) throws ModelException {
        AttributeProto a = get(name, AttributeProto.AttributeType.TENSOR);
        return a == null ? null : TensorDecoder.decode(a.getT(), where + ", attribute '" + name + "'");
    }

    /** Rejects every attribute no converter read. */
    void checkAllRead() throws ModelException {
        for (String name : byName.keySet()) {
            if (!read.contains(name)) {
                throw new ModelException(Kind.UNSUPPORTED, "unsupported attribute '" + name + "'", where,
                        "zkinfer does not know what this attribute does to the op; remove it or export without it");
            }
        }
    }

    ModelException invalid(String problem) {
        return new ModelException(Kind.INVALID_MODEL, problem, where, "fix the attribute");
    }

    ModelException unsupported(String problem, String remedy) {
        return new ModelException(Kind.UNSUPPORTED, problem, where, remedy);
    }

    private AttributeProto get(String name, AttributeProto.AttributeType type) throws ModelException {
        read.add(name);
        AttributeProto a = byName.get(name);
        if (a == null) {
            return null;
        }
        if (a.hasRefAttrName()) {
            throw unsupported("attribute '" + name + "' refers to a function attribute", "inline the function");
        }
        if (a.getType() != type && a.getType() != AttributeProto.AttributeType.UNDEFINED) {
            throw new ModelException(Kind.MALFORMED, "attribute '" + name + "' has type " + a.getType()
                    + ", expected " + type, where, "");
        }
        return a;
    }
}
