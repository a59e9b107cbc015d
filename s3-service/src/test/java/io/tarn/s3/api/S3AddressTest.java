package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Virtual-hosted-style and path-style addressing ("Virtual hosting of buckets", "Methods for
 * accessing a bucket"), under {@code localhost} and a custom domain; paths are percent-decoded as
 * URIs, where '+' is a plus, not a space.
 */
class S3AddressTest {

    private static final List<String> LOCAL = List.of("localhost");
    private static final List<String> CUSTOM = List.of("s3.tarn.test", "localhost");

    private static S3Address local(String host, String path) {
        return S3Address.of(host, path, LOCAL);
    }

    @ParameterizedTest(name = "{0} {1} -> {2} / {3}")
    @CsvSource(nullValues = "-", value = {
        // virtual-hosted style
        "bucket.localhost:4566,           /,             bucket, -",
        "bucket.localhost:4566,           /key,          bucket, key",
        "bucket.localhost,                /a/b/c.txt,    bucket, a/b/c.txt",
        "bucket.s3.localhost:4566,        /key,          bucket, key",
        "bucket.s3.localhost,             /,             bucket, -",
        "bucket.s3.us-east-1.localhost:4566, /key,       bucket, key",
        "bucket.s3.eu-west-1.localhost,   /dir/key,      bucket, dir/key",
        "my.dotted.bucket.localhost:4566, /key,          my.dotted.bucket, key",
        "my.dotted.bucket.s3.localhost,   /key,          my.dotted.bucket, key",
        "my.dotted.bucket.s3.us-west-2.localhost, /key,  my.dotted.bucket, key",
        "BUCKET.LOCALHOST:4566,           /Key,          bucket, Key",
        // the service endpoints themselves: path style
        "s3.localhost:4566,               /bucket/key,   bucket, key",
        "s3.localhost,                    /bucket,       bucket, -",
        "s3.us-east-1.localhost:4566,     /bucket/key,   bucket, key",
        "localhost:4566,                  /bucket/key,   bucket, key",
        "localhost:4566,                  /bucket/,      bucket, -",
        "localhost:4566,                  /,             -,      -",
        "localhost,                       '',            -,      -",
        "127.0.0.1:4566,                  /bucket/a/b,   bucket, a/b",
        "127.0.0.1,                       /bucket,       bucket, -",
        "[::1]:4566,                      /bucket/key,   bucket, key",
        "tarn:4566,                       /bucket/key,   bucket, key",
        "host.docker.internal:4566,       /bucket/key,   bucket, key",
        "-,                               /bucket/key,   bucket, key",
        // keys keep their slashes, leading and doubled
        "localhost:4566,                  /bucket//key,  bucket, /key",
        "localhost:4566,                  /bucket/dir/,  bucket, dir/",
        "bucket.localhost,                //key,         bucket, /key",
    })
    void addresses(String host, String path, String bucket, String key) {
        S3Address a = local(host, path);
        assertThat(a.bucket()).isEqualTo(bucket);
        assertThat(a.key()).isEqualTo(key);
    }

    @Test
    void customDomain() {
        assertThat(S3Address.of("bucket.s3.tarn.test", "/key", CUSTOM)).isEqualTo(new S3Address("bucket", "key"));
        assertThat(S3Address.of("bucket.s3.tarn.test:443", "/a/b", CUSTOM)).isEqualTo(new S3Address("bucket", "a/b"));
        assertThat(S3Address.of("bucket.s3.s3.tarn.test", "/key", CUSTOM)).isEqualTo(new S3Address("bucket", "key"));
        assertThat(S3Address.of("s3.tarn.test", "/bucket/key", CUSTOM)).isEqualTo(new S3Address("bucket", "key"));
        assertThat(S3Address.of("s3.s3.tarn.test", "/bucket/key", CUSTOM)).isEqualTo(new S3Address("bucket", "key"));
        assertThat(S3Address.of("s3.eu-west-1.s3.tarn.test", "/bucket/key", CUSTOM)).isEqualTo(new S3Address("bucket", "key"));
        assertThat(S3Address.of("bucket.localhost", "/key", CUSTOM)).isEqualTo(new S3Address("bucket", "key"));
        // a host under neither domain is path style
        assertThat(S3Address.of("bucket.example.org", "/other/key", CUSTOM)).isEqualTo(new S3Address("other", "key"));
        assertThat(S3Address.of("bucket.example.org", "/other/key", LOCAL)).isEqualTo(new S3Address("other", "key"));
    }

    @Test
    void pathsArePercentDecodedKeepingPlus() {
        assertThat(local("localhost", "/bucket/a+b").key()).isEqualTo("a+b");
        assertThat(local("localhost", "/bucket/a%2Bb").key()).isEqualTo("a+b");
        assertThat(local("localhost", "/bucket/a%20b").key()).isEqualTo("a b");
        assertThat(local("localhost", "/bucket/dir%2Fkey").key()).isEqualTo("dir/key");
        assertThat(local("localhost", "/bucket/%E6%97%A5%E6%9C%AC").key()).isEqualTo("\u65e5\u672c");
        assertThat(local("localhost", "/bucket/%F0%9F%98%80").key()).isEqualTo("\uD83D\uDE00");
        assertThat(local("localhost", "/bucket/caf%c3%a9").key()).isEqualTo("caf\u00e9");
        assertThat(local("bucket.localhost", "/100%25%20sure").key()).isEqualTo("100% sure");
        assertThat(local("bucket.localhost", "/a%3Fb%26c%3Dd").key()).isEqualTo("a?b&c=d");
        // not an escape: kept as it is
        assertThat(local("localhost", "/bucket/100%").key()).isEqualTo("100%");
        assertThat(local("localhost", "/bucket/50%zz").key()).isEqualTo("50%zz");
        assertThat(local("localhost", "/bucket/%4").key()).isEqualTo("%4");
        assertThat(local("localhost", "/bucket/%41").key()).isEqualTo("A");
        assertThat(S3Address.decode("a+b%2B")).isEqualTo("a+b+");
        assertThat(S3Address.decode("\u00e9%C3%A9")).isEqualTo("\u00e9\u00e9");
    }
}
