package dev.ramphook.config;

import dev.ramphook.receiver.ConsoleSettings;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code ramphook.console.*} keys: the console is on when {@code ramphook.console.path} is set, and then needs
 * a password or a token, each read from the environment variable (or system property) that its key names, like the
 * webhook secrets. Neither credential is ever a configuration value itself. When none of the named variables is set
 * the console stays off, with a warning: a WAR that ships the keys deploys where nobody chose a password, and the
 * console is never served without one.
 */
final class ConsoleConfigKeys {

    private static final org.slf4j.Logger log = dev.ramphook.internal.text.Logs.get(ConsoleConfigKeys.class);

    static final String PATH = "console.path";
    static final String USER = "console.user";
    static final String PASSWORD_ENV = "console.password-env";
    static final String TOKEN_ENV = "console.token-env";

    private ConsoleConfigKeys() {
    }

    /** The console settings, or empty when {@code ramphook.console.path} is not set. */
    static Optional<ConsoleSettings> parse(Settings settings, Function<String, Optional<String>> secrets) {
        Optional<String> path = settings.optional(Settings.PREFIX + PATH);
        Optional<String> user = settings.optional(Settings.PREFIX + USER);
        Optional<String> passwordEnv = settings.optional(Settings.PREFIX + PASSWORD_ENV);
        Optional<String> tokenEnv = settings.optional(Settings.PREFIX + TOKEN_ENV);
        if (path.isEmpty()) {
            if (user.isPresent() || passwordEnv.isPresent() || tokenEnv.isPresent()) {
                throw new ConfigException(Settings.PREFIX + PATH + " is required to turn the console on (other "
                        + Settings.PREFIX + "console.* keys are set)");
            }
            return Optional.empty();
        }
        if (passwordEnv.isEmpty() && tokenEnv.isEmpty()) {
            throw new ConfigException(Settings.PREFIX + "console needs credentials: set " + Settings.PREFIX
                    + PASSWORD_ENV + " (basic authentication) or " + Settings.PREFIX + TOKEN_ENV + " (bearer token)"
                    + " to the name of an environment variable holding it");
        }
        if (user.isPresent() && passwordEnv.isEmpty()) {
            throw new ConfigException(Settings.PREFIX + USER + " applies to basic authentication: set "
                    + Settings.PREFIX + PASSWORD_ENV + " too");
        }
        Optional<String> password = passwordEnv.flatMap(secrets);
        Optional<String> token = tokenEnv.flatMap(secrets);
        if (password.isEmpty() && token.isEmpty()) {
            log.warn("ramphook console at {} is OFF: no credential is set (the variable named by {} is unset)",
                    path.get(), passwordEnv.isPresent() ? Settings.PREFIX + PASSWORD_ENV + "=" + passwordEnv.get()
                            : Settings.PREFIX + TOKEN_ENV + "=" + tokenEnv.get());
            return Optional.empty();
        }
        try {
            ConsoleSettings console = ConsoleSettings.at(path.get());
            if (password.isPresent()) {
                console = console.basicAuth(user.orElse("ops"), password.get());
            }
            if (token.isPresent()) {
                console = console.bearerToken(token.get());
            }
            return Optional.of(console);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Settings.PREFIX + "console: " + e.getMessage(), e);
        }
    }

}
