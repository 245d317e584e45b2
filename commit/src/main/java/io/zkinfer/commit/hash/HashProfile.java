package io.zkinfer.commit.hash;

/**
 * The two hash profiles of zkinfer. A proof, its Merkle trees and its transcript all use one
 * profile: {@link #SHA256} natively (the JDK's SHA-256 is intrinsified), {@link #KECCAK256} when
 * the proof is to be checked by an Ethereum contract ({@code keccak256} is the cheapest hash on
 * the EVM).
 */
public enum HashProfile {
    /** SHA-256 (FIPS 180-4), through the JDK's {@code MessageDigest}. */
    SHA256,
    /** Ethereum's Keccak-256 (original Keccak padding, not SHA3-256); see {@link Keccak256}. */
    KECCAK256;

    /** This profile's hash: a shared, thread-safe instance. */
    public HashFunction hashFunction() {
        return switch (this) {
            case SHA256 -> Sha256Hash.INSTANCE;
            case KECCAK256 -> Keccak256Hash.INSTANCE;
        };
    }
}
