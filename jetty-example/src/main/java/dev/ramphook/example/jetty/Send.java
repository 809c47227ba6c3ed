package dev.ramphook.example.jetty;

import dev.ramphook.testkit.Sample;
import dev.ramphook.testkit.Samples;
import dev.ramphook.testkit.SignedDelivery;
import dev.ramphook.testkit.TestKeyPair;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code send <provider> <event> [--to <url>]}: signs a documented sample of the provider (the test kit's catalog)
 * with the secret from the same environment variable the example reads, and posts it to a running receiver, printing
 * the answer. So anyone can exercise their own receiver locally, without the provider and without a tunnel. A
 * provider verified with its own public key (Ramp Network) can only be signed with the example's published test key
 * ({@link ExampleTestKeys}): its variable must say {@code example-test-key}, for the example (which then trusts that
 * key) and for this command alike.
 *
 * <p>Exit codes: 0 when the receiver answered 2xx, 1 for any other answer or when it cannot be reached, 2 for a
 * wrong command line (unknown provider or event, missing secret), with a message listing the choices.
 */
final class Send {

    static final String USAGE = "usage: java -jar ramphook-jetty-example.jar send <provider> <event> [--to <url>]\n"
            + "  signs a documented sample with the provider's secret (the same environment variable the example"
            + " reads)\n  and posts it; default --to http://localhost:$PORT/webhooks/<provider> (PORT default 8080);"
            + "\n  rampnetwork: set RAMPNETWORK_WEBHOOK_SECRET=example-test-key for the example and send alike (signed"
            + " with the\n  example's published test key, which the example then trusts; off by default)";

    private Send() {
    }

    /** Runs the command; returns the process exit code. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        if (args.size() == 1 && JettyExample.HELP.contains(args.get(0))) {
            out.println(USAGE);
            return 0;
        }
        if (args.size() != 2 && !(args.size() == 4 && args.get(2).equals("--to"))) {
            err.println(USAGE);
            return 2;
        }
        String providerId = args.get(0);
        Sample sample;
        try {
            sample = Samples.find(providerId, args.get(1));
        } catch (IllegalArgumentException unknown) {
            err.println("ramphook send: " + unknown.getMessage());
            return 2;
        }
        URI to = URI.create(args.size() == 4 ? args.get(3)
                : "http://localhost:" + env.getOrDefault("PORT", "8080").trim() + "/webhooks/" + providerId);
        if (to.getScheme() == null || to.getRawAuthority() == null || to.getRawPath() == null
                || to.getRawPath().isEmpty()) {
            err.println("ramphook send: --to must be an http(s) URL with the endpoint path, such as"
                    + " http://localhost:8080/webhooks/" + providerId);
            return 2;
        }
        String variable = ProviderSecrets.variable(providerId);
        String secret = env.get(variable);
        Optional<TestKeyPair> testKeys = Optional.empty();
        if (ExampleTestKeys.isPublicKeyProvider(providerId)) {
            // Only the example's published test key can sign, and the example trusts it only when told to.
            if (secret == null || !secret.trim().equals(ProviderSecrets.TEST_KEY_OPT_IN)) {
                err.println("ramphook send: " + providerId + " is signed with the sender's own private key, which only"
                        + " the provider has; to try it locally, set " + variable + "=" + ProviderSecrets.TEST_KEY_OPT_IN
                        + " for both the running example (its /webhooks/" + providerId + " is off otherwise, and then"
                        + " trusts the example's PUBLISHED test key) and this command"
                        + (secret == null || secret.isBlank() ? "" : " (" + variable + " names the provider's real key"
                        + ", which this command cannot sign with)"));
                return 2;
            }
            try {
                testKeys = ExampleTestKeys.of(providerId);
            } catch (IllegalStateException missingLibrary) {
                err.println("ramphook send: cannot sign for " + providerId + ": " + missingLibrary.getMessage());
                return 2;
            }
        }
        if (testKeys.isEmpty() && (secret == null || secret.isBlank())) {
            err.println("ramphook send: set " + variable + " to the secret the receiver uses for " + providerId
                    + " (the running example prints it when it generated one)");
            return 2;
        }
        SignedDelivery delivery;
        try {
            // A provider verified with its own public key: only the example's published test key can sign, and
            // only a receiver that trusts it (the example, with the provider's variable at example-test-key).
            delivery = testKeys.isPresent() ? sample.signed(to.getRawPath(), testKeys.get())
                    : sample.signed(to.getRawPath(), secret);
        } catch (UnsupportedOperationException | IllegalArgumentException cannotSign) {
            err.println("ramphook send: cannot sign for " + providerId + ": " + cannotSign.getMessage());
            return 2;
        }
        URI origin = URI.create(to.getScheme() + "://" + to.getRawAuthority());
        out.println("POST " + origin + delivery.path() + " " + sample.event() + " (sample " + sample.file() + ", "
                + sample.source() + ")" + (testKeys.isPresent() ? ", signed with the example's TEST key" : ""));
        try {
            HttpResponse<String> answer = delivery.post(origin);
            out.println(answer.statusCode() + " " + answer.body());
            if (answer.statusCode() == 404) {
                err.println("ramphook send: the receiver has no endpoint at " + delivery.path().replaceAll("\\?.*", "")
                        + (testKeys.isPresent() ? "; start the example with " + variable + "="
                        + ProviderSecrets.TEST_KEY_OPT_IN + " to turn it on" : ""));
            }
            return answer.statusCode() / 100 == 2 ? 0 : 1;
        } catch (IOException e) {
            err.println("ramphook send: no answer from " + origin + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("ramphook send: interrupted");
            return 1;
        }
    }
}
