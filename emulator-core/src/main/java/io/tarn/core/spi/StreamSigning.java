package io.tarn.core.spi;

/**
 * What a service needs to verify the chunk signatures of a signed streaming body
 * ({@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}): the request's verified signature that seeds the
 * chain, the SigV4 signing key, the request time and the credential scope. Only present in strict
 * mode, once the request's own signature checked out.
 */
public record StreamSigning(String seedSignature, byte[] signingKey, String amzDate, String scope) {}
