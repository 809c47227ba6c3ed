package dev.ramphook.example.jetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /events}: every invocation of the catch-all handler, oldest first, as a JSON array. */
final class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    private final transient EventLog events;

    EventsServlet(EventLog events) {
        this.events = events;
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = events.toJson().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
