package dev.ramphook.config;

/**
 * A bad {@code ramphook.*} configuration. The message names the key (and, for a misspelt key, the key it was meant
 * to be) and never contains a secret's value: it is meant to be shown as it is, as the reason start-up stopped.
 */
public final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** A secret's variable that is not set: parsing goes on, so that every such variable is reported at once. */
    private final boolean unsetSecret;

    /** @param message what is wrong, starting with the key; never a secret's value */
    public ConfigException(String message) {
        this(message, null, false);
    }

    /**
     * @param message what is wrong, starting with the key; never a secret's value
     * @param cause   the error behind it
     */
    public ConfigException(String message, Throwable cause) {
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
