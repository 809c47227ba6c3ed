package dev.ramphook.servlet;

import java.net.URI;
import java.util.function.Consumer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** One ee10 context on an embedded Jetty at a free loopback port. */
final class JettyApp implements AutoCloseable {

    private final Server server = new Server();
    private final ServerConnector connector = new ServerConnector(server);
    private final ServletContextHandler context;

    JettyApp(String contextPath, Consumer<ServletContextHandler> setup) {
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        context = new ServletContextHandler(contextPath);
        setup.accept(context);
        server.setHandler(context);
    }

    JettyApp start() throws Exception {
        server.start();
        return this;
    }

    URI uri(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + (context.getContextPath().equals("/") ? "" : context.getContextPath()) + path);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("Jetty did not stop", e);
        }
    }
}
