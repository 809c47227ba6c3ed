package dev.ramphook.boundary;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The house has no circles: no {@code dev.ramphook} package of core or servlet imports a package that (through any
 * chain) imports it, and no main source file reaches itself through files of other packages. Read from the sources:
 * an edge is an {@code import} (static or not) of a {@code dev.ramphook} type, a fully qualified {@code dev.ramphook}
 * name in code, or, within one package, a use of another file's type by its simple name (comments and strings
 * ignored). Files of one package that name each other (a sealed interface and its records, a filter and its body
 * reader) are one unit, the package; a circle that leaves the package is what tangles the house.
 *
 * <p>There is no list of known cycles and no exception for a grant class: the vocabulary ({@code dev.ramphook})
 * is at the bottom, the receiver ({@code dev.ramphook.receiver}) above the engine, and every seam between them is
 * public API or package structure (docs/maintainers.md, "The rule that keeps it so").
 */
class PackageCycleTest {

    private static final List<Path> SOURCES = List.of(Path.of("src/main/java"), Path.of("../servlet/src/main/java"));

    @Test
    void noPackageCycle() {
        Graph graph = Graph.read(SOURCES);

        assertThat(graph.packages().cycles()).as(graph.packages().explain()).isEmpty();
    }

    @Test
    void noFileCircleAcrossPackages() {
        Graph graph = Graph.read(SOURCES);

        assertThat(acrossPackages(graph.files().cycles())).as(graph.files().explain()).isEmpty();
    }

    @Test
    void theScanSeesBothModules() {
        Graph graph = Graph.read(SOURCES);

        assertThat(graph.files().nodes()).contains("dev.ramphook.receiver.WebhookReceiver",
                "dev.ramphook.internal.engine.Engine", "dev.ramphook.servlet.WebhookFilter");
        assertThat(graph.files().edges("dev.ramphook.servlet.WebhookFilter"))
                .contains("dev.ramphook.receiver.WebhookReceiver");
    }

    @Test
    void theCheckFindsACycleThroughAnImportAndASamePackageName(@TempDir Path dir)
            throws IOException {
        write(dir, "dev/ramphook/a/A.java", "package dev.ramphook.a;\nimport dev.ramphook.b.B;\nclass A { B b; }\n");
        write(dir, "dev/ramphook/b/B.java", "package dev.ramphook.b;\nclass B { C c; }\n");
        write(dir, "dev/ramphook/b/C.java", "package dev.ramphook.b;\n// A is named here, but only in a comment\n"
                + "class C { dev.ramphook.a.A a; String s = \"B\"; }\n");
        write(dir, "dev/ramphook/c/D.java", "package dev.ramphook.c;\nimport dev.ramphook.a.A;\nclass D { A a; }\n");

        Graph graph = Graph.read(List.of(dir));

        assertThat(graph.packages().cycles()).containsExactly(Set.of("dev.ramphook.a", "dev.ramphook.b"));
        assertThat(acrossPackages(graph.files().cycles())).containsExactly(Set.of("dev.ramphook.a.A",
                "dev.ramphook.b.B", "dev.ramphook.b.C"));
    }

    @Test
    void filesOfOnePackageThatNameEachOtherAreNoCircleAcrossPackages(@TempDir Path dir) throws IOException {
        write(dir, "dev/ramphook/a/Data.java", "package dev.ramphook.a;\nsealed interface Data permits Paid {}\n");
        write(dir, "dev/ramphook/a/Paid.java", "package dev.ramphook.a;\nrecord Paid() implements Data {}\n");

        Graph graph = Graph.read(List.of(dir));

        assertThat(graph.files().cycles()).containsExactly(Set.of("dev.ramphook.a.Data", "dev.ramphook.a.Paid"));
        assertThat(acrossPackages(graph.files().cycles())).isEmpty();
    }

    /** The circles whose files are not all of one package. */
    private static Set<Set<String>> acrossPackages(Set<Set<String>> circles) {
        return circles.stream()
                .filter(c -> c.stream().map(t -> t.substring(0, t.lastIndexOf('.'))).distinct().count() > 1)
                .collect(Collectors.toSet());
    }

    private static void write(Path dir, String file, String source) throws IOException {
        Path path = dir.resolve(file);
        Files.createDirectories(path.getParent());
        Files.writeString(path, source);
    }

    /** Files (top-level types by binary name) and packages with the edges read from their sources. */
    record Graph(Directed files, Directed packages) {

        private static final Pattern PACKAGE = Pattern.compile("(?m)^package\\s+([\\w.]+)\\s*;");
        private static final Pattern IMPORT =
                Pattern.compile("(?m)^import\\s+(?:static\\s+)?(dev\\.ramphook[\\w.]*)\\s*;");
        private static final Pattern QUALIFIED = Pattern.compile("\\bdev\\.ramphook(?:\\.[a-z]\\w*)*\\.[A-Z]\\w*");
        private static final Pattern NOISE = Pattern.compile(
                "\"\"\"(?s:.*?)\"\"\"|//[^\\n]*|/\\*(?s:.*?)\\*/|\"(?:\\\\.|[^\"\\\\\\n])*\"|'(?:\\\\.|[^'\\\\])*'");
        private static final Pattern WORD = Pattern.compile("\\b[A-Z]\\w*\\b");

        static Graph read(List<Path> roots) {
            Map<String, String> sources = new TreeMap<>();
            for (Path root : roots) {
                assertThat(root).as("source root").isDirectory();
                try (Stream<Path> paths = Files.walk(root)) {
                    paths.filter(p -> p.toString().endsWith(".java"))
                            .filter(p -> !p.endsWith("module-info.java") && !p.endsWith("package-info.java"))
                            .forEach(p -> sources.put(typeName(p, read(p)), read(p)));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
            Directed files = new Directed();
            Directed packages = new Directed();
            Map<String, Set<String>> byPackage = new HashMap<>();
            sources.keySet().forEach(t -> byPackage.computeIfAbsent(packageOf(t), p -> new TreeSet<>()).add(t));
            sources.forEach((type, source) -> {
                files.node(type);
                packages.node(packageOf(type));
                Set<String> used = new TreeSet<>();
                Matcher imports = IMPORT.matcher(source);
                while (imports.find()) {
                    used.add(imports.group(1));
                }
                String code = NOISE.matcher(source).replaceAll(" ");
                Matcher qualified = QUALIFIED.matcher(code.replaceAll("(?m)^(package|import)\\s.*$", ""));
                while (qualified.find()) {
                    used.add(qualified.group());
                }
                Set<String> samePackage = byPackage.get(packageOf(type));
                Matcher words = WORD.matcher(code);
                while (words.find()) {
                    String candidate = packageOf(type) + "." + words.group();
                    if (samePackage.contains(candidate)) {
                        used.add(candidate);
                    }
                }
                for (String name : used) {
                    String target = fileOf(name, sources.keySet());
                    if (target != null && !target.equals(type)) {
                        files.edge(type, target);
                        if (!packageOf(target).equals(packageOf(type))) {
                            packages.edge(packageOf(type), packageOf(target));
                        }
                    }
                }
            });
            return new Graph(files, packages);
        }

        /** The file that declares {@code name} (a type, a nested type or a static member), or null when none does. */
        private static String fileOf(String name, Set<String> types) {
            for (String n = name; n.contains("."); n = n.substring(0, n.lastIndexOf('.'))) {
                if (types.contains(n)) {
                    return n;
                }
            }
            return null;
        }

        private static String typeName(Path file, String source) {
            Matcher pkg = PACKAGE.matcher(source);
            String simple = file.getFileName().toString().replace(".java", "");
            return pkg.find() ? pkg.group(1) + "." + simple : simple;
        }

        private static String packageOf(String type) {
            return type.substring(0, type.lastIndexOf('.'));
        }

        private static String read(Path p) {
            try {
                return Files.readString(p);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** A directed graph whose cycles are its strongly connected components of more than one node (Tarjan). */
    static final class Directed {

        private final Map<String, Set<String>> edges = new TreeMap<>();

        void node(String n) {
            edges.computeIfAbsent(n, k -> new TreeSet<>());
        }

        void edge(String from, String to) {
            node(from);
            node(to);
            edges.get(from).add(to);
        }

        Set<String> nodes() {
            return edges.keySet();
        }

        Set<String> edges(String from) {
            return edges.getOrDefault(from, Set.of());
        }

        Set<Set<String>> cycles() {
            Map<String, Integer> index = new HashMap<>();
            Map<String, Integer> low = new HashMap<>();
            Deque<String> stack = new ArrayDeque<>();
            Set<String> onStack = new TreeSet<>();
            List<Set<String>> found = new ArrayList<>();
            for (String n : edges.keySet()) {
                if (!index.containsKey(n)) {
                    connect(n, index, low, stack, onStack, found);
                }
            }
            return found.stream().filter(c -> c.size() > 1).collect(Collectors.toSet());
        }

        private void connect(String v, Map<String, Integer> index, Map<String, Integer> low, Deque<String> stack,
                             Set<String> onStack, List<Set<String>> found) {
            index.put(v, index.size());
            low.put(v, index.get(v));
            stack.push(v);
            onStack.add(v);
            for (String w : edges.get(v)) {
                if (!index.containsKey(w)) {
                    connect(w, index, low, stack, onStack, found);
                    low.put(v, Math.min(low.get(v), low.get(w)));
                } else if (onStack.contains(w)) {
                    low.put(v, Math.min(low.get(v), index.get(w)));
                }
            }
            if (low.get(v).equals(index.get(v))) {
                Set<String> component = new TreeSet<>();
                String w;
                do {
                    w = stack.pop();
                    onStack.remove(w);
                    component.add(w);
                } while (!w.equals(v));
                found.add(component);
            }
        }

        /** Each cycle with the edges inside it, for a failure message that says what to cut. */
        String explain() {
            StringBuilder out = new StringBuilder("cycles and the edges that close them:");
            for (Set<String> cycle : cycles()) {
                out.append("\n  ").append(cycle);
                for (String from : cycle) {
                    for (String to : edges.get(from)) {
                        if (cycle.contains(to)) {
                            out.append("\n    ").append(from).append(" -> ").append(to);
                        }
                    }
                }
            }
            return out.toString();
        }
    }
}
