package io.tarn.s3.api;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import org.jspecify.annotations.Nullable;

/**
 * The bucket and key a request names: virtual-hosted style ({@code bucket.localhost},
 * {@code bucket.s3.localhost}, {@code bucket.s3.us-east-1.localhost}, the same under a custom
 * domain) or path style ({@code /bucket/key}) for every other host.
 */
record S3Address(@Nullable String bucket, @Nullable String key) {

    static S3Address of(@Nullable String hostHeader, String rawPath, List<String> domains) {
        String path = decode(rawPath);
        String bucket = hostBucket(hostHeader, domains);
        String rest = path.startsWith("/") ? path.substring(1) : path;
        if (bucket == null) {
            int slash = rest.indexOf('/');
            if (slash < 0) {
                return new S3Address(rest.isEmpty() ? null : rest, null);
            }
            bucket = rest.substring(0, slash);
            rest = rest.substring(slash + 1);
        }
        return new S3Address(bucket.isEmpty() ? null : bucket, rest.isEmpty() ? null : rest);
    }

    /** The bucket a virtual-hosted-style host names, or null for path style. */
    static @Nullable String hostBucket(@Nullable String hostHeader, List<String> domains) {
        if (hostHeader == null) {
            return null;
        }
        String host = hostHeader.toLowerCase(Locale.ROOT);
        if (host.startsWith("[")) {
            return null; // an IPv6 literal
        }
        int colon = host.lastIndexOf(':');
        if (colon >= 0) {
            host = host.substring(0, colon);
        }
        for (String domain : domains) {
            if (!host.endsWith("." + domain)) {
                continue;
            }
            String sub = host.substring(0, host.length() - domain.length() - 1);
            // s3.<domain> and s3.<region>.<domain> are the service endpoints themselves: path style
            if (sub.equals("s3") || (sub.startsWith("s3.") && !sub.substring(3).contains("."))) {
                return null;
            }
            int s3 = sub.lastIndexOf(".s3");
            if (s3 > 0 && (sub.endsWith(".s3") || sub.indexOf('.', s3 + 3) == s3 + 3 && !sub.substring(s3 + 4).contains("."))) {
                return sub.substring(0, s3);
            }
            return sub;
        }
        return null;
    }

    /** Percent-decodes a path as UTF-8; unlike form decoding, '+' stays '+'. */
    static String decode(String raw) {
        if (raw.indexOf('%') < 0) {
            return raw;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(raw.length());
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '%' && i + 2 < raw.length() && isHex(raw.charAt(i + 1)) && isHex(raw.charAt(i + 2))) {
                out.write(Integer.parseInt(raw, i + 1, i + 3, 16));
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static boolean isHex(char c) {
        return Character.digit(c, 16) >= 0;
    }
}
