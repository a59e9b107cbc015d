package io.tarn.s3.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.s3.model.ObjectVersion;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Conditional reads (RFC 7232 as S3 applies it; GetObject / HeadObject / CopyObject references):
 * when If-Match holds, a failing If-Unmodified-Since is ignored (200); when If-None-Match fails, a
 * holding If-Modified-Since still gives 304; a copy source answers 412 for both kinds.
 */
class PreconditionsTest {

    private static final String ETAG = "\"d41d8cd98f00b204e9800998ecf8427e\"";
    private static final String BARE = "d41d8cd98f00b204e9800998ecf8427e";
    private static final String OTHER = "\"0123456789abcdef0123456789abcdef\"";
    /** Modified at 12:00:00.750: HTTP dates have seconds, so 12:00:00 GMT is "not modified since". */
    private static final ObjectVersion V = version(Instant.parse("2024-03-01T12:00:00.750Z"));
    private static final String BEFORE = "Fri, 01 Mar 2024 11:59:59 GMT";
    private static final String SAME = "Fri, 01 Mar 2024 12:00:00 GMT";
    private static final String AFTER = "Fri, 01 Mar 2024 12:00:01 GMT";

    static ObjectVersion version(Instant modified) {
        return new ObjectVersion(ObjectVersion.SCHEMA, "k", "null", 1, false, modified, 0, ETAG, "owner", "STANDARD",
                null, null, null, List.of(), null, null, null);
    }

    private static void passes(Preconditions p) {
        assertThatCode(() -> p.check(V, false)).doesNotThrowAnyException();
    }

    private static void fails(Preconditions p, boolean copySource, String code, int status) {
        assertThatThrownBy(() -> p.check(V, copySource)).isInstanceOf(AwsException.class).satisfies(e -> {
            assertThat(((AwsException) e).code()).isEqualTo(code);
            assertThat(((AwsException) e).status()).isEqualTo(status);
        });
    }

    @Test
    void anEtagMissingAQuoteStillMatches() {
        assertThat(Preconditions.etagMatches('"' + BARE, ETAG)).isTrue();
        assertThat(Preconditions.etagMatches(BARE + '"', ETAG)).isTrue();
        assertThat(Preconditions.etagMatches(BARE, ETAG)).isTrue();
        assertThat(Preconditions.etagMatches('"' + BARE.substring(1), ETAG)).isFalse();
    }

    @Test
    void aNotModifiedAnswerCarriesTheEtagAndLastModified() {
        assertThatThrownBy(() -> new Preconditions(null, ETAG, null, null).check(V, false))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.status()).isEqualTo(304);
                    assertThat(e.headers()).containsEntry("etag", ETAG).containsEntry("last-modified", "Fri, 1 Mar 2024 12:00:00 GMT");
                });
    }

    @Test
    void noConditionsPass() {
        passes(Preconditions.NONE);
        assertThatCode(() -> Preconditions.NONE.check(V, true)).doesNotThrowAnyException();
    }

    @Test
    void ifMatch() {
        passes(new Preconditions(ETAG, null, null, null));
        passes(new Preconditions(BARE, null, null, null));
        passes(new Preconditions("W/" + ETAG, null, null, null));
        passes(new Preconditions(OTHER + ", " + ETAG, null, null, null));
        passes(new Preconditions("*", null, null, null));
        fails(new Preconditions(OTHER, null, null, null), false, "PreconditionFailed", 412);
        fails(new Preconditions(OTHER, null, null, null), true, "PreconditionFailed", 412);
    }

    @Test
    void ifNoneMatch() {
        passes(new Preconditions(null, OTHER, null, null));
        fails(new Preconditions(null, ETAG, null, null), false, "NotModified", 304);
        fails(new Preconditions(null, BARE, null, null), false, "NotModified", 304);
        fails(new Preconditions(null, "W/" + ETAG, null, null), false, "NotModified", 304);
        fails(new Preconditions(null, OTHER + "," + ETAG, null, null), false, "NotModified", 304);
        fails(new Preconditions(null, "*", null, null), false, "NotModified", 304);
        // the copy source of CopyObject / UploadPartCopy answers 412
        fails(new Preconditions(null, ETAG, null, null), true, "PreconditionFailed", 412);
    }

    @Test
    void ifModifiedSince() {
        passes(new Preconditions(null, null, BEFORE, null));
        fails(new Preconditions(null, null, SAME, null), false, "NotModified", 304);
        fails(new Preconditions(null, null, AFTER, null), false, "NotModified", 304);
        fails(new Preconditions(null, null, AFTER, null), true, "PreconditionFailed", 412);
    }

    @Test
    void ifUnmodifiedSince() {
        passes(new Preconditions(null, null, null, SAME));
        passes(new Preconditions(null, null, null, AFTER));
        fails(new Preconditions(null, null, null, BEFORE), false, "PreconditionFailed", 412);
        fails(new Preconditions(null, null, null, BEFORE), true, "PreconditionFailed", 412);
    }

    @Test
    void ifMatchHoldingOverridesAFailingIfUnmodifiedSince() {
        passes(new Preconditions(ETAG, null, null, BEFORE));
        assertThatCode(() -> new Preconditions(ETAG, null, null, BEFORE).check(V, true)).doesNotThrowAnyException();
        // but a failing If-Match fails whatever If-Unmodified-Since says
        fails(new Preconditions(OTHER, null, null, AFTER), false, "PreconditionFailed", 412);
    }

    @Test
    void ifNoneMatchFailingWithIfModifiedSinceHoldingIsNotModified() {
        fails(new Preconditions(null, ETAG, BEFORE, null), false, "NotModified", 304);
        fails(new Preconditions(null, ETAG, BEFORE, null), true, "PreconditionFailed", 412);
        // If-None-Match holding: If-Modified-Since is not consulted (RFC 7232 section 3.3)
        passes(new Preconditions(null, OTHER, AFTER, null));
    }

    @Test
    void ifMatchIsEvaluatedBeforeIfNoneMatch() {
        fails(new Preconditions(OTHER, ETAG, null, null), false, "PreconditionFailed", 412);
        fails(new Preconditions(ETAG, ETAG, null, null), false, "NotModified", 304);
    }

    @Test
    void unparseableDatesAreIgnored() {
        passes(new Preconditions(null, null, "yesterday", null));
        passes(new Preconditions(null, null, null, "not a date"));
        passes(new Preconditions(null, null, "", ""));
        // other accepted forms
        fails(new Preconditions(null, null, "2024-03-01T12:00:01Z", null), false, "NotModified", 304);
        fails(new Preconditions(null, null, null, "2024-03-01T11:00:00Z"), false, "PreconditionFailed", 412);
    }

    @Test
    void etagMatching() {
        assertThat(Preconditions.etagMatches(ETAG, ETAG)).isTrue();
        assertThat(Preconditions.etagMatches(BARE, ETAG)).isTrue();
        assertThat(Preconditions.etagMatches(ETAG, BARE)).isTrue();
        assertThat(Preconditions.etagMatches(" " + ETAG + " ", ETAG)).isTrue();
        assertThat(Preconditions.etagMatches("*", ETAG)).isTrue();
        assertThat(Preconditions.etagMatches(OTHER, ETAG)).isFalse();
        assertThat(Preconditions.etagMatches("\"\"", ETAG)).isFalse();
        assertThat(Preconditions.etagMatches("\"abc-2\"", "\"abc-2\"")).isTrue();
    }
}
