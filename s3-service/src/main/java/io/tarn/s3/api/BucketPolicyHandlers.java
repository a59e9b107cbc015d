package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.engine.policy.BucketPolicies;
import java.nio.charset.StandardCharsets;

/** Put/Get/DeleteBucketPolicy and GetBucketPolicyStatus. */
final class BucketPolicyHandlers {

    private final BucketPolicies policies;

    BucketPolicyHandlers(BucketPolicies policies) {
        this.policies = policies;
    }

    ServiceResponse put(S3Call call) {
        policies.put(call.bucket(), call.request().body());
        return S3Call.empty(204);
    }

    /** The policy as its owner put it (AWS answers its own normalization of it; both parse alike). */
    ServiceResponse get(S3Call call) {
        return ServiceResponse.of(200, "application/json", policies.document(call.bucket()).getBytes(StandardCharsets.UTF_8));
    }

    ServiceResponse delete(S3Call call) {
        policies.delete(call.bucket());
        return S3Call.empty(204);
    }

    ServiceResponse status(S3Call call) {
        boolean isPublic = policies.isPublic(call.bucket());
        return S3Call.ok(new XmlWriter().start("PolicyStatus", S3Call.XMLNS).element("IsPublic", Boolean.toString(isPublic)).end());
    }
}
