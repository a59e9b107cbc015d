package io.tarn.sts.api;

import io.tarn.core.auth.TemporaryCredential;
import io.tarn.core.iam.ContextKeys;
import io.tarn.core.iam.Identities;
import io.tarn.core.iam.PolicyException;
import io.tarn.core.iam.RequestPrincipal;
import io.tarn.core.protocol.query.QueryParams;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.RequestContext;
import io.tarn.sts.StsErrors;
import io.tarn.sts.engine.SessionIssuer;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The STS operations Tarn builds: parameters checked as AWS does, answers in STS's XML. */
public final class StsOperations {

    // arn:aws:iam::123456789012:role/path/name
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[\\w-]*:iam::(\\d{12}):role/(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]+)");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private static final Duration ONE_HOUR = Duration.ofHours(1);

    private final SessionIssuer issuer;
    private final Identities identities;

    public StsOperations(SessionIssuer issuer, Identities identities) {
        this.issuer = issuer;
        this.identities = identities;
    }

    public void getCallerIdentity(RequestContext ctx, QueryParams params, XmlWriter xml) {
        Caller caller = ctx.caller();
        xml.element("UserId", caller.userId()).element("Account", caller.account()).element("Arn", caller.arn());
    }

    public void getSessionToken(RequestContext ctx, QueryParams params, XmlWriter xml) {
        Duration duration = duration(params, 43_200, 900, 129_600);
        Caller caller = ctx.caller();
        if (caller.sessionToken() != null) {
            throw StsErrors.ACCESS_DENIED.exception("Cannot call GetSessionToken with session credentials");
        }
        // "Sessions for AWS account owners are restricted to a maximum of 3,600 seconds (one hour). If the
        // duration is longer than one hour, the session for AWS account owners defaults to one hour."
        if (isRoot(caller) && duration.compareTo(ONE_HOUR) > 0) {
            duration = ONE_HOUR;
        }
        writeCredentials(xml, issuer.sessionToken(caller, duration));
    }

    public void assumeRole(RequestContext ctx, QueryParams params, XmlWriter xml) {
        String roleArn = params.require("RoleArn");
        String sessionName = params.require("RoleSessionName");
        if (roleArn.length() < 20 || roleArn.length() > 2048) {
            throw StsErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'roleArn' failed to satisfy"
                    + " constraint: Member must have length between 20 and 2048", roleArn);
        }
        if (!SESSION_NAME.matcher(sessionName).matches()) {
            throw StsErrors.VALIDATION.exception("1 validation error detected: Value '%s' at 'roleSessionName' failed to"
                    + " satisfy constraint: Member must satisfy regular expression pattern: [\\w+=,.@-]*", sessionName);
        }
        Matcher m = ROLE_ARN.matcher(roleArn);
        if (!m.matches()) {
            throw StsErrors.VALIDATION.exception("%s is invalid", roleArn);
        }
        String policy = params.get("Policy");
        if (policy != null && policy.length() > 2048) {
            throw StsErrors.VALIDATION.exception("1 validation error detected: Value at 'policy' failed to satisfy"
                    + " constraint: Member must have length less than or equal to 2048");
        }
        if (policy != null) {
            try {
                identities.sessionPolicy(policy); // compiled now, so that the session's requests find it valid
            } catch (PolicyException e) {
                throw StsErrors.MALFORMED_POLICY_DOCUMENT.exception("%s", e.getMessage());
            }
        }
        // Tarn has no managed policies to look up: refused, as ignoring one would leave the session broader than asked
        if (params.values().keySet().stream().anyMatch(k -> k.startsWith("PolicyArns.member."))) {
            throw StsErrors.NOT_IMPLEMENTED.exception("PolicyArns is not supported by Tarn, which has no managed policies:"
                    + " pass the session policy inline in Policy.");
        }
        Duration duration = duration(params, 3_600, 900, 43_200);
        // role chaining (assuming a role with temporary credentials) is limited to one hour; longer fails
        if (ctx.caller().sessionToken() != null && duration.compareTo(ONE_HOUR) > 0) {
            throw StsErrors.VALIDATION.exception("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by"
                    + " role chaining.");
        }
        Caller caller = ctx.caller();
        RequestPrincipal principal = RequestPrincipal.of(caller.account(), caller.arn(), null).withSessionPolicy(caller.sessionPolicy());
        SessionIssuer.AssumedRole role = issuer.assumeRole(principal, trustContext(ctx, params, principal), roleArn, m.group(1),
                m.group(2), sessionName, duration, policy);
        writeCredentials(xml, role.credential());
        xml.start("AssumedRoleUser").element("AssumedRoleId", role.assumedRoleId()).element("Arn", role.arn()).end();
    }

    /** The context keys a trust policy's conditions read (the global ones and STS's). */
    private static ContextKeys trustContext(RequestContext ctx, QueryParams params, RequestPrincipal principal) {
        Caller caller = ctx.caller();
        ContextKeys.Builder keys = ContextKeys.builder()
                .put("aws:CurrentTime", DateTimeFormatter.ISO_INSTANT.format(ctx.now().truncatedTo(ChronoUnit.SECONDS)))
                .put("aws:EpochTime", Long.toString(ctx.now().getEpochSecond()))
                .put("aws:SecureTransport", Boolean.toString(ctx.secureTransport()))
                .put("aws:SourceIp", ctx.sourceIp())
                .put("aws:PrincipalAccount", caller.account())
                .put("aws:PrincipalArn", caller.arn())
                .put("aws:userid", caller.userId())
                .put("aws:PrincipalType", principal.kind() == RequestPrincipal.Kind.ROOT ? "Account"
                        : principal.kind() == RequestPrincipal.Kind.ROLE_SESSION ? "AssumedRole" : "User")
                .put("sts:RoleSessionName", params.get("RoleSessionName"))
                .put("sts:ExternalId", params.get("ExternalId"))
                .put("sts:SourceIdentity", params.get("SourceIdentity"));
        if (principal.kind() == RequestPrincipal.Kind.USER) {
            keys.put("aws:username", caller.arn().substring(caller.arn().lastIndexOf('/') + 1));
        }
        return keys.build();
    }

    private static boolean isRoot(Caller caller) {
        return caller.arn().endsWith(":root");
    }

    private static Duration duration(QueryParams params, int defaultSeconds, int min, int max) {
        Integer seconds = params.integer("DurationSeconds");
        if (seconds == null) {
            return Duration.ofSeconds(defaultSeconds);
        }
        if (seconds < min || seconds > max) {
            throw StsErrors.VALIDATION.exception("1 validation error detected: Value '%d' at 'durationSeconds' failed to"
                    + " satisfy constraint: Member must have value %s equal to %d", seconds,
                    seconds < min ? "greater than or" : "less than or", seconds < min ? min : max);
        }
        return Duration.ofSeconds(seconds);
    }

    private static void writeCredentials(XmlWriter xml, TemporaryCredential c) {
        xml.start("Credentials")
                .element("AccessKeyId", c.accessKeyId())
                .element("SecretAccessKey", c.secretAccessKey())
                .element("SessionToken", c.sessionToken())
                .element("Expiration", c.expiration().toString())
                .end();
    }
}
