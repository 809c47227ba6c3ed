package dev.ramphook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.receiver.WebhookReceiver;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * core stays usable from any HTTP stack: it imports no servlet API and no container; the optional adapters import
 * their own stack's API in their own package only.
 */
class CoreIndependenceTest {

    @Test
    void noMainSourceImportsJakartaOrAContainer() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(p -> lines(p).stream()
                            .filter(l -> l.matches("\\s*import\\s+(static\\s+)?(jakarta|javax\\.servlet|org\\.eclipse\\.jetty"
                                    + "|org\\.apache\\.catalina|org\\.apache\\.tomcat|io\\.vertx)\\..*"))
                            .filter(l -> !optionalAdapterImport(p, l))
                            .map(l -> p + ": " + l.trim()))
                    .toList();
        }
        assertThat(offenders).isEmpty();
    }

    @Test
    void theScanSeesTheSources() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            assertThat(files.filter(p -> p.endsWith("WebhookReceiver.java")).count()).isEqualTo(1);
        }
    }

    /**
     * The optional adapters for non-servlet stacks (provided dependencies, requires static) import their stack's API,
     * each in its own package only: Jakarta REST in dev.ramphook.jakartarest, Vert.x in dev.ramphook.vertx.
     */
    private static boolean optionalAdapterImport(Path file, String line) {
        String pkg = file.getParent().toString().replace('\\', '/');
        return pkg.endsWith("dev/ramphook/jakartarest") && line.matches("\\s*import\\s+jakarta\\.ws\\.rs\\..*")
                || pkg.endsWith("dev/ramphook/vertx") && line.matches("\\s*import\\s+io\\.vertx\\..*");
    }

    private static List<String> lines(Path p) {
        try {
            return Files.readAllLines(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
