package dev.ramphook.receiver;

import dev.ramphook.Authenticator;
import dev.ramphook.DeliveryContext;
import dev.ramphook.DeliveryListener;
import dev.ramphook.EventHandler;
import dev.ramphook.OnEvent;
import dev.ramphook.Provider;
import dev.ramphook.ReceiverHealth;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.engine.Engine;
import dev.ramphook.internal.engine.EngineConfig;
import dev.ramphook.internal.console.ConsoleConfig;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoreStats;
import dev.ramphook.store.StoredEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Receives webhook deliveries from any HTTP stack: {@link #receive(WebhookRequest)} runs
 * route → guard → verify → parse → record → acknowledge → handle and returns the answer to send.
 *
 * <pre>{@code
 * WebhookReceiver receiver = WebhookReceiver.builder()
 *         .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of(zbdToken))
 *         .endpoint("/webhooks/mecash", MeCash.provider(), HmacSignature.sha512Hex("X-Signature", meCashSecret))
 *         .handlers(new Payments())
 *         .build();
 * }</pre>
 *
 * <p>Thread-safe; build one per application and {@link #close()} it on shutdown. Handling is <em>inline</em> (the
 * handlers run before the answer; a failure answers 500 and leaves the event pending, so the provider's redelivery
 * retries it) unless the store is durable or {@link Builder#queued()} is set, in which case the answer is sent
 * as soon as the event is recorded and worker threads ({@link Builder#workers(int)}) run the handlers with retries. A 200 {@code duplicate} is
 * only ever the answer for an event whose handlers all succeeded; a dead letter answers 500 until replayed.
 */
public final class WebhookReceiver implements AutoCloseable {

    private final Engine engine;

    private WebhookReceiver(Engine engine) {
        this.engine = engine;
    }

    /** The engine behind this receiver: for this package (and tests in it), never handed out. */
    Engine engine() {
        return engine;
    }

    /**
     * Starts configuring a receiver: at least one {@link Builder#endpoint endpoint}, usually handlers, and
     * settings whose defaults suit most applications.
     *
     * @return a new builder
     */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Handles one delivery: checks it, reads its body (never past {@link #maxBodyBytes()}, within
     * {@link #bodyReadTimeout()}), verifies, parses, records and, inline, runs the handlers; then returns the answer
     * to send. Never throws, not even an {@link Error}: every failure is an answer (4xx for a refused delivery, 500
     * for a failed inline handler, 503 with {@code Retry-After} when the store is unavailable, the receiver is
     * closed, bodies in flight reached {@link Builder#maxBodyBytesInFlight}, or anything failed before the event
     * was recorded). Call it from any number of threads.
     *
     * @param request the request as the HTTP stack received it; a path that is no endpoint answers 404 (adapters
     *                check {@link #handles} first and pass other requests by)
     * @return the status, headers and small JSON body to send as they are
     */
    public WebhookResponse receive(WebhookRequest request) {
        return engine.receive(request);
    }

    /**
     * Whether a request path is this receiver's to answer; other requests should pass by untouched.
     *
     * @param path the raw path within the application, as for {@link WebhookRequest.Builder#path}
     * @return true for an endpoint path, or one segment below it (for {@code UrlToken.pathSegment})
     */
    public boolean handles(String path) {
        return engine.handles(path);
    }

    /** {@return the largest body accepted, in bytes; larger ones answer 413 without being read past this} */
    public int maxBodyBytes() {
        return engine.maxBodyBytes();
    }

    /**
     * Every check of {@link #receive} that needs no body, for HTTP adapters that read the body themselves: the
     * route, the method (405), the authenticator's {@link Authenticator#checkBeforeBody} part (source address 403,
     * URL token or missing signature 401), the content type (415 unless JSON in UTF-8), a {@code Content-Encoding}
     * other than {@code identity} (415) and a declared {@code Content-Length} over {@link #maxBodyBytes()} (413).
     *
     * <p>Call it before reading a byte of the body, and so before the container sends {@code 100 Continue}
     * (servlet containers send it on the first read). When it returns an answer, send that and do not read the
     * body; when it is empty, read the body (at most {@code maxBodyBytes() + 1} bytes, within
     * {@link #bodyReadTimeout()}) and hand the request with the body to {@link #receive}, which repeats these
     * checks at no real cost. Never throws; logs each refusal as {@code receive} does.
     *
     * @param request the request as {@link #receive} would get it; its body is not read
     * @return the refusal to send, or empty when the body should be read
     */
    public Optional<WebhookResponse> screen(WebhookRequest request) {
        return Optional.ofNullable(engine.screen(request));
    }

    /**
     * {@link #screen} for an adapter that reads the body itself and then hands it to {@link #receiveScreened}: the
     * same checks, the same refusals and log lines, and a record that they passed on this exact head, so that the
     * delivery is not screened a second time once its body is in (what {@code receiveReserved} does, as it cannot
     * know the checks passed). The servlet filter reads every body this way.
     *
     * @param head the request without its body, as for {@link #screen}
     * @return the screening: its {@link Screening#refusal() refusal} to send (read no body), or none (read the body,
     *         under a {@link #reserveBody reservation}, and give it to {@link #receiveScreened})
     */
    public Screening screenHead(WebhookRequest head) {
        return new Screening(this, head, engine.screen(head));
    }

    /**
     * {@link #receiveReserved} for a head that {@link #screenHead} passed: the body is given on its own and joined
     * to the screened head as it is ({@link WebhookRequest#withBody}), so the checks before the body are not run
     * again; everything after them (the body's length, the signature over its bytes, parsing, recording, handling)
     * runs as in {@link #receive}. The adapter holds the body's {@link #reserveBody reservation} and gives it back
     * after the answer.
     *
     * @param screening what {@link #screenHead} of this receiver returned, without a refusal
     * @param body      the complete body as read (at most {@link #maxBodyBytes()} + 1 bytes); not copied
     * @return the answer to send, as {@link #receive} returns it
     * @throws IllegalArgumentException when {@code screening} is another receiver's, or holds a refusal (send that
     *                                  instead)
     * @throws NullPointerException     when an argument is null
     */
    public WebhookResponse receiveScreened(Screening screening, byte[] body) {
        Objects.requireNonNull(body, "body");
        if (screening.receiver != this) {
            throw new IllegalArgumentException("screened by another receiver");
        }
        if (screening.refusal != null) {
            throw new IllegalArgumentException("the screening refused this request: send its refusal");
        }
        return engine.receiveScreened(screening.head.withBody(body));
    }

    /**
     * What {@link #screenHead} found: a refusal to send, or none, and the head it screened. Made only by a
     * receiver, so {@link #receiveScreened} can trust that the checks before the body passed on exactly this head.
     * Immutable.
     */
    public static final class Screening {

        private final WebhookReceiver receiver;
        private final WebhookRequest head;
        private final WebhookResponse refusal;

        private Screening(WebhookReceiver receiver, WebhookRequest head, WebhookResponse refusal) {
            this.receiver = receiver;
            this.head = head;
            this.refusal = refusal;
        }

        /** {@return the answer to send without reading the body, or empty when the body should be read} */
        public Optional<WebhookResponse> refusal() {
            return Optional.ofNullable(refusal);
        }

        /**
         * {@return the screened request, without its body: for the answers to a body that never arrives in full
         * ({@link WebhookReceiver#bodyFailed}, {@link WebhookReceiver#bodyTimedOut},
         * {@link WebhookReceiver#overloaded})}
         */
        public WebhookRequest request() {
            return head;
        }

        @Override
        public String toString() {
            return "Screening[" + head + (refusal == null ? ", passed]" : ", refused " + refusal.status() + "]");
        }
    }

    /**
     * How long a body may take to arrive in full ({@link Builder#bodyReadTimeout}). An adapter that reads the body
     * itself gives up at this deadline and sends {@link #bodyTimedOut}; a body stream given to {@link #receive} is
     * checked against it after each chunk read.
     *
     * @return the body read timeout; default 10 s
     */
    public Duration bodyReadTimeout() {
        return engine.bodyReadTimeout();
    }

    /**
     * The answer for a request whose body did not arrive within {@link #bodyReadTimeout()}: 408 with the usual
     * small JSON body, logged as a refusal. Adapters send it (and may then close the connection).
     *
     * @param request the request, without its body
     * @return the 408 answer
     */
    public WebhookResponse bodyTimedOut(WebhookRequest request) {
        return engine.bodyTimedOut(request);
    }

    /**
     * What a log line may say of a request path: the endpoint's configured path when the path routes to one (a
     * URL token in the path, {@code UrlToken.pathSegment}, is the segment below it and must never be logged), else
     * {@code (no endpoint)}. For an adapter's own log lines (a client that went away, an unexpected failure).
     *
     * @param path the raw path within the application, as for {@link WebhookRequest.Builder#path}; may be null
     * @return text safe to log
     */
    public String loggablePath(String path) {
        return engine.loggablePath(path);
    }

    /**
     * For an adapter that reads the body itself (without a thread, as the servlet filter does): the bytes a
     * delivery reserves from the bound on bodies in flight ({@link Builder#maxBodyBytesInFlight}) before its body is
     * read: its declared {@code Content-Length}, at most {@link #maxBodyBytes()}; {@code maxBodyBytes()} when none is
     * declared.
     *
     * @param declaredLength the declared {@code Content-Length}, or a negative number when none is (chunked)
     * @return the bytes to {@link #reserveBody reserve}
     */
    public long bodyReservation(long declaredLength) {
        return engine.bodyReservation(declaredLength);
    }

    /**
     * Reserves {@code bytes} of the bound on bodies in flight, for an adapter that reads the body itself, after
     * {@link #screen} passed and before the first byte is read. When it returns false, send {@link #overloaded}
     * and read nothing. When it returns true, give the bytes back with {@link #releaseBody} exactly once, after the
     * answer ({@link #receiveReserved}, {@link #bodyFailed}, {@link #bodyTimedOut} or an adapter's own failure).
     *
     * @param bytes what {@link #bodyReservation} said
     * @return true when reserved; false when that would pass the bound
     */
    public boolean reserveBody(long bytes) {
        return engine.reserveBody(bytes);
    }

    /**
     * Gives back bytes reserved with {@link #reserveBody}, once per successful reservation.
     *
     * @param bytes the bytes reserved
     */
    public void releaseBody(long bytes) {
        engine.releaseBody(bytes);
    }

    /**
     * {@return the bytes of bodies reserved from the bound on bodies in flight right now
     * ({@link Builder#maxBodyBytesInFlight}): being read, or held by deliveries not yet answered; 0 when idle}
     */
    public long bodyBytesInFlight() {
        return engine.bodyBytesInFlight();
    }

    /**
     * The answer to a delivery refused because bodies in flight reached {@link Builder#maxBodyBytesInFlight}: 503
     * with {@code Retry-After}, reason {@code overloaded}, reported to listeners; logged once per interval with a
     * count, not per request.
     *
     * @param request the request, without its body
     * @return the 503 answer
     */
    public WebhookResponse overloaded(WebhookRequest request) {
        return engine.overloaded(request);
    }

    /**
     * {@link #receive} for an adapter that read the body itself under a reservation of its own
     * ({@link #reserveBody}), which it gives back after the answer: the body is not counted twice.
     *
     * @param request the request with its complete body
     * @return the answer to send, as {@link #receive} returns it
     */
    public WebhookResponse receiveReserved(WebhookRequest request) {
        return engine.receiveReserved(request);
    }

    /**
     * The answer to a request whose body could not be read in full (malformed chunk framing, a sender that closed
     * its side early, a container that gave up on the connection): 400 with the usual small JSON body, one WARN
     * line naming the endpoint, reported to listeners ({@code body_incomplete}). Send it with
     * {@code Connection: close}. Never a 2xx: nothing was read that could be recorded.
     *
     * @param request the request, without its body
     * @return the 400 answer
     */
    public WebhookResponse bodyFailed(WebhookRequest request) {
        return engine.bodyFailed(request);
    }

    /**
     * Adds a listener after the receiver was built, from now on: what a binding that is handed a built receiver
     * does ({@code RamphookMetrics}). Listeners given to {@link Builder#listener} also hear what happened before
     * this call (queued events left from before a restart). Called as those are: in order, on the working thread,
     * one that throws logged once and ignored.
     *
     * @param listener thread-safe and quick; see {@link DeliveryListener}
     * @throws NullPointerException when it is null
     */
    public void addListener(DeliveryListener listener) {
        engine.observe(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Removes a listener added with {@link #addListener}; it hears nothing more once this returns (a report being
     * delivered on another thread may still reach it).
     *
     * @param listener the listener added
     */
    public void removeListener(DeliveryListener listener) {
        engine.stopObserving(listener);
    }

    /** {@return the providers of the configured endpoints, in configuration order} */
    public List<Provider> providers() {
        return engine.providers();
    }

    /**
     * What the store holds now ({@link EventStore#stats}), through the receiver, so that the call is reported to
     * listeners as every store call is: for gauges of the backlog.
     *
     * @return the counts and the oldest pending receipt time
     * @throws dev.ramphook.store.StoreException when the store cannot be reached
     * @throws UnsupportedOperationException     when the store does not report stats
     */
    public StoreStats stats() {
        return engine.stats();
    }

    /** {@return the receiver's one clock ({@link Builder#clock}), for ages measured as the receiver measures them} */
    public Clock clock() {
        return engine.clock();
    }

    /**
     * Whether this receiver is working, in one call: {@link ReceiverHealth.Status#DOWN} while it is closing or its
     * store does not answer, {@link ReceiverHealth.Status#DEGRADED} while the oldest pending event is older than
     * {@link Builder#maxPendingAge} or dead letters wait for a replay, {@link ReceiverHealth.Status#UP} otherwise;
     * with the facts behind it. Costs one {@link EventStore#stats} call (with the JDBC store, two indexed queries),
     * bounded by the store's timeouts. Never throws; thread-safe.
     *
     * @return the status and the facts it was decided on
     */
    public ReceiverHealth health() {
        return engine.health();
    }

    /**
     * Events given up on after the last attempt (queued handling), oldest first, with their last error: what an
     * operator looks at before a {@link #replay}.
     *
     * @param limit the most events to return, positive
     * @return up to {@code limit} dead letters; their bodies may hold personal data and tokens, so do not log them
     * @throws dev.ramphook.store.StoreException when the store cannot be reached
     */
    public List<StoredEvent> deadLetters(int limit) {
        return engine.deadLetters(limit);
    }

    /**
     * Makes a dead letter pending again, with a fresh attempt count; queued handling picks it up, inline handling
     * runs it now, on this thread. Handlers that had succeeded for it do not run again.
     *
     * @param provider the provider id, as in {@link StoredEvent#provider()}
     * @param key      the deduplication key, as in {@link StoredEvent#key()}
     * @return true when such a dead letter existed; false otherwise (unknown, pending or done)
     * @throws dev.ramphook.store.StoreException when the store cannot be reached
     */
    public boolean replay(String provider, String key) {
        return engine.replay(provider, key);
    }

    /**
     * Stops accepting deliveries (they answer 503, so providers retry), lets running handlers finish within the
     * shutdown timeout, and gives back the claims of the rest: nothing recorded is lost. Does not close the store.
     */
    @Override
    public void close() {
        engine.close();
    }

    /** Inline or queued handling, or left to the store: queued exactly when it is durable. */
    private enum Handling {
        BY_STORE, INLINE, QUEUED;

        boolean queued(EventStore store) {
            return this == QUEUED || this == BY_STORE && store.durable();
        }
    }

    /** Configures a {@link WebhookReceiver}. Not thread-safe; {@link #build()} validates everything eagerly. */
    public static final class Builder {
        /** 256 MiB: far above any webhook, and the body is held in memory while it is verified and recorded. */
        private static final int MAX_BODY_LIMIT = 256 << 20;
        private final Map<String, EngineConfig.EndpointSpec> endpoints = new LinkedHashMap<>();
        private final List<Object> handlerBeans = new ArrayList<>();
        private final List<EngineConfig.HandlerSpec> handlers = new ArrayList<>();
        private final List<DeliveryListener> listeners = new ArrayList<>();
        // 4: the smallest count that kept up with saturating acknowledgements on 2 cores (README "Throughput").
        private static final int DEFAULT_WORKERS = 4;
        private EventStore store;
        private Handling handling = Handling.BY_STORE;
        private int workers = DEFAULT_WORKERS;
        private boolean workersSet;
        private int maxAttempts = 8;
        private Duration initialBackoff = Duration.ofSeconds(1);
        private Duration maxBackoff = Duration.ofMinutes(10);
        private Duration lease = Duration.ofSeconds(20);
        private Duration handlerTimeout = Duration.ofMinutes(5);
        private Duration pollInterval = Duration.ofSeconds(1);
        private Duration retention = Duration.ofDays(7);
        private Duration shutdownTimeout = Duration.ofSeconds(10);
        private Clock clock = Clock.systemUTC();
        private int maxBodyBytes = 1 << 20;
        private Duration bodyReadTimeout = Duration.ofSeconds(10);
        private long maxBodyBytesInFlight; // 0: the default, sized by the heap
        private ConsoleSettings console;
        private Duration maxPendingAge = Duration.ofMinutes(10);
        // 4 s: providers give up on an answer after 5-10 s; a 503 they read beats a timeout they guess at.
        private Duration recordTimeout = Duration.ofSeconds(4);

        private Builder() {
        }

        /**
         * Receives {@code provider}'s deliveries at {@code path} (and below it, for URL tokens in the path), verified
         * by {@code authenticator}. Use {@link Authenticator#none()} to opt out of verification explicitly.
         *
         * @param path          the path below the context path, such as {@code /webhooks/zbd}: starts with
         *                      {@code /}, does not end with one; matched exactly against the raw request path
         * @param provider      the provider whose deliveries arrive there
         * @param authenticator how deliveries prove they are genuine
         * @return this builder
         * @throws IllegalArgumentException for a malformed path, or one configured twice
         * @throws NullPointerException     when an argument is null
         */
        public Builder endpoint(String path, Provider provider, Authenticator authenticator) {
            Objects.requireNonNull(path, "path");
            Objects.requireNonNull(provider, "provider");
            Objects.requireNonNull(authenticator, "authenticator (use Authenticator.none() to opt out explicitly)");
            if (!path.startsWith("/") || path.length() < 2 || path.endsWith("/")) {
                throw new IllegalArgumentException("endpoint path must start with / and not end with /: " + path);
            }
            if (endpoints.putIfAbsent(path, new EngineConfig.EndpointSpec(path, provider, authenticator,
                    provider.hasDedupKeyRule())) != null) {
                throw new IllegalArgumentException("endpoint " + path + " is configured twice");
            }
            return this;
        }

        /**
         * Receives {@code provider}'s deliveries at {@code path}, authenticated as the provider documents
         * ({@link Provider#defaultAuthenticator}) with {@code secrets}:
         * {@code endpoint("/webhooks/mecash", MeCash.provider(), secret)}.
         *
         * @param path     the endpoint path, as for {@link #endpoint(String, Provider, Authenticator)}
         * @param provider the provider
         * @param secrets  the provider's webhook secret (or token); several while it rotates
         * @return this builder
         * @throws UnsupportedOperationException when the provider names no default authentication
         * @throws IllegalArgumentException      when no secret is given or one is null or empty (the message names
         *                                       the endpoint: a secret read from an unset environment variable is
         *                                       null), or for a bad or duplicate path
         */
        public Builder endpoint(String path, Provider provider, String... secrets) {
            Objects.requireNonNull(provider, "provider");
            Authenticator authenticator;
            try {
                authenticator = provider.defaultAuthenticator(secrets);
            } catch (IllegalArgumentException e) {
                boolean missing = secrets == null || Arrays.stream(secrets).anyMatch(s -> s == null || s.isEmpty());
                throw new IllegalArgumentException("endpoint " + path + " (" + provider.id() + "): " + e.getMessage()
                        + (missing ? " (is the environment variable or property it is read from set?)" : ""), e);
            }
            return endpoint(path, provider, authenticator);
        }

        /**
         * Objects whose {@link OnEvent} methods handle events. Instances are used as given (DI beans work), and
         * called from several threads at once: keep them thread-safe. May be called several times; the objects
         * accumulate.
         *
         * @param beans the handler objects
         * @return this builder
         * @throws NullPointerException when one is null
         */
        public Builder handlers(Object... beans) {
            for (Object bean : beans) {
                handlerBeans.add(Objects.requireNonNull(bean, "handler bean"));
            }
            return this;
        }

        /**
         * Handles events matching {@code pattern} (see {@link OnEvent}) from any provider, without annotations.
         *
         * @param pattern an event name pattern, such as {@code PAYMENT.*} or {@code *}
         * @param handler the handler; thread-safe
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder on(String pattern, EventHandler handler) {
            return on("", pattern, handler);
        }

        /**
         * Handles events matching {@code pattern} from one provider, without annotations.
         *
         * @param provider the provider id, such as {@code zbd}
         * @param pattern  an event name pattern (see {@link OnEvent})
         * @param handler  the handler; thread-safe
         * @return this builder
         * @throws NullPointerException when an argument is null
         */
        public Builder on(String provider, String pattern, EventHandler handler) {
            handlers.add(new EngineConfig.HandlerSpec(Objects.requireNonNull(provider, "provider"),
                    Objects.requireNonNull(pattern, "pattern"), Objects.requireNonNull(handler, "handler")));
            return this;
        }

        /**
         * Where events are recorded; default {@link EventStore#inMemory()} (lost on restart). A
         * {@linkplain EventStore#durable() durable} store makes queued handling the default. The receiver never
         * closes the store.
         *
         * @param store the store, possibly shared with other receivers
         * @return this builder
         * @throws NullPointerException when {@code store} is null
         */
        public Builder store(EventStore store) {
            this.store = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Inline handling: the handlers run on the request's thread before the answer, and a failure answers 500
         * and leaves the event pending, so the provider's redelivery is the retry. Without {@code inline()} or
         * {@link #queued()}, handling is queued when the store is {@linkplain EventStore#durable() durable} and
         * inline otherwise; choose inline for a durable store when handlers are quick and the provider's retries are
         * enough. The last of {@code inline()} and {@link #queued()} wins.
         *
         * @return this builder
         */
        public Builder inline() {
            this.handling = Handling.INLINE;
            return this;
        }

        /**
         * Queued handling: the answer is sent as soon as the event is recorded, and {@link #workers(int)} threads of
         * this receiver (default 4) run the handlers, retrying with {@link #retryBackoff backoff} up to
         * {@link #maxAttempts} before an event becomes a dead letter. The default for a
         * {@linkplain EventStore#durable() durable} store; with the in-memory store, queued events are lost on
         * restart. The last of {@link #inline()} and {@code queued()} wins.
         *
         * @return this builder
         */
        public Builder queued() {
            this.handling = Handling.QUEUED;
            return this;
        }

        /**
         * How many threads run handlers under queued handling, whether {@link #queued()} chose it or a durable store
         * did; default 4. Handlers that wait on I/O may need more.
         *
         * @param workers at least 1
         * @return this builder
         * @throws IllegalArgumentException when it is less than 1; {@link #build()} and {@link #validate()} throw it
         *                                  too when handling is inline, where workers would be silently unused
         */
        public Builder workers(int workers) {
            if (workers < 1) {
                throw new IllegalArgumentException("queued handling needs at least one worker, got " + workers);
            }
            this.workers = workers;
            this.workersSet = true;
            return this;
        }

        /**
         * Queued handling: attempts before an event becomes a dead letter; default 8. Inline handling counts
         * attempts ({@link DeliveryContext#attempt()}) but never dead-letters on them: the provider's redeliveries
         * are its retries, and each failed one answers 500.
         *
         * @param maxAttempts at least 1
         * @return this builder
         * @throws IllegalArgumentException when it is less than 1
         */
        public Builder maxAttempts(int maxAttempts) {
            if (maxAttempts < 1) {
                throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
            }
            this.maxAttempts = maxAttempts;
            return this;
        }

        /**
         * Exponential backoff between queued attempts, with jitter; default 1 s doubling up to 10 min.
         *
         * @param initial the wait after the first failure, positive
         * @param max     the longest wait, at least {@code initial}
         * @return this builder
         * @throws IllegalArgumentException unless {@code 0 < initial <= max}
         */
        public Builder retryBackoff(Duration initial, Duration max) {
            if (initial.isNegative() || initial.isZero() || max.compareTo(initial) < 0) {
                throw new IllegalArgumentException("retryBackoff needs 0 < initial <= max");
            }
            this.initialBackoff = initial;
            this.maxBackoff = max;
            return this;
        }

        /**
         * How long a claim on an event outlives its owner; default 20 s. A running receiver looks at its claims every
         * third of this and renews those that need it (a claim half a third into its lease), so a slow handler never
         * loses its claim; when the process dies (or stalls longer than this), another worker or instance takes its
         * events over within this lease plus one {@link #pollInterval}. Shorter recovers faster and costs at most one
         * renewal statement per third of it while slow handlers run.
         *
         * @param lease positive
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder claimLease(Duration lease) {
            this.lease = positive(lease, "claimLease");
            return this;
        }

        /**
         * The longest one queued handler call may run; default 5 min. Past it the call is interrupted and the
         * attempt fails (retried with backoff, as if the handler had thrown), so a hung handler cannot hold its
         * worker and its event forever. A handler that ignores the interrupt keeps running on its own thread, and
         * the retry may start while it still runs: handlers with outside side effects should honour interrupts
         * and be idempotent on {@code event.key()}. Inline handlers run on the request's thread, unbounded here
         * (the provider's HTTP timeout bounds them).
         *
         * @param handlerTimeout positive
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder handlerTimeout(Duration handlerTimeout) {
            this.handlerTimeout = positive(handlerTimeout, "handlerTimeout");
            return this;
        }

        /**
         * How often queued workers look for due retries and other instances' events; default 1 s. Events recorded
         * by this receiver are handed to its workers at once, without waiting for a poll.
         *
         * @param pollInterval positive
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder pollInterval(Duration pollInterval) {
            this.pollInterval = positive(pollInterval, "pollInterval");
            return this;
        }

        /**
         * How long done events are kept, and so how long a redelivery is recognised as a duplicate; default 7 days.
         * Keep it longer than your providers retry.
         *
         * @param retention positive
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder retention(Duration retention) {
            this.retention = positive(retention, "retention");
            return this;
        }

        /**
         * How long {@link WebhookReceiver#close()} waits for running handlers; default 10 s.
         *
         * @param shutdownTimeout positive
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder shutdownTimeout(Duration shutdownTimeout) {
            this.shutdownTimeout = positive(shutdownTimeout, "shutdownTimeout");
            return this;
        }

        /**
         * The one clock of the receiver: for receive times, retry backoff, claim leases,
         * {@link WebhookReceiver#health()} ages, the body read deadline, and the time checks of every endpoint's
         * authenticator (a signed timestamp's tolerance, a JWT's {@code exp} and {@code nbf}); default the system
         * clock in UTC. Set it in tests to move time without sleeping. When the receiver is built it hands this clock
         * to each authenticator through {@link Authenticator#withDefaultClock}, so a test sets it here once. An
         * authenticator given a clock of its own ({@code StandardWebhooks.clock(…)} and the like) keeps it: an
         * explicit clock overrides the receiver's.
         *
         * @param clock the clock
         * @return this builder
         * @throws NullPointerException when {@code clock} is null
         */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * The largest body accepted (413 beyond, never read past); default 1 MiB. The body is held in memory while
         * it is verified and recorded.
         *
         * @param maxBodyBytes from 1 to 256 MiB
         * @return this builder
         * @throws IllegalArgumentException when it is outside that range
         */
        public Builder maxBodyBytes(int maxBodyBytes) {
            if (maxBodyBytes < 1 || maxBodyBytes > MAX_BODY_LIMIT) {
                throw new IllegalArgumentException("maxBodyBytes must be between 1 and " + MAX_BODY_LIMIT + ", got "
                        + maxBodyBytes);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /**
         * The bytes of bodies in flight at once, across every endpoint: being read, or held by deliveries not yet
         * answered. Each delivery reserves its declared {@code Content-Length} (at most {@link #maxBodyBytes}; the
         * whole {@code maxBodyBytes} for a body of undeclared length) before its body is read, and gives it back
         * when answered. A delivery that would pass the bound is answered 503 with {@code Retry-After} before a
         * byte of its body is buffered (reason {@code overloaded}, one WARN line per 10 s with the count): a burst
         * of large deliveries gets early 503s, which providers retry, instead of exhausting the heap. Default: 64 MiB
         * or an eighth of the maximum heap, whichever is less (a body is held several times over while it is parsed
         * and recorded), and never less than one body of {@code maxBodyBytes}.
         *
         * @param maxBodyBytesInFlight positive, and at least {@link #maxBodyBytes} (checked by {@link #build})
         * @return this builder
         * @throws IllegalArgumentException when it is zero or negative
         */
        public Builder maxBodyBytesInFlight(long maxBodyBytesInFlight) {
            if (maxBodyBytesInFlight < 1) {
                throw new IllegalArgumentException("maxBodyBytesInFlight must be positive, got " + maxBodyBytesInFlight);
            }
            this.maxBodyBytesInFlight = maxBodyBytesInFlight;
            return this;
        }

        /**
         * How long a body may take to arrive in full, from the moment the receiver starts reading it; default 10 s.
         * Past it the delivery is answered 408 and the connection's thread is given back: a sender trickling
         * bytes cannot hold the read open for longer. Webhook senders are servers that send a few kilobytes at
         * once, so the default leaves a wide margin.
         *
         * @param bodyReadTimeout positive
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder bodyReadTimeout(Duration bodyReadTimeout) {
            this.bodyReadTimeout = positive(bodyReadTimeout, "bodyReadTimeout");
            return this;
        }

        /**
         * Serves the operator console at {@code settings.path()} (off by default): recent deliveries, event search,
         * dead letters and their replay, as pages and as a JSON API, behind the settings' credentials.
         *
         * @param settings the console's path and credentials
         * @return this builder
         * @throws IllegalArgumentException when the settings carry no credential
         */
        public Builder console(ConsoleSettings settings) {
            Objects.requireNonNull(settings, "settings");
            if (!settings.hasCredentials()) {
                throw new IllegalArgumentException("the console needs credentials: ConsoleSettings.basicAuth or"
                        + " bearerToken");
            }
            this.console = settings;
            return this;
        }

        /**
         * How long the oldest pending event may wait (from its receipt) before {@link WebhookReceiver#health()}
         * says {@link ReceiverHealth.Status#DEGRADED}; default 10 min. Queued handling's default retries of a
         * failing event span about 4 minutes before it is a dead letter; inline, a failed event stays pending until
         * the provider redelivers it, so an old pending event means handlers are failing or falling behind.
         *
         * @param maxPendingAge positive
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder maxPendingAge(Duration maxPendingAge) {
            this.maxPendingAge = positive(maxPendingAge, "maxPendingAge");
            return this;
        }

        /**
         * The longest a delivery waits for its store to record it, counted from the moment its body is complete (the
         * body's arrival has its own {@link #bodyReadTimeout}); default 4 s. Past it the delivery is answered 503 with
         * {@code Retry-After}, whatever the database pool's own timeouts (HikariCP waits 30 s for a connection by
         * default, longer than providers wait for an answer: 5-10 s). When the database answers after all, the
         * event is recorded though the answer was 503: the provider's retry then gets {@code queued} or
         * {@code duplicate}, so nothing acknowledged is lost and nothing is handled twice. Inline handling's claim
         * gets the same deadline again, on its own; the handlers after it are not bounded by it. The in-memory
         * store is called directly: it cannot hang.
         *
         * @param recordTimeout positive
         * @return this builder
         * @throws IllegalArgumentException when it is null, zero or negative
         */
        public Builder recordTimeout(Duration recordTimeout) {
            this.recordTimeout = positive(recordTimeout, "recordTimeout");
            return this;
        }

        private static Duration positive(Duration d, String what) {
            if (d == null || d.isNegative() || d.isZero()) {
                throw new IllegalArgumentException(what + " must be positive");
            }
            return d;
        }

        /**
         * Adds a listener of every delivery, handler run, attempt and store call of the receiver, from its start
         * (queued events left from before a restart included). Several may be added; they are called in the order
         * added, on the thread doing the work, and one that throws is logged once and ignored. With none, the
         * receiver builds no report at all.
         *
         * @param listener thread-safe and quick; see {@link DeliveryListener}
         * @return this builder
         * @throws NullPointerException when it is null
         */
        public Builder listener(DeliveryListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Validates the configuration and every handler method, then starts the receiver (and its workers when
         * queued). The builder may be reused afterwards; each call builds a new receiver.
         *
         * @return a started, thread-safe receiver; close it when the application stops
         * @throws IllegalArgumentException without an endpoint, with {@link #workers(int)} set while handling is
         *                                  inline, or naming the class and method of a bad {@link OnEvent}
         *                                  registration
         */
        public WebhookReceiver build() {
            return new WebhookReceiver(Engine.start(config()));
        }

        /**
         * Checks the endpoints and every handler method as {@link #build()} does, but starts nothing and does not
         * touch the store: for start-up code that must report a bad handler before it can build the receiver (the
         * servlet drop-in checks in its initializer, where the container reports failures most visibly).
         *
         * @throws IllegalArgumentException without an endpoint, with {@link #workers(int)} set while handling is
         *                                  inline, or naming the class and method of a bad {@link OnEvent}
         *                                  registration
         */
        public void validate() {
            config().validateHandlers();
        }

        private EngineConfig config() {
            if (endpoints.isEmpty()) {
                throw new IllegalArgumentException("no endpoint configured: call endpoint(path, provider, authenticator)");
            }
            if (console != null && endpoints.keySet().stream().anyMatch(p -> p.equals(console.path())
                    || p.startsWith(console.path() + "/") || console.path().startsWith(p + "/"))) {
                throw new IllegalArgumentException("the console path " + console.path() + " overlaps an endpoint path");
            }
            EventStore chosen = store != null ? store : EventStore.inMemory();
            boolean useQueue = handling.queued(chosen);
            if (workersSet && !useQueue) {
                throw new IllegalArgumentException("workers(" + workers + ") applies to queued handling only, and"
                        + " handling is inline (" + (handling == Handling.INLINE ? "inline() was called"
                        : "the store is not durable") + "): remove it, or call queued()");
            }
            // One clock: each authenticator gets the receiver's, unless it was given its own.
            List<EngineConfig.EndpointSpec> specs = endpoints.values().stream()
                    .map(e -> new EngineConfig.EndpointSpec(e.path(), e.provider(), Objects.requireNonNull(
                            e.authenticator().withDefaultClock(clock), "withDefaultClock returned null"),
                            e.explicitDedupKey()))
                    .toList();
            return new EngineConfig(specs, List.copyOf(handlerBeans),
                    List.copyOf(handlers), chosen, useQueue, workers, maxAttempts, initialBackoff, maxBackoff, lease,
                    pollInterval, retention, shutdownTimeout, clock, maxBodyBytes, handlerTimeout, bodyReadTimeout,
                    console == null ? null : new ConsoleConfig(console.path(), console.user(),
                            console.passwordBytes(), console.tokenBytes()),
                    maxPendingAge, recordTimeout, bodiesInFlight(), List.copyOf(listeners));
        }

        /** The bound on bodies in flight: as set, else {@link #defaultMaxBodyBytesInFlight}, never below one body. */
        private long bodiesInFlight() {
            if (maxBodyBytesInFlight > 0 && maxBodyBytesInFlight < maxBodyBytes) {
                throw new IllegalArgumentException("maxBodyBytesInFlight (" + maxBodyBytesInFlight + ") must be at"
                        + " least maxBodyBytes (" + maxBodyBytes + "), or no body of the largest size could be read");
            }
            return maxBodyBytesInFlight > 0 ? maxBodyBytesInFlight
                    : Math.max(maxBodyBytes, defaultMaxBodyBytesInFlight(Runtime.getRuntime().maxMemory()));
        }

        /**
         * 64 MiB, or an eighth of the heap when that is less. An eighth: a body is held about four times over while
         * it is delivered (the read buffer, its array, the JSON tree, the stored copy), and the heap has other work.
         */
        static long defaultMaxBodyBytesInFlight(long maxHeap) {
            return Math.min(64L << 20, maxHeap / 8);
        }
    }
}
