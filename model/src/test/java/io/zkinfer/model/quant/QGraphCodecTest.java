package io.zkinfer.model.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.model.ModelException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every op through the graph encoding: decode(encode(g)) encodes to the same bytes and evaluates to the same outputs. */
class QGraphCodecTest {
    /** A graph with one node of every op type. */
    static QGraph everyOp() {
        QOp.Window pad1 = new QOp.Window(1, 1, 1, 1, 1, 1, 1, 1);
        QOp.Window s2 = new QOp.Window(2, 2, 1, 1, 0, 0, 0, 0);
        long[] k = new long[9];
        Arrays.fill(k, 1);
        return QGraph.builder()
                .input("x", new int[] {1, 1, 4, 4}, 15, 2)
                .constant("k", new int[] {1, 1, 3, 3}, 2, k)
                .constant("m", new int[] {1, 2}, 0, new long[] {1, -1})
                .constant("ones", new int[] {2, 3}, 0, new long[] {1, 1, 1, 1, 1, 1})
                .node("conv", new QOp.Conv(pad1), List.of("x", "k"), "c", 4)
                .node("requant", new QOp.Requantize(1, 3, -8, 7, IntTable.relu(-8, 7)), List.of("c"), "r", 1)
                .node("table", new QOp.Table(4, IntTable.of("sq", -8, 7, v -> v * v / 8)), List.of("r"), "t", 1)
                .node("sumpool", new QOp.SumPool(2, 2, s2), List.of("t"), "sp", 1)
                .node("maxpool", new QOp.MaxPool(1, 1, QOp.Window.DEFAULT), List.of("sp"), "mp", 1)
                .node("reshape", new QOp.Reshape(new int[] {1, 4}), List.of("mp"), "rs", 1)
                .node("transpose", new QOp.Transpose(new int[] {1, 0}), List.of("rs"), "tr", 1)
                .node("concat", new QOp.Concat(0), List.of("tr", "tr"), "cc", 1)
                .node("slice", new QOp.Slice(new int[] {0, 0}, new int[] {2, 1}, new int[] {4, 1}), List.of("cc"), "sl", 1)
                .node("pad", new QOp.Pad(new int[] {1, 0}, new int[] {0, 0}), List.of("sl"), "pd", 1)
                .node("gather", new QOp.Gather(0, new int[] {0, 2}), List.of("pd"), "ga", 1)
                .node("matmul", new QOp.MatMul(false, false), List.of("ga", "m"), "mm", 1)
                .node("broadcast", new QOp.Broadcast(new int[] {2, 3}), List.of("ga"), "bc", 1)
                .node("linear", new QOp.Linear(new long[] {1, 2}, 3), List.of("bc", "bc"), "li", 1)
                .node("hadamard", new QOp.Hadamard(), List.of("li", "ones"), "ha", 1)
                .node("reducesum", new QOp.ReduceSum(new int[] {1}, false), List.of("ha"), "rsu", 1)
                .node("reducemax", new QOp.ReduceMax(0, true), List.of("mm"), "rmax", 1)
                .node("argmax", new QOp.ArgMax(1, false), List.of("mm"), "am", 0)
                .node("division", new QOp.Division(1), List.of("ha", "ones"), "dv", 1)
                .output("rsu").output("rmax").output("am").output("dv")
                .build();
    }

    @Test
    void everyOpRoundTrips() throws ModelException {
        QGraph g = everyOp();
        byte[] bytes = QGraphCodec.encode(g, true);
        QGraph back = QGraphCodec.decode(bytes);
        assertArrayEquals(bytes, QGraphCodec.encode(back, true));
        long[] x = new long[16];
        for (int i = 0; i < 16; i++) {
            x[i] = (i * 7) % 31 - 15;
        }
        Map<String, long[]> a = IntegerEvaluator.evaluate(g, Map.of("x", x));
        Map<String, long[]> b = IntegerEvaluator.evaluate(back, Map.of("x", x));
        for (String out : g.outputs()) {
            assertArrayEquals(a.get(out), b.get(out), out);
        }
    }

    @Test
    void withoutValuesKeepsShapesAndBoundsOnly() throws ModelException {
        QGraph g = everyOp();
        QGraph back = QGraphCodec.decode(QGraphCodec.encode(g, false));
        assertEquals(g.info("k"), back.info("k"));
        assertArrayEquals(new long[9], back.constants().get("k").values());
        assertArrayEquals(QGraphCodec.encode(g, false), QGraphCodec.encode(back, false));
    }

    @Test
    void malformedBytesAreRefusedAsMalformed() {
        byte[] bytes = QGraphCodec.encode(everyOp(), true);
        for (int cut = 0; cut < bytes.length; cut += 7) {
            byte[] shorter = Arrays.copyOf(bytes, cut);
            ModelException e = assertThrows(ModelException.class, () -> QGraphCodec.decode(shorter), "cut " + cut);
            assertEquals(ModelException.Kind.MALFORMED, e.kind());
        }
        for (int at = 0; at < bytes.length; at += 5) {
            byte[] flipped = bytes.clone();
            flipped[at] ^= (byte) 0x80;
            try {
                QGraphCodec.decode(flipped);
            } catch (ModelException e) {
                assertEquals(ModelException.Kind.MALFORMED, e.kind());
            }
        }
    }
}
