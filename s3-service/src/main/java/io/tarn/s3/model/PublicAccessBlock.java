package io.tarn.s3.model;

/**
 * S3 Block Public Access settings, of a bucket or of an account (schema 1). The effective
 * settings of a bucket are the OR of its own and its owner account's, "the most restrictive
 * combination" AWS applies.
 */
public record PublicAccessBlock(boolean blockPublicAcls, boolean ignorePublicAcls, boolean blockPublicPolicy,
        boolean restrictPublicBuckets) {

    public static final PublicAccessBlock NONE = new PublicAccessBlock(false, false, false, false);
    /** What S3 gives every new bucket since April 2023. */
    public static final PublicAccessBlock ALL = new PublicAccessBlock(true, true, true, true);

    public PublicAccessBlock or(PublicAccessBlock other) {
        return new PublicAccessBlock(blockPublicAcls || other.blockPublicAcls, ignorePublicAcls || other.ignorePublicAcls,
                blockPublicPolicy || other.blockPublicPolicy, restrictPublicBuckets || other.restrictPublicBuckets);
    }
}
