package io.tarn.server;

import io.tarn.core.admin.AdminAccess;
import io.tarn.core.admin.AdminApi;
import io.tarn.core.auth.CredentialStore;
import io.tarn.core.auth.RequestAuthenticator;
import io.tarn.core.config.TarnConfig;
import io.tarn.core.events.EventBus;
import io.tarn.core.http.DeferredDispatcher;
import io.tarn.core.http.TarnServer;
import io.tarn.core.http.TlsContext;
import io.tarn.core.protocol.json.AwsJsonCodec;
import io.tarn.core.routing.RequestRouter;
import io.tarn.core.routing.ServiceTable;
import io.tarn.core.spi.AwsService;
import io.tarn.core.spi.Ports;
import io.tarn.core.spi.ServiceContext;
import io.tarn.core.spi.ports.EventBusPort;
import io.tarn.core.store.AccessPattern;
import io.tarn.core.store.StateStore;
import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import io.tarn.core.time.SystemTime;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running Tarn: the state store, the emulator clock, every service found on the class path,
 * and the HTTP server in front of them. {@link #start} returns once every service is ready.
 */
public final class Tarn implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(Tarn.class);
    private static final int WORKER_THREADS = Math.max(8, 4 * Runtime.getRuntime().availableProcessors());

    private final TarnConfig config;
    private final Path dataDir;
    private final StateStore store;
    private final PersistedClock persistedClock;
    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final ServiceTable services;
    private final ExecutorService workers;
    private final TarnServer server;
    private volatile boolean closed;

    private Tarn(TarnConfig config, Path dataDir, StateStore store, PersistedClock persistedClock, Scheduler scheduler,
            ServiceTable services, ExecutorService workers, TarnServer server) {
        this.config = config;
        this.dataDir = dataDir;
        this.store = store;
        this.persistedClock = persistedClock;
        this.clock = persistedClock.clock();
        this.scheduler = scheduler;
        this.services = services;
        this.workers = workers;
        this.server = server;
    }

    /** Starts a server with {@code config}; returns when it answers and every service is ready. */
    public static Tarn start(TarnConfig config) {
        long started = System.nanoTime();
        // the default event buses, before anything opens (a malformed rule stops the start) and before the
        // services: S3 puts events on them, Glue workflows take them
        Ports ports = new Ports();
        ports.register(EventBusPort.class, new EventBus(config.initFile().eventRules(), config.defaultAccount(), config.defaultRegion(),
                ports));
        Path dataDir = dataDir(config);
        ExecutorService workers = workerPool();
        List<AwsService> found = new ArrayList<>();
        ServiceLoader.load(AwsService.class).forEach(found::add);
        found.sort(Comparator.comparing(s -> s.descriptor().name()));
        ServiceTable services = new ServiceTable(found);
        // Each service keeps its state in the keyspace of its name; Tarn's own are "tarn" (the
        // clock) and "sts" (credentials).
        Map<String, AccessPattern> keyspaces = new HashMap<>(Map.of(
                "tarn", AccessPattern.POINT_READS, "sts", AccessPattern.POINT_READS));
        found.forEach(s -> keyspaces.put(s.descriptor().name(), s.accessPattern()));
        // Opening RocksDB, binding Netty and loading Jackson each take a while; they overlap.
        CompletableFuture<StateStore> storeFuture = CompletableFuture.supplyAsync(
                () -> StateStore.open(dataDir.resolve("state"), config.fsync(), keyspaces), workers);
        CompletableFuture.runAsync(AwsJsonCodec::json, workers);
        DeferredDispatcher dispatcher = new DeferredDispatcher();
        CompletableFuture<TarnServer> serverFuture = CompletableFuture.supplyAsync(() -> TarnServer.start(
                config.host(), config.port(), dispatcher, workers, config.tls() ? TlsContext.load(tlsDir(dataDir)) : null), workers);

        StateStore store;
        try {
            store = storeFuture.join();
        } catch (CompletionException e) {
            serverFuture.thenAccept(TarnServer::close);
            workers.shutdownNow();
            throw new IllegalStateException(unwrap(e).getMessage(), e.getCause()); // e.g. another Tarn uses the data dir
        }
        long opened = System.nanoTime();
        PersistedClock persistedClock = PersistedClock.restore(store.keyspace("tarn"), config.timeScale(), SystemTime.MACHINE);
        EmulatorClock clock = persistedClock.clock();
        Scheduler scheduler = new Scheduler(clock);
        CredentialStore credentials = new CredentialStore(config, store.keyspace("sts"), clock);
        // the port is known once the server is bound; a service asks for the endpoint only when it needs it (a job run)
        CompletableFuture<URI> endpoint = serverFuture.thenApply(server -> endpoint(config, server.port()));
        ServiceContext context = new ServiceContext(config, store, clock, scheduler, ports, credentials, dataDir, endpoint::join);
        List<CompletableFuture<Void>> starts = new ArrayList<>();
        for (AwsService service : found) {
            starts.add(CompletableFuture.runAsync(() -> {
                try {
                    services.ready(service, service.start(context));
                } catch (RuntimeException e) {
                    services.failed(service);
                    log.error("{} failed to start", service.descriptor().name(), e);
                    throw e;
                }
            }, workers));
        }

        TarnServer server;
        try {
            server = serverFuture.join();
        } catch (CompletionException e) {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).exceptionally(x -> null).join();
            found.forEach(AwsService::close);
            scheduler.close();
            store.close();
            workers.shutdownNow();
            throw new IllegalStateException("cannot listen on " + config.host() + ":" + config.port() + ": "
                    + unwrap(e).getMessage(), e.getCause());
        }
        long listening = System.nanoTime();
        Tarn tarn = new Tarn(config, dataDir, store, persistedClock, scheduler, services, workers, server);
        RequestAuthenticator authenticator = new RequestAuthenticator(config.authMode(), credentials, clock);
        AdminApi admin = new AdminApi(services, new AdminAccess(authenticator, config.adminToken()), clock, tarn::reset,
                version());
        dispatcher.set(new RequestRouter(services, authenticator, admin, clock, config.defaultAccount(), config.defaultRegion()));
        try {
            CompletableFuture.allOf(starts.toArray(CompletableFuture[]::new)).join();
        } catch (CompletionException e) {
            tarn.close();
            throw new IllegalStateException("a service failed to start: " + unwrap(e).getMessage(), e.getCause());
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
        log.debug("start-up: store open after {} ms, listening after {} ms, services ready after {} ms",
                (opened - started) / 1_000_000, (listening - started) / 1_000_000, millis);
        log.info("Tarn {} ready on {} in {} ms; data in {}{}; services: {}; auth {}", version(), tarn.endpoint(), millis,
                dataDir, config.ephemeral() ? " (ephemeral)" : "", services.statuses().keySet(),
                config.authMode().name().toLowerCase(java.util.Locale.ROOT));
        if (config.tls()) {
            log.info("TLS on the same port: https://localhost:{}; certificate to trust in {}", tarn.port(),
                    TlsContext.certificateFile(tlsDir(dataDir)));
        }
        return tarn;
    }

    /** Where the TLS certificate is kept: in the data dir, so that it outlives restarts. */
    static Path tlsDir(Path dataDir) {
        return dataDir.resolve("tls");
    }

    private static RuntimeException unwrap(CompletionException e) {
        return e.getCause() instanceof RuntimeException ? (RuntimeException) e.getCause() : e;
    }

    private static Path dataDir(TarnConfig config) {
        try {
            if (config.ephemeral()) {
                return Files.createTempDirectory("tarn-");
            }
            Files.createDirectories(config.dataDir());
            return config.dataDir().toAbsolutePath();
        } catch (IOException e) {
            throw new IllegalStateException("cannot use the data dir " + config.dataDir() + ": " + e.getMessage(), e);
        }
    }

    private static ExecutorService workerPool() {
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(WORKER_THREADS, WORKER_THREADS, 60, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), r -> {
                    Thread t = new Thread(r, "tarn-worker-" + n.incrementAndGet());
                    t.setDaemon(true);
                    return t;
                });
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    static String version() {
        String v = Tarn.class.getPackage().getImplementationVersion();
        return v != null ? v : "dev";
    }

    /** Clears all state (null) or one service's, then tells the services to drop their caches. */
    void reset(@Nullable String service) {
        for (AwsService s : services.services()) {
            String name = s.descriptor().name();
            if (service == null || service.equals(name)) {
                store.keyspace(name).clear();
                s.reset();
            }
        }
        log.info("state reset: {}", service == null ? "all services" : service);
    }

    public URI endpoint() {
        return endpoint(config, server.port());
    }

    private static URI endpoint(TarnConfig config, int port) {
        String host = config.host().equals("0.0.0.0") ? "127.0.0.1" : config.host();
        return URI.create("http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port);
    }

    public int port() {
        return server.port();
    }

    public EmulatorClock clock() {
        return clock;
    }

    public Path dataDir() {
        return dataDir;
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.close();
        for (AwsService s : services.services()) {
            try {
                s.close();
            } catch (RuntimeException e) {
                log.warn("{} did not close cleanly", s.descriptor().name(), e);
            }
        }
        scheduler.close();
        workers.shutdown();
        try {
            workers.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        persistedClock.save();
        store.close();
        if (config.ephemeral()) {
            deleteTree(dataDir);
        }
        log.info("Tarn stopped");
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            log.warn("could not delete {}", dir);
        }
    }
}
