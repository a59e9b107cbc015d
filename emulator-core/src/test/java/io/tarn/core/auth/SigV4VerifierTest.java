package io.tarn.core.auth;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SigV4 against AWS's published test suite (src/test/resources/sigv4, see its README) and the
 * S3 API reference's worked examples.
 */
final class SigV4VerifierTest {

    private static final String SUITE_SECRET = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    private static final String S3_SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String EMPTY_SHA256 = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855";

    // ---- the aws-sig-v4-test-suite ----

    @Test
    void suiteHasTheCasesWeRelyOn() throws Exception {
        List<String> names = vectors().map(Vector::toString).toList();
        assertThat(names).hasSizeGreaterThanOrEqualTo(25).contains(
                "get-vanilla", "get-vanilla-query-order-key-case", "get-header-value-trim",
                "get-header-value-multiline", "get-utf8", "get-vanilla-utf8-query", "post-x-www-form-urlencoded",
                "normalize-path/get-space", "normalize-path/get-slashes", "normalize-path/get-relative-relative",
                "post-sts-token/post-sts-header-before", "post-sts-token/post-sts-header-after",
                "botocore-double-encode/get-utf8");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void canonicalRequestMatches(Vector v) throws IOException {
        RawRequest req = v.request();
        SigV4Signature sig = v.signature(req);
        String creq = SigV4Verifier.canonicalRequest(req.method, req.path, req.query, req.headers,
                sig.signedHeaders(), SigV4Verifier.sha256Hex(req.body), true);
        assertThat(creq).isEqualTo(v.read("creq"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void stringToSignMatches(Vector v) throws IOException {
        RawRequest req = v.request();
        SigV4Signature sig = v.signature(req);
        assertThat(SigV4Verifier.stringToSign(sig.amzDate(), sig.scope(), v.read("creq"))).isEqualTo(v.read("sts"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void publishedSignatureVerifies(Vector v) throws IOException {
        RawRequest req = v.request();
        SigV4Signature sig = v.signature(req);
        assertThat(SigV4Verifier.sign(SUITE_SECRET, sig, v.read("creq"))).isEqualTo(sig.signature());
        assertThat(verify(sig, SUITE_SECRET, req)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void tamperedRequestFails(Vector v) throws IOException {
        RawRequest req = v.request();
        SigV4Signature sig = v.signature(req);
        assertThat(verify(sig, "not-the-secret", req)).as("wrong secret").isFalse();

        RawRequest otherHost = v.request();
        otherHost.headers.put("host", new ArrayList<>(List.of("evil.example.com")));
        assertThat(verify(sig, SUITE_SECRET, otherHost)).as("signed header changed").isFalse();

        RawRequest otherBody = v.request();
        otherBody.body = (new String(req.body, StandardCharsets.UTF_8) + "x").getBytes(StandardCharsets.UTF_8);
        assertThat(verify(sig, SUITE_SECRET, otherBody)).as("body changed").isFalse();

        RawRequest otherMethod = v.request();
        otherMethod.method = req.method.equals("GET") ? "PUT" : "GET";
        assertThat(verify(sig, SUITE_SECRET, otherMethod)).as("method changed").isFalse();
    }

    /** post-sts-header-after: the token travels unsigned, added after signing. */
    @Test
    void tokenAddedAfterSigningStillVerifiesAndIsRead() throws Exception {
        Vector v = vectors().filter(x -> x.toString().endsWith("post-sts-header-after")).findFirst().orElseThrow();
        RawRequest signed = RawRequest.parse(v.read("sreq"));
        SigV4Signature sig = Objects.requireNonNull(SigV4Parser.parse(signed.headers, decode(signed.query)));
        assertThat(sig.sessionToken()).startsWith("AQoDYXdzEPT//////////wEXAMPLE").endsWith("oLxBA==");
        assertThat(sig.signedHeaders()).containsExactly("host", "x-amz-date");
        assertThat(verify(sig, SUITE_SECRET, signed)).isTrue();
    }

    @Test
    void signedTokenIsPartOfTheSignature() throws Exception {
        Vector v = vectors().filter(x -> x.toString().endsWith("post-sts-header-before")).findFirst().orElseThrow();
        RawRequest req = v.request();
        SigV4Signature sig = v.signature(req);
        assertThat(sig.sessionToken()).isNotNull();
        req.headers.put("x-amz-security-token", new ArrayList<>(List.of("another-token")));
        assertThat(verify(sig, SUITE_SECRET, req)).isFalse();
    }

    // ---- path encoding: what the SDKs do on the wire ----

    /**
     * SDK v2 signs {@code urlEncodeIgnoreSlashes(wirePath)} for non-S3 services, so an escape in
     * the path is escaped again: a Lambda Invoke by ARN is the everyday case.
     */
    @Test
    void nonS3PathIsEncodedOnceMoreAsSent() {
        String wire = "/2015-03-31/functions/arn%3Aaws%3Alambda%3Aus-east-1%3A123456789012%3Afunction%3Af/invocations";
        assertThat(canonicalUri(wire, "", true))
                .isEqualTo("/2015-03-31/functions/arn%253Aaws%253Alambda%253Aus-east-1%253A123456789012"
                        + "%253Afunction%253Af/invocations");
        assertThat(canonicalUri("/a%20b/%E1%88%B4/c+d*e", "", true)).isEqualTo("/a%2520b/%25E1%2588%25B4/c%2Bd%2Ae");
    }

    /** SDK v2 and botocore sign an S3 key exactly as they encoded it on the wire. */
    @Test
    void s3PathIsSignedAsSent() {
        String wire = "/bucket/my%20key%2Bplus%2A/%E1%88%B4~/a//b/./c/../d";
        assertThat(canonicalUri(wire, "", false)).isEqualTo(wire);
        assertThat(canonicalUri("", "", false)).isEqualTo("/");
        assertThat(canonicalUri("", "", true)).isEqualTo("/");
    }

    @Test
    void normalizationFollowsTheSuiteAndSdkV2() {
        assertThat(canonicalUri("/foo/bar/.", "", true)).isEqualTo("/foo/bar");
        assertThat(canonicalUri("/foo/bar/..", "", true)).isEqualTo("/foo");
        assertThat(canonicalUri("/a/./b/../c/", "", true)).isEqualTo("/a/c/");
        assertThat(canonicalUri("/%2E%2E/a", "", true)).isEqualTo("/%252E%252E/a");
        assertThat(canonicalUri("/../x", "", true)).isEqualTo("/x");
    }

    /** java.net.URI#normalize, which SDK v2 uses, keeps a ".." above the root; botocore drops it. */
    @Test
    void dotDotAboveRootVerifiesEitherWay() {
        Map<String, List<String>> headers = suiteHeaders();
        SigV4Signature sig = suiteSig(List.of("host", "x-amz-date"), "");
        String sdkV2Creq = "GET\n/../x\n\nhost:example.amazonaws.com\nx-amz-date:20150830T123600Z\n\n"
                + "host;x-amz-date\n" + EMPTY_SHA256;
        SigV4Signature signed = withSignature(sig, SigV4Verifier.sign(SUITE_SECRET, sig, sdkV2Creq));
        assertThat(SigV4Verifier.verify(signed, SUITE_SECRET, "GET", "/../x", "", headers, EMPTY_SHA256)).isTrue();
    }

    /** Some S3 clients leave reserved characters unescaped; the canonical form escapes them. */
    @Test
    void s3PathWithUnescapedReservedCharactersVerifies() {
        Map<String, List<String>> headers = suiteHeaders();
        SigV4Signature sig = new SigV4Signature("AKIDEXAMPLE", "20150830", "us-east-1", "s3",
                List.of("host", "x-amz-date"), "", "20150830T123600Z", false, 0, null);
        String creq = SigV4Verifier.canonicalRequest("GET", "/bucket/a%3Db%40c", "", headers, sig.signedHeaders(),
                EMPTY_SHA256, false);
        SigV4Signature signed = withSignature(sig, SigV4Verifier.sign(SUITE_SECRET, sig, creq));
        assertThat(SigV4Verifier.verify(signed, SUITE_SECRET, "GET", "/bucket/a%3Db%40c", "", headers, EMPTY_SHA256))
                .isTrue();
        assertThat(SigV4Verifier.verify(signed, SUITE_SECRET, "GET", "/bucket/a=b@c", "", headers, EMPTY_SHA256))
                .isTrue();
        assertThat(SigV4Verifier.verify(signed, SUITE_SECRET, "GET", "/bucket/a=b@d", "", headers, EMPTY_SHA256))
                .isFalse();
    }

    // ---- query ----

    @Test
    void queryIsDecodedReencodedAndSorted() {
        assertThat(canonicalQuery("b=%7e&a=x%2fy&c&a=x%2Fa&=skipped&&sp=a%20b&u=%E1%88%B4"))
                .isEqualTo("a=x%2Fa&a=x%2Fy&b=~&c=&sp=a%20b&u=%E1%88%B4");
        assertThat(canonicalQuery("k=a+b")).isEqualTo("k=a%2Bb");
        assertThat(canonicalQuery("bad=%zz%4")).isEqualTo("bad=%25zz%254");
    }

    @Test
    void presignedSignatureIsNotSigned() {
        assertThat(canonicalQuery("X-Amz-Signature=abc&X-Amz-Date=20150830T123600Z"))
                .isEqualTo("X-Amz-Date=20150830T123600Z");
    }

    @Test
    void plusForSpaceFromFormEncodingClientsVerifies() {
        Map<String, List<String>> headers = suiteHeaders();
        SigV4Signature sig = suiteSig(List.of("host", "x-amz-date"), "");
        String creq = SigV4Verifier.canonicalRequest("GET", "/", "q=a%20b", headers, sig.signedHeaders(),
                EMPTY_SHA256, true);
        SigV4Signature signed = withSignature(sig, SigV4Verifier.sign(SUITE_SECRET, sig, creq));
        assertThat(SigV4Verifier.verify(signed, SUITE_SECRET, "GET", "/", "q=a%20b", headers, EMPTY_SHA256)).isTrue();
        assertThat(SigV4Verifier.verify(signed, SUITE_SECRET, "GET", "/", "q=a+b", headers, EMPTY_SHA256)).isTrue();
        assertThat(SigV4Verifier.verify(signed, SUITE_SECRET, "GET", "/", "q=a+c", headers, EMPTY_SHA256)).isFalse();
    }

    // ---- the S3 API reference's worked examples (sig-v4-header-based-auth, sigv4-query-string-auth) ----

    @Test
    void s3GetObjectWithRange() {
        Map<String, List<String>> headers = s3Headers();
        headers.put("range", List.of("bytes=0-9"));
        SigV4Signature sig = s3Sig(List.of("host", "range", "x-amz-content-sha256", "x-amz-date"),
                "f0e8bdb87c964420e857bd35b5d6ed310bd44f0170aba48dd91039c6036bdb41");
        String creq = SigV4Verifier.canonicalRequest("GET", "/test.txt", "", headers, sig.signedHeaders(),
                EMPTY_SHA256, false);
        assertThat(creq).isEqualTo("GET\n/test.txt\n\nhost:examplebucket.s3.amazonaws.com\nrange:bytes=0-9\n"
                + "x-amz-content-sha256:" + EMPTY_SHA256 + "\nx-amz-date:20130524T000000Z\n\n"
                + "host;range;x-amz-content-sha256;x-amz-date\n" + EMPTY_SHA256);
        assertThat(SigV4Verifier.stringToSign(sig.amzDate(), sig.scope(), creq)).endsWith(
                "\n20130524/us-east-1/s3/aws4_request\n7344ae5b7ee6c3e7e6b0fe0640412a37625d1fbfff95c48bbb2dc43964946972");
        assertThat(SigV4Verifier.verify(sig, S3_SECRET, "GET", "/test.txt", "", headers, EMPTY_SHA256)).isTrue();
    }

    /** The key "test$file.text" goes on the wire, and into the signature, as test%24file.text. */
    @Test
    void s3PutObjectWithEscapedKey() {
        String body = "Welcome to Amazon S3.";
        String payloadHash = SigV4Verifier.sha256Hex(body.getBytes(StandardCharsets.UTF_8));
        assertThat(payloadHash).isEqualTo("44ce7dd67c959e0d3524ffac1771dfbba87d2b6b4b4e99e42034a8b803f8b072");
        Map<String, List<String>> headers = s3Headers();
        headers.put("date", List.of("Fri, 24 May 2013 00:00:00 GMT"));
        headers.put("x-amz-content-sha256", List.of(payloadHash));
        headers.put("x-amz-storage-class", List.of("REDUCED_REDUNDANCY"));
        SigV4Signature sig = s3Sig(List.of("date", "host", "x-amz-content-sha256", "x-amz-date", "x-amz-storage-class"),
                "98ad721746da40c64f1a55b78f14c238d841ea1380cd77a1b5971af0ece108bd");
        assertThat(SigV4Verifier.verify(sig, S3_SECRET, "PUT", "/test%24file.text", "", headers, payloadHash)).isTrue();
    }

    @Test
    void s3GetBucketLifecycleAndListObjects() {
        List<String> signed = List.of("host", "x-amz-content-sha256", "x-amz-date");
        SigV4Signature lifecycle = s3Sig(signed, "fea454ca298b7da1c68078a5d1bdbfbbe0d65c699e0f91ac7a200a0136783543");
        assertThat(SigV4Verifier.verify(lifecycle, S3_SECRET, "GET", "/", "lifecycle", s3Headers(), EMPTY_SHA256))
                .isTrue();
        SigV4Signature list = s3Sig(signed, "34b48302e7b5fa45bde8084f4b7868a86f0a534bc59db6670ed5711ef69dc6f7");
        assertThat(SigV4Verifier.verify(list, S3_SECRET, "GET", "/", "prefix=J&max-keys=2", s3Headers(), EMPTY_SHA256))
                .isTrue();
    }

    @Test
    void s3PresignedGet() {
        String rawQuery = "X-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host"
                + "&X-Amz-Signature=aeeed9bbccd4d02ee5c0109b86d86835f995330da4c265957d157751f604d404";
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("examplebucket.s3.amazonaws.com"));
        SigV4Signature sig = Objects.requireNonNull(SigV4Parser.parse(headers, decode(rawQuery)));
        assertThat(sig.presigned()).isTrue();
        assertThat(sig.expiresSeconds()).isEqualTo(86400);

        String creq = SigV4Verifier.canonicalRequest("GET", "/test.txt", rawQuery, headers, sig.signedHeaders(),
                "UNSIGNED-PAYLOAD", false);
        assertThat(creq).isEqualTo("GET\n/test.txt\nX-Amz-Algorithm=AWS4-HMAC-SHA256"
                + "&X-Amz-Credential=AKIAIOSFODNN7EXAMPLE%2F20130524%2Fus-east-1%2Fs3%2Faws4_request"
                + "&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host\n"
                + "host:examplebucket.s3.amazonaws.com\n\nhost\nUNSIGNED-PAYLOAD");
        assertThat(SigV4Verifier.stringToSign(sig.amzDate(), sig.scope(), creq))
                .endsWith("\n3bfa292879f6447bbcda7001decf97f4a54dc650c8942174ae0a9121cf58ad04");
        assertThat(SigV4Verifier.verify(sig, S3_SECRET, "GET", "/test.txt", rawQuery, headers, "UNSIGNED-PAYLOAD"))
                .isTrue();
        assertThat(SigV4Verifier.verify(sig, S3_SECRET, "GET", "/test.txt",
                rawQuery.replace("X-Amz-Expires=86400", "X-Amz-Expires=86401"), headers, "UNSIGNED-PAYLOAD")).isFalse();
    }

    @Test
    void signingKeyMatchesTheIamExample() {
        // The derived key from the IAM user guide's "deriving the signing key" example.
        assertThat(java.util.HexFormat.of().formatHex(
                SigV4Verifier.signingKey(SUITE_SECRET, "20120215", "us-east-1", "iam")))
                .isEqualTo("f4780e2d9f65fa895f9c67b32ce1baf0b0d8a43505a000a1a9e090d414db404d");
    }

    @Test
    void headerValuesAreTrimmedAndJoined() {
        Map<String, List<String>> headers = suiteHeaders();
        headers.put("x-multi", List.of("  a \t b  ", "", "c"));
        String creq = SigV4Verifier.canonicalRequest("GET", "/", "", headers, List.of("x-multi", "host"),
                EMPTY_SHA256, true);
        assertThat(creq).contains("\nhost:example.amazonaws.com\nx-multi:a b,,c\n\nhost;x-multi\n");
    }

    // ---- helpers ----

    private static boolean verify(SigV4Signature sig, String secret, RawRequest req) {
        return SigV4Verifier.verify(sig, secret, req.method, req.path, req.query, req.headers,
                SigV4Verifier.sha256Hex(req.body));
    }

    private static String canonicalUri(String rawPath, String rawQuery, boolean normalize) {
        return SigV4Verifier.canonicalRequest("GET", rawPath, rawQuery, Map.of(), List.of(), "", normalize)
                .split("\n", -1)[1];
    }

    private static String canonicalQuery(String rawQuery) {
        return SigV4Verifier.canonicalRequest("GET", "/", rawQuery, Map.of(), List.of(), "", true)
                .split("\n", -1)[2];
    }

    private static Map<String, List<String>> suiteHeaders() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("example.amazonaws.com"));
        headers.put("x-amz-date", List.of("20150830T123600Z"));
        return headers;
    }

    private static SigV4Signature suiteSig(List<String> signedHeaders, String signature) {
        return new SigV4Signature("AKIDEXAMPLE", "20150830", "us-east-1", "service", signedHeaders, signature,
                "20150830T123600Z", false, 0, null);
    }

    private static Map<String, List<String>> s3Headers() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("host", List.of("examplebucket.s3.amazonaws.com"));
        headers.put("x-amz-content-sha256", List.of(EMPTY_SHA256));
        headers.put("x-amz-date", List.of("20130524T000000Z"));
        return headers;
    }

    private static SigV4Signature s3Sig(List<String> signedHeaders, String signature) {
        return new SigV4Signature("AKIAIOSFODNN7EXAMPLE", "20130524", "us-east-1", "s3", signedHeaders, signature,
                "20130524T000000Z", false, 0, null);
    }

    private static SigV4Signature withSignature(SigV4Signature s, String signature) {
        return new SigV4Signature(s.accessKeyId(), s.date(), s.region(), s.service(), s.signedHeaders(), signature,
                s.amzDate(), s.presigned(), s.expiresSeconds(), s.sessionToken());
    }

    /** A decoded query map, as the HTTP layer hands it to the parser. */
    static Map<String, List<String>> decode(String rawQuery) {
        Map<String, List<String>> query = new LinkedHashMap<>();
        if (rawQuery.isEmpty()) {
            return query;
        }
        for (String pair : rawQuery.split("&")) {
            int eq = pair.indexOf('=');
            String name = URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8);
            String value = eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            query.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
        }
        return query;
    }

    static Stream<Vector> vectors() throws IOException, URISyntaxException {
        URL url = Objects.requireNonNull(SigV4VerifierTest.class.getResource("/sigv4"), "test resources /sigv4");
        Path root = Path.of(url.toURI());
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".req"))
                    .map(p -> new Vector(root, p))
                    .sorted((a, b) -> a.toString().compareTo(b.toString()))
                    .toList()
                    .stream();
        }
    }

    /** One folder of the suite; named like the folder, relative to /sigv4. */
    record Vector(Path root, Path req) {

        String read(String extension) throws IOException {
            String base = req.getFileName().toString().replaceFirst("\\.req$", "");
            return Files.readString(req.resolveSibling(base + "." + extension), StandardCharsets.UTF_8)
                    .replace("\r\n", "\n");
        }

        RawRequest request() throws IOException {
            return RawRequest.parse(read("req"));
        }

        /** The suite's Authorization header, parsed as a request carrying it would be. */
        SigV4Signature signature(RawRequest req) throws IOException {
            Map<String, List<String>> headers = new LinkedHashMap<>(req.headers);
            headers.put("authorization", List.of(read("authz")));
            return Objects.requireNonNull(SigV4Parser.parse(headers, decode(req.query)));
        }

        @Override
        public String toString() {
            return root.relativize(req.getParent()).toString().replace('\\', '/');
        }
    }

    /** A .req file: request line, headers (folded lines become extra values), blank line, body. */
    static final class RawRequest {
        String method;
        final String path;
        final String query;
        final Map<String, List<String>> headers;
        byte[] body;

        private RawRequest(String method, String path, String query, Map<String, List<String>> headers, byte[] body) {
            this.method = method;
            this.path = path;
            this.query = query;
            this.headers = headers;
            this.body = body;
        }

        static RawRequest parse(String text) {
            String[] headAndBody = text.split("\n\n", 2);
            String[] lines = headAndBody[0].split("\n");
            // The suite writes some paths raw ("/example space/"), so the target runs to the last space.
            String requestLine = lines[0];
            String method = requestLine.substring(0, requestLine.indexOf(' '));
            String target = requestLine.substring(requestLine.indexOf(' ') + 1, requestLine.lastIndexOf(' '));
            int q = target.indexOf('?');
            Map<String, List<String>> headers = new LinkedHashMap<>();
            @Nullable String last = null;
            for (int i = 1; i < lines.length; i++) {
                String line = lines[i];
                if (last != null && (line.startsWith(" ") || line.startsWith("\t"))) {
                    headers.get(last).add(line);
                    continue;
                }
                int colon = line.indexOf(':');
                last = line.substring(0, colon).toLowerCase(Locale.ROOT);
                headers.computeIfAbsent(last, k -> new ArrayList<>()).add(line.substring(colon + 1));
            }
            byte[] body = headAndBody.length > 1 ? headAndBody[1].getBytes(StandardCharsets.UTF_8) : new byte[0];
            return new RawRequest(method, q < 0 ? target : target.substring(0, q), q < 0 ? "" : target.substring(q + 1),
                    headers, body);
        }
    }
}
