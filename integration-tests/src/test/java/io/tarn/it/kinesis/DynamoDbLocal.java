package io.tarn.it.kinesis;

import java.lang.reflect.Field;
import java.net.URI;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import software.amazon.dynamodb.services.local.main.ServerRunner;
import software.amazon.dynamodb.services.local.server.DynamoDBProxyServer;

/**
 * DynamoDB Local (software.amazon.dynamodb:DynamoDBLocal 3.x) in this JVM: in memory, one shared
 * database whatever the credentials and region, telemetry off, listening on an ephemeral port of
 * 127.0.0.1 only.
 *
 * <p>3.x ships sqlite4java's native libraries inside its jar and extracts the one for this
 * OS/arch to {@code java.io.tmpdir} (or {@code -Dorg.sqlite.tmpdir}) by itself, so no
 * {@code sqlite4java.library.path} and no copying of native artifacts is needed.
 *
 * <p>DynamoDB Local has no host option and takes its port (1-65535) up front; to bind loopback
 * only on a port chosen by the kernel (no race with other tests) the Jetty connector it built is
 * re-pointed to 127.0.0.1:0 before start.
 */
public final class DynamoDbLocal implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final URI endpoint;

    private DynamoDbLocal(DynamoDBProxyServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** Starts a fresh, empty in-memory instance. */
    public static DynamoDbLocal start() {
        DynamoDBProxyServer proxy;
        try {
            // the port is a placeholder: the connector is re-pointed below before anything binds
            proxy = ServerRunner.createServerFromCommandLineArgs(
                    new String[] {"-inMemory", "-sharedDb", "-disableTelemetry", "-port", "8000"});
        } catch (Exception e) {
            throw new IllegalStateException("cannot configure DynamoDB Local", e);
        }
        ServerConnector connector = connector(jetty(proxy));
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        try {
            // safeStart: Jetty's start without DynamoDB Local's telemetry event
            proxy.safeStart();
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IllegalStateException("cannot start DynamoDB Local", e);
        }
        return new DynamoDbLocal(proxy, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
    }

    private static Server jetty(DynamoDBProxyServer proxy) {
        try {
            Field f = DynamoDBProxyServer.class.getDeclaredField("server");
            f.setAccessible(true);
            return (Server) f.get(proxy);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("DynamoDB Local's DynamoDBProxyServer has no Jetty 'server' field any more", e);
        }
    }

    private static ServerConnector connector(Server jetty) {
        Connector[] connectors = jetty.getConnectors();
        if (connectors.length != 1 || !(connectors[0] instanceof ServerConnector sc)) {
            throw new IllegalStateException("expected one ServerConnector, got " + java.util.Arrays.toString(connectors));
        }
        return sc;
    }

    /** http://127.0.0.1:PORT */
    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop DynamoDB Local", e);
        }
    }

    private static void stopQuietly(DynamoDBProxyServer proxy) {
        try {
            proxy.stop();
        } catch (Exception ignored) {
            // already failing
        }
    }
}
