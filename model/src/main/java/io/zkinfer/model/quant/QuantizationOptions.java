package io.zkinfer.model.quant;

/**
 * How a float model is quantized: the bit widths of weights, activations and the intermediate
 * values of the composite ops. Every width is a signed width: a tensor of b bits holds integers in
 * [-2^(b-1), 2^(b-1)). Immutable; start from {@link #defaults()} and change one field at a time.
 *
 * <p>Activations are narrow because every nonlinear op is a lookup table over the activation's
 * whole domain and because products of activations and weights must stay small in the field;
 * softmax and layer normalization get wider inputs because their precision decides a
 * transformer's accuracy and their tables may take up to 16 bits.
 *
 * @param weightBits weights (per tensor, symmetric), 2 to 16
 * @param activationBits activations between layers, 2 to 16
 * @param outputBits the graph's outputs, which feed no table, 2 to 16
 * @param sumInputBits tensors read only by additions, reductions and average pools (a residual
 *     branch, a normalized output before a mean), which no table or product reads, 2 to 16
 * @param softmaxInputBits a softmax's input (the exp table has one more bit), 2 to 15
 * @param softmaxExpBits the fractional bits of the exp table's output e^(x - max), at most 15 minus
 *     log2 of the softmax axis length (so that the sum fits the 16-bit divisor); lowered when needed
 * @param probabilityBits the fractional bits of a softmax's output (2^p stands for probability 1), 1 to 14
 * @param layerNormInputBits a layer normalization's input, 2 to 15
 * @param varianceBits the variance's lookup domain for 1/sqrt(var + eps), 2 to 16
 * @param multiplierBits the precision of a requantization multiplier approximating a factor that is
 *     not a power of two (1/n of a mean, a constant divisor), 2 to 30
 */
public record QuantizationOptions(int weightBits, int activationBits, int outputBits, int sumInputBits,
        int softmaxInputBits, int softmaxExpBits, int probabilityBits, int layerNormInputBits, int varianceBits, int multiplierBits) {

    /** Checks the ranges. */
    public QuantizationOptions {
        check("weightBits", weightBits, 2, 16);
        check("activationBits", activationBits, 2, 16);
        check("outputBits", outputBits, 2, 16);
        check("sumInputBits", sumInputBits, 2, 16);
        check("softmaxInputBits", softmaxInputBits, 2, 15);
        check("softmaxExpBits", softmaxExpBits, 1, 15);
        check("probabilityBits", probabilityBits, 1, 14);
        check("layerNormInputBits", layerNormInputBits, 2, 15);
        check("varianceBits", varianceBits, 2, 16);
        check("multiplierBits", multiplierBits, 2, 30);
    }

    /**
     * 8-bit weights, 10-bit activations, 16-bit outputs, 12-bit sum, softmax and layer-norm inputs,
     * 8-bit probabilities: what the three fixtures need to stay within one point of float accuracy
     * with 99% argmax agreement. Measured on their held-out rows (agreement LeNet-5 / MLP /
     * transformer): 8-bit activations 99.7 / 100 / 98.75 % (weights' bounds the powers of two a
     * proof range-checks), 10-bit 99.8 / 100 / 99.25 %, 12-bit 98.9 / 100 / 99.0 % (wider
     * activations are not always better: products' worst-case bounds then force coarser outputs).
     */
    public static QuantizationOptions defaults() {
        return new QuantizationOptions(8, 10, 16, 12, 12, 12, 8, 12, 16, 16);
    }

    public QuantizationOptions withWeightBits(int bits) {
        return new QuantizationOptions(bits, activationBits, outputBits, sumInputBits, softmaxInputBits, softmaxExpBits,
                probabilityBits, layerNormInputBits, varianceBits, multiplierBits);
    }

    public QuantizationOptions withActivationBits(int bits) {
        return new QuantizationOptions(weightBits, bits, outputBits, sumInputBits, softmaxInputBits, softmaxExpBits,
                probabilityBits, layerNormInputBits, varianceBits, multiplierBits);
    }

    public QuantizationOptions withOutputBits(int bits) {
        return new QuantizationOptions(weightBits, activationBits, bits, sumInputBits, softmaxInputBits, softmaxExpBits,
                probabilityBits, layerNormInputBits, varianceBits, multiplierBits);
    }

    public QuantizationOptions withSumInputBits(int bits) {
        return new QuantizationOptions(weightBits, activationBits, outputBits, bits, softmaxInputBits, softmaxExpBits,
                probabilityBits, layerNormInputBits, varianceBits, multiplierBits);
    }

    /** Softmax input, exp and probability bits together. */
    public QuantizationOptions withSoftmaxBits(int inputBits, int expBits, int probBits) {
        return new QuantizationOptions(weightBits, activationBits, outputBits, sumInputBits, inputBits, expBits,
                probBits,
                layerNormInputBits, varianceBits, multiplierBits);
    }

    /** Layer normalization's input and variance bits together. */
    public QuantizationOptions withLayerNormBits(int inputBits, int varBits) {
        return new QuantizationOptions(weightBits, activationBits, outputBits, sumInputBits, softmaxInputBits,
                softmaxExpBits, probabilityBits, inputBits, varBits, multiplierBits);
    }

    private static void check(String what, int v, int lo, int hi) {
        if (v < lo || v > hi) {
            throw new IllegalArgumentException(what + " must lie in [" + lo + ", " + hi + "], got " + v);
        }
    }
}
