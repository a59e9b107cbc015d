package io.tarn.core.store;

/** The store failed underneath an operation: a bug or a broken disk, never the client's fault. */
public final class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
