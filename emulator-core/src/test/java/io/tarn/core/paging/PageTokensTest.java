package io.tarn.core.paging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PageTokensTest {

    @TempDir
    Path dir;

    @Test
    void aTokenOpensInItsScopeWithItsPositionAndIssueTime() {
        PageTokens tokens = PageTokens.load(dir, "s3");
        String token = tokens.issue("ListObjectsV2\nbucket\nphotos/", "photos/2024/\u65e5\u672c.jpg", 1234L);
        assertThat(token).matches("[A-Za-z0-9_-]+");
        assertThat(tokens.open("ListObjectsV2\nbucket\nphotos/", token))
                .isEqualTo(new PageTokens.Position("photos/2024/\u65e5\u672c.jpg", 1234L));
    }

    @Test
    void aTokenIsRefusedInAnotherScopeOrService() {
        PageTokens s3 = PageTokens.load(dir, "s3");
        String token = s3.issue("ListObjectsV2\nbucket-a\n", "key");
        assertThat(s3.open("ListObjectsV2\nbucket-b\n", token)).isNull();
        assertThat(s3.open("ListObjectsV2\nbucket-a\nother-prefix", token)).isNull();
        assertThat(PageTokens.load(dir, "kinesis").open("ListObjectsV2\nbucket-a\n", token)).isNull();
    }

    @Test
    void forgedAlteredOrMalformedTokensAreRefused() {
        PageTokens tokens = PageTokens.load(dir, "s3");
        String scope = "ListBuckets\n000000000000\n";
        String token = tokens.issue(scope, "bucket-1");
        byte[] raw = Base64.getUrlDecoder().decode(token);
        raw[10] ^= 1; // one bit of the position
        assertThat(tokens.open(scope, Base64.getUrlEncoder().withoutPadding().encodeToString(raw))).isNull();
        // the old unauthenticated form: the position in base64
        assertThat(tokens.open(scope, Base64.getUrlEncoder().encodeToString("bucket-1".getBytes(StandardCharsets.UTF_8)))).isNull();
        assertThat(tokens.open(scope, "")).isNull();
        assertThat(tokens.open(scope, "not base64!")).isNull();
        assertThat(tokens.open(scope, "AQ")).isNull();
    }

    @Test
    void tokensSurviveARestartButNotAnotherDataDir(@TempDir Path other) {
        String token = PageTokens.load(dir, "kms").issue("ListKeys", "k");
        assertThat(PageTokens.load(dir, "kms").open("ListKeys", token)).isNotNull();
        assertThat(PageTokens.load(other, "kms").open("ListKeys", token)).isNull();
    }
}
