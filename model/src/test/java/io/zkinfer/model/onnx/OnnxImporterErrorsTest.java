package io.zkinfer.model.onnx;

import static io.zkinfer.model.onnx.OnnxModels.attr;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.ModelException.Kind;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.proto.Onnx.TensorProto;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Bad models, bad options and bad inputs give a ModelException that says what, where and what to do. */
class OnnxImporterErrorsTest {
    private static byte[] reluModel(Object... dims) {
        return OnnxModels.opset(13).input("x", dims).output("y", dims)
                .node("act", "Relu", List.of("x"), List.of("y")).bytes();
    }

    private static ModelException importFails(byte[] bytes, ImportOptions options) {
        return assertThrows(ModelException.class, () -> OnnxImporter.load(bytes, options));
    }

    @Test
    void unsupportedOpNamesOpNodeAndSupportedList() {
        byte[] bytes = OnnxModels.opset(13).input("x", 2).output("y", 2)
                .node("my_loop", "Hardmax", List.of("x"), List.of("y")).bytes();
        ModelException e = importFails(bytes, ImportOptions.defaults());
        assertEquals(Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("'Hardmax'"), e.getMessage());
        assertTrue(e.getMessage().contains("node 'my_loop'"), e.getMessage());
        assertTrue(e.getMessage().contains("Conv") && e.getMessage().contains("Softmax"), e.getMessage());
    }

    @Test
    void truncatedFileIsMalformed() {
        byte[] bytes = OnnxModels.opset(13).input("x", 2).output("y", 2)
                .initializer("w", Tensor.of(new int[] {64}, new double[64]))
                .node("Add", List.of("x", "x"), List.of("y")).bytes();
        for (int cut : new int[] {1, bytes.length / 2, bytes.length - 3}) {
            ModelException e = importFails(Arrays.copyOf(bytes, cut), ImportOptions.defaults());
            assertEquals(Kind.MALFORMED, e.kind(), e.getMessage());
            assertTrue(e.getMessage().contains("truncated or corrupt"), e.getMessage());
        }
    }

    /** Corrupted bytes give a ModelException or a valid graph, never another exception. */
    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(longs = {1, 2, 3})
    void corruptedBytesNeverCrash(long seed) {
        System.out.println("corruptedBytesNeverCrash seed " + seed);
        java.util.Random r = new java.util.Random(seed);
        byte[] valid = OnnxModels.opset(13).input("x", 1, 2, 5, 5).output("y")
                .initializer("w", Tensor.of(new int[] {3, 2, 3, 3}, new double[54]))
                .initializer("shape", Tensor.ofLongs(new int[] {2}, 1, -1))
                .node("Conv", List.of("x", "w"), List.of("c"), OnnxModels.ints("pads", 1, 1, 1, 1))
                .node("Reshape", List.of("c", "shape"), List.of("y")).bytes();
        for (int trial = 0; trial < 300; trial++) {
            byte[] b = valid.clone();
            for (int k = 0; k <= r.nextInt(3); k++) {
                b[r.nextInt(b.length)] = (byte) r.nextInt(256);
            }
            try {
                OnnxImporter.load(b, ImportOptions.defaults().withBatchSize(1));
            } catch (ModelException expected) {
                assertTrue(!expected.getMessage().isEmpty());
            }
        }
    }

    @Test
    void garbageAndEmptyBytesAreMalformed() {
        assertEquals(Kind.MALFORMED, importFails(new byte[] {(byte) 0xff, 0x13, 0x00}, ImportOptions.defaults()).kind());
        assertEquals(Kind.MALFORMED, importFails(new byte[0], ImportOptions.defaults()).kind());
    }

    @Test
    void dynamicDimensionNeedsASize() throws ModelException {
        ModelException e = importFails(reluModel("batch", 3), ImportOptions.defaults());
        assertEquals(Kind.MISSING_DIMENSION, e.kind());
        assertTrue(e.getMessage().contains("'batch'") && e.getMessage().contains("input 'x'"), e.getMessage());
        assertTrue(e.getMessage().contains("withDimension(\"batch\""), e.getMessage());
        Graph g = OnnxImporter.load(reluModel("batch", 3), ImportOptions.defaults().withDimension("batch", 5));
        assertArrayEquals(new int[] {5, 3}, g.inputs().getFirst().shape());
        Graph h = OnnxImporter.load(reluModel("batch", 3), ImportOptions.defaults().withBatchSize(2));
        assertArrayEquals(new int[] {2, 3}, h.inputs().getFirst().shape());
    }

    @Test
    void unnamedDynamicDimensionBeyondTheFirstIsReported() {
        ModelException e = importFails(reluModel(1, null), ImportOptions.defaults().withBatchSize(4));
        assertEquals(Kind.MISSING_DIMENSION, e.kind());
        assertTrue(e.getMessage().contains("dimension 1 (unnamed)"), e.getMessage());
    }

    @Test
    void wrongInputShapeAndNonFiniteInputsAreRejectedAtEvaluation() throws ModelException {
        Graph g = OnnxImporter.load(reluModel(2, 3), ImportOptions.defaults());
        ModelException shape = assertThrows(ModelException.class,
                () -> FloatEvaluator.evaluate(g, Map.of("x", Tensor.of(new int[] {3, 2}, new double[6]))));
        assertEquals(Kind.INVALID_INPUT, shape.kind());
        assertTrue(shape.getMessage().contains("input 'x'") && shape.getMessage().contains("[2, 3]"), shape.getMessage());
        double[] v = new double[6];
        v[4] = Double.NaN;
        ModelException nan = assertThrows(ModelException.class,
                () -> FloatEvaluator.evaluate(g, Map.of("x", Tensor.of(new int[] {2, 3}, v))));
        assertEquals(Kind.INVALID_INPUT, nan.kind());
        assertTrue(nan.getMessage().contains("NaN"), nan.getMessage());
        v[4] = Double.POSITIVE_INFINITY;
        assertThrows(ModelException.class, () -> FloatEvaluator.evaluate(g, Map.of("x", Tensor.of(new int[] {2, 3}, v))));
        ModelException missing = assertThrows(ModelException.class, () -> FloatEvaluator.evaluate(g, Map.of()));
        assertTrue(missing.getMessage().contains("missing input"), missing.getMessage());
    }

    @Test
    void missingInitializerIsMalformed() {
        byte[] bytes = OnnxModels.opset(13).input("x", 1, 2).output("y", 1, 3)
                .node("fc", "MatMul", List.of("x", "weights"), List.of("y")).bytes();
        ModelException e = importFails(bytes, ImportOptions.defaults());
        assertEquals(Kind.MALFORMED, e.kind());
        assertTrue(e.getMessage().contains("'weights'") && e.getMessage().contains("node 'fc'"), e.getMessage());
    }

    @Test
    void unsupportedDataTypeNamesTheTensor() {
        TensorProto dbl = TensorProto.newBuilder().setName("w").setDataType(TensorProto.DataType.DOUBLE_VALUE)
                .addDims(2).addDoubleData(1).addDoubleData(2).build();
        byte[] bytes = OnnxModels.opset(13).input("x", 2).output("y", 2).initializer(dbl)
                .node("Add", List.of("x", "w"), List.of("y")).bytes();
        ModelException e = importFails(bytes, ImportOptions.defaults());
        assertEquals(Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("DOUBLE") && e.getMessage().contains("'w'"), e.getMessage());
    }

    @Test
    void unknownAutoPadUnknownAttributeAndOldOpsetAreRefused() {
        Tensor w = Tensor.of(new int[] {1, 1, 3, 3}, new double[9]);
        byte[] autoPad = OnnxModels.opset(13).input("x", 1, 1, 5, 5).output("y")
                .initializer("w", w).node("Conv", List.of("x", "w"), List.of("y"), attr("auto_pad", "SAME_MIDDLE")).bytes();
        ModelException e = importFails(autoPad, ImportOptions.defaults());
        assertEquals(Kind.UNSUPPORTED, e.kind());
        assertTrue(e.getMessage().contains("SAME_MIDDLE"), e.getMessage());

        byte[] unknown = OnnxModels.opset(13).input("x", 2).output("y", 2)
                .node("Relu", List.of("x"), List.of("y"), attr("turbo", 1L)).bytes();
        assertTrue(importFails(unknown, ImportOptions.defaults()).getMessage().contains("'turbo'"));

        byte[] old = OnnxModels.opset(7).input("x", 2).output("y", 2).node("Relu", List.of("x"), List.of("y")).bytes();
        ModelException o = importFails(old, ImportOptions.defaults());
        assertTrue(o.getMessage().contains("opset 7") && o.getMessage().contains("9 to 17"), o.getMessage());
    }

    @Test
    void shapeMismatchIsInvalidModel() {
        Tensor w = Tensor.of(new int[] {4, 3}, new double[12]);
        byte[] bytes = OnnxModels.opset(13).input("x", 1, 5).output("y").initializer("w", w)
                .node("fc", "MatMul", List.of("x", "w"), List.of("y")).bytes();
        ModelException e = importFails(bytes, ImportOptions.defaults());
        assertEquals(Kind.INVALID_MODEL, e.kind());
        assertTrue(e.getMessage().contains("node 'fc' (MatMul)"), e.getMessage());
    }

    @Test
    void runtimeShapeArgumentIsRefused() {
        byte[] bytes = OnnxModels.opset(13).input("x", 2, 3).input("shape", 2).output("y")
                .node("Reshape", List.of("x", "shape"), List.of("y")).bytes();
        ModelException e = importFails(bytes, ImportOptions.defaults());
        assertEquals(Kind.UNSUPPORTED, e.kind());
    }
}
