package io.zkinfer.sumcheck.circuit;

/**
 * A tensor's bound reaches p/2, so its values could wrap around the field instead of decoding to
 * the integers they stand for. The compiler must choose smaller scales or split the layer.
 */
public final class AccumulatorOverflowException extends IllegalArgumentException {
    public AccumulatorOverflowException(String message) {
        super(message);
    }
}
