package io.zkinfer.model.onnx;

import static io.zkinfer.model.onnx.OnnxModels.attr;
import static io.zkinfer.model.onnx.OnnxModels.ints;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.eval.FloatEvaluator;
import io.zkinfer.model.graph.Graph;
import io.zkinfer.model.graph.Tensor;
import io.zkinfer.model.onnx.proto.Onnx.TensorProto;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Ops whose arguments moved from attributes to inputs between opsets give the same result either
 * way (and the expected one).
 */
class OpsetVariantsTest {
    private static final Tensor X = Tensor.of(new int[] {2, 3}, 1, -2, 3, -4, 5, -6);

    private static double[] run(OnnxModels m) throws ModelException {
        Graph g = OnnxImporter.load(m.bytes(), ImportOptions.defaults());
        return FloatEvaluator.evaluate(g, Map.of("x", X)).get("y").toDoubleArray();
    }

    private static Tensor longs(long... v) {
        return Tensor.ofLongs(new int[] {v.length}, v);
    }

    /** INT64 values as exported (INT64_MAX/MIN mean "to the end"), beyond what Tensor holds. */
    private static TensorProto rawLongs(String name, long... v) {
        TensorProto.Builder b = TensorProto.newBuilder().setName(name).setDataType(TensorProto.DataType.INT64_VALUE)
                .addDims(v.length);
        for (long x : v) {
            b.addInt64Data(x);
        }
        return b.build();
    }

    @Test
    void slice() throws ModelException {
        double[] old = run(OnnxModels.opset(9).input("x", 2, 3).output("y")
                .node("Slice", List.of("x"), List.of("y"), ints("starts", 0, 1), ints("ends", 1, 1000), ints("axes", 0, 1)));
        double[] neu = run(OnnxModels.opset(13).input("x", 2, 3).output("y")
                .initializer("s", longs(0, 1)).initializer(rawLongs("e", 1, Long.MAX_VALUE)).initializer("a", longs(0, -1))
                .node("Slice", List.of("x", "s", "e", "a"), List.of("y")));
        assertArrayEquals(new double[] {-2, 3}, old);
        assertArrayEquals(old, neu);
        double[] reversed = run(OnnxModels.opset(13).input("x", 2, 3).output("y")
                .initializer("s", longs(-1)).initializer(rawLongs("e", Long.MIN_VALUE)).initializer("a", longs(1))
                .initializer("st", longs(-2)).node("Slice", List.of("x", "s", "e", "a", "st"), List.of("y")));
        assertArrayEquals(new double[] {3, 1, -6, -4}, reversed);
    }

    @Test
    void squeezeAndUnsqueeze() throws ModelException {
        double[] old = run(OnnxModels.opset(11).input("x", 2, 3).output("y", 1, 2, 3)
                .node("Unsqueeze", List.of("x"), List.of("u"), ints("axes", 0, 3))
                .node("Squeeze", List.of("u"), List.of("y"), ints("axes", -1)));
        double[] neu = run(OnnxModels.opset(13).input("x", 2, 3).output("y", 1, 2, 3)
                .initializer("a", longs(0, 3)).initializer("b", longs(-1))
                .node("Unsqueeze", List.of("x", "a"), List.of("u")).node("Squeeze", List.of("u", "b"), List.of("y")));
        assertArrayEquals(X.toDoubleArray(), old);
        assertArrayEquals(old, neu);
    }

    @Test
    void clip() throws ModelException {
        double[] old = run(OnnxModels.opset(9).input("x", 2, 3).output("y")
                .node("Clip", List.of("x"), List.of("y"), attr("min", -3f), attr("max", 4f)));
        double[] neu = run(OnnxModels.opset(13).input("x", 2, 3).output("y")
                .initializer("lo", Tensor.scalar(-3)).initializer("hi", Tensor.scalar(4))
                .node("Clip", List.of("x", "lo", "hi"), List.of("y")));
        double[] onlyMax = run(OnnxModels.opset(13).input("x", 2, 3).output("y")
                .initializer("hi", Tensor.scalar(4)).node("Clip", List.of("x", "", "hi"), List.of("y")));
        assertArrayEquals(new double[] {1, -2, 3, -3, 4, -3}, old);
        assertArrayEquals(old, neu);
        assertArrayEquals(new double[] {1, -2, 3, -4, 4, -6}, onlyMax);
    }

    @Test
    void pad() throws ModelException {
        double[] old = run(OnnxModels.opset(9).input("x", 2, 3).output("y", 2, 5)
                .node("Pad", List.of("x"), List.of("y"), ints("pads", 0, 1, 0, 1), attr("value", 9f)));
        double[] neu = run(OnnxModels.opset(13).input("x", 2, 3).output("y", 2, 5)
                .initializer("p", longs(0, 1, 0, 1)).initializer("v", Tensor.scalar(9))
                .node("Pad", List.of("x", "p", "v"), List.of("y")));
        assertArrayEquals(new double[] {9, 1, -2, 3, 9, 9, -4, 5, -6, 9}, old);
        assertArrayEquals(old, neu);
        double[] reflect = run(OnnxModels.opset(13).input("x", 2, 3).output("y", 2, 5)
                .initializer("p", longs(0, 1, 0, 1)).node("Pad", List.of("x", "p"), List.of("y"), attr("mode", "reflect")));
        assertArrayEquals(new double[] {-2, 1, -2, 3, -2, 5, -4, 5, -6, 5}, reflect);
    }

    @Test
    void reduceSumAndSplit() throws ModelException {
        double[] old = run(OnnxModels.opset(11).input("x", 2, 3).output("y", 2)
                .node("ReduceSum", List.of("x"), List.of("y"), ints("axes", 1), attr("keepdims", 0L)));
        double[] neu = run(OnnxModels.opset(13).input("x", 2, 3).output("y", 2).initializer("a", longs(-1))
                .node("ReduceSum", List.of("x", "a"), List.of("y"), attr("keepdims", 0L)));
        assertArrayEquals(new double[] {2, -5}, old);
        assertArrayEquals(old, neu);
        double[] split11 = run(OnnxModels.opset(11).input("x", 2, 3).output("y", 2, 2)
                .node("Split", List.of("x"), List.of("a", "y"), attr("axis", 1L), ints("split", 1, 2)));
        double[] split13 = run(OnnxModels.opset(13).input("x", 2, 3).output("y", 2, 2).initializer("s", longs(1, 2))
                .node("Split", List.of("x", "s"), List.of("a", "y"), attr("axis", 1L)));
        assertArrayEquals(new double[] {-2, 3, 5, -6}, split11);
        assertArrayEquals(split11, split13);
    }

    @Test
    void softmaxBeforeOpset13CoercesTo2d() throws ModelException {
        Tensor x = Tensor.of(new int[] {1, 2, 2}, 0, 0, 0, 0);
        Graph g = OnnxImporter.load(OnnxModels.opset(11).input("x", 1, 2, 2).output("y", 1, 2, 2)
                .node("Softmax", List.of("x"), List.of("y"), attr("axis", 1L)).bytes(), ImportOptions.defaults());
        assertArrayEquals(new double[] {0.25, 0.25, 0.25, 0.25}, FloatEvaluator.evaluate(g, Map.of("x", x)).get("y")
                .toDoubleArray(), 1e-12);
        Graph h = OnnxImporter.load(OnnxModels.opset(13).input("x", 1, 2, 2).output("y", 1, 2, 2)
                .node("Softmax", List.of("x"), List.of("y"), attr("axis", 1L)).bytes(), ImportOptions.defaults());
        assertArrayEquals(new double[] {0.5, 0.5, 0.5, 0.5}, FloatEvaluator.evaluate(h, Map.of("x", x)).get("y")
                .toDoubleArray(), 1e-12);
    }
}
