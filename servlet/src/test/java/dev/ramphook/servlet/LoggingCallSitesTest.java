package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.internal.text.Logs;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every class of ramphook-core and ramphook-servlet gets its logger from {@link Logs}: a class that asked
 * {@code LoggerFactory} directly would log into SLF4J's no-op fallback in an application without an SLF4J provider.
 * Reads the compiled classes (the constant pool names every class a class uses), so a fully qualified call is caught
 * too.
 */
class LoggingCallSitesTest {

    private static final byte[] LOGGER_FACTORY = "org/slf4j/LoggerFactory".getBytes(StandardCharsets.UTF_8);

    @Test
    void noCoreOrServletClassAsksLoggerFactoryDirectly() throws Exception {
        List<String> offenders = new ArrayList<>();
        offenders.addAll(classesUsingLoggerFactory(Logs.class));
        offenders.addAll(classesUsingLoggerFactory(WebhookFilter.class));

        assertThat(offenders).containsExactly("dev/ramphook/internal/text/Logs.class");
    }

    @Test
    void theCheckFindsADirectCall() throws Exception {
        // This test class itself names LoggerFactory (below), so the scan of the test classes must report it.
        assertThat(org.slf4j.LoggerFactory.class).isNotNull();

        assertThat(classesUsingLoggerFactory(LoggingCallSitesTest.class))
                .contains("dev/ramphook/servlet/LoggingCallSitesTest.class");
    }

    /** The classes, in the jar or directory {@code type} was loaded from, whose bytes name LoggerFactory. */
    private static List<String> classesUsingLoggerFactory(Class<?> type) throws IOException, URISyntaxException {
        Path location = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<String> found = new ArrayList<>();
        if (Files.isDirectory(location)) {
            try (Stream<Path> files = Files.walk(location)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.toString().endsWith(".class"))::iterator) {
                    if (names(Files.readAllBytes(file))) {
                        found.add(location.relativize(file).toString().replace('\\', '/'));
                    }
                }
            }
        } else {
            try (JarFile jar = new JarFile(location.toFile())) {
                for (JarEntry entry : Collections.list(jar.entries())) {
                    if (entry.getName().endsWith(".class")) {
                        try (InputStream in = jar.getInputStream(entry)) {
                            if (names(in.readAllBytes())) {
                                found.add(entry.getName());
                            }
                        }
                    }
                }
            }
        }
        Collections.sort(found);
        return found;
    }

    private static boolean names(byte[] classFile) {
        outer:
        for (int i = 0; i <= classFile.length - LOGGER_FACTORY.length; i++) {
            for (int j = 0; j < LOGGER_FACTORY.length; j++) {
                if (classFile[i + j] != LOGGER_FACTORY[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
