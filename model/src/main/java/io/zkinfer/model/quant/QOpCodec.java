package io.zkinfer.model.quant;

import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;

/**
 * Each {@link QOp} as a u8 tag and its fields (for {@link QGraphCodec}). Tags are fixed codes,
 * never ordinals, so that reordering the op records cannot change an encoding.
 */
final class QOpCodec {
    private QOpCodec() {}

    static void write(DataOutputStream out, QOp op) throws IOException {
        switch (op) {
            case QOp.MatMul m -> {
                out.writeByte(1);
                out.writeBoolean(m.transA());
                out.writeBoolean(m.transB());
            }
            case QOp.Conv c -> {
                out.writeByte(2);
                window(out, c.window());
            }
            case QOp.Requantize r -> {
                out.writeByte(3);
                out.writeLong(r.multiplier());
                out.writeInt(r.shift());
                out.writeLong(r.lo());
                out.writeLong(r.hi());
                out.writeBoolean(r.f() != null);
                if (r.f() != null) {
                    table(out, r.f());
                }
            }
            case QOp.Table t -> {
                out.writeByte(4);
                out.writeInt(t.bits());
                table(out, t.f());
            }
            case QOp.Linear l -> {
                out.writeByte(5);
                long[] c = l.coefficients();
                out.writeInt(c.length);
                for (long x : c) {
                    out.writeLong(x);
                }
                out.writeLong(l.constant());
            }
            case QOp.Hadamard h -> out.writeByte(6);
            case QOp.SumPool p -> {
                out.writeByte(7);
                out.writeInt(p.kernelH());
                out.writeInt(p.kernelW());
                window(out, p.window());
            }
            case QOp.ReduceSum r -> {
                out.writeByte(8);
                QGraphCodec.ints(out, r.axes());
                out.writeBoolean(r.keepDims());
            }
            case QOp.ReduceMax r -> {
                out.writeByte(9);
                out.writeInt(r.axis());
                out.writeBoolean(r.keepDims());
            }
            case QOp.ArgMax a -> {
                out.writeByte(10);
                out.writeInt(a.axis());
                out.writeBoolean(a.keepDims());
            }
            case QOp.MaxPool p -> {
                out.writeByte(11);
                out.writeInt(p.kernelH());
                out.writeInt(p.kernelW());
                window(out, p.window());
            }
            case QOp.Division d -> {
                out.writeByte(12);
                out.writeLong(d.minDivisor());
            }
            case QOp.Reshape r -> {
                out.writeByte(13);
                QGraphCodec.ints(out, r.shape());
            }
            case QOp.Transpose t -> {
                out.writeByte(14);
                QGraphCodec.ints(out, t.perm());
            }
            case QOp.Concat c -> {
                out.writeByte(15);
                out.writeInt(c.axis());
            }
            case QOp.Slice s -> {
                out.writeByte(16);
                QGraphCodec.ints(out, s.start());
                QGraphCodec.ints(out, s.step());
                QGraphCodec.ints(out, s.size());
            }
            case QOp.Pad p -> {
                out.writeByte(17);
                QGraphCodec.ints(out, p.before());
                QGraphCodec.ints(out, p.after());
            }
            case QOp.Gather g -> {
                out.writeByte(18);
                out.writeInt(g.axis());
                QGraphCodec.ints(out, g.indices());
            }
            case QOp.Broadcast b -> {
                out.writeByte(19);
                QGraphCodec.ints(out, b.shape());
            }
        }
    }

    /**
     * Reads one op.
     *
     * @throws IllegalArgumentException for an unknown tag or invalid fields
     */
    static QOp read(ByteBuffer b) {
        int tag = b.get() & 0xff;
        return switch (tag) {
            case 1 -> new QOp.MatMul(bool(b), bool(b));
            case 2 -> new QOp.Conv(window(b));
            case 3 -> {
                long m = b.getLong();
                int s = b.getInt();
                long lo = b.getLong();
                long hi = b.getLong();
                yield new QOp.Requantize(m, s, lo, hi, bool(b) ? table(b) : null);
            }
            case 4 -> new QOp.Table(b.getInt(), table(b));
            case 5 -> {
                int n = b.getInt();
                long[] c = QGraphCodec.longs(b, n);
                yield new QOp.Linear(c, b.getLong());
            }
            case 6 -> new QOp.Hadamard();
            case 7 -> new QOp.SumPool(b.getInt(), b.getInt(), window(b));
            case 8 -> new QOp.ReduceSum(QGraphCodec.ints(b), bool(b));
            case 9 -> new QOp.ReduceMax(b.getInt(), bool(b));
            case 10 -> new QOp.ArgMax(b.getInt(), bool(b));
            case 11 -> new QOp.MaxPool(b.getInt(), b.getInt(), window(b));
            case 12 -> new QOp.Division(b.getLong());
            case 13 -> new QOp.Reshape(QGraphCodec.ints(b));
            case 14 -> new QOp.Transpose(QGraphCodec.ints(b));
            case 15 -> new QOp.Concat(b.getInt());
            case 16 -> new QOp.Slice(QGraphCodec.ints(b), QGraphCodec.ints(b), QGraphCodec.ints(b));
            case 17 -> new QOp.Pad(QGraphCodec.ints(b), QGraphCodec.ints(b));
            case 18 -> new QOp.Gather(b.getInt(), QGraphCodec.ints(b));
            case 19 -> new QOp.Broadcast(QGraphCodec.ints(b));
            default -> throw new IllegalArgumentException("unknown op tag " + tag);
        };
    }

    private static boolean bool(ByteBuffer b) {
        byte v = b.get();
        if (v != 0 && v != 1) {
            throw new IllegalArgumentException("a flag of value " + v);
        }
        return v == 1;
    }

    private static void window(DataOutputStream out, QOp.Window w) throws IOException {
        for (int v : new int[] {w.strideH(), w.strideW(), w.dilationH(), w.dilationW(), w.padTop(), w.padLeft(),
            w.padBottom(), w.padRight()}) {
            out.writeInt(v);
        }
    }

    private static QOp.Window window(ByteBuffer b) {
        return new QOp.Window(b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(), b.getInt(),
                b.getInt());
    }

    private static void table(DataOutputStream out, IntTable t) throws IOException {
        QGraphCodec.name(out, t.name());
        out.writeLong(t.lo());
        long[] v = t.values();
        out.writeInt(v.length);
        for (long x : v) {
            out.writeLong(x);
        }
    }

    private static IntTable table(ByteBuffer b) {
        String name = QGraphCodec.name(b);
        long lo = b.getLong();
        return new IntTable(name, lo, QGraphCodec.longs(b, b.getInt()));
    }
}
