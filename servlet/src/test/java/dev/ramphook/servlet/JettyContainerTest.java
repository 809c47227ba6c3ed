package dev.ramphook.servlet;

import dev.ramphook.servlet.testing.ConsoleContract;
import dev.ramphook.servlet.testing.EventsServlet;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.RecordingHandler;
import dev.ramphook.testing.http.HostileSenderContract;
import dev.ramphook.testing.http.WebhookContainerContract;
import java.net.URI;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;

/** The container contract on embedded Jetty 12.1 (ee10), configured the zero-code way through init parameters. */
class JettyContainerTest extends WebhookContainerContract {

    private static Server server;
    private static int port;

    @BeforeAll
    static void start() throws Exception {
        setSecrets();
        ConsoleContract.setConsoleSecrets();
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(app("/shop", Map.of()));
        contexts.addHandler(app("/down", downParameters()));
        contexts.addHandler(app("/fenced", fencedParameters()));
        contexts.addHandler(app("/flaky", Map.of("ramphook.handlers", FlakyHandler.class.getName())));
        contexts.addHandler(app("/console", ConsoleContract.consoleParameters()));
        server.setHandler(contexts);
        server.start();
        port = connector.getLocalPort();
    }

    private static ServletContextHandler app(String contextPath, Map<String, String> overrides) {
        ServletContextHandler app = new ServletContextHandler(contextPath);
        parameters().forEach(app::setInitParameter);
        app.setInitParameter("ramphook.handlers", RecordingHandler.class.getName());
        overrides.forEach(app::setInitParameter);
        app.addServletContainerInitializer(new WebhookInitializer());
        app.addServlet(EventsServlet.class, "/events");
        return app;
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + port + "/shop");
    }

    @Override
    protected URI downBase() {
        return URI.create("http://127.0.0.1:" + port + "/down");
    }

    @Override
    protected URI fencedBase() {
        return URI.create("http://127.0.0.1:" + port + "/fenced");
    }

    @Override
    protected URI flakyBase() {
        return URI.create("http://127.0.0.1:" + port + "/flaky");
    }

    @Override
    protected void fixFlakyHandlers() {
        FlakyHandler.fix();
    }

    /** The console suite against an application that turns it on. */
    @Nested
    class Console extends ConsoleContract {
        @Override
        protected URI consoleBase() {
            return URI.create("http://127.0.0.1:" + port + "/console");
        }
    }

    /** The hostile-sender suite against the same applications. */
    @Nested
    class HostileSenders extends HostileSenderContract {
        @Override
        protected URI base() {
            return JettyContainerTest.this.base();
        }

        @Override
        protected URI downBase() {
            return JettyContainerTest.this.downBase();
        }
    }
}
