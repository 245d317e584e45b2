package io.zkinfer.prover;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.model.quant.IntegerEvaluator;
import io.zkinfer.model.quant.QGraph;
import io.zkinfer.model.quant.QOp;
import io.zkinfer.model.quant.IntTable;
import io.zkinfer.sumcheck.circuit.Circuit;
import io.zkinfer.sumcheck.circuit.Layer;
import io.zkinfer.sumcheck.circuit.Tensor;
import io.zkinfer.sumcheck.layer.Unpack;
import java.math.BigInteger;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * A 12-bit bias (a small width wider than the main 8-bit vector) rides in two 8-bit
 * digits, whose 16 bits exceed its 12: the recombined tensor must be range-checked at 12 bits,
 * and every unpacked tensor declaring a bound narrower than its vector's must be range-checked.
 */
class WeightDigitsTest {
    private static final long SEED = 0x5EED_0DD1L;

    static QGraph mlp12(SplittableRandom rng) {
        return QGraph.builder()
                .input("x", new int[] {1, 16}, 128, 7)
                .constant("w", new int[] {8, 16}, 7, CompiledModelTest.random(rng, 128, 127))
                .constant("b", new int[] {8}, 14, CompiledModelTest.random(rng, 8, 2047))
                .node("fc", new QOp.MatMul(false, true), List.of("x", "w", "b"), "acc", 14)
                .node("fc/requant", new QOp.Requantize(1, 9, -128, 127, IntTable.relu(-128, 127)), List.of("acc"), "h", 5)
                .output("h")
                .build();
    }

    private static boolean rangeChecked(Circuit c, int tensor) {
        return c.layers().stream().anyMatch(l -> l.describe().startsWith("lookup(")
                && Arrays.stream(l.inputs()).anyMatch(t -> t == tensor));
    }

    @Test
    void declaredBoundsAreRangeChecked() throws Exception {
        QGraph g = mlp12(new SplittableRandom(SEED));
        CompiledModel m = CompiledModel.compile(g, CompileOptions.defaults());
        Circuit c = m.circuit();
        for (Layer l : c.layers()) {
            if (l instanceof Unpack) {
                BigInteger vector = c.tensor(l.inputs()[0]).bound();
                for (int out : l.outputs()) {
                    if (c.tensor(out).bound().compareTo(vector) < 0) {
                        assertTrue(rangeChecked(c, out), c.tensor(out).name());
                    }
                }
            }
        }
        Tensor b = c.tensors().stream().filter(t -> t.name().equals("b")).findFirst().orElseThrow();
        assertEquals(BigInteger.ONE.shiftLeft(11), b.bound());
        assertTrue(c.tensors().stream().anyMatch(t -> t.name().equals("b/digit1")), "b is in digits");
        assertTrue(rangeChecked(c, b.id()), "12 bits in 16 bits of digits: range-checked");

        // Honest: proves and verifies.
        ModelProver p = ModelProver.setup(CommittedModel.commit(m, ChaChaRandom.create()), WhirParameters.provable100());
        Map<String, long[]> input = Map.of("x", CompiledModelTest.random(new SplittableRandom(SEED + 1), 16, 127));
        ModelProver.Inference inf = p.prove(input);
        assertArrayEquals(IntegerEvaluator.evaluate(g, input).get("h"), inf.claim().output("h"));
        ModelVerifier.verify(p.verifyingKey(), inf.claim(), inf.proof());

        // A top digit inside 8 bits that puts b outside 12 bits cannot be witnessed.
        CommittedModel committed = CommittedModel.commit(m, ChaChaRandom.create());
        long[][] given = new long[c.tensorCount()][];
        given[m.tensorId("x")] = input.get("x");
        committed.give(given);
        c.evaluate(given);
        WeightGroup group = m.weights().getFirst();
        WeightGroup.Member top = group.members().stream()
                .filter(x -> x.constant().equals("b") && x.digit().index() == 1).findFirst().orElseThrow();
        int vector = c.tensors().stream().filter(t -> t.name().equals("weights/int8")).findFirst().orElseThrow().id();
        given[vector] = given[vector].clone();
        given[vector][top.offset()] = 100;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> c.evaluate(given));
        assertTrue(e.getMessage().contains("not in the table"), e.getMessage());
    }
}
