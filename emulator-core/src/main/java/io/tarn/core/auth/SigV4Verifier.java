package io.tarn.core.auth;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Computes and checks AWS Signature Version 4, the way the SDKs compute it on the client side.
 *
 * <p>The path rule is the subtle one. Every SDK (Java v2's {@code V4CanonicalRequest}, botocore,
 * the CRT) takes the path <em>as it puts it on the wire</em>, already percent-encoded, and for every
 * service but S3 normalizes it and URI-encodes it once more, so {@code /a%20b} is signed as
 * {@code /a%2520b}. For S3 the wire path is signed exactly as sent. Decoding the wire path before
 * encoding it would fail every SDK request whose path carries an escape (a Lambda ARN, a key with
 * a space), so this class never decodes a non-S3 path.
 */
public final class SigV4Verifier {

    private static final HexFormat HEX = HexFormat.of();
    private static final char[] UPPER_HEX = "0123456789ABCDEF".toCharArray();
    private static final String HMAC = "HmacSHA256";
    private static final String PRESIGNED_SIGNATURE = "X-Amz-Signature";

    private SigV4Verifier() {}

    /**
     * The canonical request, the first of SigV4's three steps.
     *
     * @param rawPath the path as received, still percent-encoded
     * @param rawQuery the query string as received, without '?'; may be empty
     * @param headers lower-case names; repeated headers as several values
     * @param normalizeAndDoubleEncodePath true for every service except S3
     */
    public static String canonicalRequest(String method, String rawPath, String rawQuery,
            Map<String, List<String>> headers, List<String> signedHeaders, String payloadHash,
            boolean normalizeAndDoubleEncodePath) {
        String uri = normalizeAndDoubleEncodePath
                ? encodePath(removeDotSegments(rawPath, false))
                : s3Path(rawPath);
        return assemble(method, uri, canonicalQuery(rawQuery, false), headers, signedHeaders, payloadHash);
    }

    public static String stringToSign(String amzDate, String scope, String canonicalRequest) {
        return SigV4Parser.ALGORITHM + "\n" + amzDate + "\n" + scope + "\n"
                + sha256Hex(canonicalRequest.getBytes(StandardCharsets.UTF_8));
    }

    public static byte[] signingKey(String secretAccessKey, String date, String region, String service) {
        byte[] key = hmac(("AWS4" + secretAccessKey).getBytes(StandardCharsets.UTF_8), date);
        key = hmac(key, region);
        key = hmac(key, service);
        return hmac(key, "aws4_request");
    }

    /** The hex signature a client holding {@code secretAccessKey} would send. */
    public static String sign(String secretAccessKey, SigV4Signature sig, String canonicalRequest) {
        byte[] key = signingKey(secretAccessKey, sig.date(), sig.region(), sig.service());
        return HEX.formatHex(hmac(key, stringToSign(sig.amzDate(), sig.scope(), canonicalRequest)));
    }

    /**
     * Whether the request was signed with {@code secretAccessKey}. The SDKs' canonical form is
     * tried first; on a mismatch, the few other forms real clients produce (an S3 path with
     * unescaped reserved characters, '+' for a space in the query) before giving up, so the cost
     * of that leniency falls on failing requests only.
     */
    public static boolean verify(SigV4Signature sig, String secretAccessKey, String method, String rawPath,
            String rawQuery, Map<String, List<String>> headers, String payloadHash) {
        byte[] key = signingKey(secretAccessKey, sig.date(), sig.region(), sig.service());
        byte[] claimed = sig.signature().toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        boolean normalize = !"s3".equals(sig.service());
        for (String uri : pathVariants(rawPath, normalize)) {
            for (String query : queryVariants(rawQuery)) {
                String canonical = assemble(method, uri, query, headers, sig.signedHeaders(), payloadHash);
                byte[] expected = HEX.formatHex(hmac(key, stringToSign(sig.amzDate(), sig.scope(), canonical)))
                        .getBytes(StandardCharsets.US_ASCII);
                if (MessageDigest.isEqual(expected, claimed)) {
                    return true;
                }
            }
        }
        return false;
    }

    public static String sha256Hex(byte[] body) {
        try {
            return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }

    // ---- canonical request parts ----

    private static String assemble(String method, String canonicalUri, String canonicalQuery,
            Map<String, List<String>> headers, List<String> signedHeaders, String payloadHash) {
        List<String> names = new ArrayList<>(signedHeaders);
        names.sort(null);
        StringBuilder sb = new StringBuilder(512)
                .append(method).append('\n')
                .append(canonicalUri).append('\n')
                .append(canonicalQuery).append('\n');
        for (String name : names) {
            sb.append(name).append(':');
            List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
            if (values != null) {
                for (int i = 0; i < values.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    appendTrimmed(sb, values.get(i));
                }
            }
            sb.append('\n');
        }
        return sb.append('\n').append(String.join(";", names)).append('\n').append(payloadHash).toString();
    }

    /** Trims the value and collapses each run of whitespace to one space (SDK v2's addAndTrim). */
    private static void appendTrimmed(StringBuilder sb, String value) {
        boolean pendingSpace = false;
        boolean any = false;
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (isWhitespace(c)) {
                pendingSpace = any;
            } else {
                if (pendingSpace) {
                    sb.append(' ');
                    pendingSpace = false;
                }
                sb.append(c);
                any = true;
            }
        }
    }

    private static boolean isWhitespace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000b' || c == '\r' || c == '\f';
    }

    /**
     * Candidate canonical URIs, the SDKs' first. Non-S3: RFC 3986 dot-segment removal, as botocore
     * and the CRT do; SDK v2 uses {@code java.net.URI#normalize}, which differs only by keeping a
     * ".." that climbs above the root. S3: the wire path as sent, then its re-encoded form for
     * clients that leave reserved characters such as '=' or '@' unescaped.
     */
    private static Set<String> pathVariants(String rawPath, boolean normalize) {
        Set<String> variants = new LinkedHashSet<>(2);
        if (normalize) {
            variants.add(encodePath(removeDotSegments(rawPath, false)));
            variants.add(encodePath(removeDotSegments(rawPath, true)));
        } else {
            variants.add(s3Path(rawPath));
            variants.add(encode(percentDecode(s3Path(rawPath)), true));
        }
        return variants;
    }

    /**
     * Candidate canonical query strings. The SDKs escape a space as %20, so a bare '+' is a plus;
     * form-encoding clients (URLSearchParams, Python's urlencode) send '+' for a space.
     */
    private static Set<String> queryVariants(String rawQuery) {
        Set<String> variants = new LinkedHashSet<>(2);
        variants.add(canonicalQuery(rawQuery, false));
        if (rawQuery.indexOf('+') >= 0) {
            variants.add(canonicalQuery(rawQuery, true));
        }
        return variants;
    }

    private static String s3Path(String rawPath) {
        return rawPath.isEmpty() ? "/" : rawPath;
    }

    /**
     * Removes "." and ".." segments and empty segments (repeated slashes), keeping a leading slash
     * and keeping a trailing slash when the input had one and something is left. Works on the
     * still-encoded path: "%2E%2E" is a name, not a dot segment, for the SDKs as for us.
     *
     * @param keepDotDotAboveRoot SDK v2's {@code URI.normalize()} keeps "/../x"; botocore drops the ".."
     */
    static String removeDotSegments(String path, boolean keepDotDotAboveRoot) {
        if (path.isEmpty()) {
            return "/";
        }
        Deque<String> out = new ArrayDeque<>();
        for (String segment : path.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".")) {
                continue;
            }
            if (segment.equals("..")) {
                if (!out.isEmpty() && !out.peekLast().equals("..")) {
                    out.removeLast();
                } else if (keepDotDotAboveRoot) {
                    out.addLast(segment);
                }
                continue;
            }
            out.addLast(segment);
        }
        StringBuilder sb = new StringBuilder(path.length() + 1).append('/');
        sb.append(String.join("/", out));
        if (path.endsWith("/") && !out.isEmpty()) {
            sb.append('/');
        }
        return sb.toString();
    }

    /** URI-encodes every character but the unreserved ones and '/', a '%' included. */
    private static String encodePath(String path) {
        return encode(path.getBytes(StandardCharsets.UTF_8), true);
    }

    /**
     * Parameters sorted by encoded name, then encoded value; each name and value decoded from the
     * wire and re-encoded per RFC 3986, so the result does not depend on how the client escaped.
     * A presigned URL's X-Amz-Signature is not part of what it signs; a name without '=' has an
     * empty value; an empty name is dropped, as SDK v2 drops it.
     */
    private static String canonicalQuery(String rawQuery, boolean plusIsSpace) {
        if (rawQuery.isEmpty()) {
            return "";
        }
        List<String[]> params = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            int eq = pair.indexOf('=');
            String rawName = eq < 0 ? pair : pair.substring(0, eq);
            String rawValue = eq < 0 ? "" : pair.substring(eq + 1);
            if (plusIsSpace) {
                rawName = rawName.replace('+', ' ');
                rawValue = rawValue.replace('+', ' ');
            }
            String name = encode(percentDecode(rawName), false);
            if (name.isEmpty() || name.equals(PRESIGNED_SIGNATURE)) {
                continue;
            }
            params.add(new String[] {name, encode(percentDecode(rawValue), false)});
        }
        params.sort((a, b) -> {
            int byName = a[0].compareTo(b[0]);
            return byName != 0 ? byName : a[1].compareTo(b[1]);
        });
        StringBuilder sb = new StringBuilder(rawQuery.length() + 16);
        for (String[] p : params) {
            if (sb.length() > 0) {
                sb.append('&');
            }
            sb.append(p[0]).append('=').append(p[1]);
        }
        return sb.toString();
    }

    /** %XX to its byte; anything else, including a malformed escape, to its UTF-8 bytes. */
    private static byte[] percentDecode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '%' && i + 2 < s.length() && isHex(s.charAt(i + 1)) && isHex(s.charAt(i + 2))) {
                out.write(HexFormat.fromHexDigits(s, i + 1, i + 3));
                i += 2;
            } else if (c < 0x80) {
                out.write(c);
            } else {
                int end = Character.isHighSurrogate(c) && i + 1 < s.length() ? i + 2 : i + 1;
                out.writeBytes(s.substring(i, end).getBytes(StandardCharsets.UTF_8));
                i = end - 1;
            }
        }
        return out.toByteArray();
    }

    private static boolean isHex(char c) {
        return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
    }

    private static String encode(byte[] bytes, boolean keepSlash) {
        StringBuilder sb = new StringBuilder(bytes.length + 8);
        for (byte b : bytes) {
            int c = b & 0xFF;
            if ((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')
                    || c == '-' || c == '_' || c == '.' || c == '~' || (keepSlash && c == '/')) {
                sb.append((char) c);
            } else {
                sb.append('%').append(UPPER_HEX[c >> 4]).append(UPPER_HEX[c & 0xF]);
            }
        }
        return sb.toString();
    }

    static byte[] hmac(byte[] key, String data) {
        try {
            Mac mac = Mac.getInstance(HMAC);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac.doFinal(data.getBytes(StandardCharsets.UTF_8));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("every JDK has " + HMAC, e);
        }
    }
}
