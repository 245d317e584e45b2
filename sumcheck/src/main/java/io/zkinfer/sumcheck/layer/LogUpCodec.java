package io.zkinfer.sumcheck.layer;

import io.zkinfer.sumcheck.circuit.ProofException;
import io.zkinfer.sumcheck.circuit.VerifierContext;
import io.zkinfer.sumcheck.lookup.FractionalSumProof;
import io.zkinfer.sumcheck.lookup.LogUpProof;
import java.util.ArrayList;
import java.util.List;

/**
 * A LogUp proof as a flat run of extension elements in a circuit proof, and back. Its shape
 * follows from public data (set sizes, table size and width), so nothing about it is encoded:
 * per fractional sum over n variables, the root (2), then per layer k its k round messages (3
 * each) and its children (4); each set's column values (w) after its sum; the table's sum and
 * values last.
 */
final class LogUpCodec {
    private LogUpCodec() {}

    static long[] flatten(LogUpProof proof) {
        List<long[]> parts = new ArrayList<>();
        for (int s = 0; s < proof.lookups().length; s++) {
            add(parts, proof.lookups()[s]);
            parts.add(proof.lookupValues()[s]);
        }
        add(parts, proof.table());
        parts.add(proof.tableValues());
        return io.zkinfer.sumcheck.circuit.Eq.concat(parts.toArray(long[][]::new));
    }

    private static void add(List<long[]> parts, FractionalSumProof p) {
        parts.add(p.root());
        long[][][] messages = p.messages();
        long[][] children = p.children();
        for (int k = 0; k < children.length; k++) {
            for (long[] m : messages[k]) {
                parts.add(m);
            }
            parts.add(children[k]);
        }
    }

    /** Reads a proof of the given shape from the circuit proof's messages. */
    static LogUpProof read(VerifierContext ctx, int[] setVariables, int tableVariables, int width)
            throws ProofException {
        int d = ctx.ext().degree();
        FractionalSumProof[] lookups = new FractionalSumProof[setVariables.length];
        long[][] values = new long[setVariables.length][];
        for (int s = 0; s < lookups.length; s++) {
            lookups[s] = readSum(ctx, setVariables[s], d);
            values[s] = ctx.takeUnabsorbed("lookup values", width);
        }
        FractionalSumProof table = readSum(ctx, tableVariables, d);
        long[] tableValues = ctx.takeUnabsorbed("table values", width);
        return new LogUpProof(lookups, values, table, tableValues);
    }

    private static FractionalSumProof readSum(VerifierContext ctx, int n, int d) throws ProofException {
        long[] root = ctx.takeUnabsorbed("fraction root", 2);
        long[][][] messages = new long[n][][];
        long[][] children = new long[n][];
        for (int k = 0; k < n; k++) {
            messages[k] = new long[k][];
            for (int r = 0; r < k; r++) {
                messages[k][r] = ctx.takeUnabsorbed("fraction round", 3);
            }
            children[k] = ctx.takeUnabsorbed("fraction children", 4);
        }
        return new FractionalSumProof(root, messages, children);
    }
}
