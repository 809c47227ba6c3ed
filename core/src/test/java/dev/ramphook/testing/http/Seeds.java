package dev.ramphook.testing.http;

import dev.ramphook.Masking;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The providers' payloads, one file per example, read as raw bytes: the documented samples of core's sample catalog
 * (in its main resources) and the edge cases kept with core's tests, under one name space {@code provider/file.json}.
 */
public final class Seeds {

    /**
     * Under core's module directory: relative to any module directory, which is where Maven runs the tests, or the
     * system property {@code dev.ramphook.core.dir} (a project elsewhere, such as an invoker project); the catalog
     * first, then the tests'.
     */
    public static final List<Path> ROOTS = roots(Path.of(System.getProperty("dev.ramphook.core.dir",
            Path.of("..", "core").toString())));

    private Seeds() {
    }

    private static List<Path> roots(Path core) {
        return List.of(core.resolve(Path.of("src", "main", "resources", "META-INF", "ramphook", "samples")),
                core.resolve(Path.of("src", "test", "resources", "payloads")));
    }

    /**
     * Every seed payload of the providers the container contract configures (ZBD Ramp and meCash) as
     * {@code provider/file.json}, sorted. The other providers' samples are delivered by their own tests in core.
     */
    public static List<String> all() {
        List<String> all = new ArrayList<>();
        for (Path root : ROOTS) {
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".json"))
                        .map(p -> root.relativize(p).toString().replace('\\', '/'))
                        .filter(name -> name.startsWith("zbd/") || name.startsWith("mecash/"))
                        .forEach(all::add);
            } catch (IOException e) {
                throw new UncheckedIOException("seed payloads not found under " + root.toAbsolutePath(), e);
            }
        }
        return all.stream().sorted().toList();
    }

    public static byte[] read(String name) {
        try {
            Path catalog = ROOTS.get(0).resolve(name);
            return Files.readAllBytes(Files.exists(catalog) ? catalog : ROOTS.get(1).resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * A random UUID that every masked view shows as it is. About one random UUID in 800 holds 13 to 19 digits,
     * across its dashes, that start with 2 to 6 and pass the Luhn check (b05be209-<b>8390-4691-949</b>d-... with the
     * {@code 209} before it): {@link Masking} shows such a run as a card number, as it must, so a test that looks
     * for its random id in a masked page or log (the example's {@code /events} and {@code EVENT_LOG}) would miss
     * it by chance. Such ids are drawn again.
     */
    public static String unmaskedUuid() {
        while (true) {
            String id = UUID.randomUUID().toString();
            if (Masking.text(id).equals(id)) {
                return id;
            }
        }
    }
}
