package io.tarn.benchmark;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * The start-up benchmark's yardstick: the JDK's own HTTP server answering {@code /_tarn/health},
 * started the same way as Tarn. On a shared machine the speed of the cores drifts; the ratio of
 * the two start-ups drifts much less.
 */
public final class BareHttpServer {

    private BareHttpServer() {}

    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[args.length - 1]); // "--port N"
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/_tarn/health", exchange -> {
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        server.start();
    }
}
