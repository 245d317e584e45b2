package io.zkinfer.commit.whir;

import io.zkinfer.commit.transcript.Transcript;
import io.zkinfer.commit.hash.HashProfile;
import io.zkinfer.field.ExtensionField;
import io.zkinfer.field.Goldilocks;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/** Random polynomials, points and transcripts for WHIR tests. */
final class WhirTestSupport {
    private WhirTestSupport() {}

    static long element(SplittableRandom rng) {
        long x;
        do {
            x = rng.nextLong();
        } while (!Goldilocks.isCanonical(x));
        return x;
    }

    static long[] polynomial(SplittableRandom rng, int logSize) {
        long[] p = new long[1 << logSize];
        for (int i = 0; i < p.length; i++) {
            p[i] = element(rng);
        }
        return p;
    }

    static long[] point(SplittableRandom rng, ExtensionField ext, int vars) {
        long[] p = new long[vars * ext.degree()];
        for (int i = 0; i < p.length; i++) {
            p[i] = element(rng);
        }
        return p;
    }

    static Transcript transcript(WhirParameters params) {
        Transcript t = Transcript.create(params.hash(), "zkinfer/whir-test");
        t.absorbBytes("test/context", new byte[] {1, 2, 3});
        return t;
    }

    /** One claim per (polynomial, point) pair: pointsPerPolynomial random points each. */
    static List<EvaluationClaim> claims(WhirWitness w, SplittableRandom rng, int pointsPerPolynomial) {
        ExtensionField ext = w.plan().extension();
        List<EvaluationClaim> claims = new ArrayList<>();
        for (int i = 0; i < w.commitment().polynomials(); i++) {
            for (int j = 0; j < pointsPerPolynomial; j++) {
                claims.add(WhirProver.claim(w, i, point(rng, ext, w.commitment().numVariables(i))));
            }
        }
        return claims;
    }

    static WhirParameters keccak(WhirParameters p) {
        return p.withHash(HashProfile.KECCAK256);
    }
}
