package io.tarn.s3.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.Caller;
import io.tarn.core.spi.Namespace;
import io.tarn.core.spi.RequestContext;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.time.EmulatorClock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The x-amz-* parameters of a presigned URL's query become headers; nothing else does. */
class PresignedHeadersTest {

    private static ServiceRequest request(Map<String, List<String>> query, Map<String, List<String>> headers) {
        RequestContext ctx = new RequestContext("id", new Namespace("000000000000", "us-east-1"),
                Caller.root("", "000000000000"), "s3", EmulatorClock.manual(Instant.EPOCH));
        return new ServiceRequest(ctx, "PUT", "/b/k", query, headers, new byte[0]);
    }

    private static Map<String, List<String>> map(String... nameValues) {
        Map<String, List<String>> m = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            m.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return m;
    }

    @Test
    void amzQueryParametersOfAPresignedUrlAreHeaders() {
        ServiceRequest r = PresignedHeaders.apply(request(map("X-Amz-Algorithm", "AWS4-HMAC-SHA256",
                "X-Amz-Credential", "test/20260101/us-east-1/s3/aws4_request", "X-Amz-Date", "20260101T000000Z",
                "X-Amz-Expires", "60", "X-Amz-SignedHeaders", "host", "X-Amz-Signature", "00",
                "X-Amz-Security-Token", "tok", "x-amz-meta-Color", "blue", "X-Amz-Storage-Class", "STANDARD_IA",
                "x-amz-acl", "private", "prefix", "p"), map("host", "localhost", "x-amz-acl", "public-read")));
        assertThat(r.headers()).containsEntry("x-amz-meta-color", List.of("blue"))
                .containsEntry("x-amz-storage-class", List.of("STANDARD_IA"))
                .containsEntry("x-amz-acl", List.of("public-read")) // a header actually sent wins
                .doesNotContainKeys("x-amz-algorithm", "x-amz-credential", "x-amz-date", "x-amz-expires",
                        "x-amz-signedheaders", "x-amz-signature", "x-amz-security-token", "prefix");
    }

    @Test
    void sigV2PresignedUrlsToo() {
        ServiceRequest r = PresignedHeaders.apply(request(map("AWSAccessKeyId", "test", "Signature", "s", "Expires", "1",
                "x-amz-meta-color", "blue"), map()));
        assertThat(r.headers()).containsEntry("x-amz-meta-color", List.of("blue"));
    }

    @Test
    void aRequestThatIsNotPresignedIsLeftAlone() {
        ServiceRequest original = request(map("x-amz-meta-color", "blue"), map("host", "localhost"));
        assertThat(PresignedHeaders.apply(original)).isSameAs(original);
    }
}
