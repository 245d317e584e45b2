/** Goldilocks arithmetic, extension fields, NTT and multilinear polynomials. JDK only. */
module io.zkinfer.field {
    exports io.zkinfer.field;
}
