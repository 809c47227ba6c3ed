package dev.ramphook.example.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.servlet.testing.ConsoleContract;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.HostileSenderContract;
import dev.ramphook.testing.http.WebhookContainerContract;
import java.io.File;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.loader.WebappLoader;
import org.apache.catalina.startup.Tomcat;
import org.apache.catalina.util.ServerInfo;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The packaged WAR, unchanged, in embedded Tomcat (11 or 10.1: the build runs this class once per major). Context
 * parameters point the secrets at test values and lower the body limit; everything else is the WAR's own
 * {@code ramphook.properties}, handler classes and {@code /events} servlet.
 */
class TomcatWarIT extends WebhookContainerContract {

    private static Tomcat tomcat;
    private static Context shop;
    private static Context down;
    private static Context broken;
    private static Context fenced;
    private static Context flaky;
    private static Context console;

    @BeforeAll
    static void start() throws Exception {
        setSecrets();
        ConsoleContract.setConsoleSecrets();
        String war = new File(System.getProperty("ramphook.war", "target/ramphook-tomcat-example.war"))
                .getAbsolutePath();
        Path base = Files.createTempDirectory("ramphook-tomcat-it");
        Files.createDirectories(base.resolve("webapps"));
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");
        // As the README tells Tomcat users: 100 Continue only when the body is read, not before the filter runs.
        tomcat.getConnector().setProperty("continueResponseTiming", "onRead");

        shop = deploy("/shop", war, Map.of());
        // The failing store comes from the test class path: load the web app parent-first so both see one EventStore.
        down = deploy("/down", war, downParameters());
        WebappLoader parentFirst = new WebappLoader();
        parentFirst.setDelegate(true);
        down.setLoader(parentFirst);
        broken = deploy("/broken", war, Map.of("ramphook.endpoint.zbd.token-env", "RAMPHOOK_IT_UNSET_VARIABLE"));
        fenced = deploy("/fenced", war, fencedParameters());
        // The flaky handler comes from the test class path too: parent-first, so the test can fix the very class.
        flaky = deploy("/flaky", war, Map.of("ramphook.handlers", FlakyHandler.class.getName()));
        WebappLoader flakyLoader = new WebappLoader();
        flakyLoader.setDelegate(true);
        flaky.setLoader(flakyLoader);
        console = deploy("/console", war, ConsoleContract.consoleParameters());
        WebappLoader consoleLoader = new WebappLoader();
        consoleLoader.setDelegate(true);
        console.setLoader(consoleLoader);

        tomcat.start();
    }

    private static Context deploy(String path, String war, Map<String, String> overrides) {
        Context context = TomcatLauncher.deploy(tomcat, path, war);
        Map<String, String> parameters = new HashMap<>(parameters());
        parameters.putAll(overrides);
        parameters.forEach(context::addParameter);
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false); // only the WAR, as in a real Tomcat
        return context;
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
    }

    @Override
    protected URI base() {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/shop");
    }

    @Override
    protected URI downBase() {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/down");
    }

    @Override
    protected URI fencedBase() {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/fenced");
    }

    @Override
    protected URI flakyBase() {
        return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/flaky");
    }

    /** The WAR's {@code /events} shows data as the library's masking rule does ({@link RecentEvents#shown}). */
    @Override
    protected com.fasterxml.jackson.databind.JsonNode shown(com.fasterxml.jackson.databind.JsonNode data) {
        return RecentEvents.shown(data);
    }

    @Override
    protected void fixFlakyHandlers() {
        FlakyHandler.fix();
    }

    @Test
    void runsOnTheTomcatVersionThisExecutionIsFor() {
        assertThat(ServerInfo.getServerNumber()).startsWith(System.getProperty("ramphook.expected.tomcat"));
    }

    @Test
    void configurationErrorKeepsTheWebApplicationFromStarting() {
        // Same WAR, same parameters but one: a secret variable that is not set.
        assertThat(shop.getState()).isEqualTo(LifecycleState.STARTED);
        assertThat(down.getState()).isEqualTo(LifecycleState.STARTED);
        assertThat(fenced.getState()).isEqualTo(LifecycleState.STARTED);
        assertThat(flaky.getState()).isEqualTo(LifecycleState.STARTED);
        assertThat(console.getState()).isEqualTo(LifecycleState.STARTED);
        assertThat(broken.getState()).isNotEqualTo(LifecycleState.STARTED);
    }

    @Test
    void eventsAreAnsweredOnThisMachineOnlyNotThroughAProxy() throws Exception {
        // A real server exposes the WAR's paths; the webhooks must be reachable, the list of payments must not.
        for (String header : new String[] {"X-Forwarded-For", "Forwarded"}) {
            HttpResponse<String> relayed = send(HttpRequest.newBuilder(URI.create(base() + "/events"))
                    .header(header, header.equals("Forwarded") ? "for=198.51.100.7" : "198.51.100.7").GET().build());

            assertThat(relayed.statusCode()).as(header).isEqualTo(403);
            assertThat(relayed.body()).as(header).contains("answered on this machine only").doesNotContain("provider");
        }
        assertThat(send(HttpRequest.newBuilder(URI.create(base() + "/events")).GET().build()).statusCode())
                .isEqualTo(200);
    }

    /** The console suite against the WAR with the console turned on. */
    @Nested
    class Console extends ConsoleContract {
        @Override
        protected URI consoleBase() {
            return URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort() + "/console");
        }
    }

    /** The hostile-sender suite against the same applications. */
    @Nested
    class HostileSenders extends HostileSenderContract {
        @Override
        protected URI base() {
            return TomcatWarIT.this.base();
        }

        @Override
        protected URI downBase() {
            return TomcatWarIT.this.downBase();
        }
    }
}
