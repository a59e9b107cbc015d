package io.tarn.s3.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.Caller;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.policy.PublicAccessBlocks;
import io.tarn.s3.model.PublicAccessBlock;
import org.jspecify.annotations.Nullable;

/**
 * Block Public Access settings: a bucket's (Put/Get/DeletePublicAccessBlock, {@code ?publicAccessBlock})
 * and an account's through S3 Control ({@code /v20180820/configuration/publicAccessBlock} with the
 * {@code x-amz-account-id} header, signed for service {@code s3}). S3 Control's other operations
 * answer NotImplemented.
 */
final class PublicAccessBlockHandlers {

    private static final String CONTROL_PREFIX = "/v20180820/";
    private static final String CONTROL_PATH = "/v20180820/configuration/publicAccessBlock";
    private static final String CONTROL_XMLNS = "http://awss3control.amazonaws.com/doc/2018-08-20/";

    private final BucketEngine buckets;
    private final PublicAccessBlocks blocks;
    private final boolean accessControl;

    PublicAccessBlockHandlers(BucketEngine buckets, PublicAccessBlocks blocks, boolean accessControl) {
        this.buckets = buckets;
        this.blocks = blocks;
        this.accessControl = accessControl;
    }

    ServiceResponse get(S3Call call) {
        PublicAccessBlock own = buckets.require(call.bucket()).publicAccessBlock();
        if (own == null) {
            throw S3Errors.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION.exception("The public access block configuration was not found")
                    .with("BucketName", call.bucket());
        }
        return S3Call.ok(xml(own, S3Call.XMLNS));
    }

    ServiceResponse put(S3Call call) {
        PublicAccessBlock settings = parse(call.request().body());
        buckets.update(call.bucket(), b -> b.withPublicAccessBlock(settings));
        return S3Call.empty(200);
    }

    ServiceResponse delete(S3Call call) {
        buckets.update(call.bucket(), b -> b.withPublicAccessBlock(null));
        return S3Call.empty(204);
    }

    /** Whether a request is S3 Control's (its path and its account header), which S3's routes never see. */
    static boolean isControl(ServiceRequest request) {
        return request.path().startsWith(CONTROL_PREFIX) && request.header("x-amz-account-id") != null;
    }

    /** An S3 Control request: the account's Block Public Access settings, NotImplemented for the rest. */
    ServiceResponse control(ServiceRequest request) {
        String account = request.header("x-amz-account-id").trim();
        Caller caller = request.context().caller();
        if (accessControl && (caller.anonymous() || !caller.account().equals(account))) {
            throw S3Errors.ACCESS_DENIED.exception("Access Denied"); // an account's settings are its own principals' to change
        }
        if (!request.path().equals(CONTROL_PATH)) {
            throw S3Errors.NOT_IMPLEMENTED.exception("Tarn implements only the PublicAccessBlock operations of S3 Control")
                    .with("Resource", request.path());
        }
        switch (request.method()) {
            case "GET":
                return S3Call.ok(xml(blocks.account(account), CONTROL_XMLNS));
            case "PUT":
                blocks.putAccount(account, parse(request.body()));
                return S3Call.empty(200);
            case "DELETE":
                blocks.deleteAccount(account);
                return S3Call.empty(204);
            default:
                throw S3Errors.METHOD_NOT_ALLOWED.exception("The specified method is not allowed against this resource.")
                        .with("Method", request.method()).with("ResourceType", "ACCOUNT");
        }
    }

    /**
     * An S3 Control error: S3's elements wrapped in an {@code ErrorResponse}, the shape S3 Control
     * answers in and the SDKs' S3 Control clients read the code from.
     */
    static ServiceResponse controlError(AwsException error, String requestId, String hostId) {
        XmlWriter xml = new XmlWriter().start("ErrorResponse").start("Error").element("Code", error.code())
                .element("Message", error.getMessage());
        error.extra().forEach(xml::element);
        byte[] body = xml.end().element("RequestId", requestId).element("HostId", hostId).end().toBytes();
        return ServiceResponse.of(error.status(), "application/xml", body).withHeader("x-amz-request-id", requestId)
                .withHeader("x-amz-id-2", hostId);
    }

    /** A PublicAccessBlockConfiguration document: absent settings are false; a setting that is no boolean is MalformedXML. */
    private static PublicAccessBlock parse(byte[] body) {
        S3XmlReader doc = S3XmlReader.parse(body, "PublicAccessBlockConfiguration");
        return new PublicAccessBlock(setting(doc, "BlockPublicAcls"), setting(doc, "IgnorePublicAcls"),
                setting(doc, "BlockPublicPolicy"), setting(doc, "RestrictPublicBuckets"));
    }

    private static boolean setting(S3XmlReader doc, String name) {
        @Nullable String value = doc.text(name);
        if (value == null) {
            return false;
        }
        String v = value.trim();
        if (!v.equalsIgnoreCase("true") && !v.equalsIgnoreCase("false")) {
            throw S3XmlReader.malformed();
        }
        return Boolean.parseBoolean(v);
    }

    private static XmlWriter xml(PublicAccessBlock b, String namespace) {
        return new XmlWriter().start("PublicAccessBlockConfiguration", namespace)
                .element("BlockPublicAcls", b.blockPublicAcls())
                .element("IgnorePublicAcls", b.ignorePublicAcls())
                .element("BlockPublicPolicy", b.blockPublicPolicy())
                .element("RestrictPublicBuckets", b.restrictPublicBuckets())
                .end();
    }
}
