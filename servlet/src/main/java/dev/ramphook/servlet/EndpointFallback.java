package dev.ramphook.servlet;

import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * The servlet the zero-code set-up maps at the endpoint paths. The filter answers every delivery before it; this
 * servlet exists so that the chain there is async-supported (the container decides from the servlet too, and a
 * default servlet is usually not), which lets the filter read bodies without holding a thread. It answers what
 * the filter passes down (a path two segments below an endpoint) with a small JSON 404.
 */
final class EndpointFallback extends HttpServlet {

    private static final long serialVersionUID = 1L;
    private static final byte[] NOT_FOUND =
            "{\"status\":\"rejected\",\"error\":\"no webhook endpoint at this path\"}".getBytes(StandardCharsets.UTF_8);

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        response.setStatus(404);
        response.setContentType("application/json");
        response.setContentLength(NOT_FOUND.length);
        response.getOutputStream().write(NOT_FOUND);
    }
}
