package io.tarn.s3.api;

import io.tarn.s3.S3Errors;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Where CreateBucket may put a bucket. The regions of each AWS partition (botocore's
 * {@code partitions.json}; the SDK's region list is not on the server's classpath). The global
 * endpoint (us-east-1) creates a bucket in whichever region of its partition the LocationConstraint
 * names; any other endpoint only in its own region ("Creating a bucket", S3 User Guide).
 */
final class BucketRegions {

    private static final String GLOBAL = "us-east-1";
    /** The legacy constraint for Ireland, still accepted and still answered by GetBucketLocation. */
    static final String LEGACY_EU = "EU";

    private static final Map<String, String> PARTITION_OF = new HashMap<>();

    static {
        partition("aws", "af-south-1", "ap-east-1", "ap-east-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3", "ap-south-1",
                "ap-south-2", "ap-southeast-1", "ap-southeast-2", "ap-southeast-3", "ap-southeast-4", "ap-southeast-5", "ap-southeast-6",
                "ap-southeast-7", "ca-central-1", "ca-west-1", "eu-central-1", "eu-central-2", "eu-north-1", "eu-south-1", "eu-south-2",
                "eu-west-1", "eu-west-2", "eu-west-3", "il-central-1", "me-central-1", "me-south-1", "mx-central-1", "sa-east-1",
                "us-east-1", "us-east-2", "us-west-1", "us-west-2");
        partition("aws-cn", "cn-north-1", "cn-northwest-1");
        partition("aws-us-gov", "us-gov-east-1", "us-gov-west-1");
        partition("aws-iso", "us-iso-east-1", "us-iso-west-1");
        partition("aws-iso-b", "us-isob-east-1", "us-isob-west-1");
        partition("aws-iso-e", "eu-isoe-west-1");
        partition("aws-iso-f", "us-isof-east-1", "us-isof-south-1");
        partition("aws-eusc", "eusc-de-east-1");
    }

    private static void partition(String id, String... regions) {
        for (String r : List.of(regions)) {
            PARTITION_OF.put(r, id);
        }
    }

    private BucketRegions() {}

    /** Whether S3 knows this region code, in any partition. */
    static boolean known(String region) {
        return PARTITION_OF.containsKey(region);
    }

    /**
     * The region a bucket created at {@code endpointRegion} with {@code constraint} goes to, or
     * S3's error: InvalidLocationConstraint for a name S3 does not accept, IllegalLocationConstraintException
     * for a region this endpoint cannot create in.
     */
    static String bucketRegion(String endpointRegion, @Nullable String constraint) {
        if (constraint == null || constraint.isEmpty()) {
            if (!endpointRegion.equals(GLOBAL)) {
                throw S3Errors.ILLEGAL_LOCATION_CONSTRAINT.exception(
                        "The unspecified location constraint is incompatible for the region specific endpoint this request was sent to.");
            }
            return GLOBAL;
        }
        String region = constraint.equals(LEGACY_EU) ? "eu-west-1" : constraint;
        if (!known(region) || constraint.equals(GLOBAL)) {
            // us-east-1 is never named: it is the absence of a constraint
            throw S3Errors.INVALID_LOCATION_CONSTRAINT.exception("The specified location-constraint is not valid")
                    .with("LocationConstraint", constraint);
        }
        boolean allowed = region.equals(endpointRegion)
                || endpointRegion.equals(GLOBAL) && PARTITION_OF.get(region).equals(PARTITION_OF.get(GLOBAL));
        if (!allowed) {
            throw S3Errors.ILLEGAL_LOCATION_CONSTRAINT.exception(
                    "The %s location constraint is incompatible for the region specific endpoint this request was sent to.", constraint);
        }
        return region;
    }
}
