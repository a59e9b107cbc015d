package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.model.AccessControl;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.CorsRule;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/** Bucket tagging, CORS (with OPTIONS preflight answered from it), ownership controls and bucket ACLs. */
final class BucketConfigHandlers {

    private static final Set<String> CORS_METHODS = Set.of("GET", "PUT", "HEAD", "POST", "DELETE");
    private static final Set<String> OWNERSHIP = Set.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter");

    private final BucketEngine buckets;

    BucketConfigHandlers(BucketEngine buckets) {
        this.buckets = buckets;
    }

    ServiceResponse getTagging(S3Call call) {
        BucketMeta b = buckets.require(call.bucket());
        if (b.tags().isEmpty()) {
            throw S3Errors.NO_SUCH_TAG_SET.exception("The TagSet does not exist").with("BucketName", call.bucket());
        }
        return S3Call.ok(Tags.toXml(b.tags()));
    }

    ServiceResponse putTagging(S3Call call) {
        Map<String, String> tags = Tags.fromXml(call.request().body(), S3Limits.MAX_BUCKET_TAGS);
        buckets.update(call.bucket(), b -> b.withTags(tags));
        return S3Call.empty(204);
    }

    ServiceResponse deleteTagging(S3Call call) {
        buckets.update(call.bucket(), b -> b.withTags(Map.of()));
        return S3Call.empty(204);
    }

    ServiceResponse getCors(S3Call call) {
        BucketMeta b = buckets.require(call.bucket());
        if (b.cors() == null) {
            throw S3Errors.NO_SUCH_CORS_CONFIGURATION.exception("The CORS configuration does not exist").with("BucketName", call.bucket());
        }
        XmlWriter xml = new XmlWriter().start("CORSConfiguration", S3Call.XMLNS);
        for (CorsRule r : b.cors()) {
            xml.start("CORSRule").element("ID", r.id());
            r.allowedHeaders().forEach(h -> xml.element("AllowedHeader", h));
            r.allowedMethods().forEach(m -> xml.element("AllowedMethod", m));
            r.allowedOrigins().forEach(o -> xml.element("AllowedOrigin", o));
            r.exposeHeaders().forEach(h -> xml.element("ExposeHeader", h));
            xml.element("MaxAgeSeconds", r.maxAgeSeconds()).end();
        }
        return S3Call.ok(xml.end());
    }

    ServiceResponse putCors(S3Call call) {
        S3XmlReader doc = S3XmlReader.parse(call.request().body(), "CORSConfiguration");
        List<CorsRule> rules = new ArrayList<>();
        for (S3XmlReader r : doc.children("CORSRule")) {
            List<String> methods = r.texts("AllowedMethod");
            List<String> origins = r.texts("AllowedOrigin");
            if (methods.isEmpty() || origins.isEmpty()) {
                throw S3XmlReader.malformed();
            }
            for (String m : methods) {
                if (!CORS_METHODS.contains(m)) {
                    throw S3Errors.INVALID_REQUEST.exception("Found unsupported HTTP method in CORS config. Unsupported method is %s", m);
                }
            }
            Integer maxAge = null;
            String age = r.text("MaxAgeSeconds");
            if (age != null) {
                try {
                    maxAge = Integer.valueOf(age.trim());
                } catch (NumberFormatException e) {
                    throw S3XmlReader.malformed();
                }
            }
            rules.add(new CorsRule(r.text("ID"), origins, methods, r.texts("AllowedHeader"), r.texts("ExposeHeader"), maxAge));
        }
        if (rules.isEmpty() || rules.size() > 100) {
            throw S3XmlReader.malformed();
        }
        buckets.update(call.bucket(), b -> b.withCors(rules));
        return S3Call.empty(200);
    }

    ServiceResponse deleteCors(S3Call call) {
        buckets.update(call.bucket(), b -> b.withCors(null));
        return S3Call.empty(204);
    }

    /** An OPTIONS preflight, answered from the bucket's CORS rules as S3 does. */
    ServiceResponse preflight(S3Call call) {
        String origin = call.header("origin");
        String method = call.header("access-control-request-method");
        if (origin == null) {
            throw S3Errors.BAD_REQUEST.exception("Insufficient information. Origin request header needed.");
        }
        if (method == null) {
            throw S3Errors.BAD_REQUEST.exception("Invalid Access-Control-Request-Method: null");
        }
        BucketMeta b = buckets.require(call.bucket());
        if (b.cors() == null) {
            throw S3Errors.CORS_FORBIDDEN.exception("CORSResponse: CORS is not enabled for this bucket.")
                    .with("Method", method).with("ResourceType", "BUCKET");
        }
        List<String> requested = new ArrayList<>();
        String requestHeaders = call.header("access-control-request-headers");
        if (requestHeaders != null) {
            for (String h : requestHeaders.split(",")) {
                if (!h.isBlank()) {
                    requested.add(h.trim().toLowerCase(Locale.ROOT));
                }
            }
        }
        CorsRule rule = match(b.cors(), origin, method, requested);
        if (rule == null) {
            throw S3Errors.CORS_FORBIDDEN.exception(
                    "CORSResponse: This CORS request is not allowed. This is usually because the evalution of Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers are not whitelisted by the resource's CORS spec.")
                    .with("Method", method).with("ResourceType", "OBJECT");
        }
        ServiceResponse response = S3Call.empty(200);
        allowHeaders(response, rule, origin);
        response.withHeader("access-control-allow-methods", String.join(", ", rule.allowedMethods()));
        if (!requested.isEmpty()) {
            response.withHeader("access-control-allow-headers", String.join(", ", requested));
        }
        if (rule.maxAgeSeconds() != null) {
            response.withHeader("access-control-max-age", rule.maxAgeSeconds().toString());
        }
        return response;
    }

    /** The CORS headers of an actual (not preflight) request with an Origin, when a rule allows it. */
    void addCorsHeaders(S3Call call, ServiceResponse response) {
        String origin = call.header("origin");
        BucketMeta b = call.bucketOrNull() == null ? null : buckets.find(call.bucket());
        if (origin == null || b == null || b.cors() == null) {
            return;
        }
        CorsRule rule = match(b.cors(), origin, call.request().method(), List.of());
        if (rule != null) {
            allowHeaders(response, rule, origin);
            response.withHeader("access-control-allow-methods", String.join(", ", rule.allowedMethods()));
        }
    }

    private static void allowHeaders(ServiceResponse response, CorsRule rule, String origin) {
        boolean any = rule.allowedOrigins().contains("*");
        response.withHeader("access-control-allow-origin", any ? "*" : origin);
        if (!any) {
            response.withHeader("access-control-allow-credentials", "true");
        }
        if (!rule.exposeHeaders().isEmpty()) {
            response.withHeader("access-control-expose-headers", String.join(", ", rule.exposeHeaders()));
        }
        response.withHeader("vary", "Origin, Access-Control-Request-Headers, Access-Control-Request-Method");
    }

    private static @Nullable CorsRule match(List<CorsRule> rules, String origin, String method, List<String> headers) {
        for (CorsRule r : rules) {
            if (r.allowedMethods().contains(method) && r.allowedOrigins().stream().anyMatch(o -> wildcard(o, origin))
                    && headers.stream().allMatch(h -> r.allowedHeaders().stream().anyMatch(a -> wildcard(a.toLowerCase(Locale.ROOT), h)))) {
                return r;
            }
        }
        return null;
    }

    /** S3's CORS patterns: at most one {@code *}, matching any run of characters. */
    private static boolean wildcard(String pattern, String value) {
        int star = pattern.indexOf('*');
        if (star < 0) {
            return pattern.equals(value);
        }
        String head = pattern.substring(0, star);
        String tail = pattern.substring(star + 1);
        return value.length() >= head.length() + tail.length() && value.startsWith(head) && value.endsWith(tail);
    }

    ServiceResponse getOwnership(S3Call call) {
        BucketMeta b = buckets.require(call.bucket());
        if (b.objectOwnership() == null) {
            throw S3Errors.OWNERSHIP_CONTROLS_NOT_FOUND.exception("The bucket ownership controls were not found")
                    .with("BucketName", call.bucket());
        }
        return S3Call.ok(new XmlWriter().start("OwnershipControls", S3Call.XMLNS).start("Rule")
                .element("ObjectOwnership", b.objectOwnership()).end().end());
    }

    ServiceResponse putOwnership(S3Call call) {
        S3XmlReader doc = S3XmlReader.parse(call.request().body(), "OwnershipControls");
        List<S3XmlReader> rules = doc.children("Rule");
        String ownership = rules.size() == 1 ? rules.get(0).text("ObjectOwnership") : null;
        if (ownership == null || !OWNERSHIP.contains(ownership)) {
            throw S3XmlReader.malformed();
        }
        buckets.update(call.bucket(), b -> {
            if (ownership.equals("BucketOwnerEnforced") && !Acls.ownerOnly(b.acl(), b.owner())) {
                throw S3Errors.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP.exception(
                        "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
            }
            return b.withObjectOwnership(ownership);
        });
        return S3Call.empty(200);
    }

    ServiceResponse deleteOwnership(S3Call call) {
        buckets.update(call.bucket(), b -> b.withObjectOwnership(null));
        return S3Call.empty(204);
    }

    ServiceResponse getAcl(S3Call call) {
        return S3Call.ok(Acls.toXml(buckets.require(call.bucket()).acl()));
    }

    ServiceResponse putAcl(S3Call call) {
        BucketMeta b = buckets.require(call.bucket());
        AccessControl acl = call.request().body().length > 0 ? Acls.fromXml(call.request().body(), Acls.canonicalId(b.owner()))
                : Acls.fromHeaders(call, b.owner(), b.owner()); // the bucket owner's ACL, whoever (with WRITE_ACP) puts it
        Acls.checkEnforced(b, acl);
        buckets.update(call.bucket(), m -> m.withAcl(acl));
        return S3Call.empty(200);
    }
}
