package io.tarn.s3.engine.notifications;

import java.util.function.Supplier;
import org.jspecify.annotations.Nullable;

/**
 * Who made the request whose changes an event tells of: the event's {@code userIdentity},
 * {@code requestParameters} and {@code responseElements}. The S3 front sets it around the call,
 * so the engines need not carry request details they otherwise have no use for.
 */
public record RequestOrigin(String principalId, String sourceIpAddress, String requestId, String hostId) {

    private static final ThreadLocal<RequestOrigin> CURRENT = new ThreadLocal<>();

    /** The request being served on this thread, or null (a change S3 makes by itself: lifecycle). */
    public static @Nullable RequestOrigin current() {
        return CURRENT.get();
    }

    /** Runs {@code call} with this origin as the current one. */
    public <T> T run(Supplier<T> call) {
        RequestOrigin before = CURRENT.get();
        CURRENT.set(this);
        try {
            return call.get();
        } finally {
            if (before == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(before);
            }
        }
    }
}
