package io.zkinfer.sumcheck.circuit;

import java.math.BigInteger;

/**
 * A tensor of a circuit: its id (its index in the circuit), a name for messages, its shape, how
 * the verifier learns about it, and a bound B with |v| <= B for every entry v (values are
 * signed integers embedded in the field, decoded on (-p/2, p/2)).
 *
 * @param revealed whether the verifier is given the values (a public input or a public output)
 */
public record Tensor(int id, String name, Shape shape, Kind kind, boolean revealed, BigInteger bound) {
    /** How a tensor's claims are discharged. */
    public enum Kind {
        /** Given to the verifier with the proof's public data; it evaluates claims itself. */
        PUBLIC,
        /** In the proof's commitment (inputs, weights, auxiliary witness); claims go to the opening. */
        COMMITTED,
        /** Computed by exactly one layer and never committed; its claims go to that layer. */
        INTERMEDIATE,
        /** Fixed by the circuit and committed once in its key (tables without a closed form). */
        PREPROCESSED
    }

    public int numVariables() {
        return shape.numVariables();
    }
}
