package io.tarn.s3.engine;

import io.tarn.s3.S3Errors;
import io.tarn.s3.model.ObjectVersion;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import org.jspecify.annotations.Nullable;

/**
 * The conditional headers of GET, HEAD and the copy source of CopyObject / UploadPartCopy, as S3
 * evaluates them (RFC 7232 with S3's twist): If-Match that holds overrides a failing
 * If-Unmodified-Since, and If-None-Match that fails overrides If-Modified-Since.
 *
 * @param ifMatch If-Match (or x-amz-copy-source-if-match)
 * @param ifNoneMatch If-None-Match
 * @param ifModifiedSince If-Modified-Since, as sent
 * @param ifUnmodifiedSince If-Unmodified-Since, as sent
 */
public record Preconditions(
        @Nullable String ifMatch, @Nullable String ifNoneMatch, @Nullable String ifModifiedSince, @Nullable String ifUnmodifiedSince) {

    public static final Preconditions NONE = new Preconditions(null, null, null, null);
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME.withZone(ZoneOffset.UTC);

    /**
     * Checks {@code v}; a failure is 412 PreconditionFailed, or 304 NotModified for reads
     * ({@code copySource} false); a copy source answers 412 for both.
     */
    public void check(ObjectVersion v, boolean copySource) {
        Instant modified = v.lastModified().truncatedTo(ChronoUnit.SECONDS);
        if (ifMatch != null) {
            if (!etagMatches(ifMatch, v.etag())) {
                throw failed(copySource ? "x-amz-copy-source-If-Match" : "If-Match");
            }
        } else if (ifUnmodifiedSince != null) {
            Instant since = parseDate(ifUnmodifiedSince);
            if (since != null && modified.isAfter(since)) {
                throw failed(copySource ? "x-amz-copy-source-If-Unmodified-Since" : "If-Unmodified-Since");
            }
        }
        if (ifNoneMatch != null) {
            if (etagMatches(ifNoneMatch, v.etag())) {
                throw copySource ? failed("x-amz-copy-source-If-None-Match") : notModified(v);
            }
        } else if (ifModifiedSince != null) {
            Instant since = parseDate(ifModifiedSince);
            if (since != null && !modified.isAfter(since)) {
                throw copySource ? failed("x-amz-copy-source-If-Modified-Since") : notModified(v);
            }
        }
    }

    /** Whether an If-Match / If-None-Match list names {@code etag}; {@code *} names any. */
    public static boolean etagMatches(String header, String etag) {
        String bare = unquote(etag);
        for (String candidate : header.split(",")) {
            String c = candidate.trim();
            if (c.startsWith("W/")) {
                c = c.substring(2);
            }
            if (c.equals("*") || unquote(c).equals(bare)) {
                return true;
            }
        }
        return false;
    }

    /** The ETag without its quotes; S3 also matches a value missing either quote, so each is dropped on its own. */
    private static String unquote(String s) {
        int from = s.startsWith("\"") ? 1 : 0;
        int to = s.length() > from && s.endsWith("\"") ? s.length() - 1 : s.length();
        return s.substring(from, to);
    }

    /** An HTTP date; an unparseable one is ignored, as S3 does. */
    private static @Nullable Instant parseDate(String value) {
        try {
            return ZonedDateTime.parse(value.trim(), DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
        } catch (DateTimeParseException e) {
            try {
                return Instant.parse(value.trim());
            } catch (DateTimeParseException e2) {
                return null;
            }
        }
    }

    private static RuntimeException failed(String condition) {
        return S3Errors.PRECONDITION_FAILED.exception("At least one of the pre-conditions you specified did not hold")
                .with("Condition", condition);
    }

    /** A 304 names the version it stands for, as a 200 would (RFC 9110 15.4.5: ETag and, here, Last-Modified). */
    private static RuntimeException notModified(ObjectVersion v) {
        return S3Errors.NOT_MODIFIED.exception("Not Modified")
                .withHeader("etag", v.etag())
                .withHeader("last-modified", HTTP_DATE.format(v.lastModified()));
    }
}
