package dev.ramphook.example.tomcat;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.servlet.testing.WebhookContainerContract;
import java.io.File;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.jar.JarFile;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.apache.catalina.Context;
import org.apache.catalina.LifecycleState;
import org.apache.catalina.loader.WebappLoader;
import org.apache.catalina.startup.Tomcat;
import org.apache.tomcat.util.scan.StandardJarScanner;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What the operator of a real Tomcat sees: the packaged WAR holds ramphook's jars and no SLF4J provider (exactly what
 * the README lists), so its lines must reach {@code java.util.logging}, which Tomcat writes to its main log; and a
 * handler method that cannot bind must stop the context in the initializer, whose failure Tomcat logs with the
 * cause, not as "One or more Filters failed to start".
 */
class TomcatStartupIT {

    private static final List<LogRecord> RECORDS = new CopyOnWriteArrayList<>();
    private static final Handler CAPTURE = new Handler() {
        @Override
        public void publish(LogRecord record) {
            RECORDS.add(record);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    };

    private static String war;
    private static Tomcat tomcat;
    private static Context quiet;
    private static Context badHandler;

    @BeforeAll
    static void start() throws Exception {
        Logger.getLogger("").addHandler(CAPTURE);
        WebhookContainerContract.setSecrets();
        war = new File(System.getProperty("ramphook.war", "target/ramphook-tomcat-example.war")).getAbsolutePath();
        Path base = Files.createTempDirectory("ramphook-tomcat-startup");
        Files.createDirectories(base.resolve("webapps"));
        tomcat = new Tomcat();
        tomcat.setBaseDir(base.toString());
        tomcat.setPort(0);
        tomcat.getConnector().setProperty("address", "127.0.0.1");

        quiet = deploy("/quiet", Map.of());
        // The handler class comes from the test class path: parent-first, so that it and the WAR share one OnEvent.
        badHandler = deploy("/bad-handler", Map.of("ramphook.handlers", UnbindableHandlers.class.getName()));
        WebappLoader parentFirst = new WebappLoader();
        parentFirst.setDelegate(true);
        badHandler.setLoader(parentFirst);

        tomcat.start();
    }

    private static Context deploy(String path, Map<String, String> overrides) {
        Context context = TomcatLauncher.deploy(tomcat, path, war);
        Map<String, String> parameters = new HashMap<>(WebhookContainerContract.parameters());
        parameters.putAll(overrides);
        parameters.forEach(context::addParameter);
        ((StandardJarScanner) context.getJarScanner()).setScanClassPath(false);
        return context;
    }

    @AfterAll
    static void stop() throws Exception {
        tomcat.stop();
        tomcat.destroy();
        Logger.getLogger("").removeHandler(CAPTURE);
    }

    @Test
    void theWarHoldsExactlyTheJarsTheReadmeListsAndNoLoggingBackEnd() throws Exception {
        try (JarFile jar = new JarFile(war)) {
            List<String> libraries = Collections.list(jar.entries()).stream().map(e -> e.getName())
                    .filter(name -> name.startsWith("WEB-INF/lib/") && name.endsWith(".jar"))
                    .map(name -> name.substring("WEB-INF/lib/".length()).replaceAll("-[0-9][^-]*(-SNAPSHOT)?\\.jar$", ""))
                    .sorted().toList();

            assertThat(libraries).containsExactly("jackson-annotations", "jackson-core", "jackson-databind",
                    "ramphook-core", "ramphook-servlet", "slf4j-api");
        }
    }

    @Test
    void startUpSummaryReachesJavaUtilLoggingWithoutAnSlf4jProvider() {
        assertThat(quiet.getState()).isEqualTo(LifecycleState.STARTED);

        assertThat(RECORDS).anySatisfy(record -> {
            assertThat(record.getLoggerName()).isEqualTo("dev.ramphook.servlet.WebhookInitializer");
            assertThat(record.getLevel()).isEqualTo(Level.INFO);
            assertThat(record.getMessage()).contains("deliveries at /quiet/webhooks/zbd");
        });
        assertThat(RECORDS).anySatisfy(record -> {
            assertThat(record.getLoggerName()).isEqualTo("dev.ramphook.internal.engine.Engine");
            assertThat(record.getMessage()).startsWith("ramphook receiving at ");
        });
    }

    @Test
    void refusedDeliveryIsLoggedThroughJavaUtilLoggingWithoutTheToken() throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + tomcat.getConnector().getLocalPort()
                + "/quiet/webhooks/zbd?token=not-the-token-4711");
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"event\":\"RAMP_WIDGET.V1.PAYMENT.SETTLED\"}")).build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(401);
        // Logged before the answer was written, so it is there once the answer arrived.
        assertThat(RECORDS).anySatisfy(record -> {
            assertThat(record.getLoggerName()).isEqualTo("dev.ramphook.internal.engine.Engine");
            assertThat(record.getLevel()).isEqualTo(Level.WARNING);
            assertThat(record.getMessage()).contains("/webhooks/zbd").contains("401");
        });
        assertThat(RECORDS).noneSatisfy(record -> assertThat(String.valueOf(record.getMessage()))
                .contains("not-the-token-4711"));
    }

    @Test
    void handlerThatCannotBindStopsTheContextInTheInitializerNamingTheMethod() {
        assertThat(badHandler.getState()).isNotEqualTo(LifecycleState.STARTED);

        // Tomcat's own line for a failed initializer, with our exception: what catalina.out shows.
        assertThat(RECORDS).anySatisfy(record -> {
            assertThat(record.getLoggerName()).isEqualTo("org.apache.catalina.core.StandardContext");
            assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(record.getThrown()).hasMessageContaining("ramphook configuration error: ramphook.handlers:")
                    .hasMessageContaining("UnbindableHandlers.settled");
        });
        // And ramphook's own line, in the same log.
        assertThat(RECORDS).anySatisfy(record -> {
            assertThat(record.getLoggerName()).isEqualTo("dev.ramphook.servlet.WebhookInitializer");
            assertThat(record.getLevel()).isEqualTo(Level.SEVERE);
            assertThat(record.getMessage()).contains("UnbindableHandlers.settled");
        });
        // Not the filter start-up, whose cause Tomcat writes to another log.
        assertThat(RECORDS).noneSatisfy(record -> assertThat(String.valueOf(record.getMessage()))
                .contains("Filters failed to start"));
    }
}
