package dev.ramphook.internal.console;

import java.util.Objects;

/**
 * The console's settings as the engine gets them ({@code ConsoleSettings} is the public side).
 *
 * @param path     the console's path below the context path
 * @param user     the basic user, or null
 * @param password the basic password's bytes, or null
 * @param token    the bearer token's bytes, or null
 */
public record ConsoleConfig(String path, String user, byte[] password, byte[] token) {

    public ConsoleConfig {
        Objects.requireNonNull(path, "path");
        if (password == null && token == null) {
            throw new IllegalArgumentException("the console needs basic credentials or a bearer token");
        }
    }

    /** Never prints a credential. */
    @Override
    public String toString() {
        return "ConsoleConfig[" + path + "]";
    }
}
