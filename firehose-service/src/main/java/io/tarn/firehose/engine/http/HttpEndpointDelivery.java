package io.tarn.firehose.engine.http;

import io.tarn.core.time.EmulatorClock;
import io.tarn.core.time.Scheduler;
import java.io.IOException;
import java.net.ConnectException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;
import javax.net.ssl.SSLException;
import org.jspecify.annotations.Nullable;

/**
 * The HTTP endpoint destination: delivers a batch of records as AWS's Firehose does, one POST per
 * attempt (JDK {@link HttpClient}, no thread held while waiting), retried on failure with AWS's
 * backoff (1 s doubling, 15% jitter, at most 2 minutes between attempts) for the configured
 * {@code RetryDuration} of emulator time, the waits being {@link Scheduler} timers; each attempt
 * waits up to 3 minutes of real time for the answer, as AWS does.
 *
 * <p>How delivery calls it: when a buffer is due, {@link #deliver} with a request id that stays the
 * same for that buffer (so an attempt after a restart keeps it, and endpoints can deduplicate);
 * when {@link Delivery#outcome()} completes, {@link HttpOutcome.Delivered} clears the buffer and
 * {@link HttpOutcome.Failed} with {@code backUp} writes {@link HttpEndpointErrorOutput#of} to the S3
 * backup under the error output type {@value HttpEndpointErrorOutput#ERROR_OUTPUT_TYPE}, then clears it.
 */
public final class HttpEndpointDelivery {

    /** AWS: "HTTP endpoints have 3 minutes to respond to a request". */
    static final Duration RESPONSE_TIMEOUT = Duration.ofMinutes(3);
    static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    static final Duration MAX_BACKOFF = Duration.ofMinutes(2);
    static final double JITTER = 0.15;

    /** A delivery under way. */
    public interface Delivery {
        /** Completes once, with the delivery's end; never exceptionally. */
        CompletableFuture<HttpOutcome> outcome();

        int attemptsMade();

        /** When the next attempt is due on the emulator clock, null while none waits. */
        @Nullable Instant nextAttemptAt();

        /** No attempt starts after this (the stream was deleted); the outcome stays incomplete. */
        void cancel();
    }

    private final EmulatorClock clock;
    private final Scheduler scheduler;
    private final Supplier<HttpClient> client;
    private final Duration responseTimeout;

    public HttpEndpointDelivery(EmulatorClock clock, Scheduler scheduler) {
        this(clock, scheduler, RESPONSE_TIMEOUT);
    }

    /** With another response timeout: for tests. */
    HttpEndpointDelivery(EmulatorClock clock, Scheduler scheduler, Duration responseTimeout) {
        this.clock = Objects.requireNonNull(clock);
        this.scheduler = Objects.requireNonNull(scheduler);
        this.responseTimeout = responseTimeout;
        this.client = new Supplier<>() { // made on first use: no selector thread unless a stream delivers over HTTP
            private volatile @Nullable HttpClient made;

            @Override
            public synchronized HttpClient get() {
                if (made == null) {
                    made = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).followRedirects(HttpClient.Redirect.NEVER)
                            .connectTimeout(responseTimeout).build();
                }
                return made;
            }
        };
    }

    /**
     * Starts delivering {@code records}; returns at once. {@code config} is read before each
     * attempt, so an UpdateDestination applies to the next one.
     */
    public Delivery deliver(Supplier<HttpEndpointConfig> config, String requestId, List<HttpRecord> records) {
        Attempts a = new Attempts(config, requestId, List.copyOf(records), clock.millis());
        a.attempt();
        return a;
    }

    /** The wait before attempt {@code attempt + 1}: 1 s doubling, within 15%, at most 2 minutes. */
    static Duration backoff(int attempt, double random) {
        double seconds = FIRST_BACKOFF.toMillis() / 1000.0 * Math.pow(2, Math.max(0, attempt - 1));
        double capped = Math.min(seconds, MAX_BACKOFF.toMillis() / 1000.0);
        double jittered = capped * (1 - JITTER + 2 * JITTER * random);
        return Duration.ofMillis(Math.round(jittered * 1000));
    }

    private final class Attempts implements Delivery {
        private final Supplier<HttpEndpointConfig> config;
        private final String requestId;
        private final List<HttpRecord> records;
        private final long timestamp;
        private final CompletableFuture<HttpOutcome> outcome = new CompletableFuture<>();
        private int attempts;
        private @Nullable Instant firstFailure;
        private @Nullable Instant next;
        private Scheduler.@Nullable Timer timer;
        private boolean cancelled;

        Attempts(Supplier<HttpEndpointConfig> config, String requestId, List<HttpRecord> records, long timestamp) {
            this.config = config;
            this.requestId = requestId;
            this.records = records;
            this.timestamp = timestamp;
        }

        synchronized void attempt() {
            if (cancelled || outcome.isDone()) {
                return;
            }
            attempts++;
            next = null;
            HttpEndpointConfig c;
            try {
                c = config.get();
                byte[] body = FirehoseHttpRequest.body(requestId, timestamp, records, c.gzip());
                client.get().sendAsync(FirehoseHttpRequest.build(c, requestId, body, responseTimeout), HttpResponse.BodyHandlers.ofByteArray())
                        .whenComplete((response, error) -> answered(c, response, error));
            } catch (RuntimeException e) { // a URL the client refuses, a destination gone: fails like an unreachable endpoint
                failed(null, new EndpointResponse.Failure("HttpEndpoint.ConnectionFailed", "Could not connect to the endpoint: "
                        + e.getMessage(), false));
            }
        }

        private void answered(HttpEndpointConfig c, @Nullable HttpResponse<byte[]> response, @Nullable Throwable error) {
            EndpointResponse.Failure failure = error != null ? transportFailure(c, error) : EndpointResponse.judge(requestId, response);
            if (failure == null) {
                outcome.complete(new HttpOutcome.Delivered(requestId, attemptsMade()));
            } else {
                failed(c, failure);
            }
        }

        private synchronized void failed(@Nullable HttpEndpointConfig c, EndpointResponse.Failure failure) {
            Instant now = clock.instant();
            if (firstFailure == null) {
                firstFailure = now; // AWS starts the retry duration counter at the first failure
            }
            Duration retryDuration = c != null ? c.retryDuration() : Duration.ZERO;
            if (failure.permanent() || cancelled || !now.isBefore(firstFailure.plus(retryDuration))) {
                outcome.complete(new HttpOutcome.Failed(requestId, attempts, failure.errorCode(), failure.errorMessage(), now.toEpochMilli(),
                        !failure.permanent()));
                return;
            }
            next = now.plus(backoff(attempts, ThreadLocalRandom.current().nextDouble()));
            timer = scheduler.at(next, this::attempt);
        }

        private EndpointResponse.Failure transportFailure(HttpEndpointConfig c, Throwable error) {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
            if (cause instanceof HttpConnectTimeoutException || cause instanceof ConnectException) {
                return new EndpointResponse.Failure("HttpEndpoint.ConnectionFailed", "Could not connect to the endpoint " + c.url()
                        + ". Make sure the endpoint URL is valid and reachable.", false);
            }
            if (cause instanceof HttpTimeoutException) {
                return new EndpointResponse.Failure("HttpEndpoint.RequestTimeout", "The endpoint did not respond within "
                        + responseTimeout.toSeconds() + " seconds.", false);
            }
            if (cause instanceof SSLException) {
                return new EndpointResponse.Failure("HttpEndpoint.SSLHandshakeFailure", "Could not complete an SSL handshake with the "
                        + "endpoint " + c.url() + ".", false);
            }
            if (cause instanceof IOException) {
                return new EndpointResponse.Failure("HttpEndpoint.ConnectionReset", "The connection to the endpoint was reset or closed "
                        + "before a response was received.", false);
            }
            return new EndpointResponse.Failure("HttpEndpoint.ConnectionFailed", "Could not deliver to the endpoint: " + cause, false);
        }

        @Override
        public CompletableFuture<HttpOutcome> outcome() {
            return outcome;
        }

        @Override
        public synchronized int attemptsMade() {
            return attempts;
        }

        @Override
        public synchronized @Nullable Instant nextAttemptAt() {
            return next;
        }

        @Override
        public synchronized void cancel() {
            cancelled = true;
            if (timer != null) {
                timer.cancel();
            }
        }
    }
}
