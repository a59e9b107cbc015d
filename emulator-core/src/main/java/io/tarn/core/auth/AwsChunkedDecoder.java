package io.tarn.core.auth;

import io.tarn.core.error.AwsException;
import io.tarn.core.error.ErrorCode;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an {@code aws-chunked} body as it streams in ({@code hex-size[;chunk-signature=sig]\r\n
 * data\r\n ... 0\r\n} then optional trailer lines and an empty line), passing payload bytes on as
 * slices of the input. In signed mode each chunk's signature is checked against the chain that
 * starts at the request's seed signature ("sigv4-streaming" in the S3 API reference), and the
 * trailer's too. Holds at most one header line and a bounded trailer in memory.
 */
public final class AwsChunkedDecoder {

    /** Computes the signatures a signed stream must carry. */
    public interface ChunkSigner {
        String chunkSignature(String previous, byte[] chunkSha256);

        String trailerSignature(String previous, byte[] trailerSha256);
    }

    /** The errors S3 answers for a broken chunked body. */
    enum Errors implements ErrorCode {
        INCOMPLETE_BODY("IncompleteBody", 400),
        INVALID_CHUNK("InvalidRequest", 400),
        SIGNATURE_DOES_NOT_MATCH("SignatureDoesNotMatch", 403);

        private final String code;
        private final int status;

        Errors(String code, int status) {
            this.code = code;
            this.status = status;
        }

        @Override
        public String code() {
            return code;
        }

        @Override
        public int status() {
            return status;
        }
    }

    private enum State { HEADER, DATA, DATA_END, TRAILER, DONE }

    private static final int MAX_LINE = 4096;
    private static final int MAX_TRAILER = 16 * 1024;
    private static final byte[] EMPTY_SHA256 = sha256().digest();

    private final @Nullable ChunkSigner signer;
    private String previousSignature;
    private State state = State.HEADER;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private int trailerBytes;
    private long chunkRemaining;
    private @Nullable String chunkSignature;
    private @Nullable MessageDigest chunkDigest;
    private final ByteArrayOutputStream trailerCanonical = new ByteArrayOutputStream();
    private @Nullable String trailerSignature;
    private long decoded;

    private AwsChunkedDecoder(@Nullable ChunkSigner signer, String seedSignature) {
        this.signer = signer;
        this.previousSignature = seedSignature;
    }

    /** Parses signatures without checking them (unsigned trailers, or any variant in lenient mode). */
    public static AwsChunkedDecoder unsigned() {
        return new AwsChunkedDecoder(null, "");
    }

    /** Checks every chunk signature and the trailer signature, starting from the request's seed signature. */
    public static AwsChunkedDecoder signed(String seedSignature, ChunkSigner signer) {
        return new AwsChunkedDecoder(signer, seedSignature);
    }

    /** A signer for {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]} from the request's signing key, date and scope. */
    public static ChunkSigner signer(byte[] signingKey, String amzDate, String scope) {
        return new ChunkSigner() {
            @Override
            public String chunkSignature(String previous, byte[] chunkSha256) {
                return sign("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                        + HexFormat.of().formatHex(EMPTY_SHA256) + "\n" + HexFormat.of().formatHex(chunkSha256));
            }

            @Override
            public String trailerSignature(String previous, byte[] trailerSha256) {
                return sign("AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                        + HexFormat.of().formatHex(trailerSha256));
            }

            private String sign(String stringToSign) {
                return HexFormat.of().formatHex(SigV4Verifier.hmac(signingKey, stringToSign));
            }
        };
    }

    public long decodedLength() {
        return decoded;
    }

    /** Feeds raw body bytes; payload bytes go to {@code sink}, as slices valid during the call. */
    public void feed(ByteBuffer raw, Consumer<ByteBuffer> sink) {
        ByteBuffer in = raw.duplicate();
        while (in.hasRemaining()) {
            switch (state) {
                case HEADER:
                    if (readLine(in)) {
                        startChunk(takeLine());
                    }
                    break;
                case DATA: {
                    int n = (int) Math.min(chunkRemaining, in.remaining());
                    ByteBuffer slice = in.slice();
                    slice.limit(n);
                    in.position(in.position() + n);
                    chunkRemaining -= n;
                    decoded += n;
                    if (chunkDigest != null) {
                        chunkDigest.update(slice.duplicate());
                    }
                    sink.accept(slice);
                    if (chunkRemaining == 0) {
                        endChunk();
                        state = State.DATA_END;
                    }
                    break;
                }
                case DATA_END:
                    if (readLine(in)) {
                        if (line.size() != 0) {
                            throw malformed();
                        }
                        state = State.HEADER;
                    }
                    break;
                case TRAILER:
                    if (readLine(in)) {
                        String l = takeLine();
                        if (l.isEmpty()) {
                            finishTrailer();
                            state = State.DONE;
                        } else {
                            addTrailer(l);
                        }
                    }
                    break;
                case DONE:
                    throw malformed(); // bytes after the end of the body
                default:
                    throw new IllegalStateException();
            }
        }
    }

    /**
     * After the last raw byte: the trailer headers (lower-case names, in order); throws when the
     * body ended before its final chunk.
     */
    public Map<String, String> finish() {
        if (state == State.TRAILER && line.size() == 0) {
            finishTrailer(); // the final empty line is optional in practice
            state = State.DONE;
        }
        if (state != State.DONE) {
            throw Errors.INCOMPLETE_BODY.exception("The request body terminated unexpectedly");
        }
        return trailers;
    }

    private void startChunk(String header) {
        int semi = header.indexOf(';');
        String size = (semi < 0 ? header : header.substring(0, semi)).trim();
        chunkSignature = null;
        if (semi >= 0) {
            String ext = header.substring(semi + 1).trim();
            if (ext.startsWith("chunk-signature=")) {
                chunkSignature = ext.substring("chunk-signature=".length()).trim();
            }
        }
        try {
            chunkRemaining = Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw malformed();
        }
        if (chunkRemaining < 0) {
            throw malformed();
        }
        if (signer != null && chunkSignature == null) {
            throw signatureMismatch();
        }
        chunkDigest = signer != null ? sha256() : null;
        if (chunkRemaining == 0) {
            endChunk();
            state = State.TRAILER;
        } else {
            state = State.DATA;
        }
    }

    private void endChunk() {
        if (signer == null) {
            return;
        }
        String expected = signer.chunkSignature(previousSignature, chunkDigest.digest());
        if (!MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                chunkSignature.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII))) {
            throw signatureMismatch();
        }
        previousSignature = expected;
    }

    private void addTrailer(String l) {
        trailerBytes += l.length();
        if (trailerBytes > MAX_TRAILER) {
            throw malformed();
        }
        int colon = l.indexOf(':');
        if (colon <= 0) {
            throw malformed();
        }
        String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = l.substring(colon + 1).trim();
        if (name.equals("x-amz-trailer-signature")) {
            trailerSignature = value;
            return;
        }
        trailers.put(name, value);
        trailerCanonical.writeBytes((name + ":" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    private void finishTrailer() {
        if (signer == null || trailers.isEmpty()) {
            return;
        }
        if (trailerSignature == null) {
            throw signatureMismatch();
        }
        String expected = signer.trailerSignature(previousSignature, sha256().digest(trailerCanonical.toByteArray()));
        if (!expected.equalsIgnoreCase(trailerSignature)) {
            throw signatureMismatch();
        }
    }

    /** Reads up to and including CRLF into {@code line}; true when a whole line is there. */
    private boolean readLine(ByteBuffer in) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                byte[] bytes = line.toByteArray();
                if (bytes.length == 0 || bytes[bytes.length - 1] != '\r') {
                    throw malformed();
                }
                line.reset();
                line.write(bytes, 0, bytes.length - 1);
                return true;
            }
            if (line.size() >= MAX_LINE) {
                throw malformed();
            }
            line.write(b);
        }
        return false;
    }

    private String takeLine() {
        String s = line.toString(StandardCharsets.US_ASCII);
        line.reset();
        return s;
    }

    private static AwsException malformed() {
        return Errors.INVALID_CHUNK.exception("The aws-chunked body is malformed.");
    }

    private static AwsException signatureMismatch() {
        return Errors.SIGNATURE_DOES_NOT_MATCH.exception(
                "The request signature we calculated does not match the signature you provided. Check your key and signing method.");
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
