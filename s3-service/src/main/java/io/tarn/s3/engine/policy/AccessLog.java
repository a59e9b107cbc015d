package io.tarn.s3.engine.policy;

import io.tarn.core.iam.Decision;
import io.tarn.core.iam.RequestPrincipal;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The last {@value #CAPACITY} authorization decisions, in memory, oldest first: who asked for which
 * action on which resource, and which policy statement allowed or denied it, which AWS never tells
 * and everyone debugging a policy wants ({@code GET /_tarn/s3/access-log}). The request being
 * authorized (its id and time) is set around the checks by the api layer with {@link #request},
 * so the authorizer need not carry request details it has no other use for.
 */
public final class AccessLog {

    public static final int CAPACITY = 1000;

    /**
     * One decision.
     *
     * @param time when the request was received (emulator time), null outside a request
     * @param requestId the request's id, null outside a request
     * @param principal the caller's ARN, {@code anonymous} for an unsigned request
     * @param bucket the bucket the resource belongs to, null for an action on no bucket
     * @param resource the bucket's or object's ARN, null for an action on no bucket
     * @param policy the deciding policy ({@code bucket policy}), or the standing that allowed
     *     without one (the owner's account); null for an implicit deny
     * @param statement the deciding statement's Sid, else {@code Statement[i]}; null when no statement decided
     */
    public record Entry(@Nullable Instant time, @Nullable String requestId, String principal, String action,
            @Nullable String bucket, @Nullable String resource, Decision.Outcome outcome, @Nullable String policy,
            @Nullable String statement) {

        public boolean allowed() {
            return outcome == Decision.Outcome.ALLOW;
        }
    }

    private record Request(String requestId, Instant time) {}

    /** Closes the scope of one request's checks, restoring what was current before (a POST form's PutObject nests). */
    public interface Scope extends AutoCloseable {
        @Override
        void close();
    }

    private static final ThreadLocal<Request> CURRENT = new ThreadLocal<>();

    private final ArrayDeque<Entry> entries = new ArrayDeque<>(CAPACITY);

    /** Marks the checks run until the scope closes as made for this request. */
    public static Scope request(String requestId, Instant time) {
        Request before = CURRENT.get();
        CURRENT.set(new Request(requestId, time));
        // set back, not removed: a worker thread serves request after request, and removing the
        // entry each time made the thread-local map expunge and rehash on every GET
        return () -> CURRENT.set(before);
    }

    void record(RequestPrincipal principal, @Nullable String bucket, String action, @Nullable String resource, Decision decision) {
        Request request = CURRENT.get();
        Entry entry = new Entry(request == null ? null : request.time(), request == null ? null : request.requestId(),
                principal.isAnonymous() ? "anonymous" : principal.arn(), action, bucket, resource, decision.outcome(),
                decision.policy(), decision.statement());
        synchronized (entries) {
            if (entries.size() == CAPACITY) {
                entries.removeFirst();
            }
            entries.addLast(entry);
        }
    }

    /** The decisions kept, oldest first; only those on {@code bucket} when it is given. */
    public List<Entry> entries(@Nullable String bucket) {
        List<Entry> copy;
        synchronized (entries) {
            copy = new ArrayList<>(entries);
        }
        if (bucket != null) {
            copy.removeIf(e -> !bucket.equals(e.bucket()));
        }
        return copy;
    }

    /** Forgets every decision (a reset of the emulator). */
    public void clear() {
        synchronized (entries) {
            entries.clear();
        }
    }
}
