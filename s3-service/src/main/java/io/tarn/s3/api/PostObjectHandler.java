package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.BodySink;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.Integrity;
import io.tarn.s3.engine.ObjectEncryption;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.engine.ObjectEngine.ObjectAttributes;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.ObjectVersion;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLEncoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * POST Object: a browser's upload through an HTML form ({@code multipart/form-data} posted to the
 * bucket). The fields before the file are gathered (20 KB at most); when the file part begins they
 * are checked (the key, the signed policy and its conditions) and turned into the headers a
 * PutObject would carry, and the file streams into a new version as PutObject's body does. What
 * follows the file is ignored, as S3 ignores it. The answer is chosen by
 * {@code success_action_redirect} (303) or {@code success_action_status} (200, 201 with a
 * PostResponse document, 204 by default); the change is the event ObjectCreated:Post.
 */
final class PostObjectHandler {

    /** Form fields that become the request headers of the same name on a PutObject; {@code acl} is x-amz-acl. */
    private static final List<String> HEADER_FIELDS = List.of("cache-control", "content-type", "content-disposition",
            "content-encoding", "expires");
    /** The signature's own x-amz- fields, which are no object header. */
    private static final List<String> AUTH_FIELDS = List.of("x-amz-algorithm", "x-amz-credential", "x-amz-date",
            "x-amz-signature", "x-amz-security-token");

    private final BucketEngine buckets;
    private final ObjectEngine objects;
    private final PostFormAuth auth;
    private final List<String> domains;
    /** Access control of the PutObject the form stands for, once the form has said who sends it. */
    private final Consumer<S3Call> authorizePut;

    PostObjectHandler(BucketEngine buckets, ObjectEngine objects, PostFormAuth auth, List<String> domains,
            Consumer<S3Call> authorizePut) {
        this.buckets = buckets;
        this.objects = objects;
        this.auth = auth;
        this.domains = List.copyOf(domains);
        this.authorizePut = authorizePut;
    }

    BodySink open(S3Call call) {
        String contentType = call.header("content-type");
        if (!FormDataParser.isFormData(contentType)) {
            throw S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold")
                    .with("Condition", "Bucket POST must be of the enclosure-type multipart/form-data");
        }
        String boundary = FormDataParser.boundary(contentType);
        if (boundary == null) {
            throw FormDataParser.malformed();
        }
        return new Upload(call, buckets.require(call.bucket()), boundary);
    }

    /** One form being received: its fields, then its file into a pending write. */
    private final class Upload implements BodySink, FormDataParser.Listener {
        private final S3Call call;
        private final BucketMeta bucket;
        private final FormDataParser parser;
        /** The fields before the file, names lower-cased (S3 reads them so); repeated fields joined with commas. */
        private final Map<String, String> fields = new LinkedHashMap<>();
        private boolean fileSeen;
        private @Nullable PostPolicy policy;
        private @Nullable S3Call form;
        private ObjectEngine.@Nullable PendingPut put;
        private long maxLength;
        private long received;

        Upload(S3Call call, BucketMeta bucket, String boundary) {
            this.call = call;
            this.bucket = bucket;
            this.parser = new FormDataParser(boundary, S3Limits.MAX_POST_PRE_DATA_BYTES, this);
        }

        @Override
        public void accept(ByteBuffer part) {
            parser.feed(part);
        }

        @Override
        public boolean begins(String name, @Nullable String filename) {
            if (!name.equalsIgnoreCase("file")) {
                return false;
            }
            fileSeen = true;
            start(filename);
            return true;
        }

        @Override
        public void field(String name, String value) {
            fields.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
        }

        /** The file begins: every field is in, so the form is checked and the write begins. */
        private void start(@Nullable String filename) {
            // ${filename} is the name without the path a browser may send ("HTML form fields")
            String name = filename == null ? "" : filename.substring(Math.max(filename.lastIndexOf('/'), filename.lastIndexOf('\\')) + 1);
            fields.replaceAll((k, v) -> v.replace("${filename}", name));
            String key = fields.get("key");
            if (key == null || key.isEmpty()) {
                throw PostFormAuth.missingField("key");
            }
            Caller caller = auth.caller(fields);
            String policyField = fields.get("policy");
            if (policyField != null) {
                policy = PostPolicy.parse(policyField);
                policy.check(fields, call.bucket(), call.request().context().now(), PostFormAuth::exempt);
            }
            form = new S3Call(asPut(caller), new S3Address(call.bucket(), key));
            // SSE-C fields are refused over plain HTTP with the error the same headers get on a PUT
            EncryptionHeaders.requireSecureTransport(form, objects.encryption().customerKeysOverHttp());
            authorizePut.accept(form);
            ObjectAttributes headerAttributes = ObjectHeaders.attributes(form, bucket, false);
            String tagging = fields.get("tagging");
            ObjectAttributes attributes = tagging == null ? headerAttributes : new ObjectAttributes(headerAttributes.owner(),
                    headerAttributes.storageClass(), headerAttributes.headers(), headerAttributes.metadata(),
                    Tags.fromXml(tagging.getBytes(StandardCharsets.UTF_8), S3Limits.MAX_OBJECT_TAGS), headerAttributes.acl(),
                    headerAttributes.lock(), headerAttributes.encryption());
            Integrity integrity = new Integrity(fields.get("content-md5"), null, null, null);
            ObjectLockHeaders.requireDigest(objects.objectLock(), call.bucket(), attributes.lock(), integrity, form, "Post Object");
            put = objects.beginPut(call.bucket(), key, attributes, ObjectEngine.WriteCondition.NONE, integrity)
                    .reportedAs("ObjectCreated:Post");
            maxLength = Math.min(S3Limits.MAX_PUT_BYTES, policy == null ? Long.MAX_VALUE : policy.maxLength());
        }

        /**
         * The request as the PutObject it stands for: the form's caller, and its fields as headers,
         * so that objects get their headers, metadata, ACL, storage class and encryption checks
         * exactly as a PUT does.
         */
        private ServiceRequest asPut(Caller caller) {
            Map<String, List<String>> headers = new LinkedHashMap<>();
            fields.forEach((name, value) -> {
                if (HEADER_FIELDS.contains(name) || (name.startsWith("x-amz-") && !AUTH_FIELDS.contains(name))) {
                    headers.put(name, List.of(value));
                }
            });
            String acl = fields.get("acl");
            if (acl != null) {
                headers.put("x-amz-acl", List.of(acl));
            }
            headers.put("host", call.request().headers().getOrDefault("host", List.of()));
            RequestContext received = call.request().context();
            // the connection's facts stay: its TLS (SSE-C, aws:SecureTransport) and its address (aws:SourceIp, events)
            RequestContext ctx = new RequestContext(received.requestId(), new Namespace(caller.account(), received.region()), caller,
                    received.service(), received.clock(), null, received.secureTransport(), received.sourceIp());
            return new ServiceRequest(ctx, "POST", call.request().path(), Map.of(), headers, new byte[0]);
        }

        @Override
        public void data(ByteBuffer bytes) {
            received += bytes.remaining();
            if (received > maxLength) {
                if (put != null) { // too large: the rest is counted, for the error's ProposedSize, not written
                    put.abort();
                    put = null;
                }
            } else if (put != null) {
                put.write(bytes);
            }
        }

        @Override
        public void end() {
            // the file is complete; finish() commits it once the body has ended
        }

        @Override
        public ServiceResponse finish() {
            parser.finish();
            if (!fileSeen) {
                if (fields.get("key") == null) {
                    throw PostFormAuth.missingField("key");
                }
                throw S3Errors.INCORRECT_NUMBER_OF_FILES_IN_POST_REQUEST.exception("POST requires exactly one file upload per request.");
            }
            if (received > S3Limits.MAX_PUT_BYTES) {
                throw S3Errors.ENTITY_TOO_LARGE.exception("Your proposed upload exceeds the maximum allowed size")
                        .with("ProposedSize", Long.toString(received)).with("MaxSizeAllowed", Long.toString(S3Limits.MAX_PUT_BYTES));
            }
            if (policy != null) {
                policy.checkLength(received);
            }
            S3Call posted = form;
            ObjectEngine.PendingPut pending = put;
            ObjectVersion v = S3RequestHandler.origin(posted.request()).run(() -> pending.commit(null));
            return answer(posted, v);
        }

        @Override
        public void abort() {
            if (put != null) {
                put.abort();
            }
        }

        private ServiceResponse answer(S3Call posted, ObjectVersion v) {
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("etag", v.etag());
            headers.put("location", location(posted.key()));
            headers.put("x-amz-server-side-encryption", ObjectEncryption.SSE_S3);
            String redirect = fields.containsKey("success_action_redirect") ? fields.get("success_action_redirect") : fields.get("redirect");
            String target = redirect == null ? null : redirectTarget(redirect, call.bucket(), posted.key(), v.etag());
            if (target != null) {
                headers.put("location", target);
                return ObjectHeaders.withVersionId(S3Call.empty(303, headers), v);
            }
            String status = fields.getOrDefault("success_action_status", "");
            if (status.equals("201")) {
                XmlWriter xml = new XmlWriter().start("PostResponse").element("Location", location(posted.key()))
                        .element("Bucket", call.bucket()).element("Key", posted.key()).element("ETag", v.etag()).end();
                ServiceResponse created = S3Call.xml(201, xml);
                created.headers().putAll(headers);
                return ObjectHeaders.withVersionId(created, v);
            }
            return ObjectHeaders.withVersionId(S3Call.empty(status.equals("200") ? 200 : 204, headers), v);
        }

        /**
         * The object's URL as S3 forms it: the scheme the form came over (https under {@code --tls}),
         * the host it was posted to, and the addressing style it used.
         */
        private String location(String key) {
            String host = call.header("host");
            String path = encode(key).replace("%2F", "/");
            boolean virtualHosted = S3Address.hostBucket(host, domains) != null;
            String scheme = call.request().context().secureTransport() ? "https://" : "http://";
            return scheme + (host == null ? "localhost" : host) + "/" + (virtualHosted ? "" : call.bucket() + "/") + path;
        }
    }

    /**
     * Where a successful upload redirects: the given URL with bucket, key and ETag added to its
     * query; null when it is not a URL S3 can interpret, which S3 then ignores ("Redirection").
     */
    static @Nullable String redirectTarget(String url, String bucket, String key, String etag) {
        String base = url.trim();
        URI uri;
        try {
            uri = new URI(base);
        } catch (URISyntaxException e) {
            return null;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return null;
        }
        int hash = base.indexOf('#');
        String fragment = hash < 0 ? "" : base.substring(hash);
        base = hash < 0 ? base : base.substring(0, hash);
        return base + (uri.getRawQuery() == null ? "?" : "&") + "bucket=" + encode(bucket) + "&key=" + encode(key)
                + "&etag=" + encode(etag) + fragment;
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
