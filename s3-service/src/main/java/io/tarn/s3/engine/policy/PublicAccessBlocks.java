package io.tarn.s3.engine.policy;

import io.tarn.core.store.Keyspace;
import io.tarn.s3.S3Errors;
import io.tarn.s3.model.BucketMeta;
import io.tarn.s3.model.PublicAccessBlock;
import io.tarn.s3.model.S3Keys;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.jspecify.annotations.Nullable;

/**
 * Block Public Access settings of accounts (S3 Control's Put/Get/DeletePublicAccessBlock), and the
 * settings in effect for a bucket: the OR of the bucket's own (a field of its record) and its
 * owner account's. Account settings are read from the store once, then from memory; every write
 * goes through here.
 */
public final class PublicAccessBlocks {

    private final Keyspace keyspace;
    private final Map<String, Optional<PublicAccessBlock>> accounts = new ConcurrentHashMap<>();

    public PublicAccessBlocks(Keyspace keyspace) {
        this.keyspace = keyspace;
    }

    /** An account's settings; S3 Control's {@code NoSuchPublicAccessBlockConfiguration} without any. */
    public PublicAccessBlock account(String account) {
        return find(account).orElseThrow(() -> S3Errors.NO_SUCH_PUBLIC_ACCESS_BLOCK_CONFIGURATION.exception(
                "The public access block configuration was not found").with("AccountId", account));
    }

    public synchronized void putAccount(String account, PublicAccessBlock settings) {
        keyspace.put(S3Keys.accountPublicAccessBlock(account), settings);
        accounts.put(account, Optional.of(settings));
    }

    public synchronized void deleteAccount(String account) {
        keyspace.delete(S3Keys.accountPublicAccessBlock(account));
        accounts.put(account, Optional.empty());
    }

    /** The settings S3 applies to a bucket: its own, made stricter by its owner account's. */
    public PublicAccessBlock effective(BucketMeta bucket) {
        return effective(bucket.owner(), bucket.publicAccessBlock());
    }

    /** The settings for a bucket of {@code owner} with its own settings {@code bucketSettings} (null: none). */
    public PublicAccessBlock effective(String owner, @Nullable PublicAccessBlock bucketSettings) {
        PublicAccessBlock own = bucketSettings == null ? PublicAccessBlock.NONE : bucketSettings;
        return find(owner).map(own::or).orElse(own);
    }

    private Optional<PublicAccessBlock> find(String account) {
        Optional<PublicAccessBlock> cached = accounts.get(account);
        return cached != null ? cached : load(account);
    }

    /** A cache miss, under the lock writes take, so a stale read never overwrites a newer setting. */
    private synchronized Optional<PublicAccessBlock> load(String account) {
        return accounts.computeIfAbsent(account,
                a -> keyspace.get(S3Keys.accountPublicAccessBlock(a), PublicAccessBlock.class));
    }

    /** Forgets what was read, after an admin reset cleared the keyspace. */
    public synchronized void forget() {
        accounts.clear();
    }
}
