package dev.ramphook.servlet;

import dev.ramphook.Provider;
import dev.ramphook.Authenticator;
import dev.ramphook.config.ReceiverSettings;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The authenticator that one endpoint's keys give, parsed as every source parses them: through
 * {@link ReceiverSettings}, with the endpoint's {@code path} and {@code provider} filled in when the test leaves them
 * out.
 */
final class EndpointAuth {

    private EndpointAuth() {
    }

    /** @param prefix {@code ramphook.endpoint.<name>.} of the keys under test */
    static Authenticator of(Map<String, String> keys, Function<String, Optional<String>> secrets, String prefix,
                            Provider provider) {
        Map<String, String> all = new HashMap<>(keys);
        String name = prefix.substring("ramphook.endpoint.".length(), prefix.length() - 1);
        all.putIfAbsent(prefix + "path", "/webhooks/" + name);
        all.putIfAbsent(prefix + "provider", provider.id());
        return ReceiverSettings.from(all, secrets, EndpointAuth.class.getClassLoader()).endpoints().get(0)
                .authenticator();
    }
}
