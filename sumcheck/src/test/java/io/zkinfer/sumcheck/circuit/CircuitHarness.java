package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.fail;

import io.zkinfer.commit.random.ChaChaRandom;
import io.zkinfer.commit.whir.WhirParameters;
import io.zkinfer.field.Goldilocks;
import java.util.SplittableRandom;

/**
 * Shared steps of circuit and layer tests: prove a run with a seeded mask source, check that it
 * verifies, and check that tampering with any part of the proof or the public data is rejected.
 */
public final class CircuitHarness {
    public static final WhirParameters PARAMS = WhirParameters.provable100();

    private CircuitHarness() {}

    /** A proven run: the key, the witness, the public data and the proof. */
    public record Run(ProvingKey key, Witness witness, long[][] publicValues, CircuitProof proof) {
        public VerifyingKey vk() {
            return key.verifyingKey();
        }
    }

    /** A deterministic mask source for tests (never for real proofs). */
    public static ChaChaRandom testRandom(long seed) {
        byte[] key = new byte[32];
        for (int i = 0; i < 8; i++) {
            key[i] = (byte) (seed >>> (8 * i));
        }
        return ChaChaRandom.withKey(key);
    }

    /**
     * Evaluates, proves and returns the run (does not verify); zero knowledge is on when every
     * layer of the circuit has a zero-knowledge protocol.
     */
    public static Run prove(Circuit c, long[][] given, long seed) {
        return proveWitness(setup(c), c.evaluate(given), seed);
    }

    /** The key tests use: zero knowledge when available. */
    public static ProvingKey setup(Circuit c) {
        return ProvingKey.setup(c, PARAMS, ProvingKey.zeroKnowledgeAvailable(c));
    }

    /** Proves an already computed (possibly doctored) witness. */
    public static Run proveWitness(ProvingKey key, Witness w, long seed) {
        long[][] pub = CircuitProver.publicValues(key.circuit(), w);
        CircuitProof proof = CircuitProver.prove(key, w, testRandom(seed));
        return new Run(key, w, pub, proof);
    }

    /**
     * Adds one to entry {@code index} of tensor {@code tensor} in the evaluated witness, proves
     * the doctored witness with the test key, and checks that the verifier rejects the proof.
     */
    public static Run assertChangedElementRejected(Circuit c, long[][] given, int tensor, int index, long seed) {
        Witness w = c.evaluate(given);
        long[] v = w.values(tensor);
        v[index] = Goldilocks.add(v[index], 1);
        Run r = proveWitness(setup(c), w, seed);
        assertRejects(r.vk(), r.publicValues(), r.proof().encode());
        return r;
    }

    /** Proves and verifies; fails the test with the verifier's reason on rejection. */
    public static Run proveAndVerify(Circuit c, long[][] given, long seed) {
        Run r = prove(c, given, seed);
        assertAccepts(r);
        return r;
    }

    public static void assertAccepts(Run r) {
        try {
            CircuitVerifier.verify(r.vk(), r.publicValues(), CircuitProof.decode(r.proof().encode()));
        } catch (ProofException e) {
            fail("an honest proof was rejected: " + e.getMessage(), e);
        }
    }

    public static void assertRejects(VerifyingKey vk, long[][] publicValues, byte[] proof) {
        assertThrows(ProofException.class, () -> CircuitVerifier.verify(vk, publicValues, CircuitProof.decode(proof)));
    }

    /**
     * Tampers with every message limb (or {@code samples} random ones if there are more), the
     * commitment roots (main, bulk), random bytes of every opening, and each revealed tensor's values; every
     * variant must be rejected with a ProofException.
     */
    public static void assertTamperingRejected(Run r, long seed, int samples) {
        SplittableRandom rng = new SplittableRandom(seed);
        byte[] bytes = r.proof().encode();
        CircuitProof p = r.proof();
        int bulkRootsStart = 4 + 2 + 1 + p.root().length + 1;
        int messagesStart = bulkRootsStart + 32 * p.bulkRoots().length + 4;
        int limbs = p.messages().length;
        for (int s = 0; s < Math.min(limbs, samples); s++) {
            int limb = limbs <= samples ? s : rng.nextInt(limbs);
            byte[] t = bytes.clone();
            long v = Goldilocks.add(p.messages()[limb], 1 + rng.nextLong(1000));
            java.nio.ByteBuffer.wrap(t).putLong(messagesStart + 8 * limb, v);
            assertRejects(r.vk(), r.publicValues(), t);
        }
        for (int s = 0; s < p.root().length; s += 7) {
            byte[] t = bytes.clone();
            t[7 + s] ^= 1;
            assertRejects(r.vk(), r.publicValues(), t);
        }
        for (int s = 0; s < 32 * p.bulkRoots().length; s += 7) {
            byte[] t = bytes.clone();
            t[bulkRootsStart + s] ^= 1;
            assertRejects(r.vk(), r.publicValues(), t);
        }
        // The openings follow the messages, each after its u32 length.
        java.util.List<byte[]> openings = new java.util.ArrayList<>(java.util.List.of(p.opening()));
        openings.addAll(java.util.List.of(p.bulkOpenings()));
        openings.add(p.preprocessedOpening());
        int start = messagesStart + 8 * limbs;
        for (byte[] opening : openings) {
            int openingStart = start + 4;
            for (int s = 0; s < Math.min(samples, opening.length); s++) {
                byte[] t = bytes.clone();
                t[openingStart + rng.nextInt(opening.length)] ^= (byte) (1 << rng.nextInt(8));
                assertRejects(r.vk(), r.publicValues(), t);
            }
            start = openingStart + opening.length;
        }
        for (Tensor tensor : r.vk().circuit().revealed()) {
            long[][] pub = r.publicValues().clone();
            pub[tensor.id()] = pub[tensor.id()].clone();
            int idx = tensor.shape().logicalIndices()[rng.nextInt((int) tensor.shape().logicalSize())];
            pub[tensor.id()][idx] = Goldilocks.add(pub[tensor.id()][idx], 1);
            assertRejects(r.vk(), pub, bytes);
        }
        // Truncations and trailing bytes.
        assertRejects(r.vk(), r.publicValues(), java.util.Arrays.copyOf(bytes, bytes.length - 1));
        assertRejects(r.vk(), r.publicValues(), java.util.Arrays.copyOf(bytes, bytes.length + 1));
        assertRejects(r.vk(), r.publicValues(), java.util.Arrays.copyOf(bytes, messagesStart));
    }

    /** Random signed values in [-bound, bound]. */
    public static long[] randomValues(SplittableRandom rng, int n, long bound) {
        long[] v = new long[n];
        for (int i = 0; i < n; i++) {
            v[i] = rng.nextLong(-bound, bound + 1);
        }
        return v;
    }
}
