package io.tarn.core.admin;

import io.tarn.core.auth.RequestAuthenticator;
import io.tarn.core.auth.SigV4Parser;
import io.tarn.core.auth.SigV4Signature;
import io.tarn.core.config.AuthMode;
import io.tarn.core.error.AwsException;
import io.tarn.core.http.RequestHead;
import io.tarn.core.spi.Protocol;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.jspecify.annotations.Nullable;

/**
 * Who may change state through the admin API. Reads (GET, HEAD) are open. In strict mode every
 * other call needs a SigV4 signature by a known key (any service name in its scope) or the
 * bearer token given at start ({@code Authorization: Bearer <token>}), so a strict Tarn reachable
 * from a network cannot be reset or have its clock moved by anyone. Lenient mode checks nothing,
 * as it checks no signature elsewhere.
 */
public final class AdminAccess {

    private static final String BEARER = "Bearer ";

    private final RequestAuthenticator authenticator;
    private final byte @Nullable [] token;

    /** @param token the admin token given at start; null or empty when there is none */
    public AdminAccess(RequestAuthenticator authenticator, @Nullable String token) {
        this.authenticator = authenticator;
        this.token = token == null || token.isEmpty() ? null : token.getBytes(StandardCharsets.UTF_8);
    }

    /** @throws AwsException {@link AdminErrors#ACCESS_DENIED} when {@code head} may not make this call */
    public void check(RequestHead head, byte[] body) {
        if (authenticator.mode() == AuthMode.LENIENT || isRead(head.method())) {
            return;
        }
        String authorization = head.header("authorization");
        if (authorization != null && authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            byte[] given = authorization.substring(BEARER.length()).trim().getBytes(StandardCharsets.UTF_8);
            if (token == null) {
                throw AdminErrors.ACCESS_DENIED.exception("This server was started without an admin token (--admin-token); "
                        + "sign the request (SigV4) with a known key.");
            }
            // Constant time, so the token cannot be guessed byte by byte from response times.
            if (!MessageDigest.isEqual(token, given)) {
                throw AdminErrors.ACCESS_DENIED.exception("The admin token is not the one this server was started with.");
            }
            return;
        }
        SigV4Signature signature;
        try {
            signature = SigV4Parser.parse(head.headers(), head.query());
        } catch (AwsException e) {
            throw AdminErrors.ACCESS_DENIED.exception("The request's signature is malformed: %s", e.getMessage());
        }
        if (signature == null) {
            throw AdminErrors.ACCESS_DENIED.exception("In strict mode, %s %s must be signed (SigV4) by a known key or carry "
                    + "the admin token (Authorization: Bearer <token>).", head.method(), head.rawPath());
        }
        try {
            authenticator.authenticate(Protocol.JSON, signature, head.method(), head.rawPath(), head.rawQuery(),
                    head.headers(), body);
        } catch (AwsException e) {
            throw AdminErrors.ACCESS_DENIED.exception("The request's signature was refused (%s): %s", e.code(), e.getMessage());
        }
    }

    private static boolean isRead(String method) {
        return method.equals("GET") || method.equals("HEAD");
    }
}
