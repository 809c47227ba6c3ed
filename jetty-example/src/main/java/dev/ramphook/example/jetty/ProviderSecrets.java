package dev.ramphook.example.jetty;

import dev.ramphook.Provider;
import dev.ramphook.provider.Providers;
import dev.ramphook.testkit.TestKeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Which environment variable holds each provider's secret, for the example and its {@code send} command alike:
 * {@code ZBD_WEBHOOK_TOKEN} (ZBD signs nothing: the secret is a URL token), otherwise
 * {@code <PROVIDER ID>_WEBHOOK_SECRET}, such as {@code MECASH_WEBHOOK_SECRET} or {@code MOONPAY_WEBHOOK_SECRET}.
 */
final class ProviderSecrets {

    private ProviderSecrets() {
    }

    static String variable(String providerId) {
        if (providerId.equals("zbd")) {
            return "ZBD_WEBHOOK_TOKEN";
        }
        return providerId.toUpperCase(Locale.ROOT).replaceAll("[^A-Z0-9]", "_") + "_WEBHOOK_SECRET";
    }

    /**
     * Adds every other provider on the class path to {@code secrets}, with the secret from its variable
     * ({@link ProviderSecrets}) or a generated one; one line for each generated secret, and for a provider that
     * cannot be served with it (an optional library is missing): it is left out. A provider verified with the
     * sender's public key (Ramp Network) whose variable is unset trusts the example's published test key
     * ({@link ExampleTestKeys}), with a line saying so.
     */
    static List<String> addOthers(Map<String, String> env, Map<String, String> secrets) {
        List<String> notes = new ArrayList<>();
        for (Provider provider : Providers.all().values()) {
            if (secrets.containsKey(provider.id())) {
                continue;
            }
            String variable = ProviderSecrets.variable(provider.id());
            String given = env.get(variable);
            String secret = given == null || given.isBlank() ? JettyExample.generated() : given;
            try {
                if (given == null || given.isBlank()) {
                    Optional<TestKeyPair> testKeys = ExampleTestKeys.of(provider.id());
                    if (testKeys.isPresent()) {
                        // Verified with the sender's public key: trust the example's published test key, which
                        // send signs with, rather than leave the endpoint out.
                        secret = testKeys.get().publicKey();
                        provider.defaultAuthenticator(secret);
                        secrets.put(provider.id(), secret);
                        notes.add(variable + " is not set; /webhooks/" + provider.id() + " trusts the example's"
                                + " published TEST key (ExampleTestKeys), which send signs with; set " + variable
                                + " to production, staging or the provider's PEM public key for real deliveries");
                        continue;
                    }
                }
                provider.defaultAuthenticator(secret);
            } catch (RuntimeException e) {
                // No default, a secret of another shape (a public key), or an optional library missing: the
                // example still runs for every other provider.
                notes.add("/webhooks/" + provider.id() + " is not served: " + (given == null ? "set " + variable
                        + "; " : "") + e.getMessage());
                continue;
            }
            secrets.put(provider.id(), secret);
            if (given == null || given.isBlank()) {
                notes.add(variable + " is not set; generated for this run: " + secret);
            }
        }
        return notes;
    }
}
