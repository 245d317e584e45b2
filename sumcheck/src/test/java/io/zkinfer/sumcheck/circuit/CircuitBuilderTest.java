package io.zkinfer.sumcheck.circuit;

import static org.junit.jupiter.api.Assertions.assertThrows;

import io.zkinfer.sumcheck.layer.Activation;
import io.zkinfer.sumcheck.layer.Requantize;
import io.zkinfer.sumcheck.layer.Wiring;
import org.junit.jupiter.api.Test;

/** Regression tests for the builder's rules (review findings). */
class CircuitBuilderTest {
    /** Lookups gathered for build time must not be lost: a builder builds once. */
    @Test
    void aBuilderBuildsOnce() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(4), 100);
        cb.reveal(Requantize.add(cb, "y", x, 3, 4, -128, 127).y());
        cb.build();
        assertThrows(IllegalStateException.class, cb::build);
        assertThrows(IllegalStateException.class, () -> cb.committedInput("x2", Shape.of(4), 100));
        assertThrows(IllegalStateException.class, () -> Requantize.add(cb, "y2", x, 3, 4, -128, 127));
    }

    /** Two functions under one name would share one table: refused. */
    @Test
    void oneNameCannotStandForTwoFunctions() {
        CircuitBuilder cb = new CircuitBuilder();
        int a = cb.committedInput("a", Shape.of(4), 100);
        int b = cb.committedInput("b", Shape.of(4), 100);
        Activation.add(cb, "ya", a, "act", v -> Math.max(0, v), 8);
        assertThrows(IllegalArgumentException.class, () -> Activation.add(cb, "yb", b, "act", v -> -v, 8));
    }

    /** A wiring copies logical entries only: a source in the padding is refused. */
    @Test
    void aWiringCannotCopyPadding() {
        CircuitBuilder cb = new CircuitBuilder();
        int x = cb.committedInput("x", Shape.of(3), 100);
        assertThrows(IllegalArgumentException.class,
                () -> Wiring.add(cb, "y", "custom", new int[] {x}, Shape.of(1), c -> new int[] {0, 3}));
    }
}
