package io.zkinfer.sumcheck.circuit;

import io.zkinfer.commit.whir.EvaluationClaim;
import java.util.ArrayList;
import java.util.List;

/** The claims collected so far, per tensor, as they flow back through the circuit. */
final class ClaimBook {
    private final Circuit circuit;
    private final List<List<Claim>> byTensor = new ArrayList<>();

    ClaimBook(Circuit circuit) {
        this.circuit = circuit;
        for (int i = 0; i < circuit.tensorCount(); i++) {
            byTensor.add(new ArrayList<>());
        }
    }

    void add(Claim c) {
        if (c.tensor() < 0 || c.tensor() >= circuit.tensorCount()) {
            throw new IllegalStateException("a layer made a claim on tensor " + c.tensor());
        }
        if (c.point().length == 0 && circuit.tensor(c.tensor()).numVariables() != 0) {
            throw new IllegalStateException("claim on " + circuit.tensor(c.tensor()).name() + " has no point");
        }
        byTensor.get(c.tensor()).add(c);
    }

    void addAll(List<Claim> claims) {
        for (Claim c : claims) {
            add(c);
        }
    }

    /** Removes and returns the claims on an intermediate tensor (at least one must exist). */
    List<Claim> take(int tensor) {
        List<Claim> out = byTensor.get(tensor);
        if (out.isEmpty()) {
            throw new IllegalStateException("no claim reached intermediate tensor " + circuit.tensor(tensor).name());
        }
        byTensor.set(tensor, new ArrayList<>());
        return out;
    }

    /** The claims on tensors with a non-negative {@code index}, as claims on those polynomials. */
    List<EvaluationClaim> commitmentClaims(int[] index) {
        List<EvaluationClaim> out = new ArrayList<>();
        for (int t = 0; t < index.length; t++) {
            if (index[t] >= 0) {
                for (Claim c : byTensor.get(t)) {
                    out.add(new EvaluationClaim(index[t], c.point(), c.value()));
                }
            }
        }
        return out;
    }

    /** Claims on tensors of the given kind. */
    List<Claim> ofKind(Tensor.Kind kind) {
        List<Claim> out = new ArrayList<>();
        for (int t = 0; t < byTensor.size(); t++) {
            if (circuit.tensor(t).kind() == kind) {
                out.addAll(byTensor.get(t));
            }
        }
        return out;
    }

    /** Claims on intermediate tensors that no producer took (a broken layer). */
    boolean intermediateLeft() {
        return !ofKind(Tensor.Kind.INTERMEDIATE).isEmpty();
    }
}
