package io.tarn.s3.api;

import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.BodyDigests;
import io.tarn.s3.engine.Integrity;
import java.util.Set;

/**
 * The integrity headers of a request whose body is gathered whole (every operation but the
 * uploads, which verify as they stream): a Content-MD5 or a flexible checksum it carries is
 * verified, and an operation S3 requires one for is refused without.
 */
final class RequestDigests {

    /**
     * The operations botocore's S3 model marks {@code requestChecksumRequired}: S3 refuses them
     * without a Content-MD5 or an {@code x-amz-checksum-*} header. Listed whether or not Tarn
     * serves them yet, so a route added later is covered.
     */
    static final Set<String> REQUIRED = Set.of("CreateBucketMetadataConfiguration", "CreateBucketMetadataTableConfiguration",
            "DeleteObjects", "PutBucketAcl", "PutBucketCors", "PutBucketEncryption", "PutBucketLifecycle",
            "PutBucketLifecycleConfiguration", "PutBucketLogging", "PutBucketNotification", "PutBucketOwnershipControls",
            "PutBucketPolicy", "PutBucketReplication", "PutBucketRequestPayment", "PutBucketTagging", "PutBucketVersioning",
            "PutBucketWebsite", "PutObjectAcl", "PutObjectLegalHold", "PutObjectLockConfiguration", "PutObjectRetention",
            "PutObjectTagging", "PutPublicAccessBlock", "UpdateBucketMetadataInventoryTableConfiguration",
            "UpdateBucketMetadataJournalTableConfiguration", "UpdateObjectEncryption");

    /** Its {@code x-amz-checksum-*} headers give the completed object's checksum, not its body's. */
    private static final String COMPLETE_MULTIPART_UPLOAD = "CompleteMultipartUpload";

    private RequestDigests() {}

    /** Verifies what {@code call} declares about its gathered body; refuses a required declaration that is missing. */
    static void check(S3Call call, String operation) {
        Integrity declared = operation.equals(COMPLETE_MULTIPART_UPLOAD)
                ? new Integrity(call.header("content-md5"), null, null, null) : declared(call);
        if (declared.contentMd5() == null && declared.expectedChecksum() == null) {
            if (REQUIRED.contains(operation)) {
                throw S3Errors.INVALID_REQUEST.exception("Missing required header for this request: Content-MD5");
            }
            return;
        }
        BodyDigests.verify(call.request().body(), declared);
    }

    /**
     * The Content-MD5 and the one {@code x-amz-checksum-*} header a request carries. An
     * {@code x-amz-sdk-checksum-algorithm} alone declares nothing to check (the CRT client names
     * it on requests whose checksum it sends elsewhere).
     */
    private static Integrity declared(S3Call call) {
        ChecksumHeader header = ChecksumHeader.of(call);
        return header == null ? new Integrity(call.header("content-md5"), null, null, null)
                : new Integrity(call.header("content-md5"), header.algorithm(), header.value(), null);
    }
}
