package dev.ramphook.example.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.testing.http.FailingStore;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.WebhookContainerContract;
import java.io.File;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import org.eclipse.jetty.util.Jetty;
import org.eclipse.jetty.webapp.WebAppContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The WAR transformed for javax containers (its {@code WEB-INF/lib} holds {@code ramphook-servlet}'s {@code javax}
 * variant), deployed in embedded Jetty 10 (Servlet 4.0, {@code javax.servlet}) through its own annotation
 * configuration, which runs the library's {@code javax.servlet.ServletContainerInitializer}: the zero-code drop-in,
 * nothing but the WAR's {@code ramphook.properties} and the context parameters the contract sets.
 */
class JettyJavaxWarIT extends WebhookContainerContract {

    private static Server server;
    private static ServerConnector connector;
    private static WebAppContext broken;

    @BeforeAll
    static void start() throws Exception {
        setSecrets();
        String war = new File(System.getProperty("ramphook.war", "target/ramphook-tomcat-example-javax.war"))
                .getAbsolutePath();
        server = new Server();
        connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        contexts.addHandler(deploy("/shop", war, Map.of()));
        // The failing store comes from the test class path: load the web app parent-first so both see one EventStore.
        WebAppContext down = deploy("/down", war, Map.of("ramphook.store", FailingStore.class.getName()));
        down.setParentLoaderPriority(true);
        contexts.addHandler(down);
        broken = deploy("/broken", war, Map.of("ramphook.endpoint.zbd.token-env", "RAMPHOOK_IT_UNSET_VARIABLE"));
        broken.setThrowUnavailableOnStartupException(false); // a real server keeps its other applications running
        contexts.addHandler(broken);
        contexts.addHandler(deploy("/fenced", war, fencedParameters()));
        // The flaky handler comes from the test class path too: parent-first, so the test can fix the very class.
        WebAppContext flaky = deploy("/flaky", war, Map.of("ramphook.handlers", FlakyHandler.class.getName()));
        flaky.setParentLoaderPriority(true);
        contexts.addHandler(flaky);
        server.setHandler(contexts);
        server.start();
    }

    private static WebAppContext deploy(String path, String war, Map<String, String> overrides) {
        WebAppContext context = new WebAppContext(war, path);
        Map<String, String> parameters = new HashMap<>(parameters());
        parameters.putAll(overrides);
        parameters.forEach(context::setInitParameter);
        context.setTempDirectory(new File(System.getProperty("java.io.tmpdir"),
                "ramphook-jetty10-" + path.substring(1) + "-" + ProcessHandle.current().pid()));
        return context;
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static URI at(String path) {
        return URI.create("http://127.0.0.1:" + connector.getLocalPort() + path);
    }

    @Override
    protected URI base() {
        return at("/shop");
    }

    @Override
    protected URI downBase() {
        return at("/down");
    }

    @Override
    protected URI fencedBase() {
        return at("/fenced");
    }

    /** The WAR's {@code /events} shows data as the library's masking rule does ({@link RecentEvents#shown}). */
    @Override
    protected com.fasterxml.jackson.databind.JsonNode shown(com.fasterxml.jackson.databind.JsonNode data) {
        return RecentEvents.shown(data);
    }

    @Override
    protected URI flakyBase() {
        return at("/flaky");
    }

    @Override
    protected void fixFlakyHandlers() {
        FlakyHandler.fix();
    }

    @Test
    void runsOnJetty10WithTheJavaxServletApi() throws Exception {
        assertThat(Jetty.VERSION).startsWith(System.getProperty("ramphook.expected.jetty"));
        assertThat(Class.forName("javax.servlet.Filter")).isNotNull();
    }

    @Test
    void configurationErrorKeepsTheWebApplicationFromStarting() {
        assertThat(broken.isAvailable()).isFalse();
    }
}
