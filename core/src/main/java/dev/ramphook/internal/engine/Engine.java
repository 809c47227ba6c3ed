package dev.ramphook.internal.engine;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.DeliveryListener;
import dev.ramphook.DeliveryListener.Reason;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.Provider;
import dev.ramphook.ReceiverHealth;
import dev.ramphook.WebhookEvent;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.Authenticator;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.Verification;
import dev.ramphook.internal.provider.BoundedSubjects;
import dev.ramphook.internal.json.Json;
import dev.ramphook.internal.text.Logs;
import dev.ramphook.provider.EventKeys;
import dev.ramphook.internal.console.Console;
import dev.ramphook.internal.console.ConsoleData;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.Recorded;
import dev.ramphook.store.StoreException;
import dev.ramphook.store.StoreStats;
import dev.ramphook.store.StoredEvent;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/**
 * The path of one delivery, each step in one place:
 * route → guard → verify → parse → record → acknowledge → handle.
 * Never parses before verifying; never acknowledges before the store recorded the event.
 */
public final class Engine {

    private static final Logger log = Logs.get(Engine.class);
    /** Refusals logged one by one per endpoint and reason each {@link #LOG_INTERVAL}; the rest are summarised. */
    static final int FREE_REFUSAL_LINES = 10;
    static final Duration LOG_INTERVAL = Duration.ofMinutes(1);

    private final EngineConfig config;
    private final Observers observers = new Observers();
    private final DeliveryTracer tracer; // null unless a listener traces
    private final Map<String, EngineConfig.EndpointSpec> endpoints = new HashMap<>();
    /**
     * The endpoints {@link #route} compares in turn, when there are at most {@link #ROUTES_SCANNED} (nearly every
     * receiver has one or two); null: {@link #endpoints} is looked up. An adapter's path is a new {@code String} per
     * request, whose hash a map look-up computes over every character; {@code equals} against a few paths stops at
     * the first differing length or byte, and a path with a token segment is matched without cutting a substring.
     */
    private final EngineConfig.EndpointSpec[] routes;
    static final int ROUTES_SCANNED = 8;
    /**
     * The endpoints' providers' documented event names ({@code eventTypes}) without a control character: a parsed
     * name found here needs no scan of its own (a provider hands its table's own {@code String}, whose hash is
     * already computed: one look-up, about a third of the 30-character scan, 2026-12-07).
     */
    private final Set<String> cleanNames = new HashSet<>();
    private final TimedStore store;
    private final Attempts attempts;
    private final Attempts queuedAttempts;
    private final HandlerCalls.Bounded boundedCalls;
    private final ClaimKeeper claims;
    private final Completions completions;
    private final QueueWorker worker;
    private final Maintenance maintenance;
    private final Console console; // null unless configured
    private final HealthCheck healthCheck;
    private final StoreDeadline deadline; // the record's (and inline claim's) bound; direct for the in-memory store
    private final String owner = ProcessHandle.current().pid() + "-" + UUID.randomUUID().toString().substring(0, 8);
    private final AtomicInteger inFlight = new AtomicInteger();
    private final Object idle = new Object(); // close() waits on it for inline deliveries to finish
    private final LogThrottle refusals;
    private final LogThrottle recordFailures;
    private final AtomicLong inlineClaims = new AtomicLong();
    /**
     * The owner of every inline claim that a store took with its record (a hand-off): one for them all, as the
     * workers' hand-offs share one. A hand-off claims only a new event, which no claim of this process can hold, and
     * is kept here only when nothing here holds the event ({@link ClaimKeeper#keepHandedOff}); so no per-request
     * text is built for it. A claim taken after the record (a redelivery) has its request's own owner, as before.
     */
    private final String handOffOwner = owner + "-i";
    private final BodyBudget bodies;
    private final Consumer<Recorded> recordedLate = this::recordedLate; // one for every record, not one per record
    private volatile boolean closed;

    private Engine(EngineConfig given) {
        this.store = new TimedStore(given.store(), observers); // every store call is observed
        given.listeners().forEach(observers::add); // before any worker starts: they hear every event
        this.tracer = given.tracer();
        this.config = given.withStore(store);
        for (EngineConfig.EndpointSpec e : config.endpoints()) {
            endpoints.put(e.path(), e);
        }
        this.routes = endpoints.size() <= ROUTES_SCANNED
                ? endpoints.values().toArray(new EngineConfig.EndpointSpec[0]) : null; // one per path, as the map
        List<Provider> providers = config.endpoints().stream().map(EngineConfig.EndpointSpec::provider).toList();
        for (Provider provider : providers) {
            for (String name : provider.eventTypes().keySet()) {
                if (!EventKeys.hasControlCharacter(name)) {
                    cleanNames.add(name);
                }
            }
        }
        HandlerRegistry registry = HandlerRegistry.build(config.handlerBeans(), config.handlers(), providers);
        // Inline handlers run on the request's thread (its thread-locals intact), bounded by the provider's timeout.
        this.attempts = new Attempts(registry, config, HandlerCalls.direct(), observers, null);
        this.boundedCalls = HandlerCalls.bounded(config.handlerTimeout());
        this.claims = new ClaimKeeper(config);
        // Queued workers hand successes to one writer that marks them done in groups; inline marks its own.
        this.completions = config.queued() ? new Completions(config, claims) : null;
        this.queuedAttempts = new Attempts(registry, config, boundedCalls, observers, completions);
        this.worker = config.queued() ? new QueueWorker(config, owner, claims, completions, boundedCalls,
                this::handleQueued) : null;
        this.maintenance = new Maintenance(config);
        this.console = given.console() == null ? null : startConsole(given, providers);
        this.healthCheck = new HealthCheck(store, config.clock(), config.maxPendingAge());
        this.refusals = new LogThrottle(log, false, "refused", FREE_REFUSAL_LINES, LOG_INTERVAL, config.clock());
        // A full store (or an outage) fails every delivery alike: one line per endpoint and cause a minute is enough.
        this.recordFailures = new LogThrottle(log, true, "could not record (answered 503)", 1, LOG_INTERVAL,
                config.clock());
        // A store that is not durable is memory (answers in microseconds, cannot hang): no thread hop for it.
        this.deadline = store.durable() ? StoreDeadline.pooled(StoreDeadline.MAX_STRANDED) : StoreDeadline.direct();
        this.bodies = new BodyBudget(config.maxBodyBytesInFlight());
        describe(registry);
    }

    /**
     * The console reads the application's store directly (its queries are not delivery work, so they stay out of
     * the store metrics) and sees deliveries through the same observer seam as metrics.
     */
    private Console startConsole(EngineConfig given, List<Provider> providers) {
        ConsoleData data = new ConsoleData(given.store(), providers.stream().map(Provider::id).distinct().toList(),
                this::replay, given.queued());
        observers.add(data.observer());
        return new Console(given.console(), data, given.clock());
    }

    public static Engine start(EngineConfig config) {
        Engine engine = new Engine(config);
        engine.claims.start();
        if (engine.worker != null) {
            engine.completions.start();
            engine.worker.start();
        }
        engine.maintenance.start();
        return engine;
    }

    private void describe(HandlerRegistry registry) {
        for (EngineConfig.EndpointSpec e : config.endpoints()) {
            if (e.authenticator() == Authenticator.none()) {
                log.warn("endpoint {} ({}) accepts deliveries WITHOUT authentication (Authenticator.none())",
                        e.path(), e.provider().id());
            }
        }
        if (!store.durable()) {
            log.warn("events are recorded in memory ({}): recorded but unhandled events are lost if this process "
                    + "stops; configure a durable store (JdbcEventStore) for production", store);
        }
        if (console != null) {
            log.info("ramphook console at {} (authenticated; see docs/console-and-metrics.md before exposing it)",
                    config.console().path());
        }
        log.info("ramphook receiving at {} with {} handler(s), {} handling, store {}",
                config.endpoints().stream().map(e -> e.path() + " (" + e.provider().id() + ")")
                        .collect(Collectors.joining(", ")),
                registry.size(), config.queued() ? "queued (" + config.workers() + " workers)" : "inline", store);
    }

    /**
     * Adds an observer of every delivery, handler run, attempt and store call from now on. Observers are called on
     * the working thread and must be quick; one that throws is logged and ignored.
     */
    public void observe(DeliveryListener observer) {
        observers.add(observer);
    }

    /** Removes an observer added with {@link #observe}. */
    public void stopObserving(DeliveryListener observer) {
        observers.remove(observer);
    }

    /** The configured endpoints' providers, in configuration order. */
    public List<Provider> providers() {
        return config.endpoints().stream().map(EngineConfig.EndpointSpec::provider).toList();
    }

    /** The store the application configured (not the engine's observed view of it). */
    public EventStore store() {
        return store.unwrap();
    }

    /** What the store holds now ({@link EventStore#stats}), through the observed store. */
    public StoreStats stats() {
        return store.stats(config.clock().instant());
    }

    /** The receiver's clock. */
    public Clock clock() {
        return config.clock();
    }

    /** The receiver's clock's current instant. */
    public Instant now() {
        return config.clock().instant();
    }

    public boolean handles(String path) {
        return route(path) != null || console != null && console.owns(path);
    }

    public int maxBodyBytes() {
        return config.maxBodyBytes();
    }

    public Duration bodyReadTimeout() {
        return config.bodyReadTimeout();
    }

    /** Step 2 alone, for adapters that read the body themselves: a refusal, or {@code null} to read the body. */
    public WebhookResponse screen(WebhookRequest request) {
        if (console != null && console.owns(request.path())) {
            return closed ? Responses.SHUTTING_DOWN : console.screen(request); // not a delivery: not observed
        }
        DeliveryTrace trace = new DeliveryTrace(config.clock(), reporting(), request);
        WebhookResponse refused = screen(request, trace);
        if (refused != null) {
            report(trace, refused, tracer == null ? null : tracer.startDelivery(request));
        }
        return refused;
    }

    private WebhookResponse screen(WebhookRequest request, DeliveryTrace trace) {
        if (closed) {
            return Responses.SHUTTING_DOWN;
        }
        EngineConfig.EndpointSpec endpoint = route(request.path());
        if (endpoint == null) {
            return noEndpoint(trace);
        }
        trace.endpoint(endpoint);
        Guard.Refusal refusal = Guard.screen(request, endpoint.authenticator(), config.maxBodyBytes());
        return refusal == null ? null : reject(trace, refusal.status(), refusal.code(), refusal.reason());
    }

    /**
     * The bytes a delivery reserves from the bound on bodies in flight before its body is read: its declared
     * {@code Content-Length}, at most {@code maxBodyBytes}; {@code maxBodyBytes} when none is declared (chunked,
     * {@code declaredLength} below 0). For an adapter that reads the body itself.
     */
    public long bodyReservation(long declaredLength) {
        return declaredLength < 0 ? config.maxBodyBytes() : Math.min(declaredLength, config.maxBodyBytes());
    }

    /** {@link #bodyReservation(long)} of a request given to receive; a body given as bytes reserves its length. */
    private long bodyReservation(WebhookRequest request) {
        int buffered = request.bufferedBodyLength();
        if (buffered >= 0) { // given as bytes: what it holds, not what it declares
            return Math.min(buffered, config.maxBodyBytes());
        }
        return bodyReservation(request.header("Content-Length").map(Engine::parseLength).orElse(-1L));
    }

    private static long parseLength(String value) {
        try {
            return Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /**
     * Reserves {@code bytes} of the bound on bodies in flight ({@code maxBodyBytesInFlight}) for an adapter that
     * reads the body itself; false when that would pass it (answer {@link #overloaded}). Give it back with
     * {@link #releaseBody} once the delivery is answered, whatever the answer.
     */
    public boolean reserveBody(long bytes) {
        return bodies.tryReserve(bytes);
    }

    public void releaseBody(long bytes) {
        bodies.release(bytes);
    }

    /** The bytes of bodies reserved now (for tests and the notes). */
    public long bodyBytesInFlight() {
        return bodies.inFlight();
    }

    /**
     * The answer to a delivery refused because bodies in flight reached {@code maxBodyBytesInFlight}: 503 with
     * {@code Retry-After}, reason {@code overloaded}, reported to observers; logged once per interval with a count,
     * not per request.
     */
    public WebhookResponse overloaded(WebhookRequest request) {
        return answerRouted(config.clock().instant(), request, this::overloaded);
    }

    private WebhookResponse overloaded(DeliveryTrace trace) {
        EngineConfig.EndpointSpec endpoint = trace.endpoint();
        bodies.refused(endpoint == null ? "(no endpoint)" : endpoint.path());
        return Responses.OVERLOADED;
    }

    /** The answer to a request whose body did not arrive within the body read timeout. */
    public WebhookResponse bodyTimedOut(WebhookRequest request) {
        return answerRouted(config.clock().instant().minus(config.bodyReadTimeout()), request, this::timedOut);
    }

    /**
     * The answer to a request whose body could not be read in full: the read failed (malformed chunk framing, the
     * sender closed its side before the declared length, the container gave up on the connection). 400 with the
     * usual JSON body, one WARN line naming the endpoint, and an observer report ({@code body_incomplete}); the
     * adapter sends it with {@code Connection: close}. Never a 2xx: nothing was read that could be recorded.
     */
    public WebhookResponse bodyFailed(WebhookRequest request) {
        return answerRouted(config.clock().instant(), request, this::incomplete);
    }

    /**
     * An adapter's answer to a delivery that ends before its body is complete (overloaded, late, broken): the
     * request routed, answered by {@code answer}, and reported to observers as any delivery is.
     */
    private WebhookResponse answerRouted(Instant received, WebhookRequest request,
                                         Function<DeliveryTrace, WebhookResponse> answer) {
        DeliveryTrace trace = new DeliveryTrace(received, request);
        trace.endpoint(route(request.path()));
        WebhookResponse response = answer.apply(trace);
        report(trace, response, tracer == null ? null : tracer.startDelivery(request));
        return response;
    }

    private WebhookResponse incomplete(DeliveryTrace trace) {
        return reject(trace, 400, Reason.BODY_INCOMPLETE, "body could not be read completely");
    }

    private WebhookResponse timedOut(DeliveryTrace trace) {
        return reject(trace, 408, Reason.BODY_TIMEOUT,
                "body not received within " + config.bodyReadTimeout().toMillis() + " ms");
    }

    private static WebhookResponse noEndpoint(DeliveryTrace trace) {
        String text = "no webhook endpoint at this path";
        trace.refused(Reason.NO_ENDPOINT, text);
        return Responses.rejected(404, text);
    }

    /**
     * What a log line may say of a request path: the endpoint's configured path when the request routes to one (a
     * {@code UrlToken.pathSegment} token is the segment below it, and must not be logged), else {@code (no endpoint)}.
     */
    public String loggablePath(String path) {
        EngineConfig.EndpointSpec endpoint = path == null ? null : route(path);
        return endpoint == null ? "(no endpoint)" : endpoint.path();
    }

    /** Exact endpoint path, or one more segment below it (a URL token in the path). */
    private EngineConfig.EndpointSpec route(String path) {
        EngineConfig.EndpointSpec[] few = routes;
        if (few != null) {
            for (EngineConfig.EndpointSpec e : few) {
                if (e.path().equals(path)) {
                    return e;
                }
            }
            int slash = path.lastIndexOf('/');
            if (slash > 0) {
                for (EngineConfig.EndpointSpec e : few) {
                    String prefix = e.path();
                    if (prefix.length() == slash && path.startsWith(prefix)) {
                        return e;
                    }
                }
            }
            return null;
        }
        EngineConfig.EndpointSpec exact = endpoints.get(path);
        if (exact != null) {
            return exact;
        }
        int slash = path.lastIndexOf('/');
        return slash > 0 ? endpoints.get(path.substring(0, slash)) : null;
    }

    public WebhookResponse receive(WebhookRequest request) {
        return receive(request, true);
    }

    /**
     * {@link #receive} for an adapter that has read the body itself under a reservation of its own
     * ({@link #reserveBody}), which it gives back after the answer: the body is not counted twice.
     */
    public WebhookResponse receiveReserved(WebhookRequest request) {
        return receive(request, false);
    }

    /**
     * {@link #receiveReserved} for a request whose head {@link #screen} passed (the receiver's {@code Screening}
     * vouches for it): the checks before the body are not run a second time.
     */
    public WebhookResponse receiveScreened(WebhookRequest request) {
        return receive(request, false, true);
    }

    private WebhookResponse receive(WebhookRequest request, boolean reserve) {
        return receive(request, reserve, false);
    }

    private WebhookResponse receive(WebhookRequest request, boolean reserve, boolean screened) {
        if (console != null && console.owns(request.path())) {
            return closed ? Responses.SHUTTING_DOWN : console.serve(request); // not a delivery: not observed
        }
        inFlight.incrementAndGet();
        DeliveryTracer.DeliverySpan span = tracer == null ? null : tracer.startDelivery(request); // current from here
        DeliveryTrace trace = new DeliveryTrace(config.clock(), reporting(), request);
        if (span != null) {
            trace.traceParent(span.traceParent());
        }
        WebhookResponse answer;
        try {
            answer = closed ? Responses.SHUTTING_DOWN : deliver(request, trace, reserve, screened);
        } catch (Throwable e) { // an Error too (out of memory, stack overflow, linkage): never a 200, never unlogged
            answer = failed(trace, e);
        } finally {
            bodies.release(trace.reservedBytes());
            if (inFlight.decrementAndGet() == 0 && closed) {
                synchronized (idle) {
                    idle.notifyAll();
                }
            }
        }
        try {
            report(trace, answer, span);
        } catch (VirtualMachineError e) {
            // Out of memory for the report itself: the answer stands (observers' own failures are caught there).
        }
        return answer;
    }

    /** True when someone hears deliveries: only then are reports (their clock readings and strings) built. */
    private boolean reporting() {
        return tracer != null || observers.active();
    }

    /** Ends the delivery's span (when tracing) and tells the listeners; builds nothing for nobody. */
    private void report(DeliveryTrace trace, WebhookResponse answer, DeliveryTracer.DeliverySpan span) {
        if (span == null && !observers.active()) {
            return;
        }
        DeliveryListener.Delivery report = trace.report(answer);
        if (span != null) {
            span.end(report);
        }
        observers.delivered(report);
    }

    /**
     * The answer to an unexpected failure, logged once at ERROR: 503 with {@code Retry-After} when it happened before
     * the store recorded the event (nothing was acknowledged, so the provider must retry), 500 after (inline: the
     * event is recorded and pending, as for a failed handler). A {@link VirtualMachineError} is logged by its class
     * alone and answered with a response built in advance: its stack trace is of no use, and memory may be short.
     */
    private static WebhookResponse failed(DeliveryTrace trace, Throwable e) {
        boolean recorded = trace.isRecorded();
        // the endpoint's path, not the request's: a UrlToken.pathSegment token is the segment below it
        EngineConfig.EndpointSpec endpoint = trace.endpoint();
        String where = endpoint == null ? "(not routed yet)" : endpoint.path();
        String what = recorded ? "after it was recorded; answering 500"
                : "before it was recorded; answering 503 so the provider retries";
        if (e instanceof VirtualMachineError) {
            log.error("{} receiving a delivery to {} {}", e.getClass().getName(), where, what);
        } else {
            log.error("unexpected failure receiving a delivery to {} {}", where, what, e);
        }
        return recorded ? Responses.INTERNAL : Responses.RECEIVER_FAILED;
    }

    private WebhookResponse deliver(WebhookRequest request, DeliveryTrace trace, boolean reserve,
                                    boolean screened) {
        // 1. route
        EngineConfig.EndpointSpec endpoint = route(request.path());
        if (endpoint == null) {
            log.debug("no webhook endpoint at {}", request.path());
            return noEndpoint(trace);
        }
        trace.endpoint(endpoint);
        // 2. guard: every check that needs no body, before a byte of it is read (unless screen passed this head)
        Guard.Refusal refusal = screened ? null
                : Guard.screen(request, endpoint.authenticator(), config.maxBodyBytes());
        if (refusal != null) {
            return reject(trace, refusal.status(), refusal.code(), refusal.reason());
        }
        if (reserve) { // before a byte of the body is buffered; given back by receive once answered
            long bytes = bodyReservation(request);
            if (!bodies.tryReserve(bytes)) {
                return overloaded(trace);
            }
            trace.reserved(bytes);
        }
        byte[] body;
        try {
            // bytes already in memory have no read to time: no clock reading and no deadline Instant for them
            body = request.readBody(config.maxBodyBytes(), config.clock(), request.bufferedBodyLength() >= 0
                    ? Instant.MAX : config.clock().instant().plus(config.bodyReadTimeout()));
        } catch (SocketTimeoutException e) {
            return timedOut(trace);
        } catch (IOException e) {
            return incomplete(trace);
        }
        if (body == null) {
            return reject(trace, 413, Reason.BODY_TOO_LARGE, "body larger than " + config.maxBodyBytes() + " bytes");
        }
        trace.body(body);
        // 3. verify, over the raw bytes, before anything reads them as JSON
        Verification verification = verify(endpoint.authenticator(), request, body);
        if (!verification.isOk()) {
            return reject(trace, verification.status(), Guard.authenticationCode(verification),
                    verification.reason().orElse("not authenticated"));
        }
        // 4. parse
        WebhookEvent<?> event;
        try {
            event = parse(endpoint, body);
        } catch (InvalidPayloadException e) {
            return reject(trace, 400, Reason.INVALID_PAYLOAD, e.getMessage());
        }
        if (!cleanNames.contains(event.name()) && EventKeys.hasControlCharacter(event.name())) {
            return reject(trace, 400, Reason.INVALID_PAYLOAD, "event name contains control characters");
        }
        String key = DedupKeys.decide(event, endpoint.explicitDedupKey(), verification, endpoint.provider());
        if (!key.equals(event.key())) {
            event = event.withKey(key);
        }
        trace.event(event);
        // 5. record, within the record timeout counted from here: the body's arrival has its own bound
        // (a direct call, the in-memory store's, has no deadline to read: no clock reading for it)
        long recordBy = deadline.isDirect() ? Long.MAX_VALUE : StoreDeadline.after(config.recordTimeout());
        Instant now = config.clock().instant();
        StoredEvent stored = StoredEvent.received(event.provider(), event.key(), event.name(), endpoint.path(), body,
                new KeptHeaders(head(request, body)), now, subject(endpoint, event), event.occurredAt().orElse(null));
        if (trace.traceParent() != null) { // tracing: handler runs link to this delivery, wherever they run
            stored = stored.withTraceParent(trace.traceParent());
        }
        // Inline, with the store in memory: a new event is recorded claimed for this request (no claim call after)
        InlineClaim inline = worker == null && deadline.isDirect()
                ? new InlineClaim(handOffOwner, now.plus(config.lease())) : null;
        Recorded recorded;
        try {
            recorded = store.recordBy(stored, now, recordBy, deadline, recordedLate,
                    worker == null ? null : worker.handoff(), event, inline); // a worker's hand-off wakes it
            trace.recorded();
        } catch (StoreException e) {
            if (recordFailures.admit(endpoint.path() + " (" + endpoint.provider().id() + ")", e.getMessage())) {
                log.error("could not record {} from {}; answering 503 so the provider retries: {}", event,
                        endpoint.path(), e.getMessage());
            }
            return Responses.STORE_UNAVAILABLE;
        } catch (StoreDeadline.Missed e) {
            // If the record commits after all, the provider's retry is answered queued or duplicate (inline: it is
            // handled then): nothing acknowledged is lost, nothing is handled twice.
            String cause = e.busy() ? StoreDeadline.MAX_STRANDED + " earlier store calls still hang"
                    : "not recorded within the record timeout (" + config.recordTimeout().toMillis() + " ms)";
            if (recordFailures.admit(endpoint.path() + " (" + endpoint.provider().id() + ")", cause)) {
                log.error("could not record {} from {}: {}; answering 503 so the provider retries", event,
                        endpoint.path(), cause);
            }
            return Responses.STORE_TIMEOUT;
        }
        // 6. acknowledge, and 7. handle
        return worker != null ? acknowledgeQueued(stored, recorded) : handleInline(stored, event, recorded, inline);
    }

    /**
     * The authenticator's verdict on the body. A {@link UrlToken} reads no body: its {@code verify} is its
     * {@code checkBeforeBody}, which {@link Guard#screen} ran and passed on this same (immutable) head in step 2 (or
     * in {@link #screen}, for a screened request), so its answer is already known and the token is not hashed and
     * compared a second time.
     */
    private static Verification verify(Authenticator authenticator, WebhookRequest request, byte[] body) {
        return authenticator instanceof UrlToken ? Verification.ok() : authenticator.verify(request, body);
    }

    /**
     * The request as the kept headers may hold it until they are built: itself when its body was given as bytes,
     * else its head with the body read (the same header arrays), so that no container's stream is held past the
     * delivery.
     */
    private static WebhookRequest head(WebhookRequest request, byte[] body) {
        return request.bufferedBodyLength() >= 0 ? request : request.withBody(body);
    }

    /** A record that committed after its delivery was answered 503: queued, a worker need not wait for its poll. */
    private void recordedLate(Recorded recorded) {
        if (recorded == Recorded.NEW && worker != null) {
            worker.signal();
        }
    }

    /**
     * The provider's subject for ordering, bounded like a key (a built-in provider's may be already:
     * {@link BoundedSubjects}); a rule that fails orders nothing (and says so).
     */
    private static String subject(EngineConfig.EndpointSpec endpoint, WebhookEvent<?> event) {
        try {
            Provider provider = endpoint.provider();
            Optional<String> subject = provider.subject(event);
            return subject.isEmpty() ? null // no second Optional from map
                    : provider instanceof BoundedSubjects ? subject.get() : EventKeys.bounded(subject.get());
        } catch (RuntimeException e) {
            log.warn("subject rule of {} failed for {}; handling it without ordering: {}", endpoint.provider().id(),
                    event, e.getClass().getName());
            return null;
        }
    }

    /**
     * Queued: a 200 means durably queued. {@code duplicate} only for an event whose handlers all succeeded; a copy
     * of one still waiting or running is {@code queued}; a dead letter answers 500 until it is replayed.
     */
    private WebhookResponse acknowledgeQueued(StoredEvent stored, Recorded recorded) {
        switch (recorded) {
            case NEW:
                return Responses.ACCEPTED;
            case DONE:
                return Responses.DUPLICATE;
            case DEAD:
                return deadLetter(stored);
            default:
                return Responses.QUEUED;
        }
    }

    /**
     * Inline: a 200 means handled. A failed attempt leaves the event pending and answers 500, so the provider's
     * redelivery is the retry; only a done event is a {@code duplicate}. {@code inline}: the claim this request made
     * with its record (null when the store is not called directly), holding the claimed copy when the store handed
     * the new event over claimed.
     */
    private WebhookResponse handleInline(StoredEvent stored, WebhookEvent<?> event, Recorded recorded,
                                         InlineClaim inline) {
        switch (recorded) {
            case DONE:
                return Responses.DUPLICATE;
            case DEAD:
                return deadLetter(stored);
            case IN_PROGRESS:
                return Responses.IN_PROGRESS;
            default:
                break;
        }
        ClaimKeeper.EventRef ref = ClaimKeeper.EventRef.of(stored); // one for the look-ups below
        try {
            StoredEvent handedOff = inline == null ? null : inline.claimed();
            if (handedOff != null) {
                // Recorded new and claimed for this request: held by nobody here (no look-up of that first), and
                // not a claim of ours that lapsed (no renewal first); renewed, from its receive time, while it runs.
                return run(ref, claims.keepHandedOff(ref, handedOff, inline.owner()), handedOff, event,
                        inline.owner());
            }
            if (claims.holds(ref)) {
                return Responses.IN_PROGRESS; // this process is handling it (its claim may have lapsed in an outage)
            }
            String claimOwner = inlineOwner(); // one owner per request's claim
            Optional<StoredEvent> claimed = claim(stored, claimOwner);
            if (claimed.isEmpty()) {
                return Responses.IN_PROGRESS; // another copy of this event won the claim just now
            }
            // This delivery handled the event, whether it was first to record it or a retry after a failure.
            return run(ref, claims.keep(ref, claimed.get(), claimOwner), claimed.get(), event, claimOwner);
        } catch (StoreException e) {
            // Recorded, so not lost: a redelivery or replay runs it. The provider must retry, hence 503.
            log.error("event store failed while handling {}: {}", event, e.getMessage());
            return Responses.STORE_UNAVAILABLE;
        } catch (StoreDeadline.Missed e) {
            log.error("could not claim {} within the record timeout ({} ms); it is recorded and runs on the "
                    + "provider's retry, answering 503", event, config.recordTimeout().toMillis());
            return Responses.STORE_TIMEOUT;
        }
    }

    /** A new inline claim's owner: this process's, and the request's own number. */
    private String inlineOwner() {
        return owner + "-r" + inlineClaims.incrementAndGet();
    }

    /**
     * Runs the handlers of {@code claimed} under the claim {@code kept} (renewed while they run, however long they
     * take), then forgets it; null {@code kept}: another owner of this process holds the event, under a claim that
     * lapsed in the store and was taken again here, so it is not run twice.
     */
    private WebhookResponse run(ClaimKeeper.EventRef ref, ClaimKeeper.Held kept, StoredEvent claimed,
                                WebhookEvent<?> event, String claimOwner) {
        if (kept == null) {
            return Responses.IN_PROGRESS; // handled here already, under a claim that lapsed: not twice
        }
        try {
            return attempts.run(claimed, event, claimOwner) ? Responses.ACCEPTED : Responses.HANDLER_FAILED;
        } finally {
            claims.drop(ref, kept);
        }
    }

    /**
     * Inline handling's claim: one short transaction, bounded like the record (a fresh record timeout of its own;
     * the handlers after it are not). Claims of this process are renewed first when a renewal failed, so an event
     * this process still handles is not claimed again as if abandoned. A claim that commits after the request gave
     * up is given back at once, so the provider's retry can take it instead of waiting out its lease.
     */
    private Optional<StoredEvent> claim(StoredEvent stored, String claimOwner) throws StoreDeadline.Missed {
        if (deadline.isDirect()) { // the in-memory store: what a direct call does, without the two lambdas
            claims.renewIfBehind();
            return store.claim(stored.provider(), stored.key(), claimOwner, config.clock().instant(), config.lease());
        }
        return deadline.call(StoreDeadline.after(config.recordTimeout()), () -> {
            claims.renewIfBehind();
            return store.claim(stored.provider(), stored.key(), claimOwner, config.clock().instant(),
                    config.lease());
        }, late -> late.ifPresent(c -> releaseQuietly(c, claimOwner)));
    }

    private void releaseQuietly(StoredEvent claimed, String claimOwner) {
        try {
            store.release(claimed, claimOwner);
        } catch (RuntimeException e) {
            log.warn("could not give back the late claim of {}; it is taken again after its lease: {}", claimed,
                    e.getMessage());
        }
    }

    /** A redelivery of a dead letter: 5xx, so the provider keeps it alive and the operator sees it, until replayed. */
    private static WebhookResponse deadLetter(StoredEvent stored) {
        log.warn("redelivery of dead letter {} from {} answered 500; replay it (WebhookReceiver.replay) once its "
                + "handlers are fixed", stored.provider() + "/" + stored.key(), stored.endpoint());
        return Responses.DEAD_LETTER;
    }

    /** True when the event succeeded and (queued) its completion, and claim, went to {@link Completions}. */
    private boolean handleQueued(StoredEvent claimed, String claimOwner) {
        return handleQueued(claimed, null, claimOwner);
    }

    /**
     * {@link #handleQueued(StoredEvent, String)} with the event its delivery parsed, when it was handed off with it
     * (the same event the stored body parses to, under the same key); null: the stored body is parsed.
     */
    private boolean handleQueued(StoredEvent claimed, WebhookEvent<?> parsed, String claimOwner) {
        if (parsed != null) {
            return queuedAttempts.run(claimed, parsed, claimOwner);
        }
        WebhookEvent<?> event;
        try {
            event = rebuild(claimed);
        } catch (InvalidPayloadException | IllegalStateException e) {
            queuedAttempts.failOutright(claimed, claimOwner, e.getMessage());
            return false;
        }
        return queuedAttempts.run(claimed, event, claimOwner);
    }

    /** The event of a stored delivery, as the endpoint's provider parses it, under the stored key. */
    private WebhookEvent<?> rebuild(StoredEvent stored) throws InvalidPayloadException {
        EngineConfig.EndpointSpec endpoint = endpoints.get(stored.endpoint());
        if (endpoint == null) {
            throw new IllegalStateException("endpoint " + stored.endpoint() + " is no longer configured");
        }
        WebhookEvent<?> event = parse(endpoint, stored.body()); // a copy, beside a full parse
        return event.key().equals(stored.key()) ? event : event.withKey(stored.key());
    }

    private static WebhookEvent<?> parse(EngineConfig.EndpointSpec endpoint, byte[] body)
            throws InvalidPayloadException {
        ObjectNode json = Json.parseObject(body);
        return endpoint.provider().parse(json, body);
    }

    /**
     * A refusal of a delivery to a routed endpoint; {@code text} is the error the sender is answered. Logged one by
     * one up to {@link #FREE_REFUSAL_LINES} per endpoint and reason a minute, then counted in a summary line: a flood
     * of forged deliveries must not flood the log (observers and metrics still see every refusal).
     */
    private WebhookResponse reject(DeliveryTrace trace, int status, Reason code, String text) {
        EngineConfig.EndpointSpec endpoint = trace.endpoint();
        if (endpoint != null && refusals.admit(endpoint.path() + " (" + endpoint.provider().id() + ")",
                status + " " + text)) {
            log.warn("rejected delivery to {} ({}): {} {}", endpoint.path(), endpoint.provider().id(), status, text);
        }
        trace.refused(code, text);
        return Responses.rejected(status, text);
    }

    /** UP, DEGRADED or DOWN, with the facts; one store call. See {@link HealthCheck}. */
    public ReceiverHealth health() {
        return healthCheck.check(closed);
    }

    public List<StoredEvent> deadLetters(int limit) {
        return store.deadLetters(limit);
    }

    public boolean replay(String provider, String key) {
        return replay(provider, key, null);
    }

    /** A replay that the event's history names {@code by} (the console's user), or nobody when null. */
    public boolean replay(String provider, String key, String by) {
        if (!store.replay(provider, key, config.clock().instant(), by)) {
            return false;
        }
        if (worker != null) {
            worker.signal();
            return true;
        }
        String claimOwner = owner + "-replay" + inlineClaims.incrementAndGet();
        claims.renewIfBehind();
        store.claim(provider, key, claimOwner, config.clock().instant(), config.lease()).ifPresent(claimed -> {
            if (!claims.hold(claimed, claimOwner)) {
                return; // this process still handles it
            }
            try {
                handleQueued(claimed, claimOwner);
            } finally {
                claims.drop(claimed, claimOwner);
            }
        });
        return true;
    }

    /** Inline deliveries finish on their container threads; the last one to leave wakes us. */
    private void awaitInlineDeliveries() {
        long deadline = System.nanoTime() + config.shutdownTimeout().toNanos();
        synchronized (idle) {
            for (long left = deadline - System.nanoTime(); inFlight.get() > 0 && left > 0;
                 left = deadline - System.nanoTime()) {
                try {
                    TimeUnit.NANOSECONDS.timedWait(idle, left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        awaitInlineDeliveries();
        if (worker != null) {
            worker.stop(config.shutdownTimeout());
        }
        claims.stop();
        boundedCalls.close();
        deadline.close();
        maintenance.stop();
        refusals.flush();
        recordFailures.flush();
        log.info("ramphook receiver stopped");
    }
}
