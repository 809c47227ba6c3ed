package dev.ramphook.example.tomcat;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/** {@code GET /events}: the events {@link PaymentHandlers#audit} saw, oldest first, as a JSON array. */
@WebServlet("/events")
public class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Created by the container, which finds this servlet by its {@code @WebServlet} annotation. */
    public EventsServlet() {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = RecentEvents.toJson().getBytes(StandardCharsets.UTF_8);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
