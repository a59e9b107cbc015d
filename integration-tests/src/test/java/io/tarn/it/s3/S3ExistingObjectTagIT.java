package io.tarn.it.s3;

import static io.tarn.it.s3.S3Support.assertS3Error;
import static io.tarn.it.s3.S3Support.assertS3Status;
import static io.tarn.it.s3.S3Support.bucketName;
import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.it.TarnServerExtension;
import java.net.URI;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketVersioningStatus;

/**
 * {@code s3:ExistingObjectTag/<key>} in bucket policies ("Tagging and access control policies",
 * S3 User Guide): the tags of the version a request addresses decide, as they are when it arrives.
 */
@ExtendWith(TarnServerExtension.class)
class S3ExistingObjectTagIT {

    private static final String OTHER = "111111111111";

    private static S3Client s3;
    private static S3Client other;
    private String bucket;

    @BeforeAll
    static void clients(URI endpoint) {
        s3 = S3Support.client(endpoint);
        other = S3Support.client(endpoint, Region.US_EAST_1, OTHER);
    }

    @AfterAll
    static void close() {
        s3.close();
        other.close();
    }

    @BeforeEach
    void bucket() {
        bucket = bucketName("tagged");
        s3.createBucket(b -> b.bucket(bucket));
    }

    private void putTagged(String key, String tagging) {
        s3.putObject(b -> b.bucket(bucket).key(key).tagging(tagging), RequestBody.fromString("body of " + key));
    }

    /** Another account may read (and read versions of) objects tagged classification=public, nothing else. */
    private void allowPublicReads() {
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"PublicByTag\","
                + "\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\"" + OTHER + "\"},\"Action\":[\"s3:GetObject\",\"s3:GetObjectVersion\"],"
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\","
                + "\"Condition\":{\"StringEquals\":{\"s3:ExistingObjectTag/classification\":\"public\"}}}]}"));
    }

    @Test
    void getObjectIsAllowedOnlyWhereTheObjectsTagSaysPublic() {
        putTagged("open.txt", "classification=public&team=data");
        putTagged("closed.txt", "classification=secret");
        s3.putObject(b -> b.bucket(bucket).key("untagged.txt"), RequestBody.fromString("x"));
        allowPublicReads();

        assertThat(other.getObjectAsBytes(b -> b.bucket(bucket).key("open.txt")).asUtf8String()).isEqualTo("body of open.txt");
        assertThat(other.headObject(b -> b.bucket(bucket).key("open.txt")).contentLength()).isEqualTo(16L); // HEAD is s3:GetObject
        assertS3Error(() -> other.getObjectAsBytes(b -> b.bucket(bucket).key("closed.txt")), "AccessDenied", 403);
        assertS3Status(() -> other.headObject(b -> b.bucket(bucket).key("closed.txt")), 403);
        assertS3Error(() -> other.getObjectAsBytes(b -> b.bucket(bucket).key("untagged.txt")), "AccessDenied", 403);
        assertS3Error(() -> other.getObjectAsBytes(b -> b.bucket(bucket).key("missing.txt")), "AccessDenied", 403);

        // the tags as they are when the request arrives: retagging opens and closes objects at once
        s3.putObjectTagging(b -> b.bucket(bucket).key("closed.txt")
                .tagging(t -> t.tagSet(s -> s.key("classification").value("public"))));
        assertThat(other.getObjectAsBytes(b -> b.bucket(bucket).key("closed.txt")).asUtf8String()).isEqualTo("body of closed.txt");
        s3.deleteObjectTagging(b -> b.bucket(bucket).key("open.txt"));
        assertS3Error(() -> other.getObjectAsBytes(b -> b.bucket(bucket).key("open.txt")), "AccessDenied", 403);
    }

    @Test
    void theTagsOfTheAddressedVersionDecide() {
        s3.putBucketVersioning(b -> b.bucket(bucket).versioningConfiguration(v -> v.status(BucketVersioningStatus.ENABLED)));
        putTagged("doc.txt", "classification=public");
        String first = s3.headObject(b -> b.bucket(bucket).key("doc.txt")).versionId();
        putTagged("doc.txt", "classification=secret");
        allowPublicReads();

        assertS3Error(() -> other.getObjectAsBytes(b -> b.bucket(bucket).key("doc.txt")), "AccessDenied", 403);
        assertThat(other.getObjectAsBytes(b -> b.bucket(bucket).key("doc.txt").versionId(first)).asUtf8String())
                .isEqualTo("body of doc.txt");
    }

    @Test
    void aDenyOnAnExistingTagBindsTheBucketOwnerToo() {
        putTagged("hold.txt", "classification=restricted");
        putTagged("free.txt", "classification=public");
        s3.putBucketPolicy(b -> b.bucket(bucket).policy("{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"NoRestricted\","
                + "\"Effect\":\"Deny\",\"Principal\":\"*\",\"Action\":[\"s3:GetObject\",\"s3:GetObjectTagging\"],"
                + "\"Resource\":\"arn:aws:s3:::" + bucket + "/*\","
                + "\"Condition\":{\"StringEquals\":{\"s3:ExistingObjectTag/classification\":\"restricted\"}}}]}"));

        assertS3Error(() -> s3.getObjectAsBytes(b -> b.bucket(bucket).key("hold.txt")), "AccessDenied", 403);
        assertS3Error(() -> s3.getObjectTagging(b -> b.bucket(bucket).key("hold.txt")), "AccessDenied", 403);
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("free.txt")).asUtf8String()).isEqualTo("body of free.txt");
        // PutObject takes no s3:ExistingObjectTag (S3 User Guide): the owner may still overwrite the object
        s3.putObject(b -> b.bucket(bucket).key("hold.txt"), RequestBody.fromString("replaced"));
        assertThat(s3.getObjectAsBytes(b -> b.bucket(bucket).key("hold.txt")).asUtf8String()).isEqualTo("replaced");
    }
}
