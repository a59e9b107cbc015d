package io.tarn.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Protocol;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SigV2 claims where the service takes them (S3), SigV4 otherwise, and one mechanism per request. */
final class SignatureParserTest {

    private static final String DATE = "Tue, 27 Mar 2007 19:36:42 +0000";

    private static SignatureClaim s3(Map<String, List<String>> headers, String rawQuery) {
        return SignatureParser.parse(headers, SigV4VerifierTest.decode(rawQuery), Protocol.REST_XML, "/bucket/key");
    }

    private static void assertS3Refused(Map<String, List<String>> headers, String rawQuery, String code, int status,
            String message) {
        assertThatThrownBy(() -> s3(headers, rawQuery)).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.getMessage()).isEqualTo(message);
        });
    }

    @Test
    void sigV2Header() {
        SignatureClaim claim = s3(Map.of("authorization", List.of("AWS AKIAIOSFODNN7EXAMPLE:qgk2+6Sv9/oM7G3qLEjTH1a1l1g="),
                "date", List.of(DATE), "x-amz-security-token", List.of("tok")), "");
        assertThat(claim).isEqualTo(new SigV2Signature("AKIAIOSFODNN7EXAMPLE", "qgk2+6Sv9/oM7G3qLEjTH1a1l1g=", null, null,
                "/bucket/key", "tok"));
        assertThat(claim.presigned()).isFalse();
    }

    @Test
    void sigV2Query() {
        SignatureClaim claim = s3(Map.of(), "AWSAccessKeyId=AKID&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D"
                + "&Expires=1175139620&x-amz-security-token=tok");
        assertThat(claim).isEqualTo(new SigV2Signature("AKID", "NpgCjnDzrM+WFzoENXmpNDUsSn8=",
                Instant.ofEpochSecond(1175139620), "1175139620", "/bucket/key", "tok"));
        assertThat(claim.presigned()).isTrue();
        // a '+' the client left unescaped arrives as a space
        assertThat(((SigV2Signature) s3(Map.of(), "AWSAccessKeyId=AKID&Signature=a+b%3D&Expires=1")).signature())
                .isEqualTo("a+b=");
    }

    @Test
    void malformedSigV2IsRefusedWithS3sCodes() {
        assertS3Refused(Map.of("authorization", List.of("AWS AKID"), "date", List.of(DATE)), "", "InvalidArgument", 400,
                "AWS authorization header is invalid.  Expected AwsAccessKeyId:signature");
        assertS3Refused(Map.of("authorization", List.of("AWS AKID:sig")), "", "AccessDenied", 403,
                "AWS authentication requires a valid Date or x-amz-date header");
        String required = "Query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters";
        assertS3Refused(Map.of(), "AWSAccessKeyId=AKID&Signature=s", "AccessDenied", 403, required);
        assertS3Refused(Map.of(), "Signature=s&Expires=1", "AccessDenied", 403, required);
        assertS3Refused(Map.of(), "AWSAccessKeyId=AKID&Signature=s&Expires=soon", "AccessDenied", 403,
                "Invalid date (should be seconds since epoch): soon");
        assertS3Refused(Map.of(), "AWSAccessKeyId=AKID&Signature=s&Expires=9223372036854775807", "AccessDenied", 403,
                "Invalid date (should be seconds since epoch): 9223372036854775807");
    }

    @Test
    void s3TakesOneAuthMechanism() {
        String message = "Only one auth mechanism allowed; only the X-Amz-Algorithm query parameter, "
                + "Signature query string parameter or the Authorization header should be specified";
        assertS3Refused(Map.of("authorization", List.of("AWS AKID:sig"), "date", List.of(DATE)),
                "AWSAccessKeyId=AKID&Signature=s&Expires=1", "InvalidArgument", 400, message);
        assertS3Refused(Map.of(), "AWSAccessKeyId=AKID&Signature=s&Expires=1&X-Amz-Algorithm=AWS4-HMAC-SHA256",
                "InvalidArgument", 400, message);
    }

    @Test
    void servicesWithoutSigV2ReadOnlySigV4() {
        assertThatThrownBy(() -> SignatureParser.parse(Map.of("authorization", List.of("AWS AKID:sig"),
                "date", List.of(DATE)), Map.of(), Protocol.JSON, null))
                .isInstanceOfSatisfying(AwsException.class, e -> assertThat(e.code()).isEqualTo("IncompleteSignatureException"));
        assertThat(SignatureParser.parse(Map.of(), SigV4VerifierTest.decode("AWSAccessKeyId=AKID&Signature=s&Expires=1"),
                Protocol.JSON, null)).isNull();
    }
}
