package io.tarn.core.routing;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.admin.AdminAccess;
import io.tarn.core.admin.AdminApi;
import io.tarn.core.auth.CredentialStore;
import io.tarn.core.auth.RequestAuthenticator;
import io.tarn.core.config.AuthMode;
import io.tarn.core.config.TarnConfig;
import io.tarn.core.error.AwsException;
import io.tarn.core.error.CommonErrors;
import io.tarn.core.http.TarnServer;
import io.tarn.core.protocol.xml.RestXmlErrors;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.BodySink;
import io.tarn.core.spi.Protocol;
import io.tarn.core.spi.RequestHandler;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ServiceDescriptor;
import io.tarn.core.spi.ServiceRequest;
import io.tarn.core.spi.ServiceResponse;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The request flow from the socket to a service: routing, streaming bodies, errors in the service's shape. */
class RequestRouterTest {

    /** A host-fallback service (as S3 will be) that streams PUT bodies and counts them; a PUT to /refuse fails. */
    static final class CountingService implements AwsService {
        @Override
        public ServiceDescriptor descriptor() {
            return new ServiceDescriptor("blob", List.of("blob"), List.of(), Protocol.REST_XML, true);
        }

        @Override
        public RequestHandler start(ServiceContext context) {
            return new RequestHandler() {
                @Override
                public ServiceResponse handle(ServiceRequest request) {
                    if (request.path().startsWith("/bug")) {
                        throw new IllegalStateException("a bug: internals the client must not see");
                    }
                    if (request.path().equals("/assertion")) {
                        throw new AssertionError("a bug that is an Error");
                    }
                    return ServiceResponse.of(200, "text/plain", request.method() + " " + request.body().length);
                }

                @Override
                public boolean streamsBody(ServiceRequest head) {
                    if (head.path().equals("/bug-on-head")) {
                        throw new IllegalArgumentException("a bug while routing the head");
                    }
                    return head.method().equals("PUT");
                }

                @Override
                public boolean authenticatesInBody(ServiceRequest head) {
                    return head.path().equals("/form");
                }

                @Override
                public BodySink openBody(ServiceRequest request) {
                    if (request.path().equals("/refuse")) {
                        throw CommonErrors.ACCESS_DENIED.exception("no uploads here");
                    }
                    return new BodySink() {
                        long total;

                        @Override
                        public void accept(ByteBuffer part) {
                            total += part.remaining();
                        }

                        @Override
                        public ServiceResponse finish() {
                            return ServiceResponse.of(200, "text/plain", "stored " + total + " for " + request.context().account());
                        }

                        @Override
                        public void abort() {
                            total = -1;
                        }
                    };
                }

                @Override
                public ServiceResponse error(ServiceRequest request, AwsException error) {
                    if (request.path().equals("/bug-in-errors")) {
                        throw new IllegalStateException("the error rendering fails too");
                    }
                    return RestXmlErrors.response(error, request.context().requestId(), "host", request.method().equals("HEAD"));
                }
            };
        }
    }

    @TempDir
    Path dir;
    private StateStore store;
    private ExecutorService workers;
    private TarnServer server;

    @BeforeEach
    void start() {
        start(AuthMode.LENIENT);
    }

    private void start(AuthMode mode) {
        store = StateStore.open(dir, false);
        EmulatorClock clock = EmulatorClock.manual(Instant.parse("2026-01-01T00:00:00Z"));
        TarnConfig config = TarnConfig.builder().build();
        CountingService service = new CountingService();
        ServiceTable services = new ServiceTable(List.of(service));
        services.ready(service, service.start(null));
        CredentialStore credentials = new CredentialStore(config, store.keyspace("sts"), clock);
        RequestAuthenticator authenticator = new RequestAuthenticator(mode, credentials, clock);
        RequestRouter router = new RequestRouter(services, authenticator,
                new AdminApi(services, new AdminAccess(authenticator, null), clock, name -> { }, "test"), clock,
                "000000000000", "us-east-1");
        workers = Executors.newFixedThreadPool(4);
        server = TarnServer.start("127.0.0.1", 0, router, workers);
    }

    @AfterEach
    void stop() {
        server.close();
        workers.shutdownNow();
        store.close();
    }

    private String send(String request, String last) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            while (!out.toString(StandardCharsets.ISO_8859_1).endsWith(last)) {
                int b = in.read();
                if (b < 0) {
                    break;
                }
                out.write(b);
            }
            return out.toString(StandardCharsets.ISO_8859_1);
        }
    }

    @Test
    void aStreamedBodyReachesTheServiceSinkAuthenticated() throws IOException {
        String body = "z".repeat(300_000);
        String response = send("PUT /bucket/key HTTP/1.1\r\nHost: localhost\r\nContent-Length: " + body.length()
                + "\r\nAuthorization: AWS4-HMAC-SHA256 Credential=123456789012/20260101/us-east-1/blob/aws4_request, "
                + "SignedHeaders=host, Signature=00\r\nX-Amz-Date: 20260101T000000Z\r\n\r\n" + body, "for 123456789012");
        assertThat(response).startsWith("HTTP/1.1 200").endsWith("stored 300000 for 123456789012");
    }

    @Test
    void otherRequestsAreGathered() throws IOException {
        assertThat(send("POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc", "POST 3")).startsWith("HTTP/1.1 200");
    }

    @Test
    void anExceptionEscapingTheHandlerIsAnInternalFailureInTheServiceShape() throws IOException {
        String response = send("GET /bug HTTP/1.1\r\nHost: localhost\r\n\r\n", "</Error>");
        assertThat(response).startsWith("HTTP/1.1 500").contains("application/xml")
                .contains("<Code>InternalFailure</Code>").doesNotContain("internals");
    }

    @Test
    void anErrorEscapingTheHandlerIsAnsweredToo() throws IOException {
        String response = send("GET /assertion HTTP/1.1\r\nHost: localhost\r\n\r\n", "</Error>");
        assertThat(response).startsWith("HTTP/1.1 500").contains("<Code>InternalFailure</Code>").doesNotContain("an Error");
    }

    @Test
    void whenTheServiceCannotRenderTheErrorTheLastResortHasTheProtocolShape() throws IOException {
        String response = send("GET /bug-in-errors HTTP/1.1\r\nHost: localhost\r\n\r\n", "</Error>");
        assertThat(response).startsWith("HTTP/1.1 500").contains("application/xml")
                .contains("<Code>InternalError</Code>")
                .contains("<Message>We encountered an internal error. Please try again.</Message>")
                .doesNotContain("text/plain");
    }

    @Test
    void anExceptionWhileRoutingTheHeadIsAnsweredInTheProtocolShape() throws IOException {
        String response = send("GET /bug-on-head HTTP/1.1\r\nHost: localhost\r\n\r\n", "</Error>");
        assertThat(response).startsWith("HTTP/1.1 500").contains("<Code>InternalError</Code>").doesNotContain("routing");
    }

    @Test
    void aSinkThatRefusesAnswersInTheServiceShape() throws IOException {
        String response = send("PUT /refuse HTTP/1.1\r\nHost: localhost\r\nContent-Length: 5\r\n\r\nhello", "</Error>");
        assertThat(response).contains("<Code>AccessDeniedException</Code>").contains("<Message>no uploads here</Message>");
    }

    @Test
    void aRequestThatAuthenticatesInItsBodyPassesStrictModeUnsignedForItsHandlerToCheck() throws IOException {
        stop();
        start(AuthMode.STRICT);
        assertThat(send("POST /form HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc", "POST 3"))
                .startsWith("HTTP/1.1 200");
        assertThat(send("POST /x HTTP/1.1\r\nHost: localhost\r\nContent-Length: 3\r\n\r\nabc", "</Error>"))
                .startsWith("HTTP/1.1 403").contains("<Code>AccessDenied</Code>");
    }
}
