package io.tarn.core.routing;

import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.ServiceDescriptor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Picks the service a request is for: the service name of the SigV4 credential scope, else the
 * {@code X-Amz-Target} prefix, else the service that takes everything else by host and path (S3).
 * A request signed for, or targeted at, a service this server lacks is not S3's: see {@link #unserved}.
 */
public final class ServiceResolver {

    // .../<date>/<region>/<service>/aws4_request in the Authorization header or X-Amz-Credential
    private static final Pattern SCOPE = Pattern.compile("[^/,\\s]+/\\d{8}/([^/]+)/([^/]+)/aws4_request");

    /** The scope's region and service as written, before any verification. */
    public record Scope(String region, String service) {}

    private final Map<String, AwsService> bySigningName = new HashMap<>();
    private final Map<String, AwsService> byTargetPrefix = new HashMap<>();
    private @Nullable AwsService fallback;

    public ServiceResolver(List<AwsService> services) {
        for (AwsService s : services) {
            ServiceDescriptor d = s.descriptor();
            d.signingNames().forEach(n -> bySigningName.put(n, s));
            d.targetPrefixes().forEach(p -> byTargetPrefix.put(p, s));
            if (d.hostFallback()) {
                fallback = s;
            }
        }
    }

    /** Finds the credential scope in the Authorization header or the presigned query. */
    public static @Nullable Scope scope(@Nullable String authorization, @Nullable String credentialParam) {
        String source = authorization != null ? authorization : credentialParam;
        if (source == null) {
            return null;
        }
        Matcher m = SCOPE.matcher(source);
        return m.find() ? new Scope(m.group(1), m.group(2)) : null;
    }

    /**
     * The name of the AWS service a request is meant for when no service of this server claims it:
     * the scope's service when the request is signed, else the service of its X-Amz-Target; null
     * when the request is for one of ours or names no service (S3 then takes it by host and path).
     */
    public @Nullable String unserved(@Nullable Scope scope, @Nullable String target) {
        if (scope != null) {
            return bySigningName.containsKey(scope.service()) ? null : scope.service();
        }
        if (target != null) {
            String prefix = targetPrefix(target);
            return byTargetPrefix.containsKey(prefix) ? null : UnservedService.nameOfTarget(prefix);
        }
        return null;
    }

    private static String targetPrefix(String target) {
        int dot = target.indexOf('.');
        return dot > 0 ? target.substring(0, dot) : target;
    }

    /** The service for a request, or null when nothing claims it. */
    public @Nullable AwsService resolve(@Nullable Scope scope, @Nullable String target) {
        if (scope != null) {
            AwsService s = bySigningName.get(scope.service());
            if (s != null) {
                return s;
            }
        }
        if (target != null) {
            AwsService s = byTargetPrefix.get(targetPrefix(target));
            if (s != null) {
                return s;
            }
        }
        return fallback;
    }
}
