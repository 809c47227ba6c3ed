package dev.ramphook.servlet;

/** A bad zero-code configuration; the message names the key and never contains a secret's value. */
final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A secret's variable that is not set: parsing goes on, so that every such variable is reported at once. */
    private final boolean unsetSecret;

    ConfigException(String message) {
        this(message, null, false);
    }

    ConfigException(String message, Throwable cause) {
        this(message, cause, false);
    }

    private ConfigException(String message, Throwable cause, boolean unsetSecret) {
        super(message, cause, false, false);
        this.unsetSecret = unsetSecret;
    }

    /** A key that names a variable which is not set; reported with the others like it. */
    static ConfigException unsetSecret(String message) {
        return new ConfigException(message, null, true);
    }

    boolean isUnsetSecret() {
        return unsetSecret;
    }
}
