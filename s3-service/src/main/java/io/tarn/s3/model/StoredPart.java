package io.tarn.s3.model;

import io.tarn.core.store.blob.BlobRef;
import org.jspecify.annotations.Nullable;

/**
 * A run of an object's bytes in the blob store: the whole object after a PutObject, one part of a
 * completed multipart upload (completing never copies bytes).
 *
 * @param etag the part's MD5 in hex, for GetObject with partNumber and GetObjectAttributes
 * @param checksum the part's flexible checksum (base64) when the upload had an algorithm
 */
public record StoredPart(BlobRef blob, long size, @Nullable String etag, @Nullable String checksum) {}
