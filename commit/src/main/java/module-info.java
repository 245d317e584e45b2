/** Hashes, Merkle trees, the Fiat-Shamir transcript and the WHIR polynomial commitment. */
module io.zkinfer.commit {
    requires transitive io.zkinfer.field;

    exports io.zkinfer.commit.hash;
    exports io.zkinfer.commit.merkle;
    exports io.zkinfer.commit.random;
    exports io.zkinfer.commit.transcript;
    exports io.zkinfer.commit.whir;
}
