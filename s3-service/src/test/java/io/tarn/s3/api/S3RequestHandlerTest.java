package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.paging.PageTokens;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.store.Keyspace;
import io.tarn.core.store.MasterKey;
import io.tarn.core.store.StateStore;
import io.tarn.core.store.blob.BlobStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.s3.api.S3Route.Target;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.ListingEngine;
import io.tarn.s3.engine.MultipartEngine;
import io.tarn.s3.engine.ObjectEncryption;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.restore.RestoreDelay;
import io.tarn.s3.engine.restore.RestoreEngine;
import io.tarn.s3.engine.lifecycle.LifecycleEngine;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * S3's routing table, built over real engines: every route is reached by the request it
 * describes, no two routes claim one request except a header-refined row over its plain one
 * (CopyObject over PutObject), and a subresource no route serves is 501 NotImplemented, never the
 * plain operation.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one store for the class: the tests use their own buckets
class S3RequestHandlerTest {

    private static final Namespace NS = new Namespace("000000000000", "us-east-1");
    private static final List<String> METHODS = List.of("GET", "PUT", "POST", "DELETE", "HEAD", "OPTIONS");

    @TempDir
    static Path dir;

    private EmulatorClock clock;
    private io.tarn.core.time.Scheduler scheduler;
    private StateStore store;
    private BlobStore blobs;
    private BucketEngine buckets;
    private ObjectEngine objects;
    private MultipartEngine uploads;
    private ListingEngine listings;
    private List<S3Route> routes;
    private S3RequestHandler handler;

    @BeforeAll
    void open() {
        clock = EmulatorClock.manual(Instant.parse("2024-01-01T00:00:00Z"));
        store = StateStore.open(dir.resolve("db"), false);
        blobs = BlobStore.open(dir.resolve("blobs"), false, 0);
        Keyspace ks = store.keyspace("s3");
        buckets = new BucketEngine(ks, clock);
        objects = new ObjectEngine(ks, blobs, new ObjectEncryption(MasterKey.ephemeral(), () -> { throw new IllegalStateException("no KMS in this test"); }, clock,
                new io.tarn.s3.engine.encryption.BucketEncryptions(ks)), clock, buckets);
        uploads = new MultipartEngine(ks, objects, buckets);
        listings = new ListingEngine(ks, buckets);
        PageTokens tokens = PageTokens.of(MasterKey.ephemeral(), "s3");
        scheduler = new io.tarn.core.time.Scheduler(clock);
        RestoreEngine restores = new RestoreEngine(ks, objects, clock, scheduler, RestoreDelay.longest());
        LifecycleEngine lifecycleEngine = new LifecycleEngine(ks, buckets, objects, uploads);
        LifecycleHandlers lifecycle = new LifecycleHandlers(lifecycleEngine);
        routes = S3RequestHandler.routes(new BucketHandlers(buckets, objects, uploads, tokens),
                new ObjectHandlers(buckets, objects, restores, lifecycle), new ObjectConfigHandlers(buckets, objects),
                new MultipartHandlers(buckets, objects, uploads, lifecycle), new ListingHandlers(listings, tokens, restores),
                new BucketConfigHandlers(buckets), new ObjectLockHandlers(objects), new RestoreHandlers(objects, restores), lifecycle);
        handler = new S3RequestHandler(buckets, objects, uploads, listings, tokens, List.of("localhost"), restores, lifecycleEngine);
        buckets.create("bucket", NS.account(), "us-east-1", null, new io.tarn.s3.model.AccessControl("o", List.of()));
    }

    @AfterAll
    void close() {
        scheduler.close();
        blobs.close();
        store.close();
    }

    /** A request shape: what route matching looks at. */
    record Shape(String method, Target target, Set<String> query, Set<String> headers) {
        boolean matches(S3Route r) {
            return r.matches(method, target, query, headers::contains);
        }
    }

    private static Shape shapeOf(S3Route r, boolean withHeader) {
        return new Shape(r.method(), r.target(), r.subresource() == null ? Set.of() : Set.of(r.subresource()),
                withHeader && r.header() != null ? Set.of(r.header()) : Set.of());
    }

    private @org.jspecify.annotations.Nullable S3Route first(Shape s) {
        for (S3Route r : routes) {
            if (s.matches(r)) {
                return r;
            }
        }
        return null;
    }

    @Test
    void theTableHasEveryRouteOnce() {
        assertThat(routes).extracting(S3Route::operation).doesNotHaveDuplicates();
        assertThat(routes).allSatisfy(r -> {
            assertThat(r.handler() == null).isNotEqualTo(r.streaming() == null); // exactly one kind of handler
            if (r.subresource() != null) {
                assertThat(S3Route.SUBRESOURCES).contains(r.subresource());
            }
        });
        List<String> addedByTheHandler = List.of("GetBucketEncryption", "PutBucketEncryption", "DeleteBucketEncryption");
        assertThat(handler.table()).extracting(S3Route::operation).containsExactlyElementsOf(
                java.util.stream.Stream.concat(routes.stream().map(S3Route::operation), addedByTheHandler.stream()).toList());
        assertThat(routes).extracting(S3Route::operation).contains("ListBuckets", "CreateBucket", "PutObject", "CopyObject",
                "GetObject", "UploadPart", "UploadPartCopy", "CompleteMultipartUpload", "ListObjectsV2", "DeleteObjects");
    }

    @Test
    void everyRouteIsTheFirstMatchOfTheRequestItDescribes() {
        for (S3Route r : routes) {
            assertThat(first(shapeOf(r, true))).as("the request for %s", r.operation()).isSameAs(r);
        }
    }

    @Test
    void noTwoRoutesClaimOneRequestExceptAHeaderRefinement() {
        // every method x target x (each route's subresource, none, an unserved one) x (each route's header, none)
        Set<Set<String>> queries = new LinkedHashSet<>();
        queries.add(Set.of());
        queries.add(Set.of("website"));
        queries.add(Set.of("versionId", "partNumber")); // plain parameters, not subresources
        Set<Set<String>> headerSets = new LinkedHashSet<>();
        headerSets.add(Set.of());
        for (S3Route r : routes) {
            if (r.subresource() != null) {
                queries.add(Set.of(r.subresource()));
            }
            if (r.header() != null) {
                headerSets.add(Set.of(r.header()));
            }
        }
        List<Shape> shapes = new ArrayList<>();
        for (String m : METHODS) {
            for (Target t : Target.values()) {
                for (Set<String> q : queries) {
                    for (Set<String> h : headerSets) {
                        shapes.add(new Shape(m, t, q, h));
                    }
                }
            }
        }
        int claimed = 0;
        for (Shape s : shapes) {
            List<S3Route> matching = routes.stream().filter(s::matches).toList();
            if (!matching.isEmpty()) {
                claimed++;
            }
            if (matching.size() <= 1) {
                continue;
            }
            assertThat(matching).as("routes claiming %s", s).hasSize(2);
            S3Route earlier = matching.get(0);
            S3Route later = matching.get(1);
            assertThat(routes.indexOf(earlier)).isLessThan(routes.indexOf(later));
            assertThat(earlier.header()).as("%s refines %s", earlier.operation(), later.operation()).isNotNull();
            assertThat(later.header()).isNull();
            assertThat(s.headers()).contains(earlier.header());
            assertThat(earlier.subresource()).isEqualTo(later.subresource());
        }
        assertThat(claimed).isGreaterThanOrEqualTo(routes.size());
        // the unserved subresource is never claimed
        assertThat(shapes).filteredOn(s -> s.query().contains("website")).allSatisfy(s -> assertThat(first(s)).isNull());
    }

    @Test
    void headerRefinementsFallBackToThePlainOperation() {
        for (S3Route r : routes) {
            if (r.header() == null) {
                continue;
            }
            S3Route plain = first(shapeOf(r, false));
            assertThat(plain).as("%s without %s", r.operation(), r.header()).isNotNull().isNotSameAs(r);
            assertThat(plain.header()).isNull();
            assertThat(plain.method()).isEqualTo(r.method());
            assertThat(plain.target()).isEqualTo(r.target());
            assertThat(plain.subresource()).isEqualTo(r.subresource());
        }
        assertThat(first(new Shape("PUT", Target.OBJECT, Set.of(), Set.of("x-amz-copy-source"))).operation()).isEqualTo("CopyObject");
        assertThat(first(new Shape("PUT", Target.OBJECT, Set.of(), Set.of())).operation()).isEqualTo("PutObject");
        assertThat(first(new Shape("PUT", Target.OBJECT, Set.of("uploadId"), Set.of("x-amz-copy-source"))).operation())
                .isEqualTo("UploadPartCopy");
        assertThat(first(new Shape("PUT", Target.OBJECT, Set.of("uploadId"), Set.of())).operation()).isEqualTo("UploadPart");
        assertThat(first(new Shape("GET", Target.BUCKET, Set.of("list-type"), Set.of())).operation()).isEqualTo("ListObjectsV2");
        assertThat(first(new Shape("GET", Target.BUCKET, Set.of(), Set.of())).operation()).isEqualTo("ListObjects");
        assertThat(first(new Shape("GET", Target.OBJECT, Set.of("versionId"), Set.of())).operation()).isEqualTo("GetObject");
    }

    // ---- through S3RequestHandler.handle

    private ServiceRequest request(String method, String path, Map<String, String> query, Map<String, String> headers, String body) {
        RequestContext ctx = new RequestContext("req-1", NS, Caller.root("test", NS.account()), "s3", clock);
        Map<String, List<String>> q = new LinkedHashMap<>();
        query.forEach((k, v) -> q.put(k, List.of(v)));
        Map<String, List<String>> h = new LinkedHashMap<>();
        h.put("host", List.of("localhost:4566"));
        headers.forEach((k, v) -> h.put(k, List.of(v)));
        return new ServiceRequest(ctx, method, path, q, h, body.getBytes(StandardCharsets.UTF_8));
    }

    private AwsException failure(ServiceRequest request) {
        try {
            ServiceResponse r = handler.handle(request);
            throw new AssertionError("expected an error, got " + r.status());
        } catch (AwsException e) {
            return e;
        }
    }

    @ParameterizedTest(name = "{0} {1}?{2}")
    @CsvSource({
        "GET, /bucket, website",
        "PUT, /bucket, website",
        "DELETE, /bucket, website",
        "GET, /bucket, analytics",
        "PUT, /bucket, policy",
        "GET, /bucket, notification",
        "GET, /bucket, publicAccessBlock",
        "PUT, /bucket, logging",
        "GET, /bucket, logging",
        "GET, /bucket, replication",
        "GET, /bucket, requestPayment",
        "GET, /bucket, accelerate",
        "GET, /bucket, intelligent-tiering",
        "GET, /bucket, inventory",
        "GET, /bucket, metrics",
        "GET, /bucket, analytics",
        "GET, /bucket, session",
        "POST, /bucket/key, select",
        "GET, /bucket/key, torrent",
        "PUT, /bucket/key, renameObject",
    })
    void unservedSubresourcesAreNotImplemented(String method, String path, String subresource) {
        ServiceRequest request = request(method, path, Map.of(subresource, ""), Map.of(), "");

        AwsException e = failure(request);

        assertThat(e.code()).isEqualTo("NotImplemented");
        assertThat(e.status()).isEqualTo(501);
        ServiceResponse rendered = handler.error(request, e);
        assertThat(rendered.status()).isEqualTo(501);
        assertThat(new String(rendered.body(), StandardCharsets.UTF_8)).contains("<Code>NotImplemented</Code>");
        assertThat(handler.streamsBody(request)).isFalse();
    }

    @Test
    void unservedSubresourcesAreNotImplementedEvenWithTheCopyHeaderButAMissingBucketComesFirst() {
        assertThat(failure(request("PUT", "/bucket/key", Map.of("torrent", ""), Map.of("x-amz-copy-source", "/b/k"), ""))
                .code()).isEqualTo("NotImplemented");
        // S3 looks the bucket up before the operation
        assertThat(failure(request("GET", "/missing", Map.of("website", ""), Map.of(), "")).code()).isEqualTo("NoSuchBucket");
        assertThat(failure(request("PUT", "/missing/key", Map.of("torrent", ""), Map.of(), "")).code()).isEqualTo("NoSuchBucket");
    }

    @Test
    void aMethodNoRouteServesIsMethodNotAllowed() {
        AwsException e = failure(request("POST", "/bucket/key", Map.of(), Map.of(), ""));
        assertThat(e.code()).isEqualTo("MethodNotAllowed");
        assertThat(e.status()).isEqualTo(405);
        assertThat(failure(request("DELETE", "/", Map.of(), Map.of(), "")).code()).isEqualTo("MethodNotAllowed");
    }

    @Test
    void servedRequestsRunTheirOperation() {
        ServiceResponse created = handler.handle(request("PUT", "/served", Map.of(), Map.of(), ""));
        assertThat(created.status()).isEqualTo(200);
        assertThat(created.headers()).containsEntry("x-amz-request-id", "req-1").containsKey("x-amz-id-2");
        assertThat(buckets.find("served")).isNotNull();

        ServiceResponse versioning = handler.handle(request("GET", "/served", Map.of("versioning", ""), Map.of(), ""));
        assertThat(versioning.status()).isEqualTo(200);
        assertThat(new String(versioning.body(), StandardCharsets.UTF_8)).contains("VersioningConfiguration");

        ServiceResponse listed = handler.handle(request("GET", "/served", Map.of("list-type", "2"), Map.of(), ""));
        assertThat(new String(listed.body(), StandardCharsets.UTF_8)).contains("<KeyCount>0</KeyCount>");

        // a large PutObject / UploadPart streams its body; a CopyObject / UploadPartCopy never does
        String large = Long.toString(64L << 20);
        assertThat(handler.streamsBody(request("PUT", "/served/key", Map.of(), Map.of("content-length", large), ""))).isTrue();
        assertThat(handler.streamsBody(request("PUT", "/served/key", Map.of("uploadId", "u", "partNumber", "1"),
                Map.of("content-length", large), ""))).isTrue();
        assertThat(handler.streamsBody(request("PUT", "/served/key", Map.of(), Map.of("x-amz-copy-source", "/served/x"), "")))
                .isFalse();
        assertThat(handler.streamsBody(request("PUT", "/served/key", Map.of("uploadId", "u", "partNumber", "1"),
                Map.of("x-amz-copy-source", "/served/x"), ""))).isFalse();

        assertThat(handler.handle(request("DELETE", "/served", Map.of(), Map.of(), "")).status()).isEqualTo(204);
        assertThat(buckets.find("served")).isNull();
    }

    @Test
    void smallObjectsGoInAndComeOutWithRanges() {
        handler.handle(request("PUT", "/ranged", Map.of(), Map.of(), ""));
        ServiceRequest put = request("PUT", "/ranged/greeting.txt", Map.of(), Map.of("content-length", "5"), "hello");
        assertThat(handler.streamsBody(put)).isFalse(); // small: gathered, then run through the sink in one go
        ServiceResponse stored = handler.handle(put);
        assertThat(stored.status()).isEqualTo(200);
        assertThat(stored.headers().get("etag")).isEqualTo("\"5d41402abc4b2a76b9719d911017c592\"");

        ServiceResponse whole = handler.handle(request("GET", "/ranged/greeting.txt", Map.of(), Map.of(), ""));
        assertThat(whole.status()).isEqualTo(200);
        assertThat(body(whole)).isEqualTo("hello");

        ServiceResponse part = handler.handle(request("GET", "/ranged/greeting.txt", Map.of(), Map.of("range", "bytes=1-2"), ""));
        assertThat(part.status()).isEqualTo(206);
        assertThat(part.headers()).containsEntry("content-range", "bytes 1-2/5");
        assertThat(body(part)).isEqualTo("el");

        ServiceRequest beyond = request("GET", "/ranged/greeting.txt", Map.of(), Map.of("range", "bytes=5-"), "");
        AwsException e = failure(beyond);
        assertThat(e.code()).isEqualTo("InvalidRange");
        ServiceResponse rendered = handler.error(beyond, e);
        assertThat(rendered.status()).isEqualTo(416);
        assertThat(rendered.headers()).containsEntry("content-range", "bytes */5");

        ServiceResponse ignored = handler.handle(request("GET", "/ranged/greeting.txt", Map.of(), Map.of("range", "bytes=0-1,3-4"), ""));
        assertThat(ignored.status()).isEqualTo(200);
        assertThat(body(ignored)).isEqualTo("hello");
    }

    private static String body(ServiceResponse r) {
        if (r.stream() == null) {
            return new String(r.body(), StandardCharsets.UTF_8);
        }
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (var source = r.stream()) {
            for (var chunk = source.next(); chunk != null; chunk = source.next()) {
                byte[] b = new byte[chunk.remaining()];
                chunk.get(b);
                out.writeBytes(b);
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void listObjectsV2WithMaxKeysZeroAnswers() {
        handler.handle(request("PUT", "/zero-keys", Map.of(), Map.of(), ""));
        ObjectEngine.PendingPut put = objects.beginPut("zero-keys", "k", new ObjectEngine.ObjectAttributes(NS.account(), "STANDARD",
                Map.of(), Map.of(), Map.of(), null), ObjectEngine.WriteCondition.NONE, io.tarn.s3.engine.Integrity.NONE);
        put.commit(null);
        ServiceResponse listed = handler.handle(request("GET", "/zero-keys", Map.of("list-type", "2", "max-keys", "0"), Map.of(), ""));
        String xml = new String(listed.body(), StandardCharsets.UTF_8);
        assertThat(listed.status()).isEqualTo(200);
        assertThat(xml).contains("<KeyCount>0</KeyCount>").contains("<IsTruncated>false</IsTruncated>")
                .doesNotContain("NextContinuationToken");
    }

    @Test
    void subresourceListCoversWhatTheTableServes() {
        Set<String> served = new TreeSet<>();
        routes.forEach(r -> {
            if (r.subresource() != null) {
                served.add(r.subresource());
            }
        });
        assertThat(S3Route.SUBRESOURCES).containsAll(served);
        Set<String> unserved = new HashSet<>(S3Route.SUBRESOURCES);
        unserved.removeAll(served);
        assertThat(unserved).contains("website", "torrent", "inventory", "policy", "select");
    }

    @Test
    void eventsNameTheClientsAddressAsTheirSource() {
        RequestContext remote = new RequestContext("req-ip", NS, Caller.root("test", NS.account()), "s3", clock, null, false,
                "192.0.2.44");
        ServiceRequest fromClient = new ServiceRequest(remote, "PUT", "/b/k", Map.of(), Map.of(), new byte[0]);
        assertThat(S3RequestHandler.origin(fromClient).sourceIpAddress()).isEqualTo("192.0.2.44");
        assertThat(S3RequestHandler.origin(fromClient).requestId()).isEqualTo("req-ip");
        // a request with no connection behind it (an in-process call) keeps the loopback address
        assertThat(S3RequestHandler.origin(request("PUT", "/b/k", Map.of(), Map.of(), "")).sourceIpAddress()).isEqualTo("127.0.0.1");
    }
}
