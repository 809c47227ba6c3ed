package dev.ramphook.example.jetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /events}: what the catch-all handler received, a page at a time, oldest first:
 * {@code ?limit=} (default {@value #DEFAULT_LIMIT}, at most {@value #MAX_LIMIT}) of the latest entries, and
 * {@code ?before=<seq>} for the page before an entry. Each answer holds at most {@value #MAX_CHARS} characters.
 *
 * <p>Answered only on this machine: to a loopback peer that is not relaying for someone else (no forwarding
 * header, as a reverse proxy on the same host would add). Anyone else gets 403, whatever address the example
 * listens on: the page shows payment data.
 */
final class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1_000;
    static final int MAX_CHARS = 2 << 20;

    private final transient EventLog events;

    EventsServlet(EventLog events) {
        this.events = events;
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (!"GET".equals(request.getMethod())) {
            response.setHeader("Allow", "GET");
            answer(response, 405, "{\"status\":\"rejected\",\"error\":\"use GET\"}");
        } else if (!fromThisMachine(request)) {
            answer(response, 403, "{\"status\":\"rejected\",\"error\":\"GET /events is answered on this machine"
                    + " only (loopback, not through a proxy)\"}");
        } else {
            Integer limit = number(request.getParameter("limit"), 1, MAX_LIMIT, DEFAULT_LIMIT);
            Integer before = number(request.getParameter("before"), 1, Integer.MAX_VALUE, Integer.MAX_VALUE);
            if (limit == null || before == null) {
                answer(response, 400, "{\"status\":\"rejected\",\"error\":\"limit must be 1.." + MAX_LIMIT
                        + " and before a positive sequence number\"}");
            } else {
                answer(response, 200, events.page(limit, before, MAX_CHARS));
            }
        }
    }

    static boolean fromThisMachine(HttpServletRequest request) {
        if (request.getHeader("X-Forwarded-For") != null || request.getHeader("Forwarded") != null) {
            return false;
        }
        try {
            String peer = request.getRemoteAddr();
            return peer != null && InetAddress.getByName(peer).isLoopbackAddress(); // a literal: no DNS look-up
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** The value, {@code fallback} when absent, {@code null} when malformed or out of range. */
    private static Integer number(String text, int min, int max, int fallback) {
        if (text == null) {
            return fallback;
        }
        try {
            int value = Integer.parseInt(text);
            return value >= min && value <= max ? value : null;
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void answer(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
