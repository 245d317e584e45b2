package io.zkinfer.cli;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Samples from a user's file, each one flattened input: JSON {@code {"input_data": [[...], ...]}}
 * (each inner list one sample) or CSV (a header line, then one sample per row, numbers only). The
 * format is told by the first non-blank character: '{' for JSON.
 */
final class InputData {
    private InputData() {}

    /**
     * Every sample in {@code file} quantized as {@code model} quantizes its one input: one map
     * (input name to integers) per row. Values beyond the range the input's scale covers are
     * clamped, as the quantized model does, with a warning on {@code err}: a proof is then about
     * the clamped input.
     */
    static java.util.List<java.util.Map<String, long[]>> quantized(io.zkinfer.model.quant.QuantizedModel model,
            Path modelFile, Path file, java.io.PrintWriter err) throws UsageException {
        if (model.floatInputs().size() != 1) {
            throw new UsageException("model " + modelFile + ": " + model.floatInputs().size()
                    + " inputs; the command line takes models with exactly one input for now");
        }
        io.zkinfer.model.graph.TensorInfo in = model.floatInputs().getFirst();
        List<java.util.Map<String, long[]>> out = new ArrayList<>();
        int[] clamped = new int[1];
        int rowsClamped = 0;
        for (double[] row : read(file, "input", in.size())) {
            int before = clamped[0];
            out.add(java.util.Map.of(in.name(), model.quantizeInput(in.name(),
                    io.zkinfer.model.graph.Tensor.of(in.type(), in.shape(), row), clamped)));
            rowsClamped += clamped[0] > before ? 1 : 0;
        }
        if (clamped[0] > 0) {
            err.println("zkinfer: warning: " + clamped[0] + " value" + (clamped[0] == 1 ? "" : "s") + " in " + rowsClamped
                    + " of " + out.size() + " row" + (out.size() == 1 ? "" : "s") + " of " + file + " lie beyond the range "
                    + "the model's input scale covers and were clamped to it (the proof is about the clamped values; "
                    + "calibrate on rows like these to widen the range)");
            err.flush();
        }
        return out;
    }

    /** Every sample in {@code file}, each of {@code size} numbers. */
    static List<double[]> read(Path file, String what, int size) throws UsageException {
        byte[] raw = FileIo.read(file, what);
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(raw)).toString();
        } catch (CharacterCodingException e) {
            throw new UsageException(what + " " + file + ": not UTF-8 text (expected JSON or CSV)");
        }
        String trimmed = text.strip();
        if (trimmed.isEmpty()) {
            throw new UsageException(what + " " + file + ": empty");
        }
        List<double[]> rows = trimmed.charAt(0) == '{' ? json(trimmed, file, what) : csv(trimmed, file, what);
        if (rows.isEmpty()) {
            throw new UsageException(what + " " + file + ": holds no sample");
        }
        for (int i = 0; i < rows.size(); i++) {
            if (rows.get(i).length != size) {
                throw new UsageException(what + " " + file + ": sample " + (i + 1) + " has " + rows.get(i).length
                        + " values; the model's input has " + size);
            }
        }
        return rows;
    }

    private static List<double[]> json(String text, Path file, String what) throws UsageException {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(text);
        } catch (JacksonException e) {
            throw new UsageException(what + " " + file + ": not valid JSON (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")");
        }
        JsonNode data = root == null ? null : root.get("input_data");
        if (data == null || !data.isArray()) {
            throw new UsageException(what + " " + file + ": expected {\"input_data\": [[...], ...]}");
        }
        List<double[]> rows = new ArrayList<>();
        for (int i = 0; i < data.size(); i++) {
            JsonNode row = data.get(i);
            if (!row.isArray()) {
                throw new UsageException(what + " " + file + ": input_data[" + i + "] is not a list of numbers");
            }
            double[] v = new double[row.size()];
            for (int k = 0; k < v.length; k++) {
                JsonNode x = row.get(k);
                if (!x.isNumber()) {
                    throw new UsageException(what + " " + file + ": input_data[" + i + "][" + k + "] is not a number");
                }
                v[k] = x.asDouble();
            }
            rows.add(v);
        }
        return rows;
    }

    private static List<double[]> csv(String text, Path file, String what) throws UsageException {
        String[] lines = text.split("\\R");
        List<double[]> rows = new ArrayList<>();
        String[] header = lines[0].split(",", -1);
        int columns = header.length;
        boolean numeric = true;
        for (String h : header) {
            try {
                Double.parseDouble(h.strip());
            } catch (NumberFormatException e) {
                numeric = false;
            }
        }
        if (numeric) {
            throw new UsageException(what + " " + file + ": the first line holds numbers; a CSV input starts with"
                    + " a header line naming the columns");
        }
        for (int l = 1; l < lines.length; l++) {
            if (lines[l].isBlank()) {
                continue;
            }
            String[] cells = lines[l].split(",", -1);
            if (cells.length != columns) {
                throw new UsageException(what + " " + file + ": line " + (l + 1) + " has " + cells.length
                        + " columns, the header " + columns);
            }
            double[] v = new double[cells.length];
            for (int k = 0; k < v.length; k++) {
                String c = cells[k].strip();
                if (c.length() >= 2 && c.startsWith("\"") && c.endsWith("\"")) {
                    c = c.substring(1, c.length() - 1).strip();
                }
                try {
                    v[k] = Double.parseDouble(c);
                } catch (NumberFormatException e) {
                    throw new UsageException(what + " " + file + ": line " + (l + 1) + ", column " + (k + 1)
                            + ": '" + abbreviate(c) + "' is not a number");
                }
                if (!Double.isFinite(v[k])) {
                    throw new UsageException(what + " " + file + ": line " + (l + 1) + ", column " + (k + 1)
                            + ": not a finite number");
                }
            }
            rows.add(v);
        }
        return rows;
    }

    private static String abbreviate(String s) {
        return s.length() > 20 ? s.substring(0, 20) + "..." : s;
    }
}
