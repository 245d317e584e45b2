package io.zkinfer.sumcheck.layer;

import io.zkinfer.sumcheck.circuit.CircuitBuilder;
import io.zkinfer.sumcheck.circuit.Claim;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.LinearForm;
import io.zkinfer.sumcheck.circuit.ProverContext;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import io.zkinfer.sumcheck.circuit.Witness;
import java.util.List;

/**
 * The constraint that a tensor is zero everywhere: the claim t(tau) = 0 at a random tau. A
 * nonzero tensor's extension is a nonzero multilinear polynomial, zero at tau with probability
 * at most n / |F|.
 */
public final class ZeroCheck implements Layer {
    private final int tensor;

    private ZeroCheck(int tensor) {
        this.tensor = tensor;
    }

    public static void add(CircuitBuilder cb, int tensor) {
        cb.layer(new ZeroCheck(tensor));
    }

    @Override
    public String describe() {
        return "zero(" + tensor + ")";
    }

    @Override
    public int[] inputs() {
        return new int[] {tensor};
    }

    @Override
    public int[] outputs() {
        return new int[0];
    }

    @Override
    public int reducedTensor() {
        return -1;
    }

    @Override
    public void compute(Witness witness) {}

    @Override
    public List<Claim> prove(ProverContext ctx, Claim claim) {
        return List.of(new Claim(tensor, ctx.point("point", ctx.tensor(tensor).numVariables()), ctx.ext().zero()));
    }

    @Override
    public List<Claim> verify(VerifierContext ctx, Claim claim) {
        return List.of(new Claim(tensor, ctx.point("point", ctx.tensor(tensor).numVariables()), ctx.ext().zero()));
    }

    @Override
    public int zkSlots() {
        return 0;
    }

    @Override
    public void proveZk(ProverContext ctx) {
        long[] tau = ctx.point("point", ctx.tensor(tensor).numVariables());
        ctx.formClaim(LinearForm.of(ctx.ext(), tensor, tau), ctx.ext().zero());
    }

    @Override
    public void verifyZk(VerifierContext ctx) {
        long[] tau = ctx.point("point", ctx.tensor(tensor).numVariables());
        ctx.formClaim(LinearForm.of(ctx.ext(), tensor, tau), ctx.ext().zero());
    }
}
