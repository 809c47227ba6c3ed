package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testkit.Sample;
import dev.ramphook.testkit.Samples;
import jakarta.servlet.Filter;
import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.module.FindException;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleDescriptor.Requires;
import java.lang.module.ModuleFinder;
import java.lang.module.ModuleReference;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

/**
 * ramphook-servlet as a named module: the application module in {@code src/test/resources/module-app} (embedded
 * Jetty 12, a receiver built in code behind {@link WebhookFilter}, and the zero-code drop-in found through
 * {@code ServiceLoader} and configured by the module's {@code ramphook.properties}) is compiled against the module
 * path and run in its own JVM with {@code --module-path}/{@code -m}: nothing of it is on a class path. Signed meCash
 * deliveries go to both over HTTP. Every other test of this module runs on the class path.
 */
class ServletModulePathTest {

    private static final String SECRET = "module-path-secret";
    private static final String PATH = "/webhooks/mecash";

    @Test
    void anApplicationModuleOnJettyReceivesThroughTheFilterAndTheDropIn(@TempDir Path dir) throws Exception {
        String libraries = modulePath();
        String modulePath = libraries + File.pathSeparator + compile(dir, libraries);
        Process app = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-DMECASH_WEBHOOK_SECRET=" + SECRET, "--module-path", modulePath,
                "-m", "com.example.app/com.example.app.Main")
                .redirectErrorStream(true).start();
        Output output = new Output(app);
        try {
            int port = output.port.get(2, TimeUnit.MINUTES);
            assertThat(port).as(() -> "the application ended before listening:\n" + output.text()).isPositive();
            assertThat(output.text()).contains("initializers 1");
            Sample payout = Samples.find("mecash", "ramp.payout.completed");
            String id = new ObjectMapper().readTree(payout.body()).at("/data/id").asText();

            for (String context : List.of("coded", "dropin")) {
                URI origin = URI.create("http://127.0.0.1:" + port + "/" + context);
                HttpResponse<String> first = payout.signed(PATH, SECRET).post(origin);
                HttpResponse<String> again = payout.signed(PATH, SECRET).post(origin);
                HttpResponse<String> forged = payout.signed(PATH, "not-" + SECRET).post(origin);

                assertThat(first.statusCode()).as(context + ": " + first.body()).isEqualTo(200);
                assertThat(first.body()).as(context).isEqualTo("{\"status\":\"accepted\"}");
                assertThat(again.statusCode()).as(context + ": " + again.body()).isEqualTo(200);
                assertThat(again.body()).as(context).isEqualTo("{\"status\":\"duplicate\"}");
                assertThat(forged.statusCode()).as(context + ": " + forged.body()).isEqualTo(401);
            }

            app.getOutputStream().close(); // the application stops
            String text = output.all();
            assertThat(app.waitFor(2, TimeUnit.MINUTES)).as(text).isTrue();
            assertThat(app.exitValue()).as(text).isZero();
            assertThat(text).contains("stopped");
            for (String context : List.of("coded", "dropin")) {
                assertThat(text.lines().filter(line -> line.startsWith("handled " + context + " ")))
                        .as(text).containsExactly("handled " + context + " " + id);
            }
        } finally {
            app.destroyForcibly();
        }
    }

    /**
     * Compiles the application module against the module path (and nothing else); returns its classes, with its
     * resources.
     */
    private static Path compile(Path dir, String modulePath) throws Exception {
        Path src = Path.of(ServletModulePathTest.class.getResource("/module-app/module-info.java").toURI()).getParent();
        Path out = Files.createDirectories(dir.resolve("com.example.app"));
        List<File> sources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(src)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                if (file.toString().endsWith(".java")) {
                    sources.add(file.toFile());
                } else { // a resource: ramphook.properties
                    Path copy = out.resolve(src.relativize(file).toString());
                    Files.createDirectories(copy.getParent());
                    Files.copy(file, copy);
                }
            }
        }
        StringWriter errors = new StringWriter();
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        boolean compiled = javac.getTask(errors, null, null,
                // An empty class path: javac would otherwise default to this test JVM's, where everything is.
                List.of("--module-path", modulePath, "--class-path", out.toString(), "-d", out.toString(),
                        "--release", "17", "-Xlint:all", "-Werror"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8).getJavaFileObjectsFromFiles(sources))
                .call();
        assertThat(compiled).as(errors.toString()).isTrue();
        return out;
    }

    /**
     * ramphook's two modules as built (classes directories or jars) and, from this test's class path, the modules
     * they and Jetty's ee10 servlet module need (their non-static requires, followed to the end), with the SLF4J
     * provider this build tests with.
     */
    static String modulePath() {
        Map<String, Path> available = new LinkedHashMap<>();
        for (Class<?> type : List.of(WebhookFilter.class, WebhookReceiver.class)) {
            available.put(descriptor(root(type)).name(), root(type));
        }
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            if (entry.endsWith(".jar")) {
                try {
                    ModuleFinder.of(Path.of(entry)).findAll().forEach(module -> available.putIfAbsent(
                            module.descriptor().name(), Path.of(module.location().orElseThrow())));
                } catch (FindException e) {
                    // a jar that is no module (an invalid automatic name, say): not one of those needed
                }
            }
        }
        Set<String> needed = new LinkedHashSet<>();
        Deque<String> todo = new ArrayDeque<>(List.of(descriptor(root(WebhookFilter.class)).name(),
                descriptor(root(ServletContextHandler.class)).name(), "org.slf4j.simple"));
        while (!todo.isEmpty()) {
            String name = todo.pop();
            if (ModuleFinder.ofSystem().find(name).isPresent() || !needed.add(name)) {
                continue;
            }
            Path path = available.get(name);
            assertThat(path).as("module %s on the test class path", name).isNotNull();
            descriptor(path).requires().stream().filter(r -> !r.modifiers().contains(Requires.Modifier.STATIC))
                    .map(Requires::name).forEach(todo::add);
        }
        // Sanity: what the application reaches is among them, not taken from somewhere else.
        for (Class<?> type : List.of(Filter.class, JsonNode.class, LoggerFactory.class)) {
            assertThat(needed).contains(descriptor(root(type)).name());
        }
        return needed.stream().map(available::get).map(Path::toString).collect(Collectors.joining(File.pathSeparator));
    }

    private static ModuleDescriptor descriptor(Path location) {
        return ModuleFinder.of(location).findAll().stream().map(ModuleReference::descriptor).findFirst()
                .orElseThrow(() -> new IllegalStateException("no module at " + location));
    }

    private static Path root(Class<?> type) {
        try {
            return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The application's output (standard error joined), read as it comes so that the process never blocks on it. */
    private static final class Output {
        private final StringBuffer text = new StringBuffer();
        private final CompletableFuture<Integer> port = new CompletableFuture<>();
        private final Thread reader;

        Output(Process process) {
            reader = new Thread(() -> {
                try (BufferedReader lines = new BufferedReader(
                        new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        text.append(line).append('\n');
                        if (line.startsWith("listening ")) {
                            port.complete(Integer.parseInt(line.substring("listening ".length())));
                        }
                    }
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                } finally {
                    port.complete(-1); // ended before listening
                }
            }, "module-app-output");
            reader.setDaemon(true);
            reader.start();
        }

        String text() {
            return text.toString();
        }

        /** All of it: waits for the process to close its output. */
        String all() throws InterruptedException {
            reader.join();
            return text.toString();
        }
    }
}
