package io.tarn.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.ServiceResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The HTTP/1.1 side of the server on a raw socket: bodies, Expect: 100-continue, limits, ordering. */
class TarnServerTest {

    private ExecutorService workers;
    private TarnServer server;

    /** Parts seen by the streaming exchange of the last /stream request. */
    private static final java.util.List<Integer> PARTS = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** /stream takes its body part by part (up to 64 MiB; a part containing 'X' fails); the rest is echoed. */
    private static Exchange route(RequestHead head) {
        if (!head.rawPath().startsWith("/stream")) {
            return echo(head);
        }
        PARTS.clear();
        return new StreamingExchange() {
            long total;

            @Override
            public long maxBodyBytes() {
                return 64L << 20;
            }

            @Override
            public void onBody(java.nio.ByteBuffer part) {
                PARTS.add(part.remaining());
                total += part.remaining();
                while (part.hasRemaining()) {
                    if (part.get() == 'X') {
                        throw new IllegalArgumentException("bad byte");
                    }
                }
            }

            @Override
            public ServiceResponse complete() {
                return ServiceResponse.of(200, "text/plain", "streamed " + total);
            }

            @Override
            public ServiceResponse fail(RuntimeException failure) {
                return ServiceResponse.of(400, "text/plain", "failed: " + failure.getMessage());
            }

            @Override
            public void abort() {
                total = -1;
            }

            @Override
            public ServiceResponse tooLarge() {
                return ServiceResponse.of(413, "text/plain", "too large");
            }
        };
    }

    /** Answers with the path and the body length; bodies over 1 KiB are refused. */
    private static Exchange echo(RequestHead head) {
        return new Exchange() {
            @Override
            public long maxBodyBytes() {
                return 1024;
            }

            @Override
            public ServiceResponse complete(byte[] body) {
                if (head.rawPath().equals("/slow")) {
                    sleep(200);
                }
                return ServiceResponse.of(200, "text/plain", head.rawPath() + " " + body.length);
            }

            @Override
            public ServiceResponse tooLarge() {
                return ServiceResponse.of(413, "text/plain", "too large");
            }
        };
    }

    @BeforeEach
    void start() {
        workers = Executors.newFixedThreadPool(4);
        server = TarnServer.start("127.0.0.1", 0, TarnServerTest::route, workers);
    }

    @AfterEach
    void stop() {
        server.close();
        workers.shutdownNow();
    }

    /** Sends {@code request} and reads until the answer ends with {@code last}. */
    private String exchange(String request, String last) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return readUntil(socket.getInputStream(), last);
        }
    }

    private static String readUntil(InputStream in, String last) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        while (!out.toString(StandardCharsets.US_ASCII).endsWith(last)) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            out.write(b);
        }
        return out.toString(StandardCharsets.US_ASCII);
    }

    @Test
    void chunkedBodiesAreGathered() throws IOException {
        String response = exchange("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                + "5\r\nhello\r\n6\r\n world\r\n0\r\n\r\n", "/c 11");
        assertThat(response).startsWith("HTTP/1.1 200").endsWith("/c 11");
    }

    @Test
    void expectContinueGetsAContinueBeforeTheBody() throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write("PUT /e HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            byte[] buf = new byte[25];
            int n = socket.getInputStream().read(buf);
            assertThat(new String(buf, 0, n, StandardCharsets.US_ASCII)).startsWith("HTTP/1.1 100 Continue");
            out.write("body".getBytes(StandardCharsets.US_ASCII));
            assertThat(readUntil(socket.getInputStream(), "/e 4")).contains("HTTP/1.1 200").endsWith("/e 4");
        }
    }

    @Test
    void aBodyOverTheLimitIsRefusedBeforeItIsRead() throws IOException {
        String response = exchange("POST /big HTTP/1.1\r\nHost: x\r\nContent-Length: 5000\r\n\r\n" + "x".repeat(5000), "too large");
        assertThat(response).startsWith("HTTP/1.1 413").endsWith("too large");
    }

    @Test
    void keepAliveAnswersPipelinedRequestsInOrder() throws IOException {
        String response = exchange("POST /slow HTTP/1.1\r\nHost: x\r\nContent-Length: 1\r\n\r\na"
                + "POST /fast HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\n\r\nbb", "/fast 2");
        assertThat(response.indexOf("/slow 1")).isPositive().isLessThan(response.indexOf("/fast 2"));
    }

    @Test
    void aStreamingExchangeTakesALargeBodyInPartsWithoutGatheringIt() throws IOException {
        int size = 16 << 20;
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("PUT /stream HTTP/1.1\r\nHost: x\r\nContent-Length: " + size + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            byte[] block = new byte[64 * 1024];
            java.util.Arrays.fill(block, (byte) 'a');
            for (int sent = 0; sent < size; sent += block.length) {
                out.write(block);
            }
            assertThat(readUntil(socket.getInputStream(), "streamed " + size)).startsWith("HTTP/1.1 200");
        }
        assertThat(PARTS.size()).isGreaterThan(16);
        assertThat(PARTS.stream().mapToInt(Integer::intValue).max().orElseThrow()).isLessThanOrEqualTo(1 << 20);
        // the connection stays usable for the next request
    }

    @Test
    void aStreamingExchangeThatFailsMidBodyAnswersItsError() throws IOException {
        String body = "a".repeat(100) + "X" + "a".repeat(100);
        String response = exchange("PUT /stream HTTP/1.1\r\nHost: x\r\nContent-Length: " + body.length() + "\r\n\r\n" + body,
                "failed: bad byte");
        assertThat(response).startsWith("HTTP/1.1 400");
    }

    @Test
    void garbageIsA400NotACrash() throws IOException {
        assertThat(exchange("NOT HTTP AT ALL\r\n\r\n", "Malformed HTTP request")).startsWith("HTTP/1.1 400");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
