package io.tarn.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import io.tarn.core.spi.Protocol;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

final class SigV4ParserTest {

    private static final String AUTHZ = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20150830/us-east-1/service/aws4_request,"
            + " SignedHeaders=host;x-amz-date, Signature=5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31";
    private static final String PRESIGNED = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
            + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
            + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
            + "&X-Amz-Security-Token=FQoGZXIvYXdz%2Btoken%3D%3D"
            + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";

    @Test
    void headerForm() {
        SigV4Signature sig = parse(headers("authorization", AUTHZ, "x-amz-date", "20150830T123600Z"), Map.of());
        assertThat(sig.accessKeyId()).isEqualTo("AKIDEXAMPLE");
        assertThat(sig.date()).isEqualTo("20150830");
        assertThat(sig.region()).isEqualTo("us-east-1");
        assertThat(sig.service()).isEqualTo("service");
        assertThat(sig.scope()).isEqualTo("20150830/us-east-1/service/aws4_request");
        assertThat(sig.signedHeaders()).containsExactly("host", "x-amz-date");
        assertThat(sig.signature()).isEqualTo("5fa00fa31553b73ebf1942676e86291e8372ff2a2260956d9b8aae1d763fbf31");
        assertThat(sig.amzDate()).isEqualTo("20150830T123600Z");
        assertThat(sig.presigned()).isFalse();
        assertThat(sig.expiresSeconds()).isZero();
        assertThat(sig.sessionToken()).isNull();
    }

    @Test
    void headerFormToleratesSpacing() {
        String tight = AUTHZ.replace(", ", ",");
        String loose = AUTHZ.replace("AWS4-HMAC-SHA256 ", "AWS4-HMAC-SHA256   ").replace(", ", " ,  ")
                .replace("Signature=", "Signature = ");
        for (String authorization : List.of(tight, loose, "  " + AUTHZ + "  ")) {
            SigV4Signature sig = parse(headers("authorization", authorization, "x-amz-date", "20150830T123600Z"),
                    Map.of());
            assertThat(sig.signedHeaders()).as(authorization).containsExactly("host", "x-amz-date");
            assertThat(sig.signature()).as(authorization).startsWith("5fa00fa3");
            assertThat(sig.accessKeyId()).as(authorization).isEqualTo("AKIDEXAMPLE");
        }
    }

    @Test
    void dateHeaderStandsInForXAmzDate() {
        SigV4Signature sig = parse(headers("authorization", AUTHZ, "date", "Mon, 09 Sep 2011 23:36:00 GMT"), Map.of());
        assertThat(sig.amzDate()).as("the 2011 suite's weekday is wrong; it is ignored").isEqualTo("20110909T233600Z");
        SigV4Signature right = parse(headers("authorization", AUTHZ, "date", "Fri, 24 May 2013 00:00:00 GMT"), Map.of());
        assertThat(right.amzDate()).isEqualTo("20130524T000000Z");
        SigV4Signature both = parse(headers("authorization", AUTHZ, "date", "Mon, 09 Sep 2011 23:36:00 GMT",
                "x-amz-date", "20150830T123600Z"), Map.of());
        assertThat(both.amzDate()).isEqualTo("20150830T123600Z");
    }

    @Test
    void sessionTokenFromHeader() {
        SigV4Signature sig = parse(headers("authorization", AUTHZ, "x-amz-date", "20150830T123600Z",
                "x-amz-security-token", "session-token"), Map.of());
        assertThat(sig.sessionToken()).isEqualTo("session-token");
    }

    @Test
    void presignedQueryForm() {
        SigV4Signature sig = parse(headers("host", "examplebucket.s3.amazonaws.com"),
                SigV4VerifierTest.decode(PRESIGNED));
        assertThat(sig.presigned()).isTrue();
        assertThat(sig.accessKeyId()).isEqualTo("AKIAIOSFODNN7EXAMPLE");
        assertThat(sig.scope()).isEqualTo("20130524/us-east-1/s3/aws4_request");
        assertThat(sig.service()).isEqualTo("s3");
        assertThat(sig.signedHeaders()).containsExactly("host");
        assertThat(sig.amzDate()).isEqualTo("20130524T000000Z");
        assertThat(sig.expiresSeconds()).isEqualTo(86400);
        assertThat(sig.sessionToken()).isEqualTo("FQoGZXIvYXdz+token==");
        assertThat(sig.signature()).startsWith("aeeed9bb");
    }

    @Test
    void anonymousRequestHasNoSignature() {
        assertThat(SigV4Parser.parse(Map.of(), Map.of())).isNull();
        assertThat(SigV4Parser.parse(headers("host", "example.amazonaws.com", "x-amz-date", "20150830T123600Z"),
                SigV4VerifierTest.decode("prefix=a&X-Amz-Security-Token=t"))).isNull();
    }

    @Test
    void otherSchemeIsAnIncompleteSignature() {
        String v2 = "AWS AKIDEXAMPLE:frJIUN8DYpKDtOLCwo//yllqDzg=";
        assertIncomplete(headers("authorization", v2, "date", "Mon, 09 Sep 2011 23:36:00 GMT"),
                "Authorization header requires 'Credential' parameter. "
                        + "Authorization header requires 'Signature' parameter. "
                        + "Authorization header requires 'SignedHeaders' parameter. Authorization=" + v2);
    }

    @Test
    void missingPartsAreNamed() {
        String noSignature = AUTHZ.substring(0, AUTHZ.indexOf(", Signature="));
        assertIncomplete(headers("authorization", noSignature, "x-amz-date", "20150830T123600Z"),
                "Authorization header requires 'Signature' parameter. Authorization=" + noSignature);
        assertIncomplete(headers("authorization", AUTHZ),
                "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. Authorization="
                        + AUTHZ);
        assertIncomplete(headers("authorization", "AWS4-HMAC-SHA256", "x-amz-date", "20150830T123600Z"),
                "Authorization header requires 'Credential' parameter. ");
    }

    @Test
    void badCredentialScope() {
        assertIncomplete(headers("authorization", AUTHZ.replace("/us-east-1/service/aws4_request", "/us-east-1"),
                "x-amz-date", "20150830T123600Z"), "Credential should be scoped to a valid region.");
        assertIncomplete(headers("authorization", AUTHZ.replace("Credential=AKIDEXAMPLE", "Credential=AKIDEXAMPLE/x"),
                "x-amz-date", "20150830T123600Z"), "Credential should be scoped to a valid region.");
        assertIncomplete(headers("authorization", AUTHZ.replace("aws4_request", "aws4_reqest"),
                "x-amz-date", "20150830T123600Z"),
                "Credential should be scoped with a valid terminator: 'aws4_request', not 'aws4_reqest'.");
        assertIncomplete(headers("authorization", AUTHZ.replace("/20150830/", "/2015-08-30/"),
                "x-amz-date", "20150830T123600Z"), "Credential should be scoped to a valid date");
    }

    @Test
    void badDate() {
        assertIncomplete(headers("authorization", AUTHZ, "x-amz-date", "2015-08-30T12:36:00Z"),
                "Date must be in ISO-8601 'basic format'. Got '2015-08-30T12:36:00Z'.");
        assertIncomplete(headers("authorization", AUTHZ, "date", "yesterday"),
                "Date must be in ISO-8601 'basic format'. Got 'yesterday'.");
    }

    @Test
    void presignedMissingOrBadParameters() {
        assertIncomplete(Map.of(), SigV4VerifierTest.decode(PRESIGNED.replaceAll("&X-Amz-Signature=[0-9a-f]+", "")),
                "AWS query-string parameters must include 'X-Amz-Signature'.");
        assertIncomplete(Map.of(), SigV4VerifierTest.decode(PRESIGNED.replace("X-Amz-Expires=86400&", "")),
                "AWS query-string parameters must include 'X-Amz-Expires'.");
        assertIncomplete(Map.of(), SigV4VerifierTest.decode(PRESIGNED.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1")),
                "X-Amz-Algorithm only supports");
        assertIncomplete(Map.of(), SigV4VerifierTest.decode(PRESIGNED.replace("86400", "a-day")),
                "X-Amz-Expires should be a number");
        assertIncomplete(Map.of(), SigV4VerifierTest.decode(PRESIGNED.replace("86400", "604801")),
                "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        assertIncomplete(Map.of(), SigV4VerifierTest.decode(PRESIGNED.replace("%2Fs3%2Faws4_request", "")),
                "Credential should be scoped to a valid region.");
    }

    @Test
    void s3RefusesMalformedClaimsWithItsOwnCodes() {
        String amzDate = "20150830T123600Z";
        assertS3(headers("authorization", "Bearer abc", "x-amz-date", amzDate), Map.of(), "InvalidArgument", 400,
                "Unsupported Authorization Type");
        assertS3(headers("authorization", AUTHZ.substring(0, AUTHZ.indexOf(", Signature=")), "x-amz-date", amzDate),
                Map.of(), "AuthorizationHeaderMalformed", 400, "The authorization header is malformed; the authorization "
                        + "header requires three components: Credential, SignedHeaders, and Signature.");
        assertS3(headers("authorization", AUTHZ), Map.of(), "AccessDenied", 403,
                "AWS authentication requires a valid Date or x-amz-date header");
        assertS3(headers("authorization", AUTHZ, "x-amz-date", "2015-08-30"), Map.of(), "AccessDenied", 403,
                "AWS authentication requires a valid Date or x-amz-date header");
        assertS3(headers("authorization", AUTHZ.replace("/us-east-1/service/aws4_request", "/us-east-1"),
                "x-amz-date", amzDate), Map.of(), "AuthorizationHeaderMalformed", 400, "The authorization header is "
                        + "malformed; the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        assertS3(headers("authorization", AUTHZ.replace("aws4_request", "aws4_reqest"), "x-amz-date", amzDate), Map.of(),
                "AuthorizationHeaderMalformed", 400,
                "The authorization header is malformed; incorrect terminal \"aws4_reqest\". This endpoint uses \"aws4_request\".");
    }

    @Test
    void s3RefusesMalformedPresignedUrlsWithAuthorizationQueryParametersError() {
        String required = "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                + "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.";
        assertS3Query(PRESIGNED.replaceAll("&X-Amz-Signature=[0-9a-f]+", ""), required);
        assertS3Query(PRESIGNED.replace("X-Amz-Expires=86400&", ""), required);
        assertS3Query(PRESIGNED.replace("AWS4-HMAC-SHA256", "AWS4-HMAC-SHA1"), "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"");
        assertS3Query(PRESIGNED.replace("86400", "a-day"), "X-Amz-Expires should be a number");
        assertS3Query(PRESIGNED.replace("86400", "-1"), "X-Amz-Expires must be non-negative");
        assertS3Query(PRESIGNED.replace("86400", "0"), "X-Amz-Expires must be at least 1 second");
        assertS3Query(PRESIGNED.replace("86400", "604801"), "X-Amz-Expires must be less than a week (in seconds) that is 604800");
        assertS3Query(PRESIGNED.replace("20130524T000000Z", "2013-05-24"),
                "X-Amz-Date must be in the ISO8601 Long Format \"yyyyMMdd'T'HHmmss'Z'\"");
        assertS3Query(PRESIGNED.replace("%2Fs3%2Faws4_request", ""), "Error parsing the X-Amz-Credential parameter; "
                + "the Credential is mal-formed; expecting \"<YOUR-AKID>/YYYYMMDD/REGION/SERVICE/aws4_request\".");
        // the limits themselves are accepted
        assertThat(SigV4Parser.parse(Map.of(), SigV4VerifierTest.decode(PRESIGNED.replace("86400", "604800")),
                Protocol.REST_XML).expiresSeconds()).isEqualTo(604800);
        assertThat(SigV4Parser.parse(Map.of(), SigV4VerifierTest.decode(PRESIGNED.replace("86400", "1")),
                Protocol.REST_XML).expiresSeconds()).isEqualTo(1);
    }

    private static void assertS3Query(String rawQuery, String message) {
        assertS3(Map.of(), SigV4VerifierTest.decode(rawQuery), "AuthorizationQueryParametersError", 400, message);
    }

    private static void assertS3(Map<String, List<String>> headers, Map<String, List<String>> query, String code,
            int status, String message) {
        assertThatThrownBy(() -> SigV4Parser.parse(headers, query, Protocol.REST_XML))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.status()).isEqualTo(status);
                    assertThat(e.getMessage()).isEqualTo(message);
                });
    }

    private static SigV4Signature parse(Map<String, List<String>> headers, Map<String, List<String>> query) {
        return Objects.requireNonNull(SigV4Parser.parse(headers, query));
    }

    private static void assertIncomplete(Map<String, List<String>> headers, String messageStart) {
        assertIncomplete(headers, Map.of(), messageStart);
    }

    private static void assertIncomplete(Map<String, List<String>> headers, Map<String, List<String>> query,
            String messageStart) {
        assertThatThrownBy(() -> SigV4Parser.parse(headers, query))
                .isInstanceOfSatisfying(AwsException.class, e -> {
                    assertThat(e.code()).isEqualTo("IncompleteSignatureException");
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.getMessage()).startsWith(messageStart);
                });
    }

    private static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return headers;
    }
}
