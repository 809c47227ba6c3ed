package dev.ramphook.example.tomcat;

import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;

/**
 * {@code GET /events}: the events {@link PaymentHandlers#audit} saw, oldest first, as a JSON array.
 *
 * <p>Answered only on this machine: to a loopback peer that is not relaying for someone else (no forwarding
 * header, as a reverse proxy on the same host would add). Anyone else gets 403: the WAR is meant to be dropped into
 * a real server, where the webhook paths face the internet and this list of payments must not.
 */
@WebServlet("/events")
public class EventsServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;

    /** Created by the container, which finds this servlet by its {@code @WebServlet} annotation. */
    public EventsServlet() {
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        if (fromThisMachine(request)) {
            answer(response, 200, RecentEvents.toJson());
        } else {
            answer(response, 403, "{\"status\":\"rejected\",\"error\":\"GET /events is answered on this machine only"
                    + " (loopback, not through a proxy)\"}");
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

    private static void answer(HttpServletResponse response, int status, String json) throws IOException {
        byte[] body = json.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
