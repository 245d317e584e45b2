package io.zkinfer.model.graph;

/**
 * How an op will be proven, which decides how it is quantized and compiled. The float IR fixes
 * this per op so that later stages can traverse a graph and plan each layer without knowing ONNX.
 */
public enum OpKind {
    /**
     * Sums of products: matrix products, convolutions, additions, averages, affine
     * normalizations. Proven by sumcheck; quantization only rescales. A product of two activations
     * (Mul, MatMul with no constant operand) is degree 2, still a sumcheck relation; a division
     * must have a constant divisor once quantized.
     */
    LINEAR,
    /**
     * Nonlinear functions of one element (Relu, Sigmoid, Tanh, Exp, Erf, Gelu, Sqrt, Pow, Clip):
     * proven by a lookup into a table of (input, output) pairs.
     */
    LOOKUP,
    /** Data movement without arithmetic (reshape, transpose, slice, pad, gather, concat). */
    MOVEMENT,
    /** Maxima and arg-maxima: proven by range checks on differences (MaxPool, ArgMax, ReduceMax). */
    COMPARISON,
    /**
     * Ops that mix the kinds above (Softmax: exp lookups, a sum and a division; LayerNormalization:
     * means, a variance and a reciprocal square root). Later stages decompose them.
     */
    COMPOSITE
}
