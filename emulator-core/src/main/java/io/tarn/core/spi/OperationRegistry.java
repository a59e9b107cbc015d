package io.tarn.core.spi;

import io.tarn.core.error.ErrorCode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jspecify.annotations.Nullable;

/**
 * The operations of a JSON service by name, one line each:
 * {@code ops.add("Encrypt", EncryptInput.class, crypto::encrypt)}. Operations the service knows
 * but does not implement are registered with {@link #unsupported}, so they answer the service's
 * own "not supported" error rather than an unknown-operation one.
 */
public final class OperationRegistry {

    /** A registered operation with its input type. */
    public record Registered<I, O>(String name, Class<I> inputType, Operation<I, O> operation) {}

    private final Map<String, Registered<?, ?>> operations = new TreeMap<>();

    public <I, O> OperationRegistry add(String name, Class<I> inputType, Operation<I, O> operation) {
        if (operations.putIfAbsent(name, new Registered<>(name, inputType, operation)) != null) {
            throw new IllegalStateException("operation registered twice: " + name);
        }
        return this;
    }

    /** Registers an operation of the AWS API that Tarn does not build; it answers {@code error}. */
    public OperationRegistry unsupported(String name, ErrorCode error, String message) {
        return add(name, Void.class, (ctx, in) -> {
            throw error.exception(message);
        });
    }

    public @Nullable Registered<?, ?> find(String name) {
        return operations.get(name);
    }

    public Set<String> names() {
        return operations.keySet();
    }
}
