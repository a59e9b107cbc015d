package io.tarn.core.auth;

import io.tarn.core.error.AwsException;
import io.tarn.core.auth.MalformedSignature.S3;
import io.tarn.core.spi.Protocol;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Reads a request's SigV4 claim, from the {@code Authorization} header or from a presigned URL's
 * query parameters. Malformed claims are refused as AWS refuses them: IncompleteSignatureException
 * for JSON and query services, S3's own codes for S3 ({@link MalformedSignature}); whether the
 * signature is right is {@link SigV4Verifier}'s business.
 */
public final class SigV4Parser {

    static final String ALGORITHM = "AWS4-HMAC-SHA256";

    private static final String TERMINATOR = "aws4_request";
    private static final Pattern AMZ_DATE = Pattern.compile("\\d{8}T\\d{6}Z");
    private static final Pattern SCOPE_DATE = Pattern.compile("\\d{8}");
    private static final DateTimeFormatter AMZ_DATE_FORMAT =
            DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
    /** RFC 1123 without the weekday, which is redundant and which even AWS's own 2011 suite got wrong. */
    private static final DateTimeFormatter HTTP_DATE = new DateTimeFormatterBuilder()
            .parseCaseInsensitive()
            .appendPattern("d MMM yyyy HH:mm:ss ")
            .appendOffset("+HHMM", "GMT")
            .toFormatter(Locale.ENGLISH);
    /** S3's limits for presigned URLs; other services accept no more. */
    private static final long MAX_EXPIRES_SECONDS = 604_800;
    private static final String QUERY_PARAMETERS_REQUIRED = "Query-string authentication version 4 requires the "
            + "X-Amz-Algorithm, X-Amz-Credential, X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.";

    private SigV4Parser() {}

    /** {@link #parse(Map, Map, Protocol)} for a JSON service. */
    public static @Nullable SigV4Signature parse(Map<String, List<String>> headers, Map<String, List<String>> query) {
        return parse(headers, query, Protocol.JSON);
    }

    /**
     * @param headers lower-case names
     * @param query decoded names and values
     * @param protocol the protocol family of the service, which decides how a malformed claim is refused
     * @return null when the request carries neither an Authorization header nor presigned
     *     query parameters (an anonymous request)
     * @throws AwsException for a malformed or non-SigV4 claim
     */
    public static @Nullable SigV4Signature parse(Map<String, List<String>> headers, Map<String, List<String>> query,
            Protocol protocol) {
        String authorization = first(headers, "authorization");
        if (authorization != null) {
            return fromHeader(authorization.trim(), headers, query, protocol);
        }
        if (query.containsKey("X-Amz-Algorithm") || query.containsKey("X-Amz-Credential")
                || query.containsKey("X-Amz-Signature")) {
            return fromQuery(query, protocol);
        }
        return null;
    }

    private static SigV4Signature fromHeader(String authorization, Map<String, List<String>> headers,
            Map<String, List<String>> query, Protocol protocol) {
        int space = indexOfWhitespace(authorization);
        String scheme = space < 0 ? authorization : authorization.substring(0, space);
        if (!ALGORITHM.equals(scheme) && protocol == Protocol.REST_XML) {
            throw MalformedSignature.invalidAuthorization("Unsupported Authorization Type", authorization);
        }
        // Another scheme (SigV2's "AWS AKID:sig", SigV4a) has none of our parameters, which is
        // how AWS's JSON services word their refusal too.
        Map<String, String> params = ALGORITHM.equals(scheme) ? headerParams(authorization.substring(space + 1))
                : Map.of();
        String credential = params.get("Credential");
        String signedHeaders = params.get("SignedHeaders");
        String signature = params.get("Signature");
        String amzDate = first(headers, "x-amz-date");
        String date = first(headers, "date");

        // AWS names every missing part in one message, then echoes the header.
        StringBuilder missing = new StringBuilder();
        if (credential == null) {
            missing.append("Authorization header requires 'Credential' parameter. ");
        }
        if (signature == null) {
            missing.append("Authorization header requires 'Signature' parameter. ");
        }
        if (signedHeaders == null) {
            missing.append("Authorization header requires 'SignedHeaders' parameter. ");
        }
        boolean partsMissing = missing.length() > 0;
        if (amzDate == null && date == null) {
            missing.append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }
        if (missing.length() > 0) {
            String incomplete = missing + "Authorization=" + authorization;
            throw partsMissing
                    ? MalformedSignature.of(protocol, incomplete, S3.HEADER_MALFORMED, "The authorization header is malformed; "
                            + "the authorization header requires three components: Credential, SignedHeaders, and Signature.")
                    : MalformedSignature.of(protocol, incomplete, S3.ACCESS_DENIED, MalformedSignature.NO_VALID_DATE);
        }
        String[] scope = scope(credential, protocol, "The authorization header is malformed; ", S3.HEADER_MALFORMED);
        String token = first(headers, "x-amz-security-token");
        if (token == null) {
            token = first(query, "X-Amz-Security-Token");
        }
        return new SigV4Signature(scope[0], scope[1], scope[2], scope[3], signedHeaders(signedHeaders), signature,
                amzDate != null ? checkAmzDate(amzDate, protocol, false) : fromHttpDate(date, protocol), false, 0, token);
    }

    private static SigV4Signature fromQuery(Map<String, List<String>> query, Protocol protocol) {
        String algorithm = required(query, "X-Amz-Algorithm", protocol);
        if (!ALGORITHM.equals(algorithm)) {
            String message = "X-Amz-Algorithm only supports \"" + ALGORITHM + "\"";
            throw MalformedSignature.of(protocol, message, S3.QUERY_PARAMETERS_ERROR, message);
        }
        String credential = required(query, "X-Amz-Credential", protocol);
        String signature = required(query, "X-Amz-Signature", protocol);
        String signedHeaders = required(query, "X-Amz-SignedHeaders", protocol);
        String amzDate = checkAmzDate(required(query, "X-Amz-Date", protocol), protocol, true);
        long expires = expires(required(query, "X-Amz-Expires", protocol), protocol);
        String[] scope = scope(credential, protocol, "Error parsing the X-Amz-Credential parameter; ",
                S3.QUERY_PARAMETERS_ERROR);
        return new SigV4Signature(scope[0], scope[1], scope[2], scope[3], signedHeaders(signedHeaders), signature,
                amzDate, true, expires, first(query, "X-Amz-Security-Token"));
    }

    /** {@code Credential=a, SignedHeaders=b,Signature=c}: commas, optional spaces around anything. */
    private static Map<String, String> headerParams(String rest) {
        Map<String, String> params = new HashMap<>();
        for (String part : rest.split(",")) {
            int eq = part.indexOf('=');
            if (eq > 0) {
                String value = part.substring(eq + 1).trim();
                if (!value.isEmpty()) {
                    params.put(part.substring(0, eq).trim(), value);
                }
            }
        }
        return params;
    }

    /**
     * AKID/yyyyMMdd/region/service/aws4_request, split into its first four parts.
     *
     * @param s3Prefix how S3 begins the message, which differs between the header and the query
     */
    private static String[] scope(String credential, Protocol protocol, String s3Prefix, S3 s3Code) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5 || parts[0].isEmpty() || parts[2].isEmpty() || parts[3].isEmpty()) {
            throw MalformedSignature.of(protocol, "Credential should be scoped to a valid region.", s3Code,
                    s3Prefix + MalformedSignature.CREDENTIAL_FORMAT);
        }
        if (!TERMINATOR.equals(parts[4])) {
            throw MalformedSignature.of(protocol, String.format(
                    "Credential should be scoped with a valid terminator: 'aws4_request', not '%s'.", parts[4]), s3Code,
                    s3Prefix + "incorrect terminal \"" + parts[4] + "\". This endpoint uses \"aws4_request\".");
        }
        if (!SCOPE_DATE.matcher(parts[1]).matches()) {
            throw MalformedSignature.of(protocol, String.format(
                    "Credential should be scoped to a valid date in yyyyMMdd format, not '%s'.", parts[1]), s3Code,
                    s3Prefix + MalformedSignature.CREDENTIAL_FORMAT);
        }
        return new String[] {parts[0], parts[1], parts[2], parts[3]};
    }

    private static List<String> signedHeaders(String value) {
        List<String> names = new ArrayList<>();
        for (String name : value.split(";")) {
            if (!name.isBlank()) {
                names.add(name.trim());
            }
        }
        return names;
    }

    private static String checkAmzDate(String value, Protocol protocol, boolean presigned) {
        if (!AMZ_DATE.matcher(value).matches()) {
            throw badDate(value, protocol, presigned);
        }
        return value;
    }

    /** The Date header (RFC 1123) in X-Amz-Date's basic format, as the SDKs of 2011 signed it. */
    private static String fromHttpDate(String value, Protocol protocol) {
        String date = value.trim();
        int comma = date.indexOf(',');
        try {
            return AMZ_DATE_FORMAT.format(ZonedDateTime.parse(date.substring(comma + 1).trim(), HTTP_DATE));
        } catch (DateTimeParseException e) {
            throw badDate(value, protocol, false);
        }
    }

    private static AwsException badDate(String value, Protocol protocol, boolean presigned) {
        String incomplete = String.format(
                "Date must be in ISO-8601 'basic format'. Got '%s'. See http://en.wikipedia.org/wiki/ISO_8601", value);
        return presigned
                ? MalformedSignature.of(protocol, incomplete, S3.QUERY_PARAMETERS_ERROR,
                        "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"")
                : MalformedSignature.of(protocol, incomplete, S3.ACCESS_DENIED, MalformedSignature.NO_VALID_DATE);
    }

    /** X-Amz-Expires: 1 to 604,800 seconds (AWS documents the minimum of 1 for S3's presigned URLs). */
    private static long expires(String value, Protocol protocol) {
        long seconds;
        try {
            seconds = Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw expiresError(protocol, "X-Amz-Expires should be a number");
        }
        if (seconds < 0) {
            throw expiresError(protocol, "X-Amz-Expires must be non-negative");
        }
        if (seconds == 0 && protocol == Protocol.REST_XML) {
            throw expiresError(protocol, "X-Amz-Expires must be at least 1 second");
        }
        if (seconds > MAX_EXPIRES_SECONDS) {
            throw expiresError(protocol, "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        }
        return seconds;
    }

    private static AwsException expiresError(Protocol protocol, String message) {
        return MalformedSignature.of(protocol, message, S3.QUERY_PARAMETERS_ERROR, message);
    }

    private static String required(Map<String, List<String>> query, String name, Protocol protocol) {
        String value = first(query, name);
        if (value == null || value.isEmpty()) {
            throw MalformedSignature.of(protocol, String.format(
                    "AWS query-string parameters must include '%s'. Re-examine the query-string parameters.", name),
                    S3.QUERY_PARAMETERS_ERROR, QUERY_PARAMETERS_REQUIRED);
        }
        return value;
    }

    private static @Nullable String first(Map<String, List<String>> map, String name) {
        List<String> values = map.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static int indexOfWhitespace(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (Character.isWhitespace(s.charAt(i))) {
                return i;
            }
        }
        return -1;
    }
}
