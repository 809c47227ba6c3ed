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
     * The value of a provider's variable that makes the example trust its published test key ({@link ExampleTestKeys})
     * for a provider verified with the sender's public key (Ramp Network). Only this explicit value does: anyone can
     * sign with that key, so an unset variable leaves the endpoint off instead.
     */
    static final String TEST_KEY_OPT_IN = "example-test-key";

    /**
     * Adds every other provider on the class path to {@code secrets}, with the secret from its variable
     * ({@link ProviderSecrets}) or a generated one; one line for each generated secret, and for a provider that
     * cannot be served with it (an optional library is missing): it is left out. A provider verified with the
     * sender's public key (Ramp Network) is left out unless its variable names the provider's key or says
     * {@value #TEST_KEY_OPT_IN}, which makes it trust the example's published test key, with a loud WARN line.
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
                if (ExampleTestKeys.isPublicKeyProvider(provider.id())) {
                    if (given == null || given.isBlank()) {
                        // Anyone can sign with the published test key: never trusted by default, or an example
                        // run on a server would accept a forged RELEASED purchase.
                        notes.add("/webhooks/" + provider.id() + " is OFF: set " + variable + " to production,"
                                + " staging or the provider's PEM public key for real deliveries, or " + variable
                                + "=" + TEST_KEY_OPT_IN + " to try it locally with send (trusts the example's"
                                + " PUBLISHED test key)");
                        continue;
                    }
                    if (secret.trim().equals(TEST_KEY_OPT_IN)) {
                        Optional<TestKeyPair> testKeys = ExampleTestKeys.of(provider.id());
                        secret = testKeys.orElseThrow().publicKey();
                        provider.defaultAuthenticator(secret);
                        secrets.put(provider.id(), secret);
                        notes.add("WARN: " + variable + "=" + TEST_KEY_OPT_IN + ": /webhooks/" + provider.id()
                                + " trusts the example's PUBLISHED TEST key (ExampleTestKeys): ANYONE can sign"
                                + " deliveries it accepts. For local tries with send only; never on a server that"
                                + " receives real payments");
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
