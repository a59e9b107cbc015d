package io.tarn.sts.api;

import io.tarn.core.auth.TemporaryCredential;
import io.tarn.core.protocol.query.QueryParams;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.RequestContext;
import io.tarn.sts.StsErrors;
import io.tarn.sts.engine.SessionIssuer;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The STS operations Tarn builds: parameters checked as AWS does, answers in STS's XML. */
public final class StsOperations {

    // arn:aws:iam::123456789012:role/path/name
    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[\\w-]*:iam::(\\d{12}):role/(?:[\\w+=,.@/-]*/)?([\\w+=,.@-]+)");
    private static final Pattern SESSION_NAME = Pattern.compile("[\\w+=,.@-]{2,64}");

    private static final Duration ONE_HOUR = Duration.ofHours(1);

    private final SessionIssuer issuer;

    public StsOperations(SessionIssuer issuer) {
        this.issuer = issuer;
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
        Duration duration = duration(params, 3_600, 900, 43_200);
        // role chaining (assuming a role with temporary credentials) is limited to one hour; longer fails
        if (ctx.caller().sessionToken() != null && duration.compareTo(ONE_HOUR) > 0) {
            throw StsErrors.VALIDATION.exception("The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by"
                    + " role chaining.");
        }
        SessionIssuer.AssumedRole role = issuer.assumeRole(roleArn, m.group(1), m.group(2), sessionName, duration);
        writeCredentials(xml, role.credential());
        xml.start("AssumedRoleUser").element("AssumedRoleId", role.assumedRoleId()).element("Arn", role.arn()).end();
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
