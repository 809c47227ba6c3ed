package dev.ramphook.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.receiver.WebhookReceiver;
import java.io.File;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * ramphook-core as a named module: an application module that {@code requires dev.ramphook.core} compiles and runs
 * on the module path (its own modules only: core's classes, Jackson and the SLF4J API, no provider), while one
 * that imports {@code dev.ramphook.internal} does not compile. Every other test runs on the class path.
 */
class ModulePathTest {

    private static final String MODULE_INFO = """
            module shop {
                requires dev.ramphook.core;
                requires jdk.httpserver;          // only for WebhookHttpHandler
                opens shop to dev.ramphook.core;  // @OnEvent methods are called reflectively, public or not
            }
            """;

    private static final String MAIN = """
            package shop;

            import dev.ramphook.OnEvent;
            import dev.ramphook.receiver.WebhookReceiver;
            import dev.ramphook.WebhookRequest;
            import dev.ramphook.WebhookResponse;
            import dev.ramphook.auth.UrlToken;
            import dev.ramphook.httpserver.WebhookHttpHandler;
            import dev.ramphook.zbd.ZbdPayment;
            import dev.ramphook.zbd.ZbdRamp;
            import java.nio.charset.StandardCharsets;
            import java.util.List;
            import java.util.concurrent.CopyOnWriteArrayList;

            public class Main {
                public static void main(String[] args) {
                    Payments payments = new Payments();
                    WebhookReceiver receiver = WebhookReceiver.builder()
                            .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of("t0k3n"))
                            .handlers(payments)
                            .build();
                    WebhookHttpHandler.of(receiver);
                    String body = "{\\"event\\":\\"RAMP_WIDGET.V1.PAYMENT.SETTLED\\",\\"data\\":{\\"email\\":\\"a@example.com\\","
                            + "\\"session_id\\":\\"sess_module_1\\",\\"base_amount\\":\\"100.00\\",\\"base_currency\\":\\"USD\\","
                            + "\\"quote_amount\\":\\"0.0025\\",\\"quote_currency\\":\\"BTC\\"},\\"created_at\\":\\"2025-01-18T11:05:00Z\\"}";
                    WebhookResponse answer = receiver.receive(WebhookRequest.builder()
                            .method("POST").path("/webhooks/zbd").query("token=t0k3n")
                            .header("Content-Type", "application/json")
                            .body(body.getBytes(StandardCharsets.UTF_8)).build());
                    receiver.close();
                    System.out.println("answer " + answer.status() + " " + answer.bodyText() + " handled " + payments.settled);
                }
            }

            class Payments {
                final List<String> settled = new CopyOnWriteArrayList<>();

                @OnEvent("PAYMENT.SETTLED")
                void settled(ZbdPayment payment) {
                    settled.add(payment.sessionId());
                }
            }
            """;

    @Test
    void anApplicationModuleUsesTheApiOnTheModulePath(@TempDir Path dir) throws Exception {
        Path out = compile(dir, MODULE_INFO, MAIN, new StringWriter(), true);

        Process run = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--module-path", modulePath() + File.pathSeparator + out, "-m", "shop/shop.Main")
                .redirectErrorStream(true).start();
        String output = new String(run.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(run.waitFor(2, TimeUnit.MINUTES)).isTrue();

        assertThat(run.exitValue()).as(output).isZero();
        assertThat(output).contains("answer 200 {\"status\":\"accepted\"} handled [sess_module_1]");
    }

    @Test
    void theEngineIsNotVisibleToAnApplicationModule(@TempDir Path dir) throws Exception {
        StringWriter errors = new StringWriter();
        compile(dir, "module shop { requires dev.ramphook.core; }", """
                package shop;
                public class Reach {
                    dev.ramphook.internal.engine.Engine engine;
                }
                """, errors, false);

        assertThat(errors.toString()).contains("package dev.ramphook.internal.engine is not visible")
                .contains("does not export it");
    }

    private static Path compile(Path dir, String moduleInfo, String source, StringWriter errors, boolean mustCompile)
            throws Exception {
        Path src = Files.createDirectories(dir.resolve("src/shop"));
        Files.writeString(src.resolve("../module-info.java"), moduleInfo);
        String type = source.contains("class Main") ? "Main" : "Reach";
        Files.writeString(src.resolve(type + ".java"), source);
        Path out = Files.createDirectories(dir.resolve("out"));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        boolean compiled = javac.getTask(errors, null, null,
                // An empty class path: javac would otherwise default to this test JVM's, where core's classes are.
                List.of("--module-path", modulePath(), "--class-path", out.toString(), "-d", out.toString(),
                        "--release", "17"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjects(
                        dir.resolve("src/module-info.java").toFile(), src.resolve(type + ".java").toFile())).call();
        assertThat(compiled).as(errors.toString()).isEqualTo(mustCompile);
        return out;
    }

    /** ramphook-core's compiled module (an exploded module: its classes directory) and the jars it requires. */
    private static String modulePath() {
        List<Path> entries = new ArrayList<>();
        entries.add(PublicTypes.root(WebhookReceiver.class));
        Stream.of(JsonNode.class, JsonParser.class, JsonAutoDetect.class, LoggerFactory.class)
                .map(PublicTypes::root).forEach(entries::add);
        return entries.stream().map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }
}
