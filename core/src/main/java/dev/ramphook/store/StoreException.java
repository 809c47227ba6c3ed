package dev.ramphook.store;

/** The store could not do what was asked (database down, timeout). The receiver answers 503 so the provider retries. */
public class StoreException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /**
     * A failure with its cause.
     *
     * @param message what failed, without secrets or event bodies (it is logged)
     * @param cause   the underlying failure, such as an {@link java.sql.SQLException}
     */
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * A failure without an underlying exception (a full in-memory store).
     *
     * @param message what failed, without secrets or event bodies (it is logged)
     */
    public StoreException(String message) {
        super(message);
    }
}
