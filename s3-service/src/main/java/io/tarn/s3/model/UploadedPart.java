package io.tarn.s3.model;

import java.time.Instant;

/** A part uploaded to a multipart upload (schema 1); a re-upload of the same number replaces it. */
public record UploadedPart(int schema, int partNumber, Instant lastModified, StoredPart stored) {

    public static final int SCHEMA = 1;
}
