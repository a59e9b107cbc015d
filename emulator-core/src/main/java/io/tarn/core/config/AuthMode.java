package io.tarn.core.config;

/** How requests are authenticated. */
public enum AuthMode {
    /** Any credentials are accepted; the access key still selects the account. */
    LENIENT,
    /** Signatures are verified against the configured (and STS-issued) credentials. */
    STRICT
}
