package io.tarn.core.auth;

import io.tarn.core.error.AwsException;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Decodes an {@code aws-chunked} body as it streams in, the framing S3 clients use for
 * {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD}, {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER}
 * and {@code STREAMING-UNSIGNED-PAYLOAD-TRAILER} ("sigv4-streaming" and "sigv4-streaming-trailers"
 * in the S3 API reference):
 *
 * <pre>
 * hex-size[;chunk-signature=sig]\r\n data \r\n   (repeated)
 * 0[;chunk-signature=sig]\r\n
 * [name:value\r\n ...] [x-amz-trailer-signature:sig\r\n]   (trailer, if any)
 * \r\n
 * </pre>
 *
 * <p>It is a push decoder so that an upload of any size streams through: payload bytes go on as
 * slices of the input, and all it holds is one chunk header line (at most {@value #MAX_LINE}
 * bytes) and the trailer (at most {@value #MAX_TRAILER} bytes). In signed mode each chunk's
 * signature is checked against the chain that starts at the request's seed signature, and the
 * trailer's signature too; unsigned mode parses signatures without checking them (the
 * unsigned-trailer variant, and lenient mode for the signed ones).
 *
 * <p>A chunk's signature can only be checked once its last byte arrived, after its bytes went to
 * the sink: whoever stores them must discard everything when {@link #feed} or {@link #finish}
 * throws. After a throw the decoder is spent.
 */
public final class AwsChunkedDecoder {

    /** Computes the signatures a signed stream must carry; {@link #signer} is the SigV4 one. */
    public interface ChunkSigner {
        /** The hex signature of a chunk whose data hashes to {@code chunkSha256}, given the previous signature. */
        String chunkSignature(String previous, byte[] chunkSha256);

        /** The hex signature of a trailer whose canonical lines hash to {@code trailerSha256}. */
        String trailerSignature(String previous, byte[] trailerSha256);
    }

    private enum State { HEADER, DATA, DATA_CR, DATA_LF, TRAILER, DONE, FAILED }

    /** The longest chunk header line accepted; real ones are under 100 bytes. */
    static final int MAX_LINE = 4096;
    /** The largest trailer accepted, all its lines counted with their CRLF. */
    static final int MAX_TRAILER = 16 * 1024;

    private static final String SIGNATURE_EXTENSION = "chunk-signature";
    private static final String TRAILER_SIGNATURE = "x-amz-trailer-signature";
    private static final HexFormat HEX = HexFormat.of();
    private static final String EMPTY_SHA256_HEX = SigV4Verifier.sha256Hex(new byte[0]);

    private final @Nullable ChunkSigner signer;
    private final @Nullable MessageDigest chunkDigest;
    private String previousSignature;
    private State state = State.HEADER;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream(128);
    private long chunkRemaining;
    private @Nullable String chunkSignature;
    private final Map<String, String> trailers = new LinkedHashMap<>();
    private final ByteArrayOutputStream trailerCanonical = new ByteArrayOutputStream();
    private int trailerBytes;
    private @Nullable String trailerSignature;
    private long decoded;

    private AwsChunkedDecoder(@Nullable ChunkSigner signer, String seedSignature) {
        this.signer = signer;
        this.chunkDigest = signer != null ? sha256() : null;
        this.previousSignature = seedSignature;
    }

    /** Parses chunk signatures without checking them: unsigned trailers, or any variant in lenient mode. */
    public static AwsChunkedDecoder unsigned() {
        return new AwsChunkedDecoder(null, "");
    }

    /** Checks every chunk signature and the trailer signature, starting from the request's seed signature. */
    public static AwsChunkedDecoder signed(String seedSignature, ChunkSigner signer) {
        return new AwsChunkedDecoder(signer, seedSignature.toLowerCase(Locale.ROOT));
    }

    /**
     * The SigV4 chunk signer of a {@code STREAMING-AWS4-HMAC-SHA256-PAYLOAD[-TRAILER]} request.
     *
     * @param signingKey the request's derived key ({@link SigV4Verifier#signingKey})
     * @param amzDate the request's X-Amz-Date, yyyyMMdd'T'HHmmss'Z'
     * @param scope the request's credential scope, date/region/service/aws4_request
     */
    public static ChunkSigner signer(byte[] signingKey, String amzDate, String scope) {
        byte[] key = signingKey.clone();
        return new ChunkSigner() {
            @Override
            public String chunkSignature(String previous, byte[] chunkSha256) {
                return sign("AWS4-HMAC-SHA256-PAYLOAD\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                        + EMPTY_SHA256_HEX + "\n" + HEX.formatHex(chunkSha256));
            }

            @Override
            public String trailerSignature(String previous, byte[] trailerSha256) {
                return sign("AWS4-HMAC-SHA256-TRAILER\n" + amzDate + "\n" + scope + "\n" + previous + "\n"
                        + HEX.formatHex(trailerSha256));
            }

            private String sign(String stringToSign) {
                return HEX.formatHex(SigV4Verifier.hmac(key, stringToSign));
            }
        };
    }

    /** The payload bytes passed to the sink so far. */
    public long decodedLength() {
        return decoded;
    }

    /**
     * Decodes the remaining bytes of {@code raw} (its position is left as it is). Payload bytes go
     * to {@code sink}, possibly in several calls, as slices sharing {@code raw}'s content: a sink
     * that keeps them past the call must copy them.
     *
     * @throws AwsException a {@link ChunkedBodyErrors} code when the body is malformed or a signature does not match
     */
    public void feed(ByteBuffer raw, Consumer<ByteBuffer> sink) {
        if (state == State.FAILED) {
            throw new IllegalStateException("the body already failed to decode");
        }
        try {
            decode(raw.duplicate(), sink);
        } catch (AwsException e) {
            state = State.FAILED;
            throw e;
        }
    }

    /**
     * Called after the last raw byte: checks that the body ended after its final chunk (and, in
     * signed mode, that a trailer carried a valid signature) and returns the trailer headers,
     * lower-case names in the order sent, without {@code x-amz-trailer-signature}. The empty line
     * that ends the body may be missing when the body ends at a line boundary of the trailer.
     *
     * @throws AwsException {@code IncompleteBody} when the body ended early
     */
    public Map<String, String> finish() {
        if (state == State.FAILED) {
            throw new IllegalStateException("the body already failed to decode");
        }
        try {
            if (state == State.TRAILER && line.size() == 0) {
                endTrailer();
            }
            if (state != State.DONE) {
                throw ChunkedBodyErrors.INCOMPLETE_BODY.exception();
            }
            return Collections.unmodifiableMap(trailers);
        } catch (AwsException e) {
            state = State.FAILED;
            throw e;
        }
    }

    private void decode(ByteBuffer in, Consumer<ByteBuffer> sink) {
        while (in.hasRemaining()) {
            switch (state) {
                case HEADER -> {
                    if (readLine(in, MAX_LINE, ChunkedBodyErrors.INCOMPLETE_BODY)) {
                        startChunk(takeLine());
                    }
                }
                case DATA -> {
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
                        state = State.DATA_CR;
                    }
                }
                case DATA_CR -> {
                    expect(in.get(), '\r'); // anything else: the chunk is longer than its size says
                    state = State.DATA_LF;
                }
                case DATA_LF -> {
                    expect(in.get(), '\n');
                    endChunk();
                    state = State.HEADER;
                }
                case TRAILER -> {
                    if (readLine(in, MAX_TRAILER - trailerBytes, ChunkedBodyErrors.MALFORMED_TRAILER)) {
                        trailerBytes += line.size() + 1; // the line, its CR and its LF
                        String l = takeLine();
                        if (l.isEmpty()) {
                            endTrailer();
                        } else {
                            addTrailer(l);
                        }
                    }
                }
                case DONE -> throw ChunkedBodyErrors.INCOMPLETE_BODY.exception(); // bytes after the end
                default -> throw new IllegalStateException(state.name());
            }
        }
    }

    /** Parses {@code hex-size[;name=value]...}; chunk-signature is the one extension S3 defines. */
    private void startChunk(String header) {
        int semi = header.indexOf(';');
        chunkRemaining = parseSize(semi < 0 ? header : header.substring(0, semi));
        chunkSignature = null;
        if (semi >= 0) {
            for (String ext : header.substring(semi + 1).split(";")) {
                int eq = ext.indexOf('=');
                if (eq > 0 && ext.substring(0, eq).trim().equalsIgnoreCase(SIGNATURE_EXTENSION)) {
                    chunkSignature = ext.substring(eq + 1).trim();
                }
            }
        }
        if (signer != null && chunkSignature == null) {
            // what S3 answers for a signed stream's chunk without a signature
            throw ChunkedBodyErrors.INCOMPLETE_BODY.exception();
        }
        if (chunkRemaining == 0) {
            endChunk();
            state = State.TRAILER;
        } else {
            state = State.DATA;
        }
    }

    private static long parseSize(String hex) {
        if (hex.isEmpty()) {
            throw ChunkedBodyErrors.INCOMPLETE_BODY.exception();
        }
        long size = 0;
        for (int i = 0; i < hex.length(); i++) {
            int digit = Character.digit(hex.charAt(i), 16);
            if (digit < 0 || size > (Long.MAX_VALUE >>> 4)) {
                throw ChunkedBodyErrors.INCOMPLETE_BODY.exception();
            }
            size = (size << 4) | digit;
        }
        return size;
    }

    private void endChunk() {
        if (signer == null) {
            return;
        }
        String expected = signer.chunkSignature(previousSignature, chunkDigest.digest());
        if (!sameSignature(expected, chunkSignature)) {
            throw ChunkedBodyErrors.SIGNATURE_DOES_NOT_MATCH.exception();
        }
        previousSignature = expected;
    }

    private void addTrailer(String l) {
        int colon = l.indexOf(':');
        if (colon <= 0 || trailerSignature != null) { // nothing may follow the signature, which covers what precedes it
            throw ChunkedBodyErrors.MALFORMED_TRAILER.exception();
        }
        String name = l.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = l.substring(colon + 1).trim();
        if (name.isEmpty()) {
            throw ChunkedBodyErrors.MALFORMED_TRAILER.exception();
        }
        if (name.equals(TRAILER_SIGNATURE)) {
            trailerSignature = value;
            return;
        }
        if (trailers.putIfAbsent(name, value) != null) {
            throw ChunkedBodyErrors.MALFORMED_TRAILER.exception();
        }
        trailerCanonical.writeBytes((name + ":" + value + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** In signed mode, a trailer must carry the signature of its lines ("name:value\n" each). */
    private void endTrailer() {
        if (signer != null && (!trailers.isEmpty() || trailerSignature != null)) {
            String expected = signer.trailerSignature(previousSignature, sha256().digest(trailerCanonical.toByteArray()));
            if (trailerSignature == null || !sameSignature(expected, trailerSignature)) {
                throw ChunkedBodyErrors.SIGNATURE_DOES_NOT_MATCH.exception();
            }
            previousSignature = expected;
        }
        state = State.DONE;
    }

    private static boolean sameSignature(String expected, @Nullable String claimed) {
        return claimed != null && MessageDigest.isEqual(expected.getBytes(StandardCharsets.US_ASCII),
                claimed.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
    }

    private static void expect(byte actual, char wanted) {
        if (actual != wanted) {
            throw ChunkedBodyErrors.INCOMPLETE_BODY.exception();
        }
    }

    /**
     * Reads up to the end of a CRLF-terminated line into {@code line} (without the CRLF); true once
     * the whole line is there. A bare LF, or more than {@code limit} bytes, is {@code error}.
     */
    private boolean readLine(ByteBuffer in, int limit, ChunkedBodyErrors error) {
        while (in.hasRemaining()) {
            byte b = in.get();
            if (b == '\n') {
                int n = line.size();
                if (n == 0 || line.toByteArray()[n - 1] != '\r') {
                    throw error.exception();
                }
                return true;
            }
            if (line.size() + 2 > limit) {
                throw error.exception();
            }
            line.write(b);
        }
        return false;
    }

    /** The line read, without its CR; empties the buffer. */
    private String takeLine() {
        byte[] bytes = line.toByteArray();
        line.reset();
        return new String(bytes, 0, bytes.length - 1, StandardCharsets.UTF_8);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
