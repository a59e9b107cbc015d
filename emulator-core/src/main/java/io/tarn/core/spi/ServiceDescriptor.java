package io.tarn.core.spi;

import java.util.List;
import java.util.Objects;

/**
 * How requests find a service: the SigV4 signing names of its credential scope, the
 * {@code X-Amz-Target} prefixes of its JSON operations, and its protocol.
 *
 * @param name short name used by the admin API and the logs ({@code kms})
 * @param signingNames service names in the SigV4 credential scope ({@code kms})
 * @param targetPrefixes {@code X-Amz-Target} prefixes before the dot ({@code TrentService})
 * @param protocol the wire protocol family
 * @param hostFallback true for the one service that takes requests nothing else claims (S3)
 */
public record ServiceDescriptor(
        String name, List<String> signingNames, List<String> targetPrefixes, Protocol protocol, boolean hostFallback) {

    public ServiceDescriptor {
        Objects.requireNonNull(name);
        signingNames = List.copyOf(signingNames);
        targetPrefixes = List.copyOf(targetPrefixes);
        Objects.requireNonNull(protocol);
    }

    public static ServiceDescriptor json(String name, String signingName, String targetPrefix) {
        return new ServiceDescriptor(name, List.of(signingName), List.of(targetPrefix), Protocol.JSON, false);
    }
}
