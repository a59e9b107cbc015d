package io.tarn.s3.api;

import io.tarn.core.auth.AwsChunkedDecoder;
import io.tarn.core.spi.StreamSigning;
import io.tarn.s3.S3Errors;
import io.tarn.s3.engine.Integrity;
import io.tarn.s3.engine.checksum.ChecksumAlgorithm;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * How an upload's body arrives and what it claims: plain or {@code aws-chunked} (the encoding
 * current SDKs use by default, with checksums in a trailer), the declared length, the Content-MD5,
 * the flexible checksum and the signed SHA-256, as the engine must verify them.
 */
final class UploadBody {

    /** Flexible checksums in S3's model that Tarn does not compute yet. */
    private static final List<String> UNBUILT_CHECKSUMS = List.of("x-amz-checksum-sha512", "x-amz-checksum-md5",
            "x-amz-checksum-xxhash64", "x-amz-checksum-xxhash3", "x-amz-checksum-xxhash128");

    private static final Pattern HEX_SHA256 = Pattern.compile("[0-9a-fA-F]{64}");

    private final @Nullable AwsChunkedDecoder chunked;
    private final Integrity integrity;
    private final @Nullable String trailerName;
    private final long declaredLength;

    private UploadBody(@Nullable AwsChunkedDecoder chunked, Integrity integrity, @Nullable String trailerName, long declaredLength) {
        this.chunked = chunked;
        this.integrity = integrity;
        this.trailerName = trailerName;
        this.declaredLength = declaredLength;
    }

    static UploadBody of(S3Call call) {
        String sha = call.header("x-amz-content-sha256");
        boolean streaming = sha != null && sha.startsWith("STREAMING-");
        String encoding = call.header("content-encoding");
        boolean awsChunked = streaming || (encoding != null && encoding.toLowerCase(Locale.ROOT).contains("aws-chunked"));
        String lengthHeader = awsChunked ? call.header("x-amz-decoded-content-length") : call.header("content-length");
        if (lengthHeader == null && !awsChunked) {
            throw S3Errors.MISSING_CONTENT_LENGTH.exception("You must provide the Content-Length HTTP header.");
        }
        long declared = -1;
        if (lengthHeader != null) {
            try {
                declared = Long.parseLong(lengthHeader.trim());
            } catch (NumberFormatException e) {
                throw S3Errors.INVALID_ARGUMENT.exception("Invalid Content-Length").with("ArgumentName", "Content-Length");
            }
        }
        for (String unbuilt : UNBUILT_CHECKSUMS) {
            if (call.header(unbuilt) != null) { // a checksum nobody verifies must not look verified
                throw ObjectHeaders.notImplemented(unbuilt);
            }
        }
        ChecksumHeader header = ChecksumHeader.of(call);
        ChecksumAlgorithm algorithm = header == null ? null : header.algorithm();
        String expected = header == null ? null : header.value();
        String trailer = call.header("x-amz-trailer");
        String trailerName = null;
        if (trailer != null && algorithm == null) {
            trailerName = trailer.trim().toLowerCase(Locale.ROOT);
            algorithm = trailerName.startsWith("x-amz-checksum-") ? ChecksumAlgorithm.fromWire(trailerName.substring(15)) : null;
            if (algorithm == null) {
                throw S3Errors.INVALID_REQUEST.exception("The value specified in the x-amz-trailer header is not supported");
            }
        }
        String sdkAlgorithm = call.header("x-amz-sdk-checksum-algorithm");
        if (algorithm == null && sdkAlgorithm != null) {
            algorithm = ChecksumAlgorithm.fromWire(sdkAlgorithm);
            if (algorithm == null) {
                throw S3Errors.INVALID_REQUEST.exception("Checksum algorithm provided is unsupported. Please try again with any of the valid types: [CRC32, CRC32C, CRC64NVME, SHA1, SHA256]");
            }
        }
        String declaredSha = sha != null && HEX_SHA256.matcher(sha).matches() ? sha : null;
        Integrity integrity = new Integrity(call.header("content-md5"), algorithm, expected, declaredSha);
        return new UploadBody(awsChunked ? decoder(call) : null, integrity, trailerName, declared);
    }

    /** Strict mode checks every chunk of a signed stream; otherwise signatures are parsed, not checked. */
    private static AwsChunkedDecoder decoder(S3Call call) {
        StreamSigning signing = call.request().context().streamSigning();
        if (signing == null) {
            return AwsChunkedDecoder.unsigned();
        }
        return AwsChunkedDecoder.signed(signing.seedSignature(),
                AwsChunkedDecoder.signer(signing.signingKey(), signing.amzDate(), signing.scope()));
    }

    Integrity integrity() {
        return integrity;
    }

    long declaredLength() {
        return declaredLength;
    }

    /** Passes a part of the raw body on as payload bytes. */
    void accept(ByteBuffer raw, Consumer<ByteBuffer> payload) {
        if (chunked == null) {
            payload.accept(raw);
        } else {
            chunked.feed(raw, payload);
        }
    }

    /** At the end of the body: the checksum its trailer carried, if any; checks the length against the declared one. */
    @Nullable String finish(long received) {
        String trailerValue = null;
        if (chunked != null) {
            Map<String, String> trailers = chunked.finish();
            if (trailerName != null) {
                trailerValue = trailers.get(trailerName);
                if (trailerValue == null) {
                    throw S3Errors.INVALID_REQUEST.exception("The x-amz-trailer header was specified but the trailer was not present.");
                }
            }
        }
        if (declaredLength >= 0 && received != declaredLength) {
            throw S3Errors.INCOMPLETE_BODY.exception("You did not provide the number of bytes specified by the Content-Length HTTP header")
                    .with("NumberBytesExpected", Long.toString(declaredLength)).with("NumberBytesProvided", Long.toString(received));
        }
        return trailerValue;
    }
}
