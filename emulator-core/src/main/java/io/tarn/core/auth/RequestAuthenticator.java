package io.tarn.core.auth;

import io.tarn.core.config.AuthMode;
import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Protocol;
import io.tarn.core.spi.StreamSigning;
import io.tarn.core.time.EmulatorClock;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Decides who a request is. Lenient mode takes any credentials (the access key still selects
 * the account); strict mode verifies the signature (SigV4, or S3's SigV2) against the known
 * credentials. In both, a presigned URL past its expiry is refused, judged by the emulator clock.
 */
public final class RequestAuthenticator {

    private static final DateTimeFormatter AMZ_DATE = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'");
    private static final String UNSIGNED_PAYLOAD = "UNSIGNED-PAYLOAD";

    private final AuthMode mode;
    private final CredentialStore credentials;
    private final EmulatorClock clock;

    public RequestAuthenticator(AuthMode mode, CredentialStore credentials, EmulatorClock clock) {
        this.mode = mode;
        this.credentials = credentials;
        this.clock = clock;
    }

    public AuthMode mode() {
        return mode;
    }

    /**
     * Authenticates a request whose body has been read.
     *
     * @param rawPath the path as received, still percent-encoded
     * @param rawQuery the query string as received, without '?'
     * @param headers lower-case header names
     * @return the caller
     * @throws io.tarn.core.error.AwsException in the protocol's shape when refused
     */
    public Caller authenticate(Protocol protocol, @Nullable SignatureClaim sig, String method, String rawPath,
            String rawQuery, Map<String, List<String>> headers, byte @Nullable [] body) {
        if (sig instanceof SigV4Signature v4 && v4.presigned()) {
            checkNotExpired(protocol, v4);
        } else if (sig instanceof SigV2Signature v2 && v2.presigned()) {
            checkNotExpired(v2);
        }
        if (mode == AuthMode.LENIENT) {
            return sig == null ? Caller.root("", credentials.callerFor("").account()) : credentials.callerFor(sig.accessKeyId());
        }
        if (sig == null) {
            throw AuthFailure.MISSING_AUTHENTICATION.exception(protocol);
        }
        Optional<CredentialStore.Known> known = credentials.find(sig.accessKeyId());
        if (known.isEmpty()) {
            throw AuthFailure.UNKNOWN_ACCESS_KEY.exception(protocol);
        }
        CredentialStore.Known k = known.get();
        if (k.sessionToken() != null && !k.sessionToken().equals(sig.sessionToken())) {
            throw AuthFailure.UNKNOWN_ACCESS_KEY.exception(protocol);
        }
        if (k.expiration() != null && !clock.instant().isBefore(k.expiration())) {
            throw AuthFailure.EXPIRED_TOKEN.exception(protocol);
        }
        if (sig instanceof SigV2Signature v2) {
            verifyV2(v2, k, method, rawQuery, headers);
        } else {
            verifyV4((SigV4Signature) sig, k, protocol, method, rawPath, rawQuery, headers, body);
        }
        return k.caller();
    }

    private static void verifyV4(SigV4Signature sig, CredentialStore.Known k, Protocol protocol, String method,
            String rawPath, String rawQuery, Map<String, List<String>> headers, byte @Nullable [] body) {
        if (!sig.amzDate().startsWith(sig.date())) {
            throw AuthFailure.SIGNATURE_MISMATCH.exception(protocol, String.format(
                    "Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '%s' != '%s', from '%s'.",
                    sig.date(), sig.amzDate().substring(0, Math.min(8, sig.amzDate().length())), sig.amzDate()));
        }
        String payloadHash = payloadHash(sig, headers, body);
        if (!SigV4Verifier.verify(sig, k.secretAccessKey(), method, rawPath, rawQuery, headers, payloadHash)) {
            throw AuthFailure.SIGNATURE_MISMATCH.exception(protocol);
        }
    }

    /** S3 answers a SigV2 mismatch with what it signed, so a client can find its mistake. */
    private static void verifyV2(SigV2Signature sig, CredentialStore.Known k, String method, String rawQuery,
            Map<String, List<String>> headers) {
        String stringToSign = SigV2Verifier.stringToSign(sig, method, headers, rawQuery);
        if (!SigV2Verifier.verify(sig, k.secretAccessKey(), stringToSign)) {
            throw AuthFailure.SIGNATURE_MISMATCH.exception(Protocol.REST_XML)
                    .with("AWSAccessKeyId", sig.accessKeyId())
                    .with("StringToSign", stringToSign)
                    .with("SignatureProvided", sig.signature())
                    .with("StringToSignBytes", hexBytes(stringToSign));
        }
    }

    private static String hexBytes(String s) {
        return HexFormat.ofDelimiter(" ").formatHex(s.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * S3 signs the hash its client declares (streaming bodies are checked as they arrive); every
     * other service signs the body itself, so its hash is computed here and a changed body fails.
     */
    private static String payloadHash(SigV4Signature sig, Map<String, List<String>> headers, byte @Nullable [] body) {
        if ("s3".equals(sig.service())) {
            List<String> declared = headers.get("x-amz-content-sha256");
            if (declared != null && !declared.isEmpty()) {
                return declared.get(0);
            }
            if (sig.presigned()) {
                return UNSIGNED_PAYLOAD;
            }
        }
        return SigV4Verifier.sha256Hex(body == null ? new byte[0] : body);
    }

    /**
     * The chunk-signing material of a request {@link #authenticate} accepted in strict mode, for a
     * body sent as {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]}; null otherwise (lenient
     * mode does not check chunk signatures, as it does not check request signatures).
     */
    public @Nullable StreamSigning streamSigning(@Nullable SignatureClaim claim, Map<String, List<String>> headers) {
        List<String> declared = headers.get("x-amz-content-sha256");
        if (mode == AuthMode.LENIENT || !(claim instanceof SigV4Signature sig) || sig.presigned() || declared == null
                || declared.isEmpty()
                || !declared.get(0).startsWith("STREAMING-AWS4-HMAC-SHA256-PAYLOAD")) {
            return null;
        }
        CredentialStore.Known k = credentials.find(sig.accessKeyId()).orElseThrow();
        byte[] key = SigV4Verifier.signingKey(k.secretAccessKey(), sig.date(), sig.region(), sig.service());
        return new StreamSigning(sig.signature(), key, sig.amzDate(), sig.scope());
    }

    /** SigV2's Expires is an instant of its own; S3 answers with it and its own time. */
    private void checkNotExpired(SigV2Signature sig) {
        Instant now = clock.instant();
        if (now.isAfter(sig.expires())) {
            throw AuthFailure.EXPIRED_PRESIGNED_URL.exception(Protocol.REST_XML)
                    .with("Expires", sig.expires().toString())
                    .with("ServerTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
        }
    }

    private void checkNotExpired(Protocol protocol, SigV4Signature sig) {
        Instant signedAt;
        try {
            signedAt = LocalDateTime.parse(sig.amzDate(), AMZ_DATE).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw AuthFailure.SIGNATURE_MISMATCH.exception(protocol);
        }
        Instant expires = signedAt.plusSeconds(sig.expiresSeconds());
        Instant now = clock.instant();
        if (now.isAfter(expires)) {
            AwsException expired = AuthFailure.EXPIRED_PRESIGNED_URL.exception(protocol);
            if (protocol == Protocol.REST_XML) { // S3 says when, by its own clock
                expired.with("X-Amz-Expires", Long.toString(sig.expiresSeconds()))
                        .with("Expires", expires.toString())
                        .with("ServerTime", now.truncatedTo(ChronoUnit.SECONDS).toString());
            }
            throw expired;
        }
    }
}
