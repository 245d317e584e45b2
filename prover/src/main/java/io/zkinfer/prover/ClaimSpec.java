package io.zkinfer.prover;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a proof reveals of the model's output. The circuit computes the output as usual and then
 * only the claim's value: the whole output ({@link Full}), the index of its largest entry
 * ({@link ArgMax}), one bit comparing an entry with a public threshold ({@link Threshold}), or
 * which of several public intervals an entry falls in ({@link Band}), or nothing but a commitment
 * to the output ({@link Committed}).
 *
 * <p>Fixed-point rules: an output entry is the integer y standing for y 2^-f (f the output's
 * fractional bits). "OUT[k] >= T" is y >= ceil(T 2^f), exactly the real comparison
 * y 2^-f >= T; "OUT[k] < T" is its negation. A band with cuts t_1 < ... < t_m is the number of
 * cuts with OUT[k] >= t_j, from 0 (below t_1) to m (at or above t_m): an entry equal to a cut
 * belongs to the interval above it. ArgMax breaks ties by the lowest index. All of these are
 * about the quantized model's output, the integers the proof proves.
 *
 * <p>Text form (the command line's {@code --claim}, and what a proof carries): {@code full},
 * {@code argmax:OUT}, {@code threshold:OUT[k]>=T}, {@code threshold:OUT[k]<T},
 * {@code band:OUT[k]:t1,t2,...}, {@code committed:OUT}, with OUT an output's name and T, t_j
 * decimals.
 */
public sealed interface ClaimSpec {
    /** The canonical text form. */
    String text();

    /** The name the claim's revealed tensor has in the claim (outputs' own names for {@link Full}). */
    String revealedName();

    /**
     * The output the claim is about (the other claims' record component), or null for
     * {@link Full}: all of them.
     */
    default String output() {
        return null;
    }

    /**
     * The same claim about the output {@code names} maps its output to (a float model's output
     * name to the quantized graph's name for it, {@code QuantizedModel.outputNames}).
     */
    default ClaimSpec renamed(java.util.function.UnaryOperator<String> names) {
        return switch (this) {
            case Full f -> f;
            case ArgMax a -> new ArgMax(names.apply(a.output()));
            case Threshold t -> new Threshold(names.apply(t.output()), t.index(), t.atLeast(), t.t());
            case Band b -> new Band(names.apply(b.output()), b.index(), b.cuts());
            case Committed k -> new Committed(names.apply(k.output()));
        };
    }

    /** The whole output. */
    record Full() implements ClaimSpec {
        @Override
        public String text() {
            return "full";
        }

        @Override
        public String revealedName() {
            return null;
        }
    }

    /** The index of an output's largest entry (over all its entries, per row): the class. */
    record ArgMax(String output) implements ClaimSpec {
        @Override
        public String text() {
            return "argmax:" + output;
        }

        @Override
        public String revealedName() {
            return "claim/argmax";
        }
    }

    /** The bit OUT[k] >= t ({@code atLeast}) or OUT[k] < t; 1 when the comparison holds. */
    record Threshold(String output, int index, boolean atLeast, BigDecimal t) implements ClaimSpec {
        @Override
        public String text() {
            return "threshold:" + output + "[" + index + "]" + (atLeast ? ">=" : "<") + t.toPlainString();
        }

        @Override
        public String revealedName() {
            return "claim/decision";
        }
    }

    /** The number of cuts at or below OUT[k]: the interval it falls in, 0 to cuts.size(). */
    record Band(String output, int index, List<BigDecimal> cuts) implements ClaimSpec {
        public Band {
            cuts = List.copyOf(cuts);
        }

        @Override
        public String text() {
            List<String> s = new ArrayList<>();
            for (BigDecimal c : cuts) {
                s.add(c.toPlainString());
            }
            return "band:" + output + "[" + index + "]:" + String.join(",", s);
        }

        @Override
        public String revealedName() {
            return "claim/band";
        }
    }

    /**
     * Nothing of the output but a fresh commitment to it (all its entries, every row: an
     * {@link InputCommitment} whose digest the proof reveals): a hidden result that its owner,
     * who gets the opening, can prove more about later, or hand on as the committed input of a
     * next model (chaining). The commitment is binding and statistically hiding, as an input's.
     */
    record Committed(String output) implements ClaimSpec {
        @Override
        public String text() {
            return "committed:" + output;
        }

        @Override
        public String revealedName() {
            return CircuitCompiler.COMMITTED_OUTPUT + io.zkinfer.sumcheck.binding.Binding.DIGEST_SUFFIX;
        }
    }

    static ClaimSpec full() {
        return new Full();
    }

    Pattern ENTRY = Pattern.compile("([^\\[\\]]+)\\[(\\d+)\\]");

    /**
     * Reads the text form.
     *
     * @throws IllegalArgumentException naming what is wrong and the accepted forms
     */
    static ClaimSpec parse(String text) {
        String forms = "; use full, argmax:OUT, threshold:OUT[k]>=T, threshold:OUT[k]<T, band:OUT[k]:t1,t2,... "
                + "or committed:OUT";
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException("an empty claim" + forms);
        }
        String s = text.strip();
        if (s.equals("full")) {
            return full();
        }
        if (s.startsWith("argmax:") && s.length() > "argmax:".length()) {
            return new ArgMax(s.substring("argmax:".length()));
        }
        if (s.startsWith("committed:") && s.length() > "committed:".length()) {
            return new Committed(s.substring("committed:".length()));
        }
        if (s.startsWith("threshold:")) {
            String rest = s.substring("threshold:".length());
            boolean atLeast = rest.contains(">=");
            String[] parts = rest.split(atLeast ? ">=" : "<", 2);
            if (parts.length == 2 && (atLeast || rest.contains("<"))) {
                Matcher m = ENTRY.matcher(parts[0].strip());
                if (m.matches()) {
                    return new Threshold(m.group(1), index(m.group(2), text), atLeast, decimal(parts[1], text));
                }
            }
        }
        if (s.startsWith("band:")) {
            String rest = s.substring("band:".length());
            int colon = rest.lastIndexOf(':');
            Matcher m = colon < 0 ? null : ENTRY.matcher(rest.substring(0, colon).strip());
            if (m != null && m.matches()) {
                List<BigDecimal> cuts = new ArrayList<>();
                for (String c : rest.substring(colon + 1).split(",")) {
                    cuts.add(decimal(c, text));
                }
                for (int j = 1; j < cuts.size(); j++) {
                    if (cuts.get(j).compareTo(cuts.get(j - 1)) <= 0) {
                        throw new IllegalArgumentException("claim '" + text + "': band cuts must increase strictly");
                    }
                }
                return new Band(m.group(1), index(m.group(2), text), cuts);
            }
        }
        throw new IllegalArgumentException("claim '" + text + "' is not one zkinfer knows" + forms);
    }

    private static int index(String digits, String text) {
        try {
            return Integer.parseInt(digits);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("claim '" + text + "': index " + digits + " is too large");
        }
    }

    private static BigDecimal decimal(String s, String text) {
        try {
            BigDecimal d = new BigDecimal(s.strip());
            if (d.abs().compareTo(BigDecimal.valueOf(1L << 40)) > 0) {
                throw new IllegalArgumentException("claim '" + text + "': " + s.strip() + " is out of range");
            }
            return d.stripTrailingZeros();
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("claim '" + text + "': '" + s.strip() + "' is not a decimal number");
        }
    }

    /** ceil(t 2^frac): the integer an output with {@code frac} fractional bits compares against. */
    static long fixedPointCeiling(BigDecimal t, int frac) {
        BigDecimal scaled = frac >= 0 ? t.multiply(BigDecimal.valueOf(2).pow(frac))
                : t.divide(BigDecimal.valueOf(2).pow(-frac));
        // Beyond 2^62 every cut compares the same way with any output (whose bound is below 2^62).
        BigDecimal limit = BigDecimal.valueOf(1L << 62);
        return scaled.max(limit.negate()).min(limit).setScale(0, RoundingMode.CEILING).longValueExact();
    }
}
