package io.tarn.s3.api;

import static io.tarn.s3.api.S3Route.Target.BUCKET;
import static io.tarn.s3.api.S3Route.Target.OBJECT;
import static io.tarn.s3.api.S3Route.Target.SERVICE;

import io.tarn.core.error.AwsException;
import io.tarn.core.paging.PageTokens;
import io.tarn.core.protocol.xml.RestXmlErrors;
import io.tarn.core.spi.BodySink;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.ListingEngine;
import io.tarn.s3.engine.MultipartEngine;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.restore.RestoreEngine;
import io.tarn.s3.engine.analytics.StorageClassAnalysis;
import io.tarn.s3.engine.lifecycle.LifecycleEngine;
import io.tarn.s3.engine.notifications.NotificationConfigs;
import io.tarn.s3.engine.notifications.RequestOrigin;
import io.tarn.s3.engine.tiering.TieringEngine;
import io.tarn.s3.engine.policy.S3Authorizer;
import io.tarn.s3.model.BucketMeta;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * S3's rest-xml front: finds the bucket and key, matches the route table (method, target,
 * subresource, header), runs the operation and renders S3's XML errors. A subresource no route
 * claims answers NotImplemented, never the plain operation.
 */
public final class S3RequestHandler implements RequestHandler {

    private static final String COPY_SOURCE = "x-amz-copy-source";
    /** Upload bodies up to this size are gathered in memory before the upload is written. */
    private static final long GATHER_UP_TO = 1L << 20;
    private static final String POST_OBJECT = "PostObject";

    private final List<S3Route> routes;
    private final List<String> domains;
    private final BucketConfigHandlers bucketConfig;
    private final BucketEngine buckets;
    private final @Nullable RequestAuthorization authorization;
    /** Bucket and account (S3 Control) Block Public Access settings, served with access control. */
    private final @Nullable PublicAccessBlockHandlers publicAccessBlocks;
    /** {@code --s3-allow-ssec-over-http}: SSE-C keys taken over plain HTTP (S3 refuses them). */
    private final boolean customerKeysOverHttp;

    /**
     * The parts of S3 a handler serves beyond the core routes, each when given: bucket notification
     * configurations, browser POST uploads, storage class analysis (whose GETs it counts),
     * Intelligent-Tiering configurations, bucket policies (and the authorization of every request).
     */
    public record Extensions(@Nullable NotificationConfigs notifications, @Nullable PostFormAuth postForms,
            @Nullable StorageClassAnalysis analysis, @Nullable TieringEngine tiering, @Nullable S3Authorizer access) {

        public static final Extensions NONE = new Extensions(null, null, null, null, null);

        public Extensions withNotifications(NotificationConfigs n) {
            return new Extensions(n, postForms, analysis, tiering, access);
        }

        public Extensions withPostForms(PostFormAuth p) {
            return new Extensions(notifications, p, analysis, tiering, access);
        }

        public Extensions withAnalysis(StorageClassAnalysis a) {
            return new Extensions(notifications, postForms, a, tiering, access);
        }

        public Extensions withTiering(TieringEngine t) {
            return new Extensions(notifications, postForms, analysis, t, access);
        }

        /** Serving bucket policies and authorizing each request. */
        public Extensions withAccess(S3Authorizer a) {
            return new Extensions(notifications, postForms, analysis, tiering, a);
        }
    }

    public S3RequestHandler(BucketEngine buckets, ObjectEngine objects, MultipartEngine uploads, ListingEngine listings,
            PageTokens tokens, List<String> domains, RestoreEngine restores, LifecycleEngine lifecycleEngine) {
        this(buckets, objects, uploads, listings, tokens, domains, restores, lifecycleEngine, Extensions.NONE);
    }

    public S3RequestHandler(BucketEngine buckets, ObjectEngine objects, MultipartEngine uploads, ListingEngine listings,
            PageTokens tokens, List<String> domains, RestoreEngine restores, LifecycleEngine lifecycleEngine,
            Extensions extensions) {
        this.domains = List.copyOf(domains);
        this.bucketConfig = new BucketConfigHandlers(buckets);
        this.buckets = buckets;
        LifecycleHandlers lifecycle = new LifecycleHandlers(lifecycleEngine);
        this.authorization = extensions.access() == null ? null : new RequestAuthorization(extensions.access(), buckets, objects);
        ObjectHandlers objectHandlers = new ObjectHandlers(buckets, objects, restores, lifecycle,
                authorization == null ? ObjectHandlers.KeyAccess.ANYONE : authorization::deleteKey);
        List<S3Route> table = new ArrayList<>(routes(new BucketHandlers(buckets, objects, uploads, tokens),
                objectHandlers, new ObjectConfigHandlers(buckets, objects),
                new MultipartHandlers(buckets, objects, uploads, lifecycle), new ListingHandlers(listings, tokens, restores), bucketConfig,
                new ObjectLockHandlers(objects), new RestoreHandlers(objects, restores), lifecycle));
        NotificationConfigs notifications = extensions.notifications();
        if (notifications != null) {
            NotificationHandlers n = new NotificationHandlers(notifications);
            table.add(S3Route.of("GET", BUCKET, "notification", "GetBucketNotificationConfiguration", n::get));
            table.add(S3Route.of("PUT", BUCKET, "notification", "PutBucketNotificationConfiguration", n::put));
        }
        PostFormAuth postForms = extensions.postForms();
        if (postForms != null) {
            PostObjectHandler post = new PostObjectHandler(buckets, objects, postForms, domains,
                    form -> authorize("PutObject", form));
            table.add(S3Route.streaming("POST", BUCKET, null, POST_OBJECT, post::open));
        }
        StorageClassAnalysis analysis = extensions.analysis();
        if (analysis != null) {
            objectHandlers.countGets(analysis.recorder());
            AnalyticsHandlers a = new AnalyticsHandlers(analysis.configurations());
            table.add(S3Route.of("GET", BUCKET, "analytics", "GetBucketAnalyticsConfiguration", a::getOrList)); // or List, without id
            table.add(S3Route.of("PUT", BUCKET, "analytics", "PutBucketAnalyticsConfiguration", a::put));
            table.add(S3Route.of("DELETE", BUCKET, "analytics", "DeleteBucketAnalyticsConfiguration", a::delete));
        }
        TieringEngine tiering = extensions.tiering();
        if (tiering != null) {
            IntelligentTieringHandlers it = new IntelligentTieringHandlers(buckets, tiering, new ContinuationTokens(tokens));
            table.add(S3Route.of("GET", BUCKET, "intelligent-tiering", "GetBucketIntelligentTieringConfiguration", it::get)); // and List
            table.add(S3Route.of("PUT", BUCKET, "intelligent-tiering", "PutBucketIntelligentTieringConfiguration", it::put));
            table.add(S3Route.of("DELETE", BUCKET, "intelligent-tiering", "DeleteBucketIntelligentTieringConfiguration", it::delete));
        }
        BucketEncryptionHandlers encryption = new BucketEncryptionHandlers(buckets, objects.encryption().defaults());
        table.add(S3Route.of("GET", BUCKET, "encryption", "GetBucketEncryption", encryption::get));
        table.add(S3Route.of("PUT", BUCKET, "encryption", "PutBucketEncryption", encryption::put));
        table.add(S3Route.of("DELETE", BUCKET, "encryption", "DeleteBucketEncryption", encryption::delete));
        this.customerKeysOverHttp = objects.encryption().customerKeysOverHttp();
        S3Authorizer access = extensions.access();
        if (access != null) {
            BucketPolicyHandlers p = new BucketPolicyHandlers(access.policies());
            table.add(S3Route.of("GET", BUCKET, "policy", "GetBucketPolicy", p::get));
            table.add(S3Route.of("PUT", BUCKET, "policy", "PutBucketPolicy", p::put));
            table.add(S3Route.of("DELETE", BUCKET, "policy", "DeleteBucketPolicy", p::delete));
            table.add(S3Route.of("GET", BUCKET, "policyStatus", "GetBucketPolicyStatus", p::status));
            PublicAccessBlockHandlers pab = new PublicAccessBlockHandlers(buckets, access.publicAccess(), access.enabled());
            table.add(S3Route.of("GET", BUCKET, "publicAccessBlock", "GetPublicAccessBlock", pab::get));
            table.add(S3Route.of("PUT", BUCKET, "publicAccessBlock", "PutPublicAccessBlock", pab::put));
            table.add(S3Route.of("DELETE", BUCKET, "publicAccessBlock", "DeletePublicAccessBlock", pab::delete));
            this.publicAccessBlocks = pab;
        } else {
            this.publicAccessBlocks = null;
        }
        this.routes = List.copyOf(table);
    }

    /** The routing table; more specific rows (a required header) come before the rows they refine. */
    static List<S3Route> routes(BucketHandlers buckets, ObjectHandlers objects, ObjectConfigHandlers objectConfig,
            MultipartHandlers multipart, ListingHandlers listing, BucketConfigHandlers bucketConfig, ObjectLockHandlers objectLock,
            RestoreHandlers restore, LifecycleHandlers lifecycle) {
        return List.of(
                S3Route.of("GET", SERVICE, null, "ListBuckets", buckets::list),

                S3Route.of("PUT", BUCKET, null, "CreateBucket", buckets::create),
                S3Route.of("HEAD", BUCKET, null, "HeadBucket", buckets::head),
                S3Route.of("DELETE", BUCKET, null, "DeleteBucket", buckets::delete),
                S3Route.of("GET", BUCKET, "location", "GetBucketLocation", buckets::location),
                S3Route.of("GET", BUCKET, "versioning", "GetBucketVersioning", buckets::getVersioning),
                S3Route.of("PUT", BUCKET, "versioning", "PutBucketVersioning", buckets::putVersioning),
                S3Route.of("GET", BUCKET, null, "ListObjects", listing::listV1),
                S3Route.of("GET", BUCKET, "list-type", "ListObjectsV2", listing::listV2),
                S3Route.of("GET", BUCKET, "versions", "ListObjectVersions", listing::listVersions),
                S3Route.of("GET", BUCKET, "uploads", "ListMultipartUploads", listing::listUploads),
                S3Route.of("POST", BUCKET, "delete", "DeleteObjects", objects::deleteObjects),
                S3Route.of("GET", BUCKET, "tagging", "GetBucketTagging", bucketConfig::getTagging),
                S3Route.of("PUT", BUCKET, "tagging", "PutBucketTagging", bucketConfig::putTagging),
                S3Route.of("DELETE", BUCKET, "tagging", "DeleteBucketTagging", bucketConfig::deleteTagging),
                S3Route.of("GET", BUCKET, "cors", "GetBucketCors", bucketConfig::getCors),
                S3Route.of("PUT", BUCKET, "cors", "PutBucketCors", bucketConfig::putCors),
                S3Route.of("DELETE", BUCKET, "cors", "DeleteBucketCors", bucketConfig::deleteCors),
                S3Route.of("GET", BUCKET, "ownershipControls", "GetBucketOwnershipControls", bucketConfig::getOwnership),
                S3Route.of("PUT", BUCKET, "ownershipControls", "PutBucketOwnershipControls", bucketConfig::putOwnership),
                S3Route.of("DELETE", BUCKET, "ownershipControls", "DeleteBucketOwnershipControls", bucketConfig::deleteOwnership),
                S3Route.of("GET", BUCKET, "acl", "GetBucketAcl", bucketConfig::getAcl),
                S3Route.of("PUT", BUCKET, "acl", "PutBucketAcl", bucketConfig::putAcl),
                S3Route.of("OPTIONS", BUCKET, null, "PreflightBucket", bucketConfig::preflight),
                S3Route.of("GET", BUCKET, "object-lock", "GetObjectLockConfiguration", objectLock::getConfiguration),
                S3Route.of("PUT", BUCKET, "object-lock", "PutObjectLockConfiguration", objectLock::putConfiguration),
                S3Route.of("GET", BUCKET, "lifecycle", "GetBucketLifecycleConfiguration", lifecycle::get),
                S3Route.of("PUT", BUCKET, "lifecycle", "PutBucketLifecycleConfiguration", lifecycle::put),
                S3Route.of("DELETE", BUCKET, "lifecycle", "DeleteBucketLifecycle", lifecycle::delete),

                S3Route.of("PUT", OBJECT, null, "CopyObject", objectConfig::copy).whenHeader(COPY_SOURCE),
                S3Route.streaming("PUT", OBJECT, null, "PutObject", objects::put),
                S3Route.of("GET", OBJECT, null, "GetObject", objects::get),
                S3Route.of("HEAD", OBJECT, null, "HeadObject", objects::head),
                S3Route.of("DELETE", OBJECT, null, "DeleteObject", objects::delete),
                S3Route.of("OPTIONS", OBJECT, null, "PreflightObject", bucketConfig::preflight),
                S3Route.of("GET", OBJECT, "attributes", "GetObjectAttributes", objectConfig::attributes),
                S3Route.of("GET", OBJECT, "tagging", "GetObjectTagging", objectConfig::getTagging),
                S3Route.of("PUT", OBJECT, "tagging", "PutObjectTagging", objectConfig::putTagging),
                S3Route.of("DELETE", OBJECT, "tagging", "DeleteObjectTagging", objectConfig::deleteTagging),
                S3Route.of("GET", OBJECT, "acl", "GetObjectAcl", objectConfig::getAcl),
                S3Route.of("PUT", OBJECT, "acl", "PutObjectAcl", objectConfig::putAcl),
                S3Route.of("GET", OBJECT, "retention", "GetObjectRetention", objectLock::getRetention),
                S3Route.of("PUT", OBJECT, "retention", "PutObjectRetention", objectLock::putRetention),
                S3Route.of("GET", OBJECT, "legal-hold", "GetObjectLegalHold", objectLock::getLegalHold),
                S3Route.of("PUT", OBJECT, "legal-hold", "PutObjectLegalHold", objectLock::putLegalHold),
                S3Route.of("POST", OBJECT, "restore", "RestoreObject", restore::restore),

                S3Route.of("POST", OBJECT, "uploads", "CreateMultipartUpload", multipart::create),
                S3Route.of("PUT", OBJECT, "uploadId", "UploadPartCopy", multipart::uploadPartCopy).whenHeader(COPY_SOURCE),
                S3Route.streaming("PUT", OBJECT, "uploadId", "UploadPart", multipart::uploadPart),
                S3Route.of("POST", OBJECT, "uploadId", "CompleteMultipartUpload", multipart::complete),
                S3Route.of("DELETE", OBJECT, "uploadId", "AbortMultipartUpload", multipart::abort),
                S3Route.of("GET", OBJECT, "uploadId", "ListParts", multipart::listParts));
    }

    private S3Address address(ServiceRequest request) {
        return S3Address.of(request.header("host"), request.path(), domains);
    }

    /** The route for a request, or an AWS error: NotImplemented for a known subresource nobody serves. */
    private S3Route route(ServiceRequest request, S3Address address) {
        S3Route.Target target = address.bucket() == null ? SERVICE : address.key() == null ? BUCKET : OBJECT;
        for (S3Route r : routes) {
            if (r.matches(request.method(), target, request.query().keySet(), h -> request.header(h) != null)) {
                return r;
            }
        }
        for (String q : request.query().keySet()) {
            if (S3Route.SUBRESOURCES.contains(q)) {
                if (address.bucket() != null) {
                    buckets.require(address.bucket()); // S3 looks the bucket up before the operation
                }
                throw S3Errors.NOT_IMPLEMENTED.exception("A header or query you provided implies functionality that is not implemented")
                        .with("Header", q);
            }
        }
        throw S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.")
                .with("Method", request.method()).with("ResourceType", target == SERVICE ? "SERVICE" : target == BUCKET ? "BUCKET" : "OBJECT");
    }

    @Override
    public ServiceResponse handle(ServiceRequest received) {
        ServiceRequest request = PresignedHeaders.apply(received);
        if (PublicAccessBlockHandlers.isControl(request)) {
            if (publicAccessBlocks == null) {
                throw S3Errors.NOT_IMPLEMENTED.exception("A header or query you provided implies functionality that is not implemented")
                        .with("Header", "x-amz-account-id");
            }
            try {
                return withIds(publicAccessBlocks.control(request), request);
            } catch (AwsException e) {
                return PublicAccessBlockHandlers.controlError(e, request.context().requestId(), hostId(request));
            }
        }
        S3Address address = address(request);
        S3Route route = route(request, address);
        S3Call call = new S3Call(request, address);
        checkExpectedOwner(call);
        EncryptionHeaders.requireSecureTransport(call, customerKeysOverHttp);
        authorize(route, call);
        ServiceResponse response;
        RequestOrigin origin = origin(request);
        try {
            if (route.handler() != null) {
                RequestDigests.check(call, route.operation()); // uploads check their digests as they are written
                response = origin.run(() -> route.handler().handle(call));
            } else {
                response = origin.run(() -> whole(route, call));
            }
        } catch (AwsException e) {
            throw authorization == null ? e : authorization.shown(call, e);
        }
        return withIds(withCors(call, response), request);
    }

    /**
     * {@code x-amz-expected-bucket-owner}: a request meant for a bucket of another account is
     * refused with 403 AccessDenied rather than acting on someone else's bucket of that name.
     */
    private void checkExpectedOwner(S3Call call) {
        String expected = call.header("x-amz-expected-bucket-owner");
        if (expected != null && call.bucketOrNull() != null) {
            BucketMeta bucket = buckets.find(call.bucket());
            if (bucket != null && !bucket.owner().equals(expected.trim())) {
                throw S3Errors.ACCESS_DENIED.exception("Access Denied");
            }
        }
    }

    private void authorize(S3Route route, S3Call call) {
        // a browser POST arrives unsigned: its form says who sends it, and PostObjectHandler authorizes
        // the PutObject it stands for once the form's fields are read
        if (!route.operation().equals(POST_OBJECT)) {
            authorize(route.operation(), call);
        }
    }

    private void authorize(String operation, S3Call call) {
        if (authorization != null) {
            authorization.check(operation, call);
        }
    }

    /** An upload small enough to have been gathered whole: through its sink in one part, on one thread. */
    private static ServiceResponse whole(S3Route route, S3Call call) {
        BodySink sink = route.streaming().open(call);
        try {
            sink.accept(ByteBuffer.wrap(call.request().body()));
            return sink.finish();
        } catch (RuntimeException e) {
            sink.abort();
            throw e;
        }
    }

    /**
     * Uploads stream to disk as they arrive, except small ones with a declared length: those are
     * gathered and written in one go, which saves the thread hand-offs per part that dominate the
     * cost of a 4 KiB PUT.
     */
    @Override
    public boolean streamsBody(ServiceRequest received) {
        ServiceRequest head = PresignedHeaders.apply(received);
        if (PublicAccessBlockHandlers.isControl(head)) {
            return false;
        }
        try {
            S3Route route = route(head, address(head));
            if (route.streaming() == null) {
                return false;
            }
            String length = head.header("content-length");
            return length == null || Long.parseLong(length.trim()) > GATHER_UP_TO;
        } catch (AwsException | NumberFormatException e) {
            return false; // answered with the error once the (small) body is in
        }
    }

    /** A browser POST form carries its signature in a field: PostObject checks it (PostFormAuth). */
    @Override
    public boolean authenticatesInBody(ServiceRequest received) {
        ServiceRequest head = PresignedHeaders.apply(received);
        if (PublicAccessBlockHandlers.isControl(head)) {
            return false;
        }
        try {
            return route(head, address(head)).operation().equals(POST_OBJECT);
        } catch (AwsException e) {
            return false;
        }
    }

    @Override
    public BodySink openBody(ServiceRequest received) {
        ServiceRequest request = PresignedHeaders.apply(received);
        S3Address address = address(request);
        S3Route route = route(request, address);
        S3Call call = new S3Call(request, address);
        checkExpectedOwner(call);
        EncryptionHeaders.requireSecureTransport(call, customerKeysOverHttp);
        authorize(route, call);
        BodySink sink = route.streaming().open(call);
        return new BodySink() {
            @Override
            public void accept(ByteBuffer part) {
                sink.accept(part);
            }

            @Override
            public ServiceResponse finish() {
                return withIds(withCors(call, origin(request).run(sink::finish)), request);
            }

            @Override
            public void abort() {
                sink.abort();
            }
        };
    }

    /** S3 signs SigV2 over the path-style path: a virtual-hosted request's bucket comes first. */
    @Override
    public String sigV2Resource(ServiceRequest head) {
        String bucket = S3Address.hostBucket(head.header("host"), domains);
        return bucket == null ? head.path() : "/" + bucket + head.path();
    }

    @Override
    public long maxBodyBytes() {
        // the largest upload, plus room for aws-chunked framing (about 90 bytes per 64 KiB chunk)
        return S3Limits.MAX_PUT_BYTES + (S3Limits.MAX_PUT_BYTES >> 9);
    }

    @Override
    public long maxBodyBytes(boolean streamed) {
        return streamed ? maxBodyBytes() : Math.max(S3Limits.MAX_XML_BODY_BYTES, GATHER_UP_TO);
    }

    @Override
    public ServiceResponse error(ServiceRequest request, AwsException error) {
        AwsException shown = error;
        if ("RequestTooLarge".equals(error.code()) || "RequestEntityTooLarge".equals(error.code())) {
            shown = S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size");
        } else if ("InternalFailure".equals(error.code())) {
            shown = S3Errors.INTERNAL_ERROR.exception("We encountered an internal error. Please try again.");
        }
        if (shown.code().equals(S3Errors.NO_SUCH_KEY.code()) && !shown.extra().containsKey("Resource")) {
            // AWS's documented error example (NoSuchKey) names the object in Resource; other errors
            // name what they are about in their own elements (BucketName, Key, ArgumentName, Method)
            shown.with("Resource", S3Address.decode(request.path()));
        }
        boolean noBody = request.method().equals("HEAD") || shown.status() == 304;
        ServiceResponse response = RestXmlErrors.response(shown, request.context().requestId(), hostId(request), noBody);
        try {
            return withCors(new S3Call(request, address(request)), response);
        } catch (RuntimeException e) {
            return response; // the error is the answer even when the bucket's CORS rules cannot be read
        }
    }

    /** S3 adds the CORS headers of the rule an Origin matches to every answer, errors included (not to a preflight's). */
    private ServiceResponse withCors(S3Call call, ServiceResponse response) {
        if (call.header("origin") != null && !call.request().method().equals("OPTIONS")) {
            bucketConfig.addCorsHeaders(call, response);
        }
        return response;
    }

    private static ServiceResponse withIds(ServiceResponse response, ServiceRequest request) {
        Map<String, String> headers = response.headers();
        headers.putIfAbsent("x-amz-request-id", request.context().requestId());
        headers.putIfAbsent("x-amz-id-2", hostId(request));
        return response;
    }

    /**
     * Who made the request, as the events it causes tell: the caller's unique id, and the client's
     * address (the loopback address when the request came in without a connection: in-process calls).
     */
    static RequestOrigin origin(ServiceRequest request) {
        String sourceIp = request.context().sourceIp();
        return new RequestOrigin("AWS:" + request.context().caller().userId(), sourceIp == null ? "127.0.0.1" : sourceIp,
                request.context().requestId(), hostId(request));
    }

    /** S3's x-amz-id-2: opaque; derived from the request id so a log line can be matched to it. */
    private static String hostId(ServiceRequest request) {
        return Base64.getEncoder().encodeToString(request.context().requestId().getBytes(StandardCharsets.UTF_8));
    }

    List<S3Route> table() {
        return routes;
    }
}
