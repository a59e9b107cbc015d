package io.tarn.s3.api;

import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.encryption.BucketEncryptions;
import io.tarn.s3.engine.encryption.EncryptionRequest;
import io.tarn.s3.model.BucketEncryption;
import java.util.List;

/**
 * Put/Get/DeleteBucketEncryption: a bucket's default encryption. Every bucket has one: since
 * January 2023 S3 answers GetBucketEncryption with SSE-S3 for a bucket never configured (and after
 * DeleteBucketEncryption), so ServerSideEncryptionConfigurationNotFoundError is never answered for
 * a general purpose bucket.
 */
final class BucketEncryptionHandlers {

    private static final List<String> ALGORITHMS = List.of(EncryptionRequest.SSE_S3, EncryptionRequest.SSE_KMS,
            EncryptionRequest.DSSE_KMS);

    private final BucketEngine buckets;
    private final BucketEncryptions encryptions;

    BucketEncryptionHandlers(BucketEngine buckets, BucketEncryptions encryptions) {
        this.buckets = buckets;
        this.encryptions = encryptions;
    }

    ServiceResponse get(S3Call call) {
        buckets.require(call.bucket());
        BucketEncryption e = encryptions.of(call.bucket());
        XmlWriter xml = new XmlWriter().start("ServerSideEncryptionConfiguration", S3Call.XMLNS).start("Rule")
                .start("ApplyServerSideEncryptionByDefault").element("SSEAlgorithm", e.algorithm());
        if (e.kmsMasterKeyId() != null) {
            xml.element("KMSMasterKeyID", e.kmsMasterKeyId());
        }
        return S3Call.ok(xml.end().element("BucketKeyEnabled", e.bucketKeyEnabled()).end().end());
    }

    ServiceResponse put(S3Call call) {
        buckets.require(call.bucket());
        S3XmlReader doc = S3XmlReader.parse(call.request().body(), "ServerSideEncryptionConfiguration");
        List<S3XmlReader> rules = doc.children("Rule");
        if (rules.size() != 1) {
            throw S3XmlReader.malformed();
        }
        S3XmlReader rule = rules.get(0);
        S3XmlReader byDefault = rule.child("ApplyServerSideEncryptionByDefault");
        String algorithm = byDefault == null ? null : byDefault.text("SSEAlgorithm");
        if (algorithm == null || !ALGORITHMS.contains(algorithm)) {
            throw S3XmlReader.malformed();
        }
        String keyId = byDefault.text("KMSMasterKeyID");
        if (keyId != null && algorithm.equals(EncryptionRequest.SSE_S3)) {
            throw S3Errors.INVALID_ARGUMENT.exception(
                    "a KMSMasterKeyID is not applicable if the default sse algorithm is not aws:kms or aws:kms:dsse")
                    .with("ArgumentName", "ApplyServerSideEncryptionByDefault");
        }
        String bucketKey = rule.text("BucketKeyEnabled");
        if (bucketKey != null && !bucketKey.equals("true") && !bucketKey.equals("false")) {
            throw S3XmlReader.malformed();
        }
        encryptions.put(call.bucket(), new BucketEncryption(BucketEncryption.SCHEMA, algorithm, keyId == null || keyId.isBlank() ? null : keyId,
                Boolean.parseBoolean(bucketKey)));
        return S3Call.empty(200);
    }

    ServiceResponse delete(S3Call call) {
        buckets.require(call.bucket());
        encryptions.delete(call.bucket());
        return S3Call.empty(204);
    }
}
