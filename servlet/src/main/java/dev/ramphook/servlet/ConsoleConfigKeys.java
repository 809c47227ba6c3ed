package dev.ramphook.servlet;

import dev.ramphook.ConsoleSettings;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The {@code ramphook.console.*} keys: the console is on when {@code ramphook.console.path} is set, and then needs
 * a password or a token, each read from the environment variable (or system property) that its key names, like the
 * webhook secrets. Neither credential is ever a configuration value itself.
 */
final class ConsoleConfigKeys {

    static final String PATH = "console.path";
    static final String USER = "console.user";
    static final String PASSWORD_ENV = "console.password-env";
    static final String TOKEN_ENV = "console.token-env";
    static final List<String> KEYS = List.of(PATH, USER, PASSWORD_ENV, TOKEN_ENV);

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
        try {
            ConsoleSettings console = ConsoleSettings.at(path.get());
            if (passwordEnv.isPresent()) {
                console = console.basicAuth(user.orElse("ops"), secret(secrets, PASSWORD_ENV, passwordEnv.get()));
            } else if (user.isPresent()) {
                throw new ConfigException(Settings.PREFIX + USER + " applies to basic authentication: set "
                        + Settings.PREFIX + PASSWORD_ENV + " too");
            }
            if (tokenEnv.isPresent()) {
                console = console.bearerToken(secret(secrets, TOKEN_ENV, tokenEnv.get()));
            }
            return Optional.of(console);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(Settings.PREFIX + "console: " + e.getMessage(), e);
        }
    }

    private static String secret(Function<String, Optional<String>> secrets, String key, String variable) {
        return secrets.apply(variable).orElseThrow(() -> new ConfigException(Settings.PREFIX + key + "=" + variable
                + ": no environment variable or system property " + variable + " is set"));
    }
}
