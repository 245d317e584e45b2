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

    /**
     * Opens under challenges fixed by {@code challengeSeed} (the prover's test hook) and returns
     * everything the opening reveals as field elements: the claimed values, the mask values, each
     * round's sumcheck messages and opened leaves, the final polynomial and the final sumcheck.
     * Roots, salts, siblings and nonces are left out: they are hashes or fixed by the challenges.
     */
    static long[] revealedUnderFixedChallenges(WhirParameters params, WhirWitness w, List<EvaluationClaim> claims,
            long challengeSeed) {
        WhirProver.FIXED_CHALLENGES.set(new SplittableRandom(challengeSeed));
        WhirProof proof;
        try {
            proof = WhirProver.open(w, claims, transcript(params));
        } finally {
            WhirProver.FIXED_CHALLENGES.remove();
        }
        List<long[]> parts = new ArrayList<>();
        for (EvaluationClaim c : claims) {
            parts.add(c.value());
        }
        parts.add(proof.maskValues);
        for (WhirProof.Round round : proof.rounds) {
            parts.add(round.sumcheck);
            parts.add(round.leafValues);
        }
        parts.add(proof.finalCoefficients);
        parts.add(proof.finalSumcheck);
        long[] out = new long[parts.stream().mapToInt(a -> a.length).sum()];
        int o = 0;
        for (long[] a : parts) {
            System.arraycopy(a, 0, out, o, a.length);
            o += a.length;
        }
        return out;
    }
}
