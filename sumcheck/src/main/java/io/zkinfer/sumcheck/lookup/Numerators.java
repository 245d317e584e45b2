package io.zkinfer.sumcheck.lookup;

/**
 * How the leaf numerators of a fractional sum are stored: implicitly all one, base-field values
 * ({@code long[]}), or extension values (interleaved). Inner tree layers are always extension.
 */
enum Numerators {
    UNIT,
    BASE,
    EXTENSION
}
