package dev.ramphook.receiver;

import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Turns on the receiver's operator console: HTML pages and a JSON API at {@link #path()}, served through
 * {@link WebhookReceiver#receive} like the webhook endpoints, so every HTTP adapter exposes it without extra code.
 * It shows recent deliveries (refused ones included), searches recorded events, shows one event's envelope, body
 * and attempts, and replays dead letters.
 *
 * <pre>{@code
 * WebhookReceiver.builder()
 *         .endpoint(...)
 *         .console(ConsoleSettings.at("/ramphook").basicAuth("ops", System.getenv("RAMPHOOK_CONSOLE_PASSWORD")))
 *         .build();
 * }</pre>
 *
 * <p>Every request must be authenticated: HTTP basic credentials (for browsers) or {@code Authorization: Bearer}
 * with the token (for scripts), compared in constant time. At least one of them must be set. Actions are POSTs that
 * need a CSRF token (see the README), except those authenticated with the bearer token. Immutable and thread-safe;
 * {@link #toString()} never prints a credential.
 */
public final class ConsoleSettings {

    private static final int MIN_SECRET_CHARS = 12;

    private final String path;
    private final String user;
    private final byte[] password;
    private final byte[] token;

    private ConsoleSettings(String path, String user, byte[] password, byte[] token) {
        this.path = path;
        this.user = user;
        this.password = password;
        this.token = token;
    }

    /**
     * A console at {@code path} (below the context path, such as {@code /ramphook}), not usable until
     * {@link #basicAuth} or {@link #bearerToken} is set.
     *
     * @param path the console's path, such as {@code /ramphook}; pages are below it, the JSON API below
     *             {@code <path>/api/}
     * @return settings without credentials
     * @throws IllegalArgumentException when the path does not start with {@code /}, ends with {@code /} or has
     *                                  {@code *}, {@code ?} or {@code #}
     */
    public static ConsoleSettings at(String path) {
        Objects.requireNonNull(path, "path");
        if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/") || path.matches(".*[*?#;].*")) {
            throw new IllegalArgumentException("console path must start with /, not end with / and have no * ? # ;: "
                    + path);
        }
        return new ConsoleSettings(path, null, null, null);
    }

    /**
     * These settings with HTTP basic authentication (what a browser asks for).
     *
     * @param user     the user name, without {@code :}
     * @param password at least 12 characters; take it from the environment, never from source code
     * @return new settings; this instance is unchanged
     * @throws IllegalArgumentException when the user is empty or has {@code :}, or the password is too short
     */
    public ConsoleSettings basicAuth(String user, String password) {
        Objects.requireNonNull(user, "user");
        if (user.isEmpty() || user.contains(":")) {
            throw new IllegalArgumentException("console user must be non-empty and have no ':'");
        }
        return new ConsoleSettings(path, user, secret(password, "console password"), token);
    }

    /**
     * These settings with a bearer token for scripts ({@code Authorization: Bearer <token>}); requests that use it
     * need no CSRF token, since browsers never send it by themselves.
     *
     * @param token at least 12 characters; take it from the environment, never from source code
     * @return new settings; this instance is unchanged
     * @throws IllegalArgumentException when the token is too short
     */
    public ConsoleSettings bearerToken(String token) {
        return new ConsoleSettings(path, user, password, secret(token, "console token"));
    }

    private static byte[] secret(String value, String what) {
        Objects.requireNonNull(value, what + " (is its environment variable set?)");
        if (value.length() < MIN_SECRET_CHARS) {
            throw new IllegalArgumentException(what + " must have at least " + MIN_SECRET_CHARS + " characters");
        }
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /**
     * The console's path below the context path.
     *
     * @return the path, such as {@code /ramphook}
     */
    public String path() {
        return path;
    }

    /**
     * The basic user name.
     *
     * @return the user, or {@code null} when basic authentication is off
     */
    public String user() {
        return user;
    }

    /**
     * Whether a credential is set; {@link WebhookReceiver.Builder#console} refuses settings without one.
     *
     * @return true when basic credentials or a bearer token are set
     */
    public boolean hasCredentials() {
        return password != null || token != null;
    }

    /** The password's bytes, for the console's constant-time check; {@code null} when not set. Not for callers. */
    byte[] passwordBytes() {
        return password == null ? null : password.clone();
    }

    byte[] tokenBytes() {
        return token == null ? null : token.clone();
    }

    /**
     * The path and which kinds of credential are set; never a credential.
     *
     * @return a description safe to log
     */
    @Override
    public String toString() {
        return "ConsoleSettings[path=" + path + (user != null ? ", basic auth as " + user : "")
                + (token != null ? ", bearer token" : "") + "]";
    }
}
