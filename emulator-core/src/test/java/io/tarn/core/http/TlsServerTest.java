package io.tarn.core.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.tarn.core.spi.ServiceResponse;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS on the plain port: the certificate kept in its directory, HTTP inside TLS, broken handshakes closed. */
class TlsServerTest {

    @TempDir
    Path dir;

    private ExecutorService workers;
    private TarnServer server;

    @BeforeEach
    void start() {
        workers = Executors.newFixedThreadPool(2);
        Dispatcher answer = head -> Exchange.answered(ServiceResponse.of(200, "text/plain",
                "hello " + head.rawPath() + (head.secure() ? " over TLS" : "")));
        server = TarnServer.start("127.0.0.1", 0, answer, workers, TlsContext.load(dir));
    }

    @AfterEach
    void stop() {
        server.close();
        workers.shutdownNow();
    }

    @Test
    void httpsWithTheKeptCertificateAndPlainHttpShareThePort() throws Exception {
        // the request head tells which came over TLS (S3 refuses SSE-C keys sent in the clear)
        assertThat(get(tlsSocket(), "/secure")).startsWith("HTTP/1.1 200").endsWith("hello /secure over TLS");
        assertThat(get(new Socket("127.0.0.1", server.port()), "/plain")).startsWith("HTTP/1.1 200").endsWith("hello /plain");
        // the certificate outlives a restart: loading the directory again uses the same one
        String pem = Files.readString(TlsContext.certificateFile(dir));
        TlsContext.load(dir);
        assertThat(Files.readString(TlsContext.certificateFile(dir))).isEqualTo(pem);
    }

    @Test
    void aBrokenHandshakeIsClosedAndTheServerGoesOn() throws Exception {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(5000);
            socket.getOutputStream().write(new byte[] {0x16, 0x03, 0x01, 0x00, 0x05, 'h', 'e', 'l', 'l', 'o'});
            InputStream in = socket.getInputStream();
            while (in.read() >= 0) {
                // a TLS alert, then the end of the stream
            }
        }
        assertThat(get(tlsSocket(), "/after")).endsWith("hello /after over TLS");
    }

    private SSLSocket tlsSocket() throws Exception {
        KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
        trusted.load(null, null);
        try (InputStream pem = Files.newInputStream(TlsContext.certificateFile(dir))) {
            trusted.setCertificateEntry("tarn", CertificateFactory.getInstance("X.509").generateCertificate(pem));
        }
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(trusted);
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", server.port());
        javax.net.ssl.SSLParameters parameters = socket.getSSLParameters();
        parameters.setEndpointIdentificationAlgorithm("HTTPS"); // the name must match the certificate
        socket.setSSLParameters(parameters);
        return socket;
    }

    private static String get(Socket socket, String path) throws Exception {
        try (socket) {
            socket.setSoTimeout(5000);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.US_ASCII);
        }
    }
}
