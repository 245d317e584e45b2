package io.zkinfer.prover;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a proof claims, in the clear: the model's output tensors (quantized integers, row-major,
 * by output name) and, when the inputs are public, the inputs.
 */
public record PublicClaim(Map<String, long[]> outputs, Map<String, long[]> publicInputs) {
    public PublicClaim {
        outputs = copy(outputs);
        publicInputs = copy(publicInputs);
    }

    private static Map<String, long[]> copy(Map<String, long[]> m) {
        Map<String, long[]> out = new LinkedHashMap<>();
        m.forEach((k, v) -> out.put(k, v.clone()));
        return Collections.unmodifiableMap(out);
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
        return o instanceof PublicClaim c && same(c.outputs, outputs) && same(c.publicInputs, publicInputs);
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
        int h = 0;
        for (Map.Entry<String, long[]> e : outputs.entrySet()) {
            h = 31 * h + e.getKey().hashCode() + Arrays.hashCode(e.getValue());
        }
        return h;
    }
}
