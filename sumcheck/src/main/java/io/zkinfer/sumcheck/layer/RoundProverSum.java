package io.zkinfer.sumcheck.layer;

import io.zkinfer.field.ExtensionField;
import io.zkinfer.sumcheck.RoundProver;
import io.zkinfer.sumcheck.circuit.Univariate;
import java.util.ArrayList;
import java.util.List;

/**
 * The rounds of sum_i c_i f_i from provers of the f_i (all over the same variables and of the
 * same degree): each round's message is the c_i-combination of theirs, each part keeping its
 * own running claim; the last round's factor pairs are the parts' in order.
 */
final class RoundProverSum implements RoundProver {
    private final ExtensionField ext;
    private final List<RoundProver> parts;
    private final List<long[]> coefficients;
    private final long[][] claims;
    private long[][] lastMessages;

    /**
     * @param claims each part's claimed sum
     */
    RoundProverSum(ExtensionField ext, List<RoundProver> parts, List<long[]> coefficients, List<long[]> claims) {
        this.ext = ext;
        this.parts = List.copyOf(parts);
        this.coefficients = List.copyOf(coefficients);
        this.claims = claims.toArray(long[][]::new);
    }

    @Override
    public long[] roundMessage(long[] claim) {
        lastMessages = new long[parts.size()][];
        long[] sum = null;
        for (int i = 0; i < parts.size(); i++) {
            long[] msg = parts.get(i).roundMessage(claims[i]);
            lastMessages[i] = msg;
            if (sum == null) {
                sum = new long[msg.length];
            } else if (msg.length != sum.length) {
                throw new IllegalArgumentException("the parts' rounds differ in degree");
            }
            long[] c = coefficients.get(i);
            for (int x = 0; x < msg.length; x += ext.degree()) {
                ext.mulAdd(sum, x, sum, x, c, 0, msg, x);
            }
        }
        return sum;
    }

    @Override
    public void bind(long[] r) {
        int d = ext.degree();
        for (int i = 0; i < parts.size(); i++) {
            // The part's values at 0..D: h(0), claim - h(0), h(2), ..., h(D).
            long[] msg = lastMessages[i];
            long[] values = new long[msg.length + d];
            System.arraycopy(msg, 0, values, 0, d);
            System.arraycopy(ext.sub(claims[i], ext.get(msg, 0)), 0, values, d, d);
            System.arraycopy(msg, d, values, 2 * d, msg.length - d);
            claims[i] = Univariate.evaluate(ext, values, r);
            parts.get(i).bind(r);
        }
    }

    @Override
    public long[][] lastRoundPairs() {
        List<long[]> out = new ArrayList<>();
        for (RoundProver p : parts) {
            out.addAll(List.of(p.lastRoundPairs()));
        }
        return out.toArray(long[][]::new);
    }
}
