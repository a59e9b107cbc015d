package io.tarn.s3.engine;

import io.tarn.core.store.Key;
import io.tarn.core.store.Keyspace;
import io.tarn.s3.S3Errors;
import io.tarn.s3.model.ListedVersion;
import io.tarn.s3.model.MultipartUpload;
import io.tarn.s3.model.ObjectVersion;
import io.tarn.s3.model.S3Keys;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** ListObjects (v1 and v2), ListObjectVersions and ListMultipartUploads, all as range scans. */
public final class ListingEngine {

    /** A page of a listing: what S3 returns before it is written as XML. */
    public record Listing<T>(List<T> items, List<String> commonPrefixes, boolean truncated, @Nullable String nextMarker,
            @Nullable T nextMarkerItem) {

        static <T> Listing<T> of(PrefixWalk.Page<T> page) {
            return new Listing<>(page.items(), page.commonPrefixes(), page.truncated(), page.truncated() ? page.lastName() : null,
                    page.truncated() ? page.lastItem() : null);
        }
    }

    /** An entry of ListObjectVersions: a version or delete marker, and whether it is its key's latest. */
    public record VersionEntry(ListedVersion version, boolean latest) {}

    private final Keyspace keyspace;
    private final BucketEngine buckets;

    public ListingEngine(Keyspace keyspace, BucketEngine buckets) {
        this.keyspace = keyspace;
        this.buckets = buckets;
    }

    /** Current objects under {@code prefix}, after {@code startAfter} (a key, or a common prefix a previous page ended on). */
    public Listing<ListedVersion> objects(String bucket, String prefix, @Nullable String delimiter, @Nullable String startAfter,
            int maxKeys) {
        buckets.require(bucket);
        Key base = S3Keys.currents(bucket);
        PrefixWalk.Page<ListedVersion> page = PrefixWalk.walk(keyspace, base, prefix, delimiter,
                base.with(start(prefix, delimiter, startAfter)), maxKeys, e -> e.key().string(2), e -> ListedVersion.read(e.value()));
        return Listing.of(page);
    }

    /** Where a listing after {@code marker} starts: past the marker, or past the common prefix it names. */
    private static String start(String prefix, @Nullable String delimiter, @Nullable String marker) {
        if (marker == null || Utf8Order.compare(marker, prefix) < 0) {
            return prefix;
        }
        if (delimiter != null && !delimiter.isEmpty() && marker.startsWith(prefix)) {
            int at = marker.indexOf(delimiter, prefix.length());
            if (at >= 0) {
                // everything under this common prefix was rolled up into it already
                return Utf8Order.successorOfPrefix(marker.substring(0, at + delimiter.length()));
            }
        }
        return Utf8Order.successor(marker);
    }

    /** Every version and delete marker, newest first per key, after ({@code keyMarker}, {@code versionIdMarker}). */
    public Listing<VersionEntry> versions(String bucket, String prefix, @Nullable String delimiter, @Nullable String keyMarker,
            @Nullable String versionIdMarker, int maxKeys) {
        buckets.require(bucket);
        Key base = S3Keys.versions(bucket);
        boolean midKey = keyMarker != null && versionIdMarker != null && !versionIdMarker.isEmpty();
        Key from = midKey ? afterVersion(bucket, keyMarker, versionIdMarker) : base.with(start(prefix, delimiter, keyMarker));
        String[] previousKey = {midKey ? keyMarker : null};
        PrefixWalk.Page<VersionEntry> page = PrefixWalk.walk(keyspace, base, prefix, delimiter, from, maxKeys, e -> e.key().string(2), e -> {
            ListedVersion v = ListedVersion.read(e.value());
            boolean latest = !v.key().equals(previousKey[0]);
            previousKey[0] = v.key();
            return new VersionEntry(v, latest);
        });
        return Listing.of(page);
    }

    /**
     * Where a versions page resumes after ({@code key}, {@code versionId}). The position comes from
     * the id itself, not from the version it names, so a listing goes on after that version was
     * deleted (clients that empty a bucket delete each page before asking for the next). A
     * deleted null version leaves no trace of where it stood among the key's versions: the page
     * then resumes at the key's newest remaining version, which may repeat a version but never skips one.
     */
    private Key afterVersion(String bucket, String key, String versionId) {
        if (ObjectVersion.NULL_VERSION.equals(versionId)) {
            return keyspace.get(S3Keys.nullVersion(bucket, key), Long.class)
                    .map(seq -> S3Keys.version(bucket, key, seq - 1))
                    .orElse(S3Keys.versionsOf(bucket, key));
        }
        Long seq = VersionIds.seqOf(versionId);
        if (seq == null) {
            throw S3Errors.INVALID_ARGUMENT.exception("Invalid version id specified")
                    .with("ArgumentName", "version-id-marker").with("ArgumentValue", versionId);
        }
        return S3Keys.version(bucket, key, seq - 1); // the next older version, whether or not this one still exists
    }

    /** Uploads in progress, by key then initiation, after ({@code keyMarker}, {@code uploadIdMarker}). */
    public Listing<MultipartUpload> uploads(String bucket, String prefix, @Nullable String delimiter, @Nullable String keyMarker,
            @Nullable String uploadIdMarker, int maxUploads) {
        buckets.require(bucket);
        Key base = S3Keys.uploads(bucket);
        Key from = keyMarker != null && uploadIdMarker != null && !uploadIdMarker.isEmpty()
                ? S3Keys.upload(bucket, keyMarker, uploadIdMarker + '\0')
                : base.with(start(prefix, delimiter, keyMarker));
        PrefixWalk.Page<MultipartUpload> page = PrefixWalk.walk(keyspace, base, prefix, delimiter, from, maxUploads,
                e -> e.key().string(2), e -> e.value(MultipartUpload.class));
        return Listing.of(page);
    }
}
