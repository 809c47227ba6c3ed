package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ramphook-servlet's module descriptor: every package of the jar is exported (it has no internals of its own; it
 * logs through core's {@code dev.ramphook.internal.text.Logs}, exported to this module only), and the drop-in is a
 * service. A package added here without an export, or an export that names no package, fails this test. The
 * Spring Boot classes live in {@code dev.ramphook.servlet.spring}, and nothing of {@code dev.ramphook.servlet} names
 * them or Spring.
 */
class ServletModuleBoundaryTest {

    private static ModuleDescriptor descriptor(Path classes) throws Exception {
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    private static Path classes() throws Exception {
        return Path.of(WebhookFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    }

    /**
     * The class files directly in {@code dir} that name a Spring type or the {@code servlet.spring} package (read
     * from their constant pools, so comments do not count).
     */
    private static List<String> springReferences(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            List<String> found = new ArrayList<>();
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).sorted().toList()) {
                String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
                if (text.contains("org/springframework/") || text.contains("dev/ramphook/servlet/spring/")) {
                    found.add(file.getFileName().toString());
                }
            }
            return found;
        }
    }

    @Test
    void theFilterPackageNamesNeitherSpringNorTheSpringPackage() throws Exception {
        // Arrows one way, servlet.spring -> servlet: the filter, the drop-in and the javax jar (which leaves
        // dev/ramphook/servlet/spring/ out) load without Spring.
        assertThat(springReferences(classes().resolve("dev/ramphook/servlet"))).isEmpty();
    }

    @Test
    void theCheckSeesSpringWhereItIs() throws Exception {
        assertThat(springReferences(classes().resolve("dev/ramphook/servlet/spring")))
                .contains("WebhookAutoConfiguration.class", "SpringSettings.class");
    }

    @Test
    void exportsEveryPackageAndProvidesTheDropIn() throws Exception {
        Path classes = classes();
        ModuleDescriptor descriptor = descriptor(classes);
        Set<String> packages;
        try (Stream<Path> files = Files.walk(classes)) {
            packages = files.filter(f -> f.toString().endsWith(".class") && !f.endsWith("module-info.class"))
                    .map(f -> classes.relativize(f.getParent()).toString().replace('/', '.'))
                    .collect(Collectors.toCollection(TreeSet::new));
        }

        assertThat(descriptor.name()).isEqualTo("dev.ramphook.servlet");
        assertThat(descriptor.exports()).allMatch(e -> !e.isQualified())
                .extracting(ModuleDescriptor.Exports::source).containsExactlyInAnyOrderElementsOf(packages);
        assertThat(descriptor.provides()).anySatisfy(p -> {
            assertThat(p.service()).isEqualTo("jakarta.servlet.ServletContainerInitializer");
            assertThat(p.providers()).containsExactly(WebhookInitializer.class.getName());
        });
    }
}
