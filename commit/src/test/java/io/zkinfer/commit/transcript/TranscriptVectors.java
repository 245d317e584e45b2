package io.zkinfer.commit.transcript;

import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.field.Goldilocks;
import java.util.Arrays;
import java.util.HexFormat;

/** The fixed operation sequence of the worked example in docs/TRANSCRIPT.md. */
final class TranscriptVectors {
    static final String DOMAIN = "zkinfer/example/v1";

    /** Results of the sequence, in order. */
    record Result(String initState, String afterAbsorbs, long alpha, long[] beta, int[] queries,
            long nonce, String finalState, long gamma) {
        String describe() {
            return "init state   " + initState + "\nafter absorbs " + afterAbsorbs
                    + "\nalpha " + Long.toUnsignedString(alpha)
                    + "\nbeta  " + Arrays.toString(Arrays.stream(beta).mapToObj(Long::toUnsignedString).toArray())
                    + "\nqueries " + Arrays.toString(queries)
                    + "\nnonce " + nonce + "\nfinal state  " + finalState
                    + "\ngamma " + Long.toUnsignedString(gamma);
        }
    }

    static Result run(HashProfile profile) {
        HexFormat hex = HexFormat.of();
        Transcript t = Transcript.create(profile, DOMAIN);
        String init = hex.formatHex(t.state());
        t.absorbBytes("bytes", new byte[] {1, 2, 3});
        t.absorbFields("fields", new long[] {0, 1, Goldilocks.P - 1});
        byte[] root = new byte[32];
        for (int i = 0; i < 32; i++) {
            root[i] = (byte) i;
        }
        t.absorbDigest("root", root);
        t.absorbInt("n", 7);
        t.absorbLong("m", -2);
        String afterAbsorbs = hex.formatHex(t.state());
        long alpha = t.challengeField("alpha");
        long[] beta = t.challengeExtension("beta", 3);
        int[] queries = t.challengeIndices("queries", 4, 1000);
        long nonce = t.grind("pow", 8);
        String fin = hex.formatHex(t.state());
        long gamma = t.challengeField("gamma");
        return new Result(init, afterAbsorbs, alpha, beta, queries, nonce, fin, gamma);
    }

    public static void main(String[] args) {
        for (HashProfile p : HashProfile.values()) {
            System.out.println("== " + p + "\n" + run(p).describe());
        }
    }
}
