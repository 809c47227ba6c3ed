package dev.ramphook.example.jetty;

import dev.ramphook.receiver.WebhookReceiver;
import java.time.Duration;
import java.util.Map;

/**
 * How the example retries a failed event: by default as the library does (inline in memory: the provider's
 * redelivery retries; queued with PostgreSQL: up to 10 attempts over minutes). {@code RAMPHOOK_MAX_ATTEMPTS}
 * switches to queued handling that makes an event a dead letter after that many attempts, {@code
 * RAMPHOOK_RETRY_BACKOFF} seconds apart at first (default 1, doubling up to 4 times that): with {@code 2} and
 * {@code 1}, a failing handler makes a dead letter within seconds, so an operator can try the console's dead letters
 * and replay in a minute.
 *
 * @param maxAttempts attempts before an event is a dead letter
 * @param backoff     the first wait between attempts
 */
record Retries(int maxAttempts, Duration backoff) {

    static final String MAX_ATTEMPTS = "RAMPHOOK_MAX_ATTEMPTS";
    static final String BACKOFF = "RAMPHOOK_RETRY_BACKOFF";

    /** The library's defaults: nothing to apply. */
    static final Retries DEFAULT = null;

    /**
     * The settings from the environment, or {@link #DEFAULT} when {@link #MAX_ATTEMPTS} is unset.
     *
     * @throws IllegalArgumentException naming the variable whose value is malformed
     */
    static Retries fromEnvironment(Map<String, String> env) {
        String attempts = env.get(MAX_ATTEMPTS);
        String backoff = env.get(BACKOFF);
        if (attempts == null || attempts.isBlank()) {
            if (backoff != null && !backoff.isBlank()) {
                throw new IllegalArgumentException(BACKOFF + " needs " + MAX_ATTEMPTS + " (such as 2)");
            }
            return DEFAULT;
        }
        int n = positive(MAX_ATTEMPTS, attempts, 100);
        int seconds = backoff == null || backoff.isBlank() ? 1 : positive(BACKOFF, backoff, 3600);
        return new Retries(n, Duration.ofSeconds(seconds));
    }

    private static int positive(String variable, String value, int max) {
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= max) {
                return n;
            }
        } catch (NumberFormatException notANumber) {
            // reported below
        }
        throw new IllegalArgumentException(variable + " must be a whole number from 1 to " + max + ", got "
                + value.trim());
    }

    /** Queued handling with these attempts and waits. */
    WebhookReceiver.Builder apply(WebhookReceiver.Builder builder) {
        return builder.queued().maxAttempts(maxAttempts).retryBackoff(backoff, backoff.multipliedBy(4));
    }

    /** The start-up line: what happens to a failing event, and how to see a dead letter quickly. */
    static String describe(Retries retries) {
        return retries == null
                ? "failed events are retried as the library does; to try dead letters and replay in the console in a"
                        + " minute, start with " + MAX_ATTEMPTS + "=2 " + BACKOFF + "=1 and EVENT_LOG=<a file in a"
                        + " missing directory> (the audit handler then fails; create the directory to fix it)"
                : "failed events are retried by queued workers and become dead letters after " + retries.maxAttempts()
                        + " attempt(s), " + retries.backoff().toSeconds() + " s apart at first (" + MAX_ATTEMPTS
                        + ", " + BACKOFF + "); replay them in the console once the handler is fixed";
    }
}
