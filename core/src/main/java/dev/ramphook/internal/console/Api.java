package dev.ramphook.internal.console;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import dev.ramphook.internal.json.Json;
import dev.ramphook.internal.text.Logs;
import dev.ramphook.internal.text.Printable;
import dev.ramphook.store.EventQuery;
import dev.ramphook.store.FoundEvent;
import dev.ramphook.store.StoredEvent;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.slf4j.Logger;

/**
 * The console's JSON API under {@code <path>/api/}: the pages' data and the replay action, for scripts. Times are
 * ISO-8601 UTC; the body of an event is given as text (UTF-8) and, when it is JSON, as {@code json}, both with
 * credentials masked ({@link dev.ramphook.Masking}).
 */
final class Api {

    private static final Logger log = Logs.get(Api.class);

    private final ConsoleData data;
    private final ConsoleAuth auth;
    private final Clock clock;

    Api(ConsoleData data, ConsoleAuth auth, Clock clock) {
        this.data = data;
        this.auth = auth;
        this.clock = clock;
    }

    WebhookResponse get(String sub, Params p, ConsoleAuth.Principal who) {
        Instant now = clock.instant();
        return switch (sub) {
            case "/overview" -> Answers.json(200, overview(now));
            case "/recent" -> {
                int limit = p.number("limit", 500, RecentDeliveries.CAPACITY);
                int offset = p.number("offset", 0, RecentDeliveries.CAPACITY);
                p.number("status", 0, 999); // a malformed status is a 400, not an empty list
                yield Answers.json(200, recent(OverviewPage.filter(p), offset, limit));
            }
            case "/events" -> {
                int limit = p.number("limit", ConsoleData.PAGE_SIZE, EventQuery.MAX_LIMIT);
                int offset = p.number("offset", 0, EventQuery.MAX_OFFSET);
                yield Answers.json(200, events(data.search(data.query(p, null, offset, Math.max(limit, 1)))));
            }
            case "/dead" -> Answers.json(200, events(data.deadSelection(p)));
            case "/event" -> {
                String provider = p.get("provider").orElseThrow(() -> new Params.BadRequest("provider is required"));
                String key = p.get("key").orElseThrow(() -> new Params.BadRequest("key is required"));
                yield data.find(provider, key).map(f -> Answers.json(200, event(f, true)))
                        .orElseGet(() -> Answers.error(404, "no such event", Map.of()));
            }
            case "/csrf" -> {
                ObjectNode token = Json.MAPPER.createObjectNode();
                token.put("csrf", auth.csrfToken(who, now));
                yield Answers.json(200, token);
            }
            default -> Answers.error(404, "no such console API", Map.of());
        };
    }

    WebhookResponse post(String sub, WebhookRequest request, String body, ConsoleAuth.Principal who) {
        if (!sub.equals("/replay")) {
            return Answers.error(405, "only /replay is an action", Map.of("Allow", "GET"));
        }
        if (!request.header("Content-Type").orElse("").toLowerCase(java.util.Locale.ROOT)
                .startsWith("application/json")) {
            return Answers.error(415, "send the selection as application/json", Map.of());
        }
        if (!auth.postAllowed(who, request, request.header("X-CSRF-Token").orElse(null), clock.instant())) {
            return Answers.error(403, "missing or invalid X-CSRF-Token (GET api/csrf), or use the bearer token",
                    Map.of());
        }
        Params selection = Params.fromJson(body);
        List<FoundEvent> dead = data.deadSelection(selection);
        int replayed = data.replay(dead, who.name());
        log.info("console API: {} replayed {} dead letter(s) selected by {}", who.name(), replayed,
                Printable.of(body));
        ObjectNode out = Json.MAPPER.createObjectNode();
        out.put("status", "replayed");
        out.put("selected", dead.size());
        out.put("replayed", replayed);
        return Answers.json(200, out);
    }

    private ObjectNode overview(Instant now) {
        ConsoleData.Summary s = data.summary(now);
        ObjectNode out = Json.MAPPER.createObjectNode();
        ObjectNode states = out.putObject("byState");
        new TreeMap<>(s.byState()).forEach(states::put);
        ObjectNode providers = out.putObject("byProvider");
        s.byProvider().forEach((provider, counts) -> {
            ObjectNode p = providers.putObject(provider);
            counts.forEach(p::put);
        });
        out.put("oldestPendingReceivedAt", s.oldestPending() == null ? null : s.oldestPending().toString());
        if (s.note() != null) {
            out.put("note", s.note());
        }
        ArrayNode minutes = out.putArray("perMinute");
        int[][] counts = data.recent().perMinute(now, RecentDeliveries.MINUTES);
        long first = Math.floorDiv(now.getEpochSecond(), 60) - counts.length + 1;
        for (int i = 0; i < counts.length; i++) {
            ObjectNode m = minutes.addObject();
            m.put("minute", Instant.ofEpochSecond((first + i) * 60).toString());
            m.put("accepted", counts[i][0]);
            m.put("refused", counts[i][1]);
        }
        out.put("deliveriesSinceStart", data.recent().total());
        return out;
    }

    private ArrayNode recent(java.util.function.Predicate<RecentDeliveries.Entry> filter, int offset, int limit) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        for (RecentDeliveries.Entry e : data.recent().newest(filter).stream().skip(offset).limit(limit).toList()) {
            ObjectNode o = out.addObject();
            o.put("receivedAt", e.at().toString());
            o.put("endpoint", e.endpoint());
            o.put("provider", e.provider());
            o.put("event", e.event());
            o.put("key", e.key());
            o.put("outcome", e.outcome());
            o.put("refused", e.refused());
            o.put("status", e.status());
            o.put("reason", e.detail());
            o.put("remoteAddress", e.remote());
        }
        return out;
    }

    private ArrayNode events(List<FoundEvent> found) {
        ArrayNode out = Json.MAPPER.createArrayNode();
        found.forEach(f -> out.add(event(f, false)));
        return out;
    }

    private ObjectNode event(FoundEvent f, boolean full) {
        ObjectNode o = Json.MAPPER.createObjectNode();
        o.put("provider", f.provider());
        o.put("key", f.key());
        o.put("state", f.state().name().toLowerCase(java.util.Locale.ROOT));
        o.put("nextAttemptAt", f.nextAttemptAt() == null ? null : f.nextAttemptAt().toString());
        StoredEvent e = f.event();
        if (e == null) {
            return o;
        }
        o.put("name", e.name());
        o.put("endpoint", e.endpoint());
        o.put("receivedAt", e.receivedAt().toString());
        o.put("occurredAt", e.occurredAt() == null ? null : e.occurredAt().toString());
        o.put("subject", e.subject());
        o.put("attempts", e.attempts());
        o.put("lastError", Bodies.error(e.lastError()));
        ArrayNode handlers = o.putArray("completedHandlers");
        new java.util.TreeSet<>(e.completedHandlers()).forEach(handlers::add);
        if (full) {
            ArrayNode history = o.putArray("history");
            for (dev.ramphook.store.HistoryEntry h : data.history(f.provider(), f.key())) {
                ObjectNode line = history.addObject();
                line.put("at", h.at().toString());
                line.put("kind", h.kind().name().toLowerCase(java.util.Locale.ROOT));
                line.put("attempt", h.attempt());
                line.put("error", Bodies.error(h.error()));
                line.put("by", h.by());
            }
        }
        if (full && e.bodyLength() > 0) {
            byte[] body = e.body();
            o.put("body", Bodies.maskedText(body));
            JsonNode json = Bodies.maskedJson(body);
            if (json == null) {
                o.putNull("json");
            } else {
                o.set("json", json);
            }
            ObjectNode headers = o.putObject("headers");
            new TreeMap<>(e.headers()).forEach((name, values) -> {
                ArrayNode vs = headers.putArray(name);
                values.forEach(v -> vs.add(Bodies.redacted(name, v)));
            });
            o.put("curl", Bodies.curl(e));
        }
        return o;
    }
}
