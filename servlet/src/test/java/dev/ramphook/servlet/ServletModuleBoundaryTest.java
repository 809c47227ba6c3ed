package dev.ramphook.servlet;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.module.ModuleDescriptor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * ramphook-servlet's module descriptor: every package of the jar is exported (it has no internals of its own; it
 * logs through core's {@code dev.ramphook.internal.text.Logs}, exported to this module only), and the drop-in is a
 * service. A package added here without an export, or an export that names no package, fails this test.
 */
class ServletModuleBoundaryTest {

    private static ModuleDescriptor descriptor(Path classes) throws Exception {
        try (InputStream in = Files.newInputStream(classes.resolve("module-info.class"))) {
            return ModuleDescriptor.read(in);
        }
    }

    @Test
    void exportsEveryPackageAndProvidesTheDropIn() throws Exception {
        Path classes = Path.of(WebhookFilter.class.getProtectionDomain().getCodeSource().getLocation().toURI());
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
