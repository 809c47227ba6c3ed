package dev.ramphook.servlet.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The providers' documented payloads, kept with core's tests: one file per example, read as raw bytes. */
public final class Seeds {

    /** Relative to any module directory, which is where Maven runs the tests. */
    public static final Path ROOT = Path.of("..", "core", "src", "test", "resources", "payloads");

    private Seeds() {
    }

    /** Every seed payload as {@code provider/file.json}, sorted. */
    public static List<String> all() {
        try (Stream<Path> files = Files.walk(ROOT)) {
            return files.filter(p -> p.toString().endsWith(".json"))
                    .map(p -> ROOT.relativize(p).toString().replace('\\', '/'))
                    .sorted()
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException("seed payloads not found under " + ROOT.toAbsolutePath(), e);
        }
    }

    public static byte[] read(String name) {
        try {
            return Files.readAllBytes(ROOT.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
