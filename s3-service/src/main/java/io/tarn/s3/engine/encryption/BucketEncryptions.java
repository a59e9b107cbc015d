package io.tarn.s3.engine.encryption;

import io.tarn.core.store.Keyspace;
import io.tarn.s3.model.BucketEncryption;
import io.tarn.s3.model.S3Keys;

/** Buckets' default encryption (Put/Get/DeleteBucketEncryption), one record per configured bucket. */
public final class BucketEncryptions {

    private final Keyspace keyspace;

    public BucketEncryptions(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** The bucket's default encryption: S3's SSE-S3 unless configured. */
    public BucketEncryption of(String bucket) {
        return keyspace.get(S3Keys.bucketEncryption(bucket), BucketEncryption.class).orElse(BucketEncryption.DEFAULT);
    }

    public void put(String bucket, BucketEncryption configuration) {
        keyspace.write(batch -> batch.put(S3Keys.bucketEncryption(bucket), configuration));
    }

    /** DeleteBucketEncryption: back to S3's default, SSE-S3. */
    public void delete(String bucket) {
        keyspace.write(batch -> batch.delete(S3Keys.bucketEncryption(bucket)));
    }
}
