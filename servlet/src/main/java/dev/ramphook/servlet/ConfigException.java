package dev.ramphook.servlet;

/** A bad zero-code configuration; the message names the key and never contains a secret's value. */
final class ConfigException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    ConfigException(String message) {
        super(message, null, false, false);
    }

    ConfigException(String message, Throwable cause) {
        super(message, cause, false, false);
    }
}
