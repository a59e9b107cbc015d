package io.tarn.s3.api;

import io.tarn.core.paging.PageTokens;
import io.tarn.core.protocol.xml.XmlWriter;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.s3.S3Errors;
import io.tarn.s3.api.xml.S3XmlReader;
import io.tarn.s3.engine.BucketEngine;
import io.tarn.s3.engine.MultipartEngine;
import io.tarn.s3.engine.ObjectEngine;
import io.tarn.s3.model.BucketMeta;
import java.util.List;
import java.util.Set;

/** CreateBucket, HeadBucket, DeleteBucket, ListBuckets, GetBucketLocation and bucket versioning. */
final class BucketHandlers {

    /** Regions a LocationConstraint may name (the commercial partition). */
    private static final Set<String> REGIONS = Set.of("af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2",
            "ap-northeast-3", "ap-south-1", "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4",
            "ap-southeast-5", "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1",
            "eu-south-1", "eu-south-2", "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1",
            "mx-central-1", "sa-east-1", "us-east-1", "us-east-2", "us-west-1", "us-west-2", "EU");

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
        String region = call.region();
        String location = null;
        if (call.request().body().length > 0) {
            S3XmlReader config = S3XmlReader.parse(call.request().body(), "CreateBucketConfiguration");
            location = config.text("LocationConstraint");
        }
        if (location != null && !location.isEmpty()) {
            if (!REGIONS.contains(location) || location.equals("us-east-1")) {
                throw S3Errors.INVALID_LOCATION_CONSTRAINT.exception("The specified location-constraint is not valid")
                        .with("LocationConstraint", location);
            }
            if (!location.equals(region) && !(location.equals("EU") && region.equals("eu-west-1"))) {
                throw S3Errors.ILLEGAL_LOCATION_CONSTRAINT.exception(
                        "The %s location constraint is incompatible for the region specific endpoint this request was sent to.", location);
            }
        } else if (!region.equals("us-east-1")) {
            throw S3Errors.ILLEGAL_LOCATION_CONSTRAINT.exception(
                    "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.");
        }
        String ownership = call.header("x-amz-object-ownership");
        if (ownership != null && !Set.of("BucketOwnerEnforced", "BucketOwnerPreferred", "ObjectWriter").contains(ownership)) {
            throw S3Errors.INVALID_ARGUMENT.exception("Invalid x-amz-object-ownership header: %s", ownership)
                    .with("ArgumentName", "x-amz-object-ownership");
        }
        String owner = call.account();
        BucketMeta existing = buckets.find(call.bucket());
        if (existing != null && existing.owner().equals(owner) && region.equals("us-east-1") && existing.region().equals("us-east-1")) {
            // us-east-1 answers a repeated CreateBucket of your own bucket with success (legacy behaviour)
            return S3Call.empty(200).withHeader("location", "/" + call.bucket());
        }
        var acl = Acls.fromHeaders(call, owner);
        if ((ownership == null || ownership.equals("BucketOwnerEnforced")) && !Acls.ownerOnly(acl)) {
            throw S3Errors.INVALID_BUCKET_ACL_WITH_OBJECT_OWNERSHIP.exception(
                    "Bucket cannot have ACLs set with ObjectOwnership's BucketOwnerEnforced setting");
        }
        buckets.create(call.bucket(), owner, location == null || location.isEmpty() ? "us-east-1" : location, ownership, acl);
        return S3Call.empty(200).withHeader("location", "/" + call.bucket());
    }

    ServiceResponse head(S3Call call) {
        BucketMeta bucket = buckets.require(call.bucket());
        return S3Call.empty(200).withHeader("x-amz-bucket-region", bucket.region())
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
        String token = call.query("continuation-token");
        String scope = "ListBuckets\n" + call.account() + "\n" + (prefix == null ? "" : prefix);
        String after = token == null ? null : tokens.open(scope, token);
        List<BucketMeta> page = buckets.list(call.account(), prefix, after, max + 1);
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
        // us-east-1 is written as an empty LocationConstraint, as S3 does
        XmlWriter xml = new XmlWriter().start("LocationConstraint", S3Call.XMLNS);
        if (!bucket.region().equals("us-east-1")) {
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
        buckets.update(call.bucket(), b -> b.withVersioning(status));
        return S3Call.empty(200);
    }
}
