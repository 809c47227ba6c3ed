package dev.ramphook.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.testing.ShopProvider;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;

/** Micrometer is optional: an application without it on its class path receives, handles and reports health. */
class NoMicrometerTest {

    @Test
    void aReceiverWorksInAClassLoaderWithoutMicrometer() throws Exception {
        URL[] classPath = Stream.of(WebhookReceiver.class, ShopProvider.class, ObjectMapper.class, JsonFactory.class,
                        JsonProperty.class, Logger.class)
                .map(type -> type.getProtectionDomain().getCodeSource().getLocation())
                .distinct()
                .toArray(URL[]::new);
        try (URLClassLoader app = new URLClassLoader(classPath, ClassLoader.getPlatformClassLoader())) {
            assertThatThrownBy(() -> Class.forName("io.micrometer.core.instrument.MeterRegistry", false, app))
                    .isInstanceOf(ClassNotFoundException.class);

            Object result = Class.forName(WithoutMicrometer.class.getName(), true, app).getMethod("run").invoke(null);

            assertThat(result).isEqualTo("200 {\"status\":\"accepted\"} UP");
        }
    }

    @Test
    void onlyTheMetricsPackageImportsMicrometer() throws IOException {
        List<String> offenders;
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .filter(p -> !p.getParent().endsWith(Path.of("dev", "ramphook", "metrics")))
                    .filter(p -> read(p).contains("io.micrometer"))
                    .map(Path::toString)
                    .toList();
        }
        assertThat(offenders).isEmpty();
        assertThat(read(Path.of("src/main/java/dev/ramphook/metrics/RamphookMetrics.java"))).contains("io.micrometer");
    }

    private static String read(Path p) {
        try {
            return Files.readString(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
