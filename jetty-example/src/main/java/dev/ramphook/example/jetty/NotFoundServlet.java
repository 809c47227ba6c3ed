package dev.ramphook.example.jetty;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Every path nothing else serves: a small JSON 404 rather than Jetty's page. Async-supported, so that the webhook
 * filter in front of it may read bodies without holding a thread.
 */
final class NotFoundServlet extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] NOT_FOUND = "{\"status\":\"not_found\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(404);
        response.setContentType("application/json");
        response.setContentLength(NOT_FOUND.length);
        response.getOutputStream().write(NOT_FOUND);
    }
}
