package dev.ramphook.internal.console;

import dev.ramphook.WebhookRequest;
import dev.ramphook.WebhookResponse;
import java.time.Clock;
import java.util.Map;

/** The HTML side of the console: which page a path is, and the frame around it. */
final class Pages {

    /** A page's main part and its status: a filter form with a malformed field is shown again with a 400. */
    record Shown(int status, String html) {
    }

    private final OverviewPage overview;
    private final EventPages events;
    private final DeadLetterPages dead;

    Pages(ConsoleData data, ConsoleAuth auth, Clock clock) {
        this.overview = new OverviewPage(data, clock);
        this.events = new EventPages(data);
        this.dead = new DeadLetterPages(data, auth, clock);
    }

    /** Bad input answers an HTML page too (a browser shows it; a raw JSON error leaves the operator stranded). */
    WebhookResponse get(String sub, Params query, ConsoleAuth.Principal who) {
        String nonce = Answers.nonce();
        try {
            return switch (sub) {
                case "/" -> page(nonce, "Overview", overview.overview());
                case "/recent" -> page(nonce, "Recent deliveries", "Recent deliveries", overview.recent(query));
                case "/events" -> page(nonce, "Events", "Events", events.list(query));
                case "/event" -> events.detail(query).map(body -> page(nonce, "Event", "Events", body))
                        .orElseGet(() -> notFound(nonce));
                case "/dead" -> page(nonce, "Dead letters", "Dead letters", dead.list(query, who));
                case "/replay" -> page(nonce, "Replay dead letters", "Dead letters", dead.confirm(query, who));
                case "/favicon.svg" -> Answers.icon();
                default -> notFound(nonce);
            };
        } catch (Params.BadRequest e) {
            return Answers.html(400, nonce, Html.page(nonce, "Bad request", "", "<p class=\"alert\">"
                    + Html.text(e.getMessage()) + "</p><p><a href=\"./\">Back to the overview</a></p>"));
        }
    }

    WebhookResponse post(String sub, WebhookRequest request, String body, ConsoleAuth.Principal who) {
        if (!sub.equals("/replay")) {
            return Answers.error(405, "only replay is an action", Map.of("Allow", "GET"));
        }
        return dead.replay(request, Params.parse(body), who);
    }

    private static WebhookResponse page(String nonce, String title, String body) {
        return page(nonce, title, title, body);
    }

    private static WebhookResponse page(String nonce, String title, String active, String body) {
        return Answers.html(200, nonce, Html.page(nonce, title, active, body));
    }

    private static WebhookResponse page(String nonce, String title, String active, Shown shown) {
        return Answers.html(shown.status(), nonce, Html.page(nonce, title, active, shown.html()));
    }

    private static WebhookResponse notFound(String nonce) {
        return Answers.html(404, nonce, Html.page(nonce, "Not found", "",
                "<p>Nothing here: the event may have been pruned after its retention, or the link is wrong.</p>"));
    }
}
