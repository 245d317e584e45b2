package io.zkinfer.commit.whir;

/** What a parameter set's security figure rests on. */
public enum SoundnessAssumption {
    /**
     * Proven: every query checks proximity within the unique-decoding radius (1 - rho) / 2 of
     * the Reed-Solomon code, where the proximity gaps and mutual correlated agreement of
     * Ben-Sasson, Carmon, Ishai, Kopparty and Saraf (2020) are theorems. No list decoding, no
     * conjecture.
     */
    UNIQUE_DECODING
}
