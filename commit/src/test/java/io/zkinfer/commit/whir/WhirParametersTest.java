package io.zkinfer.commit.whir;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.commit.hash.HashProfile;
import org.junit.jupiter.api.Test;

/** Parameter sets report, and reach, the security they promise; bad ones are refused. */
class WhirParametersTest {

    @Test
    void presetsReachTheirTargetAtEverySize() {
        for (int m = 1; m <= WhirPlan.MAX_VARIABLES; m++) {
            WhirPlan p100 = WhirParameters.provable100().plan(m);
            WhirPlan p128 = WhirParameters.provable128().plan(m);
            assertTrue(p100.securityBits() >= 100, "100-bit set at m=" + m + ": " + p100);
            assertTrue(p128.securityBits() >= 128, "128-bit set at m=" + m + ": " + p128);
            assertEquals(2, p100.extension().degree());
            assertEquals(3, p128.extension().degree());
            int folded = 0;
            for (int i = 0; i < p100.rounds(); i++) {
                assertEquals(m - folded, p100.roundVariables(i));
                assertEquals(m + 1 - 2 * i, p100.logDomain(i), "the domain shrinks 4-fold every round");
                folded += p100.foldingFactor(i);
            }
            assertEquals(m - folded, p100.finalVariables());
            assertTrue(p100.finalVariables() <= 9);
        }
        assertEquals(SoundnessAssumption.UNIQUE_DECODING, WhirParameters.provable100().assumption());
        assertEquals(SoundnessAssumption.UNIQUE_DECODING, WhirParameters.provable128().assumption());
    }

    /** Round 0 at rate 1/2: each query passes a far word with probability (1 + 1/2) / 2 = 3/4. */
    @Test
    void queryCountsFollowTheUniqueDecodingBound() {
        WhirPlan plan = WhirParameters.provable100().plan(20);
        double bitsPerQuery = -Math.log(0.75) / Math.log(2);
        assertEquals((int) Math.ceil((100 - 16) / bitsPerQuery), plan.queries(0));
        assertEquals(203, plan.queries(0));
        // Round 1: 16 variables on 2^19 points, rate 1/8: (1 + 1/8) / 2 per query.
        assertEquals((int) Math.ceil(84 / -(Math.log((1 + 1.0 / 8) / 2) / Math.log(2))), plan.queries(1));
        assertEquals(102, plan.queries(1));
        // WHIR's original schedule (domain halving) gives rate 1/16 there and fewer queries.
        WhirPlan halving = WhirParameters.of(100, 1, 4, 9, 16, 1, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING).plan(20);
        assertEquals(20, halving.logDomain(1));
        assertEquals(19, plan.logDomain(1));
        assertEquals(93, halving.queries(1));
        assertEquals(203 << 4, plan.revealedSymbols());
    }

    @Test
    void theQuadraticExtensionCannotReach128Bits() {
        WhirParameters weak = WhirParameters.of(128, 1, 4, 9, 16, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING);
        assertThrows(IllegalArgumentException.class, () -> weak.plan(20));
    }

    @Test
    void badParametersAndSizesAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> WhirParameters.of(0, 1, 4, 9, 16, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING));
        assertThrows(IllegalArgumentException.class, () -> WhirParameters.of(100, 0, 4, 9, 16, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING));
        assertThrows(IllegalArgumentException.class, () -> WhirParameters.of(100, 1, 0, 9, 16, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING));
        assertThrows(IllegalArgumentException.class, () -> WhirParameters.of(100, 1, 4, 9, 100, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING));
        assertThrows(IllegalArgumentException.class, () -> WhirParameters.of(100, 1, 4, 9, 16, 4, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING));
        assertThrows(IllegalArgumentException.class, () -> WhirParameters.of(100, 1, 4, 9, 16, 5, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING), "a domain shrinking faster than the polynomial");
        assertThrows(IllegalArgumentException.class, () -> WhirParameters.of(100, 1, 4, 9, 16, 0, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING));
        assertThrows(IllegalArgumentException.class, () -> WhirParameters.provable100().plan(0));
        assertThrows(IllegalArgumentException.class, () -> WhirParameters.provable100().plan(WhirPlan.MAX_VARIABLES + 1));
    }

    @Test
    void encodingDistinguishesEveryParameter() {
        WhirParameters base = WhirParameters.provable100();
        assertNotEquals(base, base.withHash(HashProfile.KECCAK256));
        assertNotEquals(base, WhirParameters.provable128());
        assertNotEquals(base, WhirParameters.of(100, 2, 4, 9, 16, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING));
        assertNotEquals(base, WhirParameters.of(100, 1, 4, 9, 16, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING), "the domain shrink is part of the encoding");
        assertEquals(base, WhirParameters.of(100, 1, 4, 9, 16, 2, 2, HashProfile.SHA256,
                SoundnessAssumption.UNIQUE_DECODING));
        assertTrue(base.toString().contains("provable"));
    }
}
