package io.tarn.s3.api;

import io.tarn.core.error.AwsException;
import io.tarn.core.paging.PageTokens;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.S3Limits;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.MultipartEngine;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.model.BucketMeta;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation and bucket versioning. */
final class BucketHandlers {

    private static final Set<String> OWNERSHIP = Set.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter");

    private final BucketEngine buckets;
    private final ObjectEngine objects;
    private final MultipartEngine uploads;
    private final ContinuationTokens tokens;

    BucketHandlers(BucketEngine buckets, ObjectEngine objects, MultipartEngine uploads, PageTokens tokens) {
        this.buckets = buckets;
        this.objects = objects;
        this.uploads = uploads;
        this.tokens = new ContinuationTokens(tokens);
    }

    ServiceResponse create(S3Call call) {
        refuseUnbuiltFeatures(call);
        String objectLock = call.header("x-amz-bucket-object-lock-enabled");
        boolean withObjectLock = objectLock != null && objectLock.trim().equalsIgnoreCase("true");
        String constraint = null;
        Map<String, String> tags = Map.of();
        if (call.request().body().length > 0) {
            S3XmlReader config = S3XmlReader.parse(call.request().body(), "CreateBucketConfiguration");
            if (config.child("Location") != null || config.child("Bucket") != null) {
                // Location and Bucket describe directory buckets (S3 Express One Zone)
                throw notImplemented("CreateBucketConfiguration");
            }
            constraint = config.text("LocationConstraint");
            S3XmlReader tagList = config.child("Tags");
            if (tagList != null) {
                tags = Tags.fromTagList(tagList, S3Limits.MAX_BUCKET_TAGS);
            }
        }
        String region = BucketRegions.bucketRegion(call.region(), constraint);
        String ownership = call.header("x-amz-object-ownership");
        if (ownership != null && !OWNERSHIP.contains(ownership)) {
            throw S3Errors.INVALID_ARGUMENT.exception("Invalid x-amz-object-ownership header: %s", ownership)
                    .with("ArgumentName", "x-amz-object-ownership");
        }
        String owner = call.account();
        BucketMeta existing = buckets.find(call.bucket());
        if (existing != null && existing.owner().equals(owner) && call.region().equals("us-east-1") && existing.region().equals("us-east-1")) {
            // us-east-1 answers a repeated CreateBucket of your own bucket with success (legacy behaviour)
            return S3Call.empty(200).withHeader("location", "/" + call.bucket());
        }
        var acl = Acls.fromHeaders(call, owner);
        if ((ownership == null || ownership.equals("BucketOwnerEnforced")) && !Acls.ownerOnly(acl, owner)) {
            throw S3Errors.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP.exception(
                    "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
        }
        String legacy = BucketRegions.LEGACY_EU.equals(constraint) ? constraint : null;
        buckets.create(call.bucket(), owner, new BucketEngine.NewBucket(region, legacy, ownership, acl, tags, withObjectLock));
        return S3Call.empty(200).withHeader("location", "/" + call.bucket());
    }

    /**
     * CreateBucket headers asking for what Tarn has not built answer NotImplemented rather than a
     * bucket without it: the account-regional namespace.
     */
    private static void refuseUnbuiltFeatures(S3Call call) {
        String namespace = call.header("x-amz-bucket-namespace");
        if (namespace != null && !namespace.equals("global")) {
            if (!namespace.equals("account-regional")) {
                throw S3Errors.INVALID_ARGUMENT.exception("Invalid x-amz-bucket-namespace header: %s", namespace)
                        .with("ArgumentName", "x-amz-bucket-namespace").with("ArgumentValue", namespace);
            }
            throw notImplemented("x-amz-bucket-namespace");
        }
    }

    private static AwsException notImplemented(String header) {
        return S3Errors.NOT_IMPLEMENTED.exception("A header you provided implies functionality that is not implemented")
                .with("Header", header);
    }

    ServiceResponse head(S3Call call) {
        BucketMeta bucket = buckets.require(call.bucket());
        // S3 answers HeadBucket with an XML content type and no body
        return S3Call.empty(200).withHeader("content-type", "application/xml").withHeader("x-amz-bucket-region", bucket.region())
                .withHeader("x-amz-access-point-alias", "false");
    }

    ServiceResponse delete(S3Call call) {
        buckets.delete(call.bucket(), uploads);
        return S3Call.empty(204);
    }

    ServiceResponse list(S3Call call) {
        int max = call.intQuery("max-buckets", 10_000);
        if (max < 1 || max > 10_000) {
            throw S3Errors.INVALID_ARGUMENT.exception("Argument max-buckets must be an integer between 1 and 10000")
                    .with("ArgumentName", "max-buckets").with("ArgumentValue", call.query("max-buckets"));
        }
        String prefix = call.query("prefix");
        String region = call.query("bucket-region");
        String token = call.query("continuation-token");
        String scope = "ListBuckets\n" + call.account() + "\n" + (prefix == null ? "" : prefix)
                + "\n" + (region == null ? "" : region);
        String after = token == null ? null : tokens.open(scope, token);
        List<BucketMeta> page = buckets.list(call.account(), prefix, region, after, max + 1);
        boolean truncated = page.size() > max;
        if (truncated) {
            page = page.subList(0, max);
        }
        XmlWriter xml = new XmlWriter().start("ListAllMyBucketsResult", S3Call.XMLNS)
                .start("Owner").element("ID", Acls.canonicalId(call.account())).end()
                .start("Buckets");
        for (BucketMeta b : page) {
            xml.start("Bucket").element("Name", b.name()).element("CreationDate", S3Call.isoDate(b.created()))
                    .element("BucketRegion", b.region()).end();
        }
        xml.end();
        if (truncated) {
            xml.element("ContinuationToken", tokens.issue(scope, page.get(page.size() - 1).name()));
        }
        if (prefix != null) {
            xml.element("Prefix", prefix);
        }
        return S3Call.ok(xml.end());
    }

    ServiceResponse location(S3Call call) {
        BucketMeta bucket = buckets.require(call.bucket());
        // us-east-1 is written as an empty LocationConstraint, and a bucket created with "EU" answers "EU", as S3 does
        XmlWriter xml = new XmlWriter().start("LocationConstraint", S3Call.XMLNS);
        if (bucket.locationConstraint() != null) {
            xml.text(bucket.locationConstraint());
        } else if (!bucket.region().equals("us-east-1")) {
            xml.text(bucket.region());
        }
        return S3Call.ok(xml.end());
    }

    ServiceResponse getVersioning(S3Call call) {
        BucketMeta bucket = buckets.require(call.bucket());
        XmlWriter xml = new XmlWriter().start("VersioningConfiguration", S3Call.XMLNS);
        if (bucket.versioning() != null) {
            xml.element("Status", bucket.versioning());
        }
        return S3Call.ok(xml.end());
    }

    ServiceResponse putVersioning(S3Call call) {
        S3XmlReader config = S3XmlReader.parse(call.request().body(), "VersioningConfiguration");
        String status = config.text("Status");
        String mfaDelete = config.text("MfaDelete");
        if (mfaDelete != null && mfaDelete.equals("Enabled")) {
            throw S3Errors.NOT_IMPLEMENTED.exception("MFA Delete is not implemented.");
        }
        if (status == null) {
            buckets.require(call.bucket());
            return S3Call.empty(200);
        }
        if (!status.equals("Enabled") && !status.equals("Suspended")) {
            throw S3XmlReader.malformed();
        }
        objects.objectLock().checkVersioningChange(call.bucket(), status);
        buckets.update(call.bucket(), b -> b.withVersioning(status));
        return S3Call.empty(200);
    }
}
