package io.zkinfer.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.PrintWriter;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A command's result: fields in order, printed as "key: value" lines or, with --json, as one
 * JSON object on stdout. Progress goes to stderr, and only when stderr is a terminal, so stdout
 * stays clean for scripts.
 */
final class Report {
    /**
     * The JSON writer, made on first use (a holder class): only --json needs it, and making it
     * loads some 400 classes, a tenth of a cold zkinfer verify.
     */
    private static final class Json {
        static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    }

    private final Map<String, Object> fields = new LinkedHashMap<>();

    Report put(String key, Object value) {
        fields.put(key, value);
        return this;
    }

    Map<String, Object> fields() {
        return fields;
    }

    /** Prints the report: JSON, or one "key: value" line per field (nested maps indented). */
    void print(PrintWriter out, boolean json) {
        if (json) {
            try {
                out.println(Json.MAPPER.writeValueAsString(fields));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        } else {
            text(out, fields, "");
        }
        out.flush();
    }

    private static void text(PrintWriter out, Map<?, ?> m, String indent) {
        for (Map.Entry<?, ?> e : m.entrySet()) {
            if (e.getValue() instanceof Map<?, ?> inner) {
                out.println(indent + e.getKey() + ":");
                text(out, inner, indent + "  ");
            } else {
                out.println(indent + e.getKey() + ": " + value(e.getValue()));
            }
        }
    }

    private static String value(Object v) {
        if (v instanceof long[] a) {
            return java.util.Arrays.toString(a);
        }
        if (v instanceof double[] a) {
            StringBuilder sb = new StringBuilder("[");
            for (int i = 0; i < a.length; i++) {
                sb.append(i == 0 ? "" : ", ").append(String.format(java.util.Locale.ROOT, "%.6g", a[i]));
            }
            return sb.append(']').toString();
        }
        if (v instanceof int[] a) {
            return java.util.Arrays.toString(a);
        }
        return String.valueOf(v);
    }

    /** Times one step; prints "name ... done in X ms" on stderr when it is a terminal. */
    static final class Progress {
        private final PrintWriter err;
        private final boolean terminal;

        Progress(PrintWriter err) {
            this.err = err;
            java.io.Console c = System.console();
            this.terminal = c != null && c.isTerminal();
        }

        <T> T step(String name, Step<T> step) throws Exception {
            long t0 = System.nanoTime();
            if (terminal) {
                err.print(name + " ... ");
                err.flush();
            }
            T result = step.run();
            if (terminal) {
                err.println("done in " + (System.nanoTime() - t0) / 1_000_000 + " ms");
                err.flush();
            }
            return result;
        }
    }

    /** A step that may throw. */
    @FunctionalInterface
    interface Step<T> {
        T run() throws Exception;
    }
}
