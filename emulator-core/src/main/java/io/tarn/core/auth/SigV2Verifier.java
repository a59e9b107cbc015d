package io.tarn.core.auth;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks S3's Signature Version 2 (HMAC-SHA1 over the string to sign of AWS's
 * "Signing and authenticating REST requests" page):
 * <pre>
 * VERB \n Content-MD5 \n Content-Type \n Date (or a presigned URL's Expires) \n
 * CanonicalizedAmzHeaders CanonicalizedResource
 * </pre>
 */
public final class SigV2Verifier {

    /**
     * The query parameters that are part of the canonical resource: the subresources and
     * response overrides AWS lists, and those the SDKs (botocore's HmacV1Auth) sign.
     */
    private static final Set<String> SIGNED_SUBRESOURCES = Set.of(
            "accelerate", "acl", "analytics", "cors", "defaultObjectAcl", "delete", "inventory", "lifecycle", "location",
            "logging", "metrics", "notification", "object-lock", "partNumber", "policy", "replication", "requestPayment",
            "response-cache-control", "response-content-disposition", "response-content-encoding",
            "response-content-language", "response-content-type", "response-expires", "restore", "select",
            "select-type", "storageClass", "tagging", "torrent", "uploadId", "uploads", "versionId", "versioning",
            "versions", "website");
    private static final String AMZ_PREFIX = "x-amz-";
    private static final Pattern FOLDING = Pattern.compile("\\s*\\r?\\n\\s*");

    private SigV2Verifier() {}

    /**
     * @param headers lower-case names
     * @param rawQuery the query string as received, without '?'
     */
    public static String stringToSign(SigV2Signature sig, String method, Map<String, List<String>> headers, String rawQuery) {
        List<String[]> params = params(rawQuery);
        StringBuilder sb = new StringBuilder(256).append(method).append('\n')
                .append(header(headers, "content-md5")).append('\n')
                .append(header(headers, "content-type")).append('\n');
        if (sig.presigned()) {
            sb.append(sig.expiresParam());
        } else if (!headers.containsKey("x-amz-date")) { // with x-amz-date, the Date line is empty
            sb.append(header(headers, "date"));
        }
        sb.append('\n');
        amzHeaders(headers, sig.presigned() ? params : List.of()).forEach(
                (name, value) -> sb.append(name).append(':').append(value).append('\n'));
        return sb.append(sig.resource()).append(subresources(params)).toString();
    }

    /** The base64 signature a client holding {@code secretAccessKey} would send. */
    public static String sign(String secretAccessKey, String stringToSign) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secretAccessKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            return Base64.getEncoder().encodeToString(mac.doFinal(stringToSign.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has HmacSHA1", e);
        }
    }

    public static boolean verify(SigV2Signature sig, String secretAccessKey, String stringToSign) {
        return MessageDigest.isEqual(sign(secretAccessKey, stringToSign).getBytes(StandardCharsets.US_ASCII),
                sig.signature().getBytes(StandardCharsets.US_ASCII));
    }

    private static String header(Map<String, List<String>> headers, String name) {
        List<String> values = headers.get(name);
        return values == null || values.isEmpty() ? "" : values.get(0).trim();
    }

    /**
     * x-amz-* headers by lower-case name, repeated ones joined with commas, folded lines unfolded;
     * for a presigned URL, also the x-amz-* query parameters, which S3 takes as headers.
     */
    private static Map<String, String> amzHeaders(Map<String, List<String>> headers, List<String[]> queryParams) {
        Map<String, List<String>> all = new TreeMap<>();
        headers.forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (lower.startsWith(AMZ_PREFIX)) {
                all.computeIfAbsent(lower, n -> new ArrayList<>()).addAll(values);
            }
        });
        for (String[] p : queryParams) {
            String lower = decode(p[0]).toLowerCase(Locale.ROOT);
            if (lower.startsWith(AMZ_PREFIX)) {
                all.computeIfAbsent(lower, n -> new ArrayList<>()).add(p[1] == null ? "" : decode(p[1]));
            }
        }
        Map<String, String> joined = new TreeMap<>();
        all.forEach((name, values) -> joined.put(name, String.join(",",
                values.stream().map(v -> FOLDING.matcher(v.trim()).replaceAll(" ")).toList())));
        return joined;
    }

    /** {@code ?acl&versionId=3}: the signed subresources sorted by name, values decoded. */
    private static String subresources(List<String[]> params) {
        List<String[]> signed = new ArrayList<>();
        for (String[] p : params) {
            if (SIGNED_SUBRESOURCES.contains(p[0])) {
                signed.add(p);
            }
        }
        if (signed.isEmpty()) {
            return "";
        }
        signed.sort((a, b) -> a[0].compareTo(b[0]));
        StringBuilder sb = new StringBuilder();
        for (String[] p : signed) {
            sb.append(sb.length() == 0 ? '?' : '&').append(p[0]);
            if (p[1] != null) {
                sb.append('=').append(decode(p[1]));
            }
        }
        return sb.toString();
    }

    /** Raw name and value (null when the parameter has no '='), in order. */
    private static List<String[]> params(String rawQuery) {
        List<String[]> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (!pair.isEmpty()) {
                int eq = pair.indexOf('=');
                params.add(eq < 0 ? new String[] {pair, null} : new String[] {pair.substring(0, eq), pair.substring(eq + 1)});
            }
        }
        return params;
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw, StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return raw; // a malformed escape is signed as it came
        }
    }
}
