package io.tarn.core.paging;

import io.tarn.core.spi.RequestContext;
import io.tarn.core.store.MasterKey;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.jspecify.annotations.Nullable;

/**
 * The pagination tokens of every service (S3 continuation tokens, Kinesis NextTokens, KMS
 * markers): opaque to clients, and authenticated, so a token is accepted only by the service,
 * the listing and the scope (bucket and prefix, stream, key...) it was issued for, and a forged
 * or altered token is refused instead of resuming at a position the client chose.
 *
 * <p>Form, base64url without padding: {@code 0x01 | issued millis (8) | position (UTF-8) | mac (16)},
 * the MAC being HMAC-SHA256, truncated, over the service, the scope, the issue time and the
 * position. The key is derived from a secret kept in the data dir, so tokens survive a restart.
 */
public final class PageTokens {

    /** Where a listing goes on, and when the token saying so was issued (emulator-clock millis). */
    public record Position(String value, long issuedMillis) {}

    private static final byte FORMAT = 0x01;
    private static final int MAC_BYTES = 16;
    private static final int HEADER_BYTES = 1 + Long.BYTES;
    private static final String SECRET_FILE = "page-tokens.key";

    private final String service;
    private final SecretKeySpec key;

    public PageTokens(String service, byte[] secret) {
        this.service = service;
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** The tokens of {@code service}, keyed from the secret in {@code dataDir} (created on first use). */
    public static PageTokens load(Path dataDir, String service) {
        return of(MasterKey.loadOrCreate(dataDir.resolve(SECRET_FILE)), service);
    }

    public static PageTokens of(MasterKey secret, String service) {
        return new PageTokens(service, secret.derive("page-tokens/" + service));
    }

    /**
     * The scope of a JSON service's listing: the operation, the caller's account and region, and
     * the request's filters (stream, key, database...), one per line.
     */
    public static String scope(RequestContext ctx, String operation, @Nullable Object... filters) {
        StringBuilder scope = new StringBuilder(operation).append('\n').append(ctx.account()).append('\n').append(ctx.region());
        for (Object filter : filters) {
            scope.append('\n').append(filter == null ? "" : filter);
        }
        return scope.toString();
    }

    /** A token for resuming the listing {@code scope} at {@code position}. */
    public String issue(String scope, String position, long issuedMillis) {
        byte[] value = position.getBytes(StandardCharsets.UTF_8);
        ByteBuffer out = ByteBuffer.allocate(HEADER_BYTES + value.length + MAC_BYTES);
        out.put(FORMAT).putLong(issuedMillis).put(value);
        out.put(mac(scope, out.array(), HEADER_BYTES + value.length), 0, MAC_BYTES);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
    }

    /** A token whose issue time does not matter (S3's never expire). */
    public String issue(String scope, String position) {
        return issue(scope, position, 0);
    }

    /** The position {@code token} carries, or null when it is malformed, forged, or was issued for another scope. */
    public @Nullable Position open(String scope, String token) {
        byte[] raw;
        try {
            raw = Base64.getUrlDecoder().decode(token);
        } catch (IllegalArgumentException e) {
            return null;
        }
        if (raw.length < HEADER_BYTES + MAC_BYTES || raw[0] != FORMAT) {
            return null;
        }
        int signed = raw.length - MAC_BYTES;
        byte[] expected = mac(scope, raw, signed);
        byte[] given = java.util.Arrays.copyOfRange(raw, signed, raw.length);
        if (!MessageDigest.isEqual(java.util.Arrays.copyOf(expected, MAC_BYTES), given)) {
            return null;
        }
        long issued = ByteBuffer.wrap(raw, 1, Long.BYTES).getLong();
        return new Position(new String(raw, HEADER_BYTES, signed - HEADER_BYTES, StandardCharsets.UTF_8), issued);
    }

    private byte[] mac(String scope, byte[] body, int length) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            // length-prefixed, so that no (service, scope) pair can be confused with another
            for (String part : new String[] {service, scope}) {
                byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
                mac.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
                mac.update(bytes);
            }
            mac.update(body, 0, length);
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
