/**
 * The layer relations an ML model compiles to, each with its prover and verifier in both
 * protocols: {@link io.zkinfer.sumcheck.layer.MatMul}, {@link io.zkinfer.sumcheck.layer.Linear},
 * {@link io.zkinfer.sumcheck.layer.Hadamard}, {@link io.zkinfer.sumcheck.layer.Conv2d}, {@link
 * io.zkinfer.sumcheck.layer.SumPool}, {@link io.zkinfer.sumcheck.layer.ReduceSum}, {@link
 * io.zkinfer.sumcheck.layer.Max} (max, argmax, max pooling), {@link
 * io.zkinfer.sumcheck.layer.Requantize}, {@link io.zkinfer.sumcheck.layer.Division}, {@link
 * io.zkinfer.sumcheck.layer.Activation}, {@link io.zkinfer.sumcheck.layer.Wiring} with {@link
 * io.zkinfer.sumcheck.layer.DataMovement}, and the constraints {@link
 * io.zkinfer.sumcheck.layer.Lookup}, {@link io.zkinfer.sumcheck.layer.RangeCheck} and {@link
 * io.zkinfer.sumcheck.layer.ZeroCheck}. Each class's static factories validate shapes, compute
 * the output's bound (the compiler's accumulator check) and add the layer to a builder.
 */
package io.zkinfer.sumcheck.layer;
