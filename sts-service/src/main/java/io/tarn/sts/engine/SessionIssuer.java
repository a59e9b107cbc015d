package io.tarn.sts.engine;

import io.tarn.core.auth.CredentialStore;
import io.tarn.core.auth.TemporaryCredential;
import io.tarn.core.iam.AccessRequest;
import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.Decision;
import io.tarn.core.iam.Identities;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.core.iam.UniqueIds;
import io.tarn.core.spi.Caller;
import io.tarn.sts.StsErrors;
import java.time.Duration;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Issues temporary credentials: for the caller itself, or as an assumed role's session. */
public final class SessionIssuer {

    private static final Logger log = LoggerFactory.getLogger(SessionIssuer.class);

    /** An assumed role's session and the credentials to act as it. */
    public record AssumedRole(String assumedRoleId, String arn, TemporaryCredential credential) {}

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
     * role's account, with a role id that stays the same for the same role. The role's trust policy
     * (and across accounts the caller's identity policies) must allow the caller sts:AssumeRole,
     * else STS's AccessDenied. The session keeps {@code sessionPolicy} (validated), which limits
     * what the role's policies allow it.
     */
    public AssumedRole assumeRole(RequestPrincipal caller, ContextKeys context, String roleArn, String account, String roleName,
            String sessionName, Duration duration, @Nullable String sessionPolicy) {
        Identities identities = credentials.identities();
        Identities.Identity role = identities.role(account, roleName);
        Decision decision = role != null && !role.arn().equals(roleArn)
                ? new Decision(Decision.Outcome.IMPLICIT_DENY, Identities.TRUST, null) // same name, other path: no such role
                : identities.assumeRole(new AccessRequest(caller, "sts:AssumeRole", roleArn, context), role, account);
        log.debug("sts:AssumeRole {} by {}: {}", roleArn, caller.arn(), decision);
        if (!decision.allowed()) {
            throw StsErrors.ACCESS_DENIED.exception("User: %s is not authorized to perform: sts:AssumeRole on resource: %s",
                    caller.arn(), roleArn);
        }
        String roleId = UniqueIds.role(roleArn);
        String assumedRoleId = roleId + ":" + sessionName;
        String arn = "arn:aws:sts::" + account + ":assumed-role/" + roleName + "/" + sessionName;
        return new AssumedRole(assumedRoleId, arn, credentials.issue(account, arn, assumedRoleId, duration, sessionPolicy));
    }
}
