package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Shape;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.circuit.Witness;
import io.zkinfer.sumcheck.lookup.Table;
import java.math.BigInteger;
import java.util.function.LongUnaryOperator;

/**
 * A non-linear map y = f(x) by lookup (ReLU, sigmoid, tanh, exp, GELU, reciprocal square root:
 * any integer function the compiler tabulates): y is committed and (x, y) is looked up in the
 * table {(v, f(v)) : v in [-2^(bits-1), 2^(bits-1))}, which also range-checks x. The f column
 * is a preprocessed tensor in the key, shared by every layer with the same function name and
 * width. Padding entries are looked up as (0, f(0)).
 */
public final class Activation implements WitnessOnly {
    private final String function;
    private final LongUnaryOperator f;
    private final int x;
    private final int y;

    private Activation(String function, LongUnaryOperator f, int x, int y) {
        this.function = function;
        this.f = f;
        this.x = x;
        this.y = y;
    }

    /**
     * Adds y = f(x) and returns y (committed).
     *
     * @param function a name that identifies f (two layers with one name share a table)
     * @param bits the width of x's domain, at most 16
     */
    public static int add(CircuitBuilder cb, String name, int x, String function, LongUnaryOperator f, int bits) {
        Tensor tx = cb.get(x);
        if (bits < 1 || bits > RangeCheck.MAX_BITS) {
            throw new IllegalArgumentException(name + ": a function table covers 1 to 16 input bits, got " + bits);
        }
        Table table = Table.function(bits, f);
        long max = 0;
        long[] column = new long[1 << bits];
        for (int i = 0; i < column.length; i++) {
            column[i] = f.applyAsLong(i - (1L << (bits - 1)));
            max = Math.max(max, Math.abs(column[i]));
        }
        int y = cb.tensor(name, tx.shape(), Tensor.Kind.COMMITTED, false, BigInteger.valueOf(max));
        cb.layer(new Activation(function, f, x, y));
        int fColumn = cb.sharedPreprocessed("table/" + function + "/" + bits, Shape.of(1 << bits), () -> column);
        Lookup.add(cb, name + "/lookup", table, new int[][] {{x, y}}, new long[][] {{0, f.applyAsLong(0)}},
                new int[] {-1, fColumn});
        return y;
    }

    @Override
    public String describe() {
        return "activation(" + function + ",x=" + x + ",y=" + y + ")";
    }

    @Override
    public int[] inputs() {
        return new int[] {x};
    }

    @Override
    public int[] outputs() {
        return new int[] {y};
    }

    @Override
    public void compute(Witness w) {
        long[] in = w.values(x);
        long[] out = new long[in.length];
        Shape shape = w.circuit().tensor(x).shape();
        for (int i : shape.logicalIndices()) {
            out[i] = Goldilocks.fromSigned(f.applyAsLong(Goldilocks.toSigned(in[i])));
        }
        w.set(y, out);
    }
}
