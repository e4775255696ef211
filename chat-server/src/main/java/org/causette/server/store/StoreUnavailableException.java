package org.causette.server.store;

/** The store cannot be reached or refused the operation: nothing was stored, the caller must not acknowledge. */
public final class StoreUnavailableException extends RuntimeException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreUnavailableException(String message) {
        super(message);
    }
}
