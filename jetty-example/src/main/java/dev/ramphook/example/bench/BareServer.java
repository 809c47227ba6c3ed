package dev.ramphook.example.bench;

import dev.ramphook.example.jetty.ExampleConnector;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * The baseline of {@code jetty-example/bench/load.sh}: the same Jetty as the example (its {@link ExampleConnector}),
 * with one servlet that reads the request body and answers 200 with a small JSON body, and nothing else. What
 * ramphook adds on top of the container is the difference between this and the example. Listens on
 * 127.0.0.1:{@code PORT} (default 8081).
 *
 * <pre>{@code java -cp jetty-example/target/ramphook-jetty-example.jar dev.ramphook.example.bench.BareServer}</pre>
 */
public final class BareServer {

    private static final byte[] ACCEPTED = "{\"status\":\"accepted\"}".getBytes(StandardCharsets.UTF_8);

    private BareServer() {
    }

    /**
     * Starts the server and serves until the process is stopped.
     *
     * @param args ignored; the port comes from {@code PORT}
     * @throws Exception when Jetty cannot start, such as when the port is taken
     */
    public static void main(String[] args) throws Exception {
        Server server = start(Integer.parseInt(System.getenv().getOrDefault("PORT", "8081")));
        System.out.println("bare servlet listening on http://127.0.0.1:" + port(server) + "/");
        server.join();
    }

    /** Starts the bare servlet on 127.0.0.1:{@code port} (0 for a free one), with the example's connector. */
    static Server start(int port) throws Exception {
        Server server = new Server();
        server.addConnector(ExampleConnector.of(server, "127.0.0.1", port));
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        context.addServlet(new ServletHolder(new ReadAndAnswer()), "/*");
        server.setHandler(context);
        server.setStopAtShutdown(true);
        server.start();
        return server;
    }

    /** The port {@code server}'s one connector listens on. */
    static int port(Server server) {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    /** Reads the whole body, as any webhook endpoint must, and answers 200. */
    static final class ReadAndAnswer extends HttpServlet {
        @Override
        protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = request.getInputStream().readAllBytes();
            if (body.length == 0) {
                response.sendError(400);
                return;
            }
            response.setStatus(200);
            response.setContentType("application/json");
            response.setContentLength(ACCEPTED.length);
            response.getOutputStream().write(ACCEPTED);
        }
    }
}
