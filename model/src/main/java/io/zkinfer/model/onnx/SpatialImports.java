package io.zkinfer.model.onnx;

import io.zkinfer.model.ModelException;
import io.zkinfer.model.graph.Op;
import java.util.Arrays;
import java.util.List;

/**
 * Converters for ops that slide a window over the spatial axes of an NCHW tensor (Conv, the
 * pools) and for BatchNormalization. They resolve ONNX's defaults and {@code auto_pad} into the
 * explicit kernel, strides, pads and dilations of the IR records.
 */
final class SpatialImports {
    private SpatialImports() {}

    /** Resolved window attributes. */
    private record Window(int[] kernel, int[] strides, int[] pads, int[] dilations) {}

    static void conv(ImportedNode n) throws ModelException {
        int[] x = n.shape(0);
        int[] w = n.shape(1);
        if (x.length < 3 || w.length != x.length) {
            throw n.attrs.invalid("Conv needs X [N, C, spatial...] and W of the same rank, got X rank "
                    + x.length + " and W rank " + w.length);
        }
        int[] fromW = Arrays.copyOfRange(w, 2, w.length);
        Window win = window(n, x, fromW, false);
        int group = n.attrs.getSmallInt("group", 1);
        if (group < 1) {
            throw n.attrs.invalid("group " + group + " must be at least 1");
        }
        List<String> in = n.hasInput(2) ? List.of(n.input(0), n.input(1), n.input(2))
                : List.of(n.input(0), n.input(1));
        n.emit(new Op.Conv(win.kernel, win.strides, win.pads, win.dilations, group), in);
    }

    static void maxPool(ImportedNode n) throws ModelException {
        int[] x = n.shape(0);
        boolean ceil = n.attrs.getBool("ceil_mode", false);
        Window win = window(n, x, null, ceil);
        if (n.attrs.getInt("storage_order", 0) != 0 && n.ctx.isUsed(n.output(1))) {
            throw n.unsupported("storage_order 1", "zkinfer computes MaxPool's values only");
        }
        n.requireUnusedOutputsFrom(1, "Indices");
        n.emit(new Op.MaxPool(win.kernel, win.strides, win.pads, win.dilations, ceil), List.of(n.input(0)));
    }

    static void averagePool(ImportedNode n) throws ModelException {
        int[] x = n.shape(0);
        boolean ceil = n.attrs.getBool("ceil_mode", false);
        Window win = window(n, x, null, ceil);
        for (int d : win.dilations) {
            if (d != 1) {
                throw n.unsupported("AveragePool dilations " + Arrays.toString(win.dilations), "use dilation 1");
            }
        }
        boolean countPad = n.attrs.getBool("count_include_pad", false);
        n.emit(new Op.AveragePool(win.kernel, win.strides, win.pads, countPad, ceil), List.of(n.input(0)));
    }

    static void globalAveragePool(ImportedNode n) throws ModelException {
        n.emit(new Op.GlobalAveragePool(), List.of(n.input(0)));
    }

    /** Inference-mode BatchNormalization; the statistics must be constants. */
    static void batchNorm(ImportedNode n) throws ModelException {
        double eps = n.attrs.getFloat("epsilon", 1e-5);
        n.attrs.getFloat("momentum", 0.9);
        if (n.attrs.getBool("training_mode", false)) {
            throw n.unsupported("BatchNormalization in training mode", "export the model in eval mode");
        }
        if (n.attrs.has("spatial") && !n.attrs.getBool("spatial", true)) {
            throw n.unsupported("BatchNormalization with spatial=0", "use per-channel statistics");
        }
        n.requireUnusedOutputsFrom(1, "running statistics");
        if (!(eps > 0)) {
            throw n.attrs.invalid("epsilon " + eps + " must be positive");
        }
        n.emit(new Op.BatchNormalization(eps),
                List.of(n.input(0), n.input(1), n.input(2), n.input(3), n.input(4)));
    }

    /**
     * Kernel, strides, dilations and explicit pads for a window over x's spatial axes;
     * {@code kernelFromWeights} is the kernel a Conv's weights imply (null for pools).
     */
    private static Window window(ImportedNode n, int[] x, int[] kernelFromWeights, boolean ceil)
            throws ModelException {
        int nd = x.length - 2;
        if (nd < 1) {
            throw n.attrs.invalid("input must be [N, C, spatial...], got rank " + x.length);
        }
        int[] kernel = n.attrs.getSmallInts("kernel_shape");
        if (kernel == null) {
            if (kernelFromWeights == null) {
                throw n.attrs.invalid("missing kernel_shape");
            }
            kernel = kernelFromWeights;
        }
        int[] strides = orOnes(n.attrs.getSmallInts("strides"), nd);
        int[] dilations = orOnes(n.attrs.getSmallInts("dilations"), nd);
        int[] pads = n.attrs.getSmallInts("pads");
        String autoPad = n.attrs.getString("auto_pad", "NOTSET");
        if (kernel.length != nd || strides.length != nd || dilations.length != nd
                || (pads != null && pads.length != 2 * nd)) {
            throw n.attrs.invalid("kernel_shape, strides, dilations and pads must cover " + nd + " spatial axes");
        }
        for (int i = 0; i < nd; i++) {
            if (kernel[i] < 1 || strides[i] < 1 || dilations[i] < 1) {
                throw n.attrs.invalid("kernel, strides and dilations must be at least 1");
            }
        }
        switch (autoPad) {
            case "NOTSET" -> {
                pads = pads == null ? new int[2 * nd] : pads;
                for (int p : pads) {
                    if (p < 0) {
                        throw n.attrs.invalid("negative pads " + Arrays.toString(pads));
                    }
                }
            }
            case "VALID" -> pads = new int[2 * nd];
            case "SAME_UPPER", "SAME_LOWER" -> {
                pads = new int[2 * nd];
                for (int i = 0; i < nd; i++) {
                    int in = x[i + 2];
                    int out = Math.ceilDiv(in, strides[i]);
                    int total = Math.max(0, (out - 1) * strides[i] + (kernel[i] - 1) * dilations[i] + 1 - in);
                    int small = total / 2;
                    boolean upper = autoPad.equals("SAME_UPPER");
                    pads[i] = upper ? small : total - small;
                    pads[nd + i] = upper ? total - small : small;
                }
            }
            default -> throw n.unsupported("auto_pad '" + autoPad + "'",
                    "use NOTSET, VALID, SAME_UPPER or SAME_LOWER");
        }
        return new Window(kernel, strides, pads, dilations);
    }

    private static int[] orOnes(int[] v, int n) {
        if (v != null) {
            return v;
        }
        int[] a = new int[n];
        Arrays.fill(a, 1);
        return a;
    }
}
