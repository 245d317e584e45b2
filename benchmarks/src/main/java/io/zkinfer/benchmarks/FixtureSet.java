package io.zkinfer.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.zkinfer.model.graph.Tensor;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A model's bundled data, as the fixtures in {@code fixtures/} lay it out: a {@code manifest.json}
 * beside the model naming raw little-endian tensors ({@code calib_x}, {@code test_x},
 * {@code test_y}; float32 or uint8). Samples become model inputs of shape {@code inputShape}:
 * float32 samples as they are (same number of entries), uint8 images scaled by 1/255 and
 * zero-padded evenly on every side to the input's height and width (fixtures/README.md).
 */
record FixtureSet(List<Tensor> calibration, List<Tensor> test, int[] labels) {
    /** The data beside {@code model}, or null when its folder has no manifest. */
    static FixtureSet beside(Path model, int[] inputShape) throws IOException {
        Path dir = model.toAbsolutePath().getParent();
        Path manifest = dir.resolve("manifest.json");
        if (!Files.isRegularFile(manifest)) {
            return null;
        }
        JsonNode tensors = new ObjectMapper().readTree(manifest.toFile()).path("tensors");
        List<Tensor> calib = samples(dir, tensors.path("calib_x"), inputShape);
        List<Tensor> test = samples(dir, tensors.path("test_x"), inputShape);
        int[] labels = null;
        JsonNode y = tensors.path("test_y");
        if (!y.isMissingNode()) {
            byte[] raw = Files.readAllBytes(dir.resolve(y.path("file").asText()));
            labels = new int[raw.length];
            for (int i = 0; i < raw.length; i++) {
                labels[i] = raw[i] & 0xFF;
            }
        }
        return new FixtureSet(calib, test, labels);
    }

    private static List<Tensor> samples(Path dir, JsonNode t, int[] inputShape) throws IOException {
        List<Tensor> out = new ArrayList<>();
        if (t.isMissingNode()) {
            return out;
        }
        byte[] raw = Files.readAllBytes(dir.resolve(t.path("file").asText()));
        JsonNode shape = t.path("shape");
        int n = shape.get(0).asInt();
        int per = 1;
        for (int i = 1; i < shape.size(); i++) {
            per *= shape.get(i).asInt();
        }
        boolean bytes = "uint8".equals(t.path("dtype").asText());
        ByteBuffer b = ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN);
        int inputSize = 1;
        for (int d : inputShape) {
            inputSize *= d;
        }
        for (int s = 0; s < n; s++) {
            double[] v = new double[per];
            for (int i = 0; i < per; i++) {
                v[i] = bytes ? (raw[s * per + i] & 0xFF) / 255.0f : b.getFloat((s * per + i) * 4);
            }
            if (per == inputSize) {
                out.add(Tensor.of(inputShape, v));
            } else {
                out.add(Tensor.of(inputShape, padImage(v, shape.get(shape.size() - 2).asInt(),
                        shape.get(shape.size() - 1).asInt(), inputShape)));
            }
        }
        return out;
    }

    /** An h x w image centred, zero-padded, in a [1, 1, H, W] input. */
    private static double[] padImage(double[] v, int h, int w, int[] inputShape) {
        int r = inputShape.length;
        int bigH = inputShape[r - 2];
        int bigW = inputShape[r - 1];
        if (r != 4 || inputShape[0] != 1 || inputShape[1] != 1 || bigH < h || bigW < w) {
            throw new IllegalArgumentException("samples of " + h + "x" + w + " do not fit the model's input "
                    + java.util.Arrays.toString(inputShape));
        }
        int top = (bigH - h) / 2;
        int left = (bigW - w) / 2;
        double[] out = new double[bigH * bigW];
        for (int i = 0; i < h; i++) {
            System.arraycopy(v, i * w, out, (i + top) * bigW + left, w);
        }
        return out;
    }
}
