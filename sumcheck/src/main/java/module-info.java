/** Sumcheck, LogUp-GKR lookups, layered circuits with their layer relations, and zero-knowledge masking. */
module io.zkinfer.sumcheck {
    requires transitive io.zkinfer.field;
    requires transitive io.zkinfer.commit;

    exports io.zkinfer.sumcheck;
    exports io.zkinfer.sumcheck.binding;
    exports io.zkinfer.sumcheck.circuit;
    exports io.zkinfer.sumcheck.layer;
    exports io.zkinfer.sumcheck.lookup;
}
