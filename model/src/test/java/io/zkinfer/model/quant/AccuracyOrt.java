package io.zkinfer.model.quant;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import io.zkinfer.model.graph.Tensor;
import java.nio.FloatBuffer;
import java.util.Map;

/**
 * ONNX Runtime's float predictions on a fixture's held-out split: the independent float reference
 * the issue asks the accuracy report to compare with. Null (and the comparison skipped) where the
 * native library cannot load on this platform.
 */
final class AccuracyOrt {
    private AccuracyOrt() {}

    static int[] predictions(AccuracyFixture f) {
        OrtEnvironment env;
        try {
            env = OrtEnvironment.getEnvironment();
        } catch (RuntimeException | UnsatisfiedLinkError e) {
            System.err.println("ONNX Runtime unavailable: " + e);
            return null;
        }
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(f.onnx(), options)) {
                int[] p = new int[f.test().size()];
                for (int i = 0; i < p.length; i++) {
                    Tensor x = f.test().get(i);
                    long[] shape = new long[x.rank()];
                    for (int d = 0; d < shape.length; d++) {
                        shape[d] = x.dim(d);
                    }
                    try (OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x.toFloatArray()), shape);
                            OrtSession.Result r = session.run(Map.of(f.input(), in))) {
                        float[] logits = ((OnnxTensor) r.get(0)).getFloatBuffer().array();
                        double[] d = new double[logits.length];
                        for (int k = 0; k < d.length; k++) {
                            d[k] = logits[k];
                        }
                        p[i] = AccuracyFixture.argMax(d);
                    }
                }
                return p;
            }
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on " + f.name(), e);
        }
    }
}
