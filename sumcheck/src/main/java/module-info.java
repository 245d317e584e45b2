/** Sumcheck over products of multilinear polynomials, and (in later work) GKR layers and lookups. */
module io.zkinfer.sumcheck {
    requires transitive io.zkinfer.field;
    requires transitive io.zkinfer.commit;

    exports io.zkinfer.sumcheck;
    exports io.zkinfer.sumcheck.circuit;
    exports io.zkinfer.sumcheck.layer;
    exports io.zkinfer.sumcheck.lookup;
}
