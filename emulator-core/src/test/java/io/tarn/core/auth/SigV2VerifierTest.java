package io.tarn.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * SigV2 string-to-sign and signature against the examples of AWS's "Signing and authenticating
 * REST requests (AWS signature version 2)" page, whose signatures were made by S3's own signer.
 */
final class SigV2VerifierTest {

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    private static SigV2Signature header(String signature, String resource) {
        return new SigV2Signature("AKIAIOSFODNN7EXAMPLE", signature, null, null, resource, null);
    }

    private static Map<String, List<String>> headers(String... nameValues) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            headers.computeIfAbsent(nameValues[i], n -> new java.util.ArrayList<>()).add(nameValues[i + 1]);
        }
        return headers;
    }

    private static void assertSigned(SigV2Signature sig, String method, Map<String, List<String>> headers, String rawQuery,
            String expectedStringToSign) {
        String stringToSign = SigV2Verifier.stringToSign(sig, method, headers, rawQuery);
        assertThat(stringToSign).isEqualTo(expectedStringToSign);
        assertThat(SigV2Verifier.verify(sig, SECRET, stringToSign)).as("signature of %s", stringToSign).isTrue();
        assertThat(SigV2Verifier.verify(sig, "another secret", stringToSign)).isFalse();
    }

    @Test
    void objectGetVirtualHosted() {
        // Host: awsexamplebucket1.us-west-1.s3.amazonaws.com, GET /photos/puppy.jpg
        assertSigned(header("qgk2+6Sv9/oM7G3qLEjTH1a1l1g=", "/awsexamplebucket1/photos/puppy.jpg"), "GET",
                headers("host", "awsexamplebucket1.us-west-1.s3.amazonaws.com", "date", "Tue, 27 Mar 2007 19:36:42 +0000"),
                "", "GET\n\n\nTue, 27 Mar 2007 19:36:42 +0000\n/awsexamplebucket1/photos/puppy.jpg");
    }

    @Test
    void objectPutWithContentType() {
        assertSigned(header("iqRzw+ileNPu1fhspnRs8nOjjIA=", "/awsexamplebucket1/photos/puppy.jpg"), "PUT",
                headers("content-type", "image/jpeg", "content-length", "94328", "date", "Tue, 27 Mar 2007 21:15:45 +0000"),
                "", "PUT\n\nimage/jpeg\nTue, 27 Mar 2007 21:15:45 +0000\n/awsexamplebucket1/photos/puppy.jpg");
    }

    @Test
    void listingKeepsOnlySignedSubresources() {
        // GET /?prefix=photos&max-keys=50&marker=puppy: listing parameters are not part of the resource
        assertSigned(header("m0WP8eCtspQl5Ahe6L1SozdX9YA=", "/awsexamplebucket1/"), "GET",
                headers("user-agent", "Mozilla/5.0", "date", "Tue, 27 Mar 2007 19:42:41 +0000"),
                "prefix=photos&max-keys=50&marker=puppy", "GET\n\n\nTue, 27 Mar 2007 19:42:41 +0000\n/awsexamplebucket1/");
        assertSigned(header("82ZHiFIjc+WbcwFKGUVEQspPn+0=", "/awsexamplebucket1/"), "GET",
                headers("date", "Tue, 27 Mar 2007 19:44:46 +0000"), "acl",
                "GET\n\n\nTue, 27 Mar 2007 19:44:46 +0000\n/awsexamplebucket1/?acl");
    }

    @Test
    void deleteListAllBucketsAndAnEncodedPath() {
        assertSigned(header("XbyTlbQdu9Xw5o8P4iMwPktxQd8=", "/awsexamplebucket1/photos/puppy.jpg"), "DELETE",
                headers("date", "Tue, 27 Mar 2007 21:20:26 +0000"), "",
                "DELETE\n\n\nTue, 27 Mar 2007 21:20:26 +0000\n/awsexamplebucket1/photos/puppy.jpg");
        assertSigned(header("qGdzdERIC03wnaRNKh6OqZehG9s=", "/"), "GET",
                headers("date", "Wed, 28 Mar 2007 01:29:59 +0000"), "", "GET\n\n\nWed, 28 Mar 2007 01:29:59 +0000\n/");
        // the path is signed exactly as sent, escapes and their case included
        assertSigned(header("DNEZGsoieTZ92F3bUfSPQcbGmlM=", "/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re"), "GET",
                headers("date", "Wed, 28 Mar 2007 01:49:49 +0000"), "",
                "GET\n\n\nWed, 28 Mar 2007 01:49:49 +0000\n/dictionary/fran%C3%A7ais/pr%c3%a9f%c3%a8re");
    }

    @Test
    void amzHeadersAreSortedJoinedAndUnfolded() {
        SigV2Signature sig = header("x", "/static.example.com/db-backup.dat.gz");
        String stringToSign = SigV2Verifier.stringToSign(sig, "PUT", headers(
                "content-md5", "4gJE4saaMU4BqNR0kLY+lw==", "content-type", "application/x-download",
                "date", "Tue, 27 Mar 2007 21:06:08 +0000", "x-amz-meta-reviewedby", "email@example.com",
                "x-amz-meta-reviewedby", "jane@example.com", "x-amz-meta-filechecksum", "0x02661779",
                "x-amz-meta-checksumalgorithm", "crc32", "x-amz-acl", "public-read",
                "x-amz-meta-folded", "first\r\n   second"), "");
        assertThat(stringToSign).isEqualTo("PUT\n4gJE4saaMU4BqNR0kLY+lw==\napplication/x-download\n"
                + "Tue, 27 Mar 2007 21:06:08 +0000\nx-amz-acl:public-read\nx-amz-meta-checksumalgorithm:crc32\n"
                + "x-amz-meta-filechecksum:0x02661779\nx-amz-meta-folded:first second\n"
                + "x-amz-meta-reviewedby:email@example.com,jane@example.com\n/static.example.com/db-backup.dat.gz");
        // with x-amz-date, the Date line is empty and x-amz-date is signed as an amz header
        assertThat(SigV2Verifier.stringToSign(header("x", "/b/k"), "GET",
                headers("date", "ignored", "x-amz-date", "Tue, 27 Mar 2007 21:20:26 +0000"), ""))
                .isEqualTo("GET\n\n\n\nx-amz-date:Tue, 27 Mar 2007 21:20:26 +0000\n/b/k");
    }

    @Test
    void presignedUrlsSignExpiresAndTheirAmzQueryParameters() {
        SigV2Signature sig = new SigV2Signature("AKIAIOSFODNN7EXAMPLE", "x", Instant.ofEpochSecond(1175139620),
                "1175139620", "/awsexamplebucket1/photos/puppy.jpg", null);
        String rawQuery = "versionId=3%2F4&response-content-type=text%2Fplain&x-amz-meta-owner=Jane%20Doe"
                + "&AWSAccessKeyId=AKIAIOSFODNN7EXAMPLE&Signature=x&Expires=1175139620&uploads";
        assertThat(SigV2Verifier.stringToSign(sig, "GET", headers(), rawQuery)).isEqualTo("GET\n\n\n1175139620\n"
                + "x-amz-meta-owner:Jane Doe\n/awsexamplebucket1/photos/puppy.jpg"
                + "?response-content-type=text/plain&uploads&versionId=3/4");
    }
}
