package io.tarn.core.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tarn.core.error.AwsException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AwsChunkedDecoderTest {

    // ---- AWS's published example ("sigv4-streaming", Example: PUT Object): 66560 bytes of 'a' ----

    private static final String SECRET = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";
    private static final String AMZ_DATE = "20130524T000000Z";
    private static final String SCOPE = "20130524/us-east-1/s3/aws4_request";
    private static final String DOC_SEED = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9";
    private static final String DOC_CHUNK1 = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648";
    private static final String DOC_CHUNK2 = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497";
    private static final String DOC_FINAL = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9";
    /**
     * The AWS CRT's trailer test vector (aws-crt-swift ChunkSignerTests, same key, date and chunks):
     * trailing headers first:1st, second:2nd, third:3rd signed after {@link #DOC_FINAL}.
     */
    private static final String CRT_TRAILER = "df5735bd9f3295cd9386572292562fefc93ba94e80a0a1ddcbd652c4e0a75e6c";

    // ---- AWS SDK for Java v2 2.40.2 (AwsV4HttpSigner, clock fixed at 2013-05-24T00:00:00Z, same key,
    // CRC32 trailer): 140000 bytes, byte i = i % 251, PUT http://localhost:4566/bucket/key ----

    private static final String SDK_SEED = "e594cdd90c6fa10a04caf33f5b2165f16a43e4603152a69d5a78ebf1b5855ba6";
    private static final String SDK_CHUNK1 = "3c7a6fb7fcdc30f2e92742c9237d63df5fd3b7be6954af2d3b4a32ba338d0a20";
    private static final String SDK_CHUNK2 = "9e24df00edd9e7d20c08fa5d4643f08ad9bc3e8851e5801542d98bffd09c32e2";
    private static final String SDK_FINAL = "71aec832b6c8919ba4a81ba70979b41402e5470eed86b84882bca9c1f029339e";
    private static final String SDK_TRAILER = "daee59bc4b07d8ea554902ddedaaddd6ab1ac3e32538895ec319b3cc76727b51";

    /**
     * botocore 1.43.11's {@code AwsChunkedWrapper} (STREAMING-UNSIGNED-PAYLOAD-TRAILER) with
     * {@code chunk_size=64} and a CRC32 checksum, over the first 150 bytes of four quick brown foxes.
     */
    private static final String BOTOCORE_CRC32 = "40\r\nThe quick brown fox jumps over the lazy dog. The quick brown fox\r\n"
            + "40\r\n jumps over the lazy dog. The quick brown fox jumps over the laz\r\n"
            + "16\r\ny dog. The quick brown\r\n"
            + "0\r\nx-amz-checksum-crc32:zOAO6w==\r\n\r\n";
    /** The same with a SHA256 checksum. */
    private static final String BOTOCORE_SHA256 = "40\r\nThe quick brown fox jumps over the lazy dog. The quick brown fox\r\n"
            + "40\r\n jumps over the lazy dog. The quick brown fox jumps over the laz\r\n"
            + "16\r\ny dog. The quick brown\r\n"
            + "0\r\nx-amz-checksum-sha256:DcCRc80lwDpy6nJiIFPSGdPHE7z4kJ30GKutfueOyKY=\r\n\r\n";
    private static final String FOXES = ("The quick brown fox jumps over the lazy dog. ".repeat(4)).substring(0, 150);

    private static final AwsChunkedDecoder.ChunkSigner SIGNER =
            AwsChunkedDecoder.signer(SigV4Verifier.signingKey(SECRET, "20130524", "us-east-1", "s3"), AMZ_DATE, SCOPE);

    // ---- vectors ----

    @Test
    void theDocExampleSeedIsTheRequestSignature() {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        headers.put("content-encoding", List.of("aws-chunked"));
        headers.put("content-length", List.of("66824"));
        headers.put("host", List.of("s3.amazonaws.com"));
        headers.put("x-amz-content-sha256", List.of("STREAMING-AWS4-HMAC-SHA256-PAYLOAD"));
        headers.put("x-amz-date", List.of(AMZ_DATE));
        headers.put("x-amz-decoded-content-length", List.of("66560"));
        headers.put("x-amz-storage-class", List.of("REDUCED_REDUNDANCY"));
        String canonical = SigV4Verifier.canonicalRequest("PUT", "/examplebucket/chunkObject.txt", "", headers,
                List.copyOf(headers.keySet()), "STREAMING-AWS4-HMAC-SHA256-PAYLOAD", false);
        SigV4Signature sig = new SigV4Signature("AKIAIOSFODNN7EXAMPLE", "20130524", "us-east-1", "s3",
                List.copyOf(headers.keySet()), DOC_SEED, AMZ_DATE, false, 0, null);
        assertThat(SigV4Verifier.sign(SECRET, sig, canonical)).isEqualTo(DOC_SEED);
    }

    @Test
    void theSignerComputesTheDocExampleChunkSignatures() {
        assertThat(SIGNER.chunkSignature(DOC_SEED, sha256(aaa(65536)))).isEqualTo(DOC_CHUNK1);
        assertThat(SIGNER.chunkSignature(DOC_CHUNK1, sha256(aaa(1024)))).isEqualTo(DOC_CHUNK2);
        assertThat(SIGNER.chunkSignature(DOC_CHUNK2, sha256(new byte[0]))).isEqualTo(DOC_FINAL);
    }

    @Test
    void theSignerComputesTheCrtTrailerSignature() {
        byte[] canonical = "first:1st\nsecond:2nd\nthird:3rd\n".getBytes(StandardCharsets.US_ASCII);
        assertThat(SIGNER.trailerSignature(DOC_FINAL, sha256(canonical))).isEqualTo(CRT_TRAILER);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2, 3, 63, 64, 65, 1000, 65536, 65537, 1 << 20})
    void decodesTheDocExampleInStrictMode(int split) {
        Decoded d = decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), docBody(), split);
        assertThat(d.payload).isEqualTo(aaa(66560));
        assertThat(d.trailers).isEmpty();
        assertThat(d.length).isEqualTo(66560);
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 5, 4096, 1 << 20})
    void decodesTheDocExampleWithTheCrtTrailerInStrictMode(int split) {
        byte[] body = concat(docChunks(), ascii("first:1st\r\nsecond:2nd\r\nthird:3rd\r\n"
                + "x-amz-trailer-signature:" + CRT_TRAILER + "\r\n\r\n"));
        Decoded d = decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), body, split);
        assertThat(d.payload).isEqualTo(aaa(66560));
        assertThat(d.trailers).containsExactly(Map.entry("first", "1st"), Map.entry("second", "2nd"), Map.entry("third", "3rd"));
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 13, 8192, 1 << 20})
    void decodesTheSdkV2SignedTrailerBodyInStrictMode(int split) {
        Decoded d = decode(AwsChunkedDecoder.signed(SDK_SEED, SIGNER), sdkBody(), split);
        assertThat(d.payload).isEqualTo(pattern(140_000));
        assertThat(d.trailers).containsExactly(Map.entry("x-amz-checksum-crc32", "xFLekQ=="));
        assertThat(crc32Base64(d.payload)).isEqualTo("xFLekQ==");
    }

    @Test
    void decodesTheSdkV2UnsignedTrailerBody() {
        // AwsV4HttpSigner with payload signing off over https: STREAMING-UNSIGNED-PAYLOAD-TRAILER
        byte[] body = concat(ascii("12c\r\n"), pattern(300), ascii("\r\n0\r\nx-amz-checksum-crc32:6H9+5A==\r\n\r\n"));
        for (int split = 1; split <= body.length; split++) {
            Decoded d = decode(AwsChunkedDecoder.unsigned(), body, split);
            assertThat(d.payload).isEqualTo(pattern(300));
            assertThat(d.trailers).containsExactly(Map.entry("x-amz-checksum-crc32", "6H9+5A=="));
        }
        assertThat(crc32Base64(pattern(300))).isEqualTo("6H9+5A==");
    }

    @Test
    void decodesBotocoreBodiesAtEverySplitSize() {
        for (String vector : List.of(BOTOCORE_CRC32, BOTOCORE_SHA256)) {
            byte[] body = ascii(vector);
            for (int split = 1; split <= body.length; split++) {
                Decoded d = decode(AwsChunkedDecoder.unsigned(), body, split);
                assertThat(new String(d.payload, StandardCharsets.US_ASCII)).isEqualTo(FOXES);
                assertThat(d.length).isEqualTo(150);
            }
        }
        assertThat(decode(AwsChunkedDecoder.unsigned(), ascii(BOTOCORE_CRC32), 7).trailers)
                .containsExactly(Map.entry("x-amz-checksum-crc32", crc32Base64(ascii(FOXES))));
        assertThat(decode(AwsChunkedDecoder.unsigned(), ascii(BOTOCORE_SHA256), 7).trailers)
                .containsExactly(Map.entry("x-amz-checksum-sha256", Base64.getEncoder().encodeToString(sha256(ascii(FOXES)))));
    }

    @Test
    void decodesWhenSplitInTwoAtEveryPosition() {
        byte[] unsignedBody = ascii(BOTOCORE_CRC32);
        byte[] signedBody = smallSignedBody();
        for (int at = 0; at <= unsignedBody.length; at++) {
            Decoded d = decodeParts(AwsChunkedDecoder.unsigned(), unsignedBody, at);
            assertThat(new String(d.payload, StandardCharsets.US_ASCII)).isEqualTo(FOXES);
            assertThat(d.trailers).containsEntry("x-amz-checksum-crc32", "zOAO6w==");
        }
        for (int at = 0; at <= signedBody.length; at++) {
            Decoded d = decodeParts(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), signedBody, at);
            assertThat(new String(d.payload, StandardCharsets.US_ASCII)).isEqualTo(FOXES);
            assertThat(d.trailers).containsExactly(Map.entry("x-amz-checksum-crc32", "zOAO6w=="));
        }
    }

    @Test
    void decodesASmallSignedBodyAtEverySplitSize() {
        byte[] body = smallSignedBody();
        for (int split = 1; split <= body.length; split++) {
            Decoded d = decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), body, split);
            assertThat(new String(d.payload, StandardCharsets.US_ASCII)).isEqualTo(FOXES);
        }
    }

    // ---- signatures ----

    @Test
    void tamperedChunkDataIsSignatureDoesNotMatchInStrictModeOnly() {
        byte[] body = docBody();
        int inSecondChunk = docBody().length - 200;
        body[inSecondChunk] = 'b';
        assertFails(() -> decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), body, 4096), "SignatureDoesNotMatch", 403);
        // lenient mode parses the signatures and does not check them
        Decoded lenient = decode(AwsChunkedDecoder.unsigned(), body, 4096);
        assertThat(lenient.length).isEqualTo(66560);
    }

    @Test
    void aWrongSeedOrChunkSignatureIsSignatureDoesNotMatch() {
        String otherSeed = "0".repeat(64);
        assertFails(() -> decode(AwsChunkedDecoder.signed(otherSeed, SIGNER), docBody(), 4096), "SignatureDoesNotMatch", 403);
        byte[] body = ascii(new String(docBody(), StandardCharsets.ISO_8859_1).replace(DOC_FINAL, DOC_CHUNK2));
        assertFails(() -> decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), body, 4096), "SignatureDoesNotMatch", 403);
    }

    @Test
    void upperCaseSignaturesAreAccepted() {
        String body = new String(smallSignedBody(), StandardCharsets.ISO_8859_1);
        StringBuilder upper = new StringBuilder();
        for (String part : body.split("chunk-signature=", -1)) {
            upper.append(upper.length() == 0 ? part : "chunk-signature=" + part.substring(0, 64).toUpperCase() + part.substring(64));
        }
        Decoded d = decode(AwsChunkedDecoder.signed(DOC_SEED.toUpperCase(), SIGNER), ascii(upper.toString()), 10);
        assertThat(d.length).isEqualTo(150);
    }

    @Test
    void aWrongOrMissingTrailerSignatureIsSignatureDoesNotMatch() {
        byte[] head = docChunks();
        byte[] wrong = concat(head, ascii("first:1st\r\nsecond:2nd\r\nthird:3rd\r\nx-amz-trailer-signature:" + DOC_FINAL + "\r\n\r\n"));
        assertFails(() -> decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), wrong, 999), "SignatureDoesNotMatch", 403);
        byte[] tamperedValue = concat(head, ascii("first:1st\r\nsecond:2nd\r\nthird:4th\r\nx-amz-trailer-signature:"
                + CRT_TRAILER + "\r\n\r\n"));
        assertFails(() -> decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), tamperedValue, 999), "SignatureDoesNotMatch", 403);
        byte[] missing = concat(head, ascii("first:1st\r\nsecond:2nd\r\nthird:3rd\r\n\r\n"));
        assertFails(() -> decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), missing, 999), "SignatureDoesNotMatch", 403);
        // lenient mode takes them all
        assertThat(decode(AwsChunkedDecoder.unsigned(), wrong, 999).trailers).hasSize(3);
        assertThat(decode(AwsChunkedDecoder.unsigned(), missing, 999).trailers).hasSize(3);
    }

    @Test
    void aSignedStreamChunkWithoutASignatureIsIncompleteBody() {
        assertFails(() -> decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), ascii(BOTOCORE_CRC32), 50), "IncompleteBody", 400);
    }

    @Test
    void unsignedModeToleratesChunkExtensions() {
        String body = "5;chunk-signature=" + DOC_CHUNK1 + "\r\nhello\r\n3;foo=bar;x\r\nabc\r\n0\r\n\r\n";
        Decoded d = decode(AwsChunkedDecoder.unsigned(), ascii(body), 3);
        assertThat(new String(d.payload, StandardCharsets.US_ASCII)).isEqualTo("helloabc");
        assertThat(d.trailers).isEmpty();
    }

    // ---- framing ----

    @Test
    void aBodyCutShortIsIncompleteBody() {
        byte[] body = ascii(BOTOCORE_CRC32);
        int afterFinalChunk = BOTOCORE_CRC32.indexOf("0\r\nx-amz") + 3;
        int afterTrailerLine = BOTOCORE_CRC32.length() - 2;
        for (int cut = 0; cut < body.length; cut++) {
            byte[] prefix = Arrays.copyOf(body, cut);
            if (cut == afterFinalChunk || cut == afterTrailerLine) {
                // ends at a line boundary after the final chunk: only the closing empty line is missing
                assertThat(decode(AwsChunkedDecoder.unsigned(), prefix, 5).length).isEqualTo(150);
            } else {
                assertFails(() -> decode(AwsChunkedDecoder.unsigned(), prefix, 5), "IncompleteBody", 400);
            }
        }
        byte[] signed = smallSignedBody();
        assertFails(() -> decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), Arrays.copyOf(signed, 100), 7), "IncompleteBody", 400);
    }

    @Test
    void aSignedTrailerCutBeforeItsSignatureDoesNotPass() {
        byte[] body = concat(docChunks(), ascii("first:1st\r\nsecond:2nd\r\n"));
        assertFails(() -> decode(AwsChunkedDecoder.signed(DOC_SEED, SIGNER), body, 4096), "SignatureDoesNotMatch", 403);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "zz\r\nab\r\n0\r\n\r\n",              // not hex
        "-2\r\nab\r\n0\r\n\r\n",              // a sign
        "+2\r\nab\r\n0\r\n\r\n",
        " 2\r\nab\r\n0\r\n\r\n",              // whitespace
        "\r\nab\r\n0\r\n\r\n",                // no size
        ";chunk-signature=ab\r\nab\r\n0\r\n\r\n",
        "10000000000000000\r\nab\r\n",        // more than a long
        "2\nab\r\n0\r\n\r\n",                 // bare LF
        "3\r\nabcd\r\n0\r\n\r\n",             // longer than declared
        "3\r\nab\r\n0\r\n\r\n",               // shorter than declared: the CRLF is data, then garbage
        "2\r\nabX\n0\r\n\r\n",                // no CRLF after the data
        "2\r\nab\rX0\r\n\r\n",
        "2\r\nab\r\n0\r\n\r\nextra",          // bytes after the end
        "2\r\nab\r\n0\r\n\r\n\r\n",
    })
    void malformedFramingIsIncompleteBody(String body) {
        for (int split : new int[] {1, 2, 1000}) {
            assertFails(() -> decode(AwsChunkedDecoder.unsigned(), ascii(body), split), "IncompleteBody", 400);
        }
    }

    @Test
    void aHeaderLineLongerThanTheLimitIsIncompleteBody() {
        byte[] body = ascii("1;" + "x".repeat(AwsChunkedDecoder.MAX_LINE) + "\r\na\r\n0\r\n\r\n");
        assertFails(() -> decode(AwsChunkedDecoder.unsigned(), body, 100), "IncompleteBody", 400);
        byte[] justFits = ascii("1;" + "x".repeat(AwsChunkedDecoder.MAX_LINE - 4) + "\r\na\r\n0\r\n\r\n");
        assertThat(decode(AwsChunkedDecoder.unsigned(), justFits, 100).length).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "0\r\nno-colon\r\n\r\n",
        "0\r\n:value\r\n\r\n",
        "0\r\nx-amz-checksum-crc32:a\nb\r\n\r\n", // bare LF
        "0\r\nx-amz-checksum-crc32:AAAAAA==\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", // twice
        "0\r\nx-amz-trailer-signature:abc\r\nx-amz-checksum-crc32:AAAAAA==\r\n\r\n", // after the signature
    })
    void aMalformedTrailerIsMalformedTrailerError(String body) {
        assertFails(() -> decode(AwsChunkedDecoder.unsigned(), ascii(body), 3), "MalformedTrailerError", 400);
    }

    @Test
    void theTrailerIsBounded() {
        String line = "x-amz-meta-" + "v".repeat(100);
        StringBuilder body = new StringBuilder("0\r\n");
        int lines = AwsChunkedDecoder.MAX_TRAILER / (line.length() + 10);
        for (int i = 0; i < lines; i++) {
            body.append(line).append(i).append(":v\r\n");
        }
        assertThat(decode(AwsChunkedDecoder.unsigned(), ascii(body + "\r\n"), 512).trailers).hasSize(lines);
        for (int i = lines; i < lines + 20; i++) {
            body.append(line).append(i).append(":v\r\n");
        }
        assertFails(() -> decode(AwsChunkedDecoder.unsigned(), ascii(body + "\r\n"), 512), "MalformedTrailerError", 400);
        String oneHugeLine = "0\r\nx-amz-meta-a:" + "v".repeat(AwsChunkedDecoder.MAX_TRAILER) + "\r\n\r\n";
        assertFails(() -> decode(AwsChunkedDecoder.unsigned(), ascii(oneHugeLine), 512), "MalformedTrailerError", 400);
    }

    @Test
    void trailerNamesAreLowerCasedAndValuesTrimmed() {
        Decoded d = decode(AwsChunkedDecoder.unsigned(), ascii("0\r\nX-Amz-Checksum-CRC32C: sOO8/Q== \r\nX-B:2\r\n\r\n"), 4);
        assertThat(d.trailers).containsExactly(Map.entry("x-amz-checksum-crc32c", "sOO8/Q=="), Map.entry("x-b", "2"));
    }

    // ---- streaming ----

    @Test
    void chunkDataPassesThroughAsSlicesOfTheInput() {
        int size = 3 << 20;
        byte[] header = ascii(Integer.toHexString(size) + "\r\n");
        AwsChunkedDecoder decoder = AwsChunkedDecoder.unsigned();
        decoder.feed(ByteBuffer.wrap(header), b -> { throw new AssertionError("no payload in a header"); });
        byte[] buffer = new byte[1 << 20];
        List<ByteBuffer> seen = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            ByteBuffer in = ByteBuffer.wrap(buffer);
            decoder.feed(in, seen::add);
            assertThat(in.position()).isZero(); // the caller's position is not moved
        }
        assertThat(seen).hasSize(3).allSatisfy(b -> {
            assertThat(b.hasArray()).isTrue();
            assertThat(b.array()).isSameAs(buffer); // not copied
            assertThat(b.remaining()).isEqualTo(buffer.length);
        });
        decoder.feed(ByteBuffer.wrap(ascii("\r\n0\r\n\r\n")), b -> { throw new AssertionError(); });
        assertThat(decoder.finish()).isEmpty();
        assertThat(decoder.decodedLength()).isEqualTo(size);
    }

    @Test
    void aFailedDecoderStaysFailed() {
        AwsChunkedDecoder decoder = AwsChunkedDecoder.unsigned();
        assertThatThrownBy(() -> decoder.feed(ByteBuffer.wrap(ascii("zz\r\n")), b -> {})).isInstanceOf(AwsException.class);
        assertThatThrownBy(() -> decoder.feed(ByteBuffer.wrap(ascii("0\r\n\r\n")), b -> {})).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(decoder::finish).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void anEmptyBodyIsIncompleteBody() {
        assertFails(() -> decode(AwsChunkedDecoder.unsigned(), new byte[0], 1), "IncompleteBody", 400);
    }

    @Test
    void errorsCarryS3sCodesAndMessages() {
        assertThat(ChunkedBodyErrors.INCOMPLETE_BODY.exception().getMessage()).isEqualTo("The request body terminated unexpectedly");
        assertThat(ChunkedBodyErrors.SIGNATURE_DOES_NOT_MATCH.exception().getMessage()).isEqualTo(
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
        assertThat(ChunkedBodyErrors.MALFORMED_TRAILER.exception().getMessage()).startsWith("The request contained trailing data");
    }

    // ---- helpers ----

    private record Decoded(byte[] payload, Map<String, String> trailers, long length) {}

    /** Feeds {@code body} in pieces of {@code split} bytes, each from a fresh array so nothing leans on shared storage. */
    private static Decoded decode(AwsChunkedDecoder decoder, byte[] body, int split) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int at = 0; at < body.length; at += split) {
            byte[] piece = Arrays.copyOfRange(body, at, Math.min(body.length, at + split));
            decoder.feed(ByteBuffer.wrap(piece), b -> out.write(bytes(b), 0, b.remaining()));
        }
        Map<String, String> trailers = decoder.finish();
        assertThat(decoder.decodedLength()).isEqualTo(out.size());
        return new Decoded(out.toByteArray(), trailers, decoder.decodedLength());
    }

    /** Feeds {@code body} in two pieces, split at {@code at}, the second one a direct buffer with a non-zero position. */
    private static Decoded decodeParts(AwsChunkedDecoder decoder, byte[] body, int at) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        decoder.feed(ByteBuffer.wrap(body, 0, at), b -> out.write(bytes(b), 0, b.remaining()));
        ByteBuffer rest = ByteBuffer.allocateDirect(body.length + 3);
        rest.put(new byte[3]).put(body, at, body.length - at).flip().position(3);
        decoder.feed(rest, b -> out.write(bytes(b), 0, b.remaining()));
        return new Decoded(out.toByteArray(), decoder.finish(), decoder.decodedLength());
    }

    private static byte[] bytes(ByteBuffer b) {
        byte[] copy = new byte[b.remaining()];
        b.duplicate().get(copy);
        return copy;
    }

    private static void assertFails(Runnable decode, String code, int status) {
        assertThatThrownBy(decode::run).isInstanceOfSatisfying(AwsException.class, e -> {
            assertThat(e.code()).isEqualTo(code);
            assertThat(e.status()).isEqualTo(status);
        });
    }

    private static byte[] docBody() {
        return concat(docChunks(), ascii("\r\n"));
    }

    /** The doc example up to and including the final chunk's header line. */
    private static byte[] docChunks() {
        return concat(
                ascii("10000;chunk-signature=" + DOC_CHUNK1 + "\r\n"), aaa(65536), ascii("\r\n"),
                ascii("400;chunk-signature=" + DOC_CHUNK2 + "\r\n"), aaa(1024), ascii("\r\n"),
                ascii("0;chunk-signature=" + DOC_FINAL + "\r\n"));
    }

    /** The SDK v2 body, rebuilt from its framing (checked byte for byte against the SDK's output when generated). */
    private static byte[] sdkBody() {
        byte[] data = pattern(140_000);
        return concat(
                ascii("20000;chunk-signature=" + SDK_CHUNK1 + "\r\n"), Arrays.copyOfRange(data, 0, 0x20000), ascii("\r\n"),
                ascii("22e0;chunk-signature=" + SDK_CHUNK2 + "\r\n"), Arrays.copyOfRange(data, 0x20000, 140_000), ascii("\r\n"),
                ascii("0;chunk-signature=" + SDK_FINAL + "\r\n"),
                ascii("x-amz-checksum-crc32:xFLekQ==\r\nx-amz-trailer-signature:" + SDK_TRAILER + "\r\n\r\n"));
    }

    /** The foxes in chunks of 64, 64, 22, signed with the doc example's key from its seed, with a signed CRC32 trailer. */
    private static byte[] smallSignedBody() {
        byte[] foxes = ascii(FOXES);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String previous = DOC_SEED;
        for (int at = 0; at <= foxes.length; at += 64) {
            byte[] chunk = Arrays.copyOfRange(foxes, at, Math.min(foxes.length, at + 64));
            previous = SIGNER.chunkSignature(previous, sha256(chunk));
            out.writeBytes(ascii(Integer.toHexString(chunk.length) + ";chunk-signature=" + previous + "\r\n"));
            if (chunk.length > 0) {
                out.writeBytes(chunk);
                out.writeBytes(ascii("\r\n"));
            }
            if (chunk.length < 64 && chunk.length > 0) {
                previous = SIGNER.chunkSignature(previous, sha256(new byte[0]));
                out.writeBytes(ascii("0;chunk-signature=" + previous + "\r\n"));
                break;
            }
        }
        String trailer = "x-amz-checksum-crc32:zOAO6w==";
        String signature = SIGNER.trailerSignature(previous, sha256(ascii(trailer + "\n")));
        out.writeBytes(ascii(trailer + "\r\nx-amz-trailer-signature:" + signature + "\r\n\r\n"));
        return out.toByteArray();
    }

    private static byte[] aaa(int n) {
        byte[] a = new byte[n];
        Arrays.fill(a, (byte) 'a');
        return a;
    }

    private static byte[] pattern(int n) {
        byte[] data = new byte[n];
        for (int i = 0; i < n; i++) {
            data[i] = (byte) (i % 251);
        }
        return data;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String crc32Base64(byte[] data) {
        CRC32 crc = new CRC32();
        crc.update(data);
        return Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
    }
}
