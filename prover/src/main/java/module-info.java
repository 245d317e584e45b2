/** Compiling quantized models to layered circuits, proving and verifying them: the public Java API. */
module io.zkinfer.prover {
    requires transitive io.zkinfer.model;
    requires transitive io.zkinfer.sumcheck;

    exports io.zkinfer.prover;
}
