package io.zkinfer.sumcheck.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.zkinfer.field.Goldilocks;
import io.zkinfer.sumcheck.circuit.Shape;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** The digest's parameters: the lattice estimate behind every width, the salt's entropy, the public matrices. */
class SisParametersTest {
    /** Each width's rows reach 128 bits by the estimate, and 32 rows fewer would not (so none is oversized). */
    @ParameterizedTest
    @ValueSource(ints = {1, 4, 8, 9, 10, 11, 12, 13, 14, 15, 16})
    void everyWidthReaches128BitsWithTheFewestRows(int bits) {
        SisParameters p = SisParameters.forBits(bits);
        int columns = (1 << p.chunkVariables()) + (1 << p.saltVariables());
        int effective = Math.max(bits, SisParameters.SALT_BITS);
        double level = SisSecurity.coreSvpBits(p.rows(), effective, columns);
        System.out.println(bits + "-bit values: " + p.rows() + " rows, " + Math.round(level) + " bits binding, "
                + p.hidingBits() + " bits hiding");
        assertTrue(level >= 128, bits + "-bit values with " + p.rows() + " rows: only " + level + " bits");
        assertTrue(p.bindingBits() >= level, "the parameters report what the estimate gives");
        assertTrue(SisSecurity.coreSvpBits(p.rows() - 32, effective, columns) < 128,
                bits + "-bit values: " + (p.rows() - 32) + " rows would do");
        assertTrue(p.hidingBits() >= 128, "the salt hides the digest to 2^-" + p.hidingBits() + " only");
    }

    /** The estimate itself: known points of the standard SIS curve, monotone in rows and bound. */
    @Test
    void theEstimateBehavesAsLatticeReductionDoes() {
        double base = SisSecurity.coreSvpBits(128, 8, 10240);
        assertTrue(base > 128 && base < 140, "n = 128, 8 bits: " + base);
        assertTrue(SisSecurity.coreSvpBits(160, 8, 10240) > base, "more rows, harder");
        assertTrue(SisSecurity.coreSvpBits(128, 12, 10240) < base, "a looser bound, easier");
        assertTrue(SisSecurity.coreSvpBits(64, 8, 10240) < 64, "64 rows are far too few");
    }

    @Test
    void thePublicMatricesAreFixedAndCanonical() {
        long[] a = SisMatrix.columns(SisMatrix.Part.VALUES, 128, SisParameters.CHUNK_VARIABLES);
        assertEquals(128 << SisParameters.CHUNK_VARIABLES, a.length);
        long[] again = SisMatrix.columns(SisMatrix.Part.SALT, 128, 11);
        assertTrue(a[0] != again[0], "values and salt matrices differ");
        int high = 0;
        for (long v : a) {
            assertTrue(Goldilocks.isCanonical(v));
            high += v < 0 ? 1 : 0; // top bit set: about half of uniform elements
        }
        double share = high / (double) a.length;
        assertTrue(Math.abs(share - 0.5) < 0.01, "top bits set in " + share + " of the entries");
        long[] rows = SisMatrix.rows(SisMatrix.Part.VALUES, 128, SisParameters.CHUNK_VARIABLES, 4);
        assertArrayEquals(new long[] {a[0], a[128], a[256], a[384]}, java.util.Arrays.copyOf(rows, 4));
    }

    /** A narrow chunk's columns, generated alone, are the whole matrix's first columns. */
    @Test
    void theFirstColumnsAreAPrefixOfTheMatrix() {
        long[] first = SisMatrix.columns(SisMatrix.Part.SALT, 128, 11, 5);
        long[] whole = SisMatrix.columns(SisMatrix.Part.SALT, 128, 11);
        assertArrayEquals(java.util.Arrays.copyOf(whole, 128 * 5), first);
        assertThrows(IllegalArgumentException.class, () -> SisMatrix.columns(SisMatrix.Part.SALT, 128, 11, 2049));
        assertThrows(IllegalArgumentException.class, () -> SisMatrix.columns(SisMatrix.Part.SALT, 128, 11, 0));
    }

    @Test
    void shapesAreChunkedAndSalted() {
        SisParameters p = SisParameters.forBits(8);
        Shape big = Shape.of(1000, 1000); // 2^20 on the hypercube: 64 chunks of 2^14
        assertEquals(64, p.chunks(big));
        assertEquals(Shape.of(64, 2048), p.saltShape(big));
        assertEquals(Shape.of(64, 128), p.digestShape(big));
        Shape small = Shape.of(3);
        assertEquals(1, p.chunks(small));
        assertEquals(2, p.chunkVariables(small));
        assertThrows(IllegalArgumentException.class, () -> SisParameters.forBits(17));
        assertThrows(IllegalArgumentException.class, () -> SisParameters.forBits(0));
    }
}
