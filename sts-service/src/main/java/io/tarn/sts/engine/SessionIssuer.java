package io.tarn.sts.engine;

import io.tarn.core.auth.CredentialStore;
import io.tarn.core.auth.TemporaryCredential;
import io.tarn.core.spi.Caller;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;

/** Issues temporary credentials: for the caller itself, or as an assumed role's session. */
public final class SessionIssuer {

    /** An assumed role's session and the credentials to act as it. */
    public record AssumedRole(String assumedRoleId, String arn, TemporaryCredential credential) {}

    private static final String ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";

    private final CredentialStore credentials;

    public SessionIssuer(CredentialStore credentials) {
        this.credentials = credentials;
    }

    /** GetSessionToken: the same principal, for {@code duration}. */
    public TemporaryCredential sessionToken(Caller caller, Duration duration) {
        return credentials.issue(caller.account(), caller.arn(), caller.userId(), duration);
    }

    /**
     * AssumeRole: a session of {@code roleArn} ({@code arn:aws:iam::<account>:role/<path/>name}) in the
     * role's account, with a role id that stays the same for the same role.
     */
    public AssumedRole assumeRole(String roleArn, String account, String roleName, String sessionName, Duration duration) {
        String roleId = "AROA" + stableId(roleArn, 17);
        String assumedRoleId = roleId + ":" + sessionName;
        String arn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
        return new AssumedRole(assumedRoleId, arn, credentials.issue(account, arn, assumedRoleId, duration));
    }

    private static String stableId(String seed, int length) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(seed.getBytes(StandardCharsets.UTF_8));
            StringBuilder sb = new StringBuilder(length);
            for (int i = 0; i < length; i++) {
                sb.append(ID_CHARS.charAt((digest[i] & 0xFF) % ID_CHARS.length()));
            }
            return sb.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
