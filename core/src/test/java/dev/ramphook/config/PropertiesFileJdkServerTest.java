package dev.ramphook.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import dev.ramphook.receiver.WebhookReceiver;
import java.io.File;
import java.io.StringWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/configuration.md's "JDK server from a properties file", word for word: its class compiles against this build,
 * starts the JDK server from its properties file, and answers signed deliveries over real HTTP. The only changes:
 * the secrets' variable names are the test's own (set as system properties, which the parser reads when no such
 * environment variable exists), and one line names a recording handler.
 */
class PropertiesFileJdkServerTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final String SECRET = "props-mecash-s3cret";
    private static final String TOKEN = "props-zbd-t0k3n";
    static final List<String> HANDLED = new CopyOnWriteArrayList<>();

    @TempDir
    Path dir;
    private HttpServer server;

    /** Named by {@code ramphook.handlers}: created by the parser with its no-argument constructor. */
    public static final class Recorder {
        @OnEvent("*")
        public void any(WebhookEvent<?> event) {
            HANDLED.add(event.name());
        }
    }

    @BeforeEach
    void secrets() {
        HANDLED.clear();
        System.setProperty("PROPS_TEST_ZBD_TOKEN", TOKEN);
        System.setProperty("PROPS_TEST_MECASH_SECRET", SECRET);
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
        System.clearProperty("PROPS_TEST_ZBD_TOKEN");
        System.clearProperty("PROPS_TEST_MECASH_SECRET");
    }

    private static String block(String page, String fence) {
        int start = page.indexOf(fence + "\n", page.indexOf("## The JDK server from a properties file"));
        assertThat(start).as("%s block of the section", fence).isPositive();
        start += fence.length() + 1;
        return page.substring(start, page.indexOf("```", start));
    }

    /** Compiles the page's class and returns its {@code start(Path, int)}, with the page's properties in a file. */
    private Method startMethod(Path properties, String extraLines) throws Exception {
        String page = Files.readString(ConfigurationDocTest.PAGE, StandardCharsets.UTF_8);
        Files.writeString(properties, block(page, "```properties")
                .replace("=ZBD_WEBHOOK_TOKEN", "=PROPS_TEST_ZBD_TOKEN")
                .replace("=MECASH_WEBHOOK_SECRET", "=PROPS_TEST_MECASH_SECRET") + extraLines);
        Path source = dir.resolve("Webhooks.java");
        Files.writeString(source, block(page, "```java"));
        String classPath = Stream.of(WebhookReceiver.class, JsonNode.class,
                        com.fasterxml.jackson.core.JsonParser.class, org.slf4j.LoggerFactory.class)
                .map(type -> new File(type.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath())
                .collect(Collectors.joining(File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = javac.getTask(errors, null, null,
                List.of("-cp", classPath, "-d", dir.toString(), "--release", "17"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(source.toFile()))
                .call();
        assertThat(compiled).as(errors.toString()).isTrue();
        URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
        Method start = loader.loadClass("Webhooks").getDeclaredMethod("start", Path.class, int.class);
        start.setAccessible(true);
        return start;
    }

    private HttpResponse<String> post(String path, String body, String signature) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                        + server.getAddress().getPort() + path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (signature != null) {
            request.header("X-Signature", signature);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String sign(String body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA512");
        mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA512"));
        return HexFormat.of().formatHex(mac.doFinal(body.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void theServerStartedFromThePagesPropertiesAnswersSignedDeliveriesOverHttp() throws Exception {
        Path properties = dir.resolve("webhooks.properties");
        server = (HttpServer) startMethod(properties, "ramphook.handlers=" + Recorder.class.getName() + "\n")
                .invoke(null, properties, 0);
        String payout = "{\"event\":\"ramp.payout.completed\",\"data\":{\"id\":\"tx-props-1\",\"state\":\"COMPLETED\","
                + "\"created\":\"2025-03-03T10:05:01.123456\"}}";
        String session = "{\"event\":\"RAMP_WIDGET.V1.SESSION.INITIATED\",\"data\":{\"session_id\":\"s-props-1\"},"
                + "\"created_at\":\"2025-01-15T10:30:00Z\"}";

        assertThat(post("/webhooks/mecash", payout, sign(payout)).body()).isEqualTo("{\"status\":\"accepted\"}");
        assertThat(post("/webhooks/mecash", payout, sign(payout)).body()).isEqualTo("{\"status\":\"duplicate\"}");
        assertThat(post("/webhooks/mecash", payout, sign(payout + " ")).statusCode()).isEqualTo(401);
        assertThat(post("/webhooks/zbd?token=" + TOKEN, session, null).statusCode()).isEqualTo(200);
        assertThat(post("/webhooks/zbd?token=wrong", session, null).statusCode()).isEqualTo(401);
        assertThat(HANDLED).containsExactly("ramp.payout.completed", "RAMP_WIDGET.V1.SESSION.INITIATED");
    }

    @Test
    void aMisspeltKeyInTheFileStopsStartUpNamingTheKeyItWasMeantToBe() throws Exception {
        Path properties = dir.resolve("webhooks.properties");
        Method start = startMethod(properties, "ramphook.endpoint.mecash.secert-env=PROPS_TEST_MECASH_SECRET\n");

        assertThatThrownBy(() -> start.invoke(null, properties, 0)).isInstanceOf(InvocationTargetException.class)
                .cause().isInstanceOf(ConfigException.class)
                .hasMessage("ramphook.endpoint.mecash.secert-env is not a known ramphook key; did you mean"
                        + " ramphook.endpoint.mecash.secret-env?");
    }
}
