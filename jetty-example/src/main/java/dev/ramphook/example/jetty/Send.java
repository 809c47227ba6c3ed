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
 * provider verified with its own public key (Ramp Network) is signed with the example's published test key
 * ({@link ExampleTestKeys}) instead, which the example trusts unless its variable names the provider's real key.
 *
 * <p>Exit codes: 0 when the receiver answered 2xx, 1 for any other answer or when it cannot be reached, 2 for a
 * wrong command line (unknown provider or event, missing secret), with a message listing the choices.
 */
final class Send {

    static final String USAGE = "usage: java -jar ramphook-jetty-example.jar send <provider> <event> [--to <url>]\n"
            + "  signs a documented sample with the provider's secret (the same environment variable the example"
            + " reads)\n  and posts it; default --to http://localhost:$PORT/webhooks/<provider> (PORT default 8080);"
            + "\n  rampnetwork is signed with the example's published test key, which the example trusts by default";

    private Send() {
    }

    /** Runs the command; returns the process exit code. */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
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
        Optional<TestKeyPair> testKeys;
        try {
            testKeys = ExampleTestKeys.of(providerId);
        } catch (IllegalStateException missingLibrary) {
            err.println("ramphook send: cannot sign for " + providerId + ": " + missingLibrary.getMessage());
            return 2;
        }
        String variable = ProviderSecrets.variable(providerId);
        String secret = env.get(variable);
        if (testKeys.isEmpty() && (secret == null || secret.isBlank())) {
            err.println("ramphook send: set " + variable + " to the secret the receiver uses for " + providerId
                    + " (the running example prints it when it generated one)");
            return 2;
        }
        SignedDelivery delivery;
        try {
            // A provider verified with its own public key: only the example's published test key can sign, and
            // only a receiver that trusts it (the example, when the provider's variable is unset) accepts it.
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
