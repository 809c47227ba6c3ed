package dev.ramphook.internal.console;

import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.text.Logs;
import dev.ramphook.internal.text.Printable;
import dev.ramphook.store.StoreException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;

/**
 * The operator console, served by the receiver at its configured path through the same requests and answers as the
 * webhook endpoints. Every request is authenticated before anything else happens ({@link ConsoleAuth}); a refused
 * one costs two HMACs and never reaches the store. Pages are under {@code <path>/}, the JSON API under
 * {@code <path>/api/}; the only action, replaying dead letters, is a POST that needs a CSRF token.
 */
public final class Console {

    private static final Logger log = Logs.get(Console.class);
    /** Console forms are a few hundred bytes; nothing larger is read. */
    static final int MAX_BODY_BYTES = 16 * 1024;

    private final String path;
    private final ConsoleAuth auth;
    private final LoginThrottle throttle = new LoginThrottle();
    private final Clock clock;
    private final Pages pages;
    private final Api api;

    public Console(ConsoleConfig config, ConsoleData data, Clock clock) {
        this.path = config.path();
        this.auth = new ConsoleAuth(config);
        this.clock = clock;
        this.pages = new Pages(data, auth, clock);
        this.api = new Api(data, auth, clock);
    }

    /** The failed-login table, for tests. */
    LoginThrottle throttle() {
        return throttle;
    }

    /** True for the console path and everything below it. */
    public boolean owns(String requestPath) {
        return requestPath.equals(path) || requestPath.startsWith(path + "/");
    }

    /** Checks that need no body: credentials, and the size of a POST. Null when the body may be read. */
    public WebhookResponse screen(WebhookRequest request) {
        Gate gate = admit(request);
        if (gate.refusal() != null) {
            return gate.refusal();
        }
        Optional<String> length = request.header("Content-Length");
        if (length.isPresent() && !length.get().trim().matches("\\d{1,5}")
                || length.isPresent() && Integer.parseInt(length.get().trim()) > MAX_BODY_BYTES) {
            return Answers.error(413, "console requests carry at most " + MAX_BODY_BYTES + " bytes", Map.of());
        }
        return null;
    }

    /** Serves one console request; never throws. */
    public WebhookResponse serve(WebhookRequest request) {
        Gate gate = admit(request);
        if (gate.refusal() != null) {
            return gate.refusal();
        }
        Optional<ConsoleAuth.Principal> who = Optional.of(gate.who());
        String sub = request.path().substring(path.length());
        try {
            if (sub.isEmpty()) {
                // Pages link relatively, so they must live below "<path>/".
                return Answers.seeOther(path.substring(path.lastIndexOf('/') + 1) + "/");
            }
            String method = request.method();
            boolean read = method.equals("GET") || method.equals("HEAD");
            if (!read && !method.equals("POST")) {
                return Answers.error(405, "the console answers GET and POST", Map.of("Allow", "GET, POST"));
            }
            Params query = Params.parse(request.query().orElse(null));
            if (sub.startsWith("/api/")) {
                return read ? api.get(sub.substring(4), query, who.get())
                        : api.post(sub.substring(4), request, body(request), who.get());
            }
            return read ? pages.get(sub, query, who.get()) : pages.post(sub, request, body(request), who.get());
        } catch (Params.BadRequest e) {
            return Answers.error(400, e.getMessage(), Map.of());
        } catch (StoreException e) {
            log.warn("console: the event store failed: {}", e.getMessage());
            return Answers.error(503, "the event store is unavailable; try again", Map.of("Retry-After", "5"));
        } catch (UnsupportedOperationException e) {
            return Answers.error(501, "this event store cannot be searched (" + e.getMessage() + ")", Map.of());
        } catch (IOException e) {
            return Answers.error(400, "the request body could not be read", Map.of());
        } catch (RuntimeException e) {
            log.error("console: unexpected failure serving {} {}", request.method(), Printable.of(sub), e);
            return Answers.error(500, "internal error", Map.of());
        }
    }

    private String body(WebhookRequest request) throws IOException {
        Instant now = clock.instant();
        byte[] body = request.readBody(MAX_BODY_BYTES, clock, now.plusSeconds(10));
        if (body == null) {
            throw new Params.BadRequest("console requests carry at most " + MAX_BODY_BYTES + " bytes");
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Who is asking, or the answer to give instead. */
    private record Gate(ConsoleAuth.Principal who, WebhookResponse refusal) {
    }

    /**
     * A source locked out for failed logins gets 429 before its credentials are even checked (so the right password
     * during the lockout is refused too: it would otherwise confirm a guess); wrong credentials count against the
     * source ({@link LoginThrottle}); a request without any gets the 401 challenge a browser needs first, uncounted.
     */
    private Gate admit(WebhookRequest request) {
        String source = request.remoteAddress().orElse("?");
        Instant now = clock.instant();
        long wait = throttle.retryAfterSeconds(source, now);
        if (wait > 0) {
            return new Gate(null, tooManyFailures(wait));
        }
        Optional<ConsoleAuth.Principal> who = auth.authenticate(request);
        if (who.isPresent()) {
            throttle.succeeded(source);
            return new Gate(who.get(), null);
        }
        if (request.header("Authorization").isEmpty()) {
            return new Gate(null, unauthorized(request));
        }
        long locked = throttle.failed(source, now); // logs once per source and interval, never per guess
        return new Gate(null, locked > 0 ? tooManyFailures(locked) : unauthorized(request));
    }

    private static WebhookResponse tooManyFailures(long seconds) {
        return Answers.error(429, "too many failed logins from this address; try again in " + seconds + " s",
                Map.of("Retry-After", Long.toString(seconds)));
    }

    private WebhookResponse unauthorized(WebhookRequest request) {
        log.debug("console: refused unauthenticated {} {} from {}", request.method(), Printable.of(request.path()),
                request.remoteAddress().orElse("?"));
        Map<String, String> challenge = auth.offersBasic()
                ? Map.of("WWW-Authenticate", "Basic realm=\"ramphook console\", charset=\"UTF-8\"") : Map.of();
        return Answers.error(401, "authentication required", challenge);
    }
}
