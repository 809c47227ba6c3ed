package dev.ramphook.store;

/** The store could not do what was asked (database down, timeout). The receiver answers 503 so the provider retries. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    public StoreException(String message) {
        super(message);
    }
}
