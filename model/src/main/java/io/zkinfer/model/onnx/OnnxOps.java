package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Op;
import io.zkinfer.model.onnx.ReductionImports.Reduce;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The registry of supported ONNX ops (default domain, opsets 9 to 17): the converter for each,
 * and which inputs it needs to be constant (weights aside: shapes, axes, indices, bounds).
 */
final class OnnxOps {
    private OnnxOps() {}

    /** Converts one ONNX node into IR nodes or constants. */
    @FunctionalInterface
    interface Converter {
        void convert(ImportedNode node) throws ModelException;
    }

    /** A supported op: its converter and the input positions that must be constant. */
    record Entry(Converter converter, Set<Integer> constantInputs) {}

    private static final Map<String, Entry> OPS = build();

    static Entry get(String opType) {
        return OPS.get(opType);
    }

    /** The supported op types, sorted. */
    static List<String> supported() {
        return List.copyOf(OPS.keySet());
    }

    private static Map<String, Entry> build() {
        Map<String, Entry> m = new TreeMap<>();
        put(m, "Add", n -> ArithmeticImports.binary(n, new Op.Add()));
        put(m, "Sub", n -> ArithmeticImports.binary(n, new Op.Sub()));
        put(m, "Mul", n -> ArithmeticImports.binary(n, new Op.Mul()));
        put(m, "Div", n -> ArithmeticImports.binary(n, new Op.Div()));
        put(m, "Pow", ArithmeticImports::pow, 1);
        put(m, "Sqrt", n -> ArithmeticImports.unary(n, new Op.Sqrt()));
        put(m, "Relu", n -> ArithmeticImports.unary(n, new Op.Relu()));
        put(m, "LeakyRelu", ArithmeticImports::leakyRelu);
        put(m, "Sigmoid", n -> ArithmeticImports.unary(n, new Op.Sigmoid()));
        put(m, "Tanh", n -> ArithmeticImports.unary(n, new Op.Tanh()));
        put(m, "Exp", n -> ArithmeticImports.unary(n, new Op.Exp()));
        put(m, "Erf", n -> ArithmeticImports.unary(n, new Op.Erf()));
        put(m, "Clip", ArithmeticImports::clip, 1, 2);
        put(m, "Gemm", ArithmeticImports::gemm);
        put(m, "MatMul", n -> ArithmeticImports.binary(n, new Op.MatMul()));
        put(m, "Softmax", ArithmeticImports::softmax);
        put(m, "Cast", ArithmeticImports::cast);
        put(m, "Identity", ArithmeticImports::forward);
        put(m, "Dropout", ArithmeticImports::dropout, 1, 2);
        put(m, "Constant", ArithmeticImports::constant);
        put(m, "Conv", SpatialImports::conv);
        put(m, "MaxPool", SpatialImports::maxPool);
        put(m, "AveragePool", SpatialImports::averagePool);
        put(m, "GlobalAveragePool", SpatialImports::globalAveragePool);
        put(m, "BatchNormalization", SpatialImports::batchNorm);
        put(m, "Reshape", ShapeImports::reshape, 1);
        put(m, "Flatten", ShapeImports::flatten);
        put(m, "Squeeze", ShapeImports::squeeze, 1);
        put(m, "Unsqueeze", ShapeImports::unsqueeze, 1);
        put(m, "Transpose", ShapeImports::transpose);
        put(m, "Concat", ShapeImports::concat);
        put(m, "Slice", ShapeImports::slice, 1, 2, 3, 4);
        put(m, "Gather", ShapeImports::gather, 1);
        put(m, "Split", ShapeImports::split, 1);
        put(m, "Pad", ShapeImports::pad, 1, 2);
        put(m, "Shape", ShapeImports::shape);
        put(m, "ReduceSum", n -> ReductionImports.reduce(n, Reduce.SUM), 1);
        put(m, "ReduceMean", n -> ReductionImports.reduce(n, Reduce.MEAN));
        put(m, "ReduceMax", n -> ReductionImports.reduce(n, Reduce.MAX));
        put(m, "ArgMax", ReductionImports::argMax);
        put(m, "LayerNormalization", ReductionImports::layerNorm);
        return Collections.unmodifiableMap(m);
    }

    private static void put(Map<String, Entry> m, String op, Converter c, Integer... constantInputs) {
        m.put(op, new Entry(c, Set.of(constantInputs)));
    }
}
