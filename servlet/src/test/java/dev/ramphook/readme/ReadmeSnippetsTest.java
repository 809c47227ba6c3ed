package dev.ramphook.readme;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.FileObject;
import javax.tools.ForwardingJavaFileManager;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileManager;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every ```java block of the top-level README.md and of the guides in docs/ compiles against this module's test
 * class path (ramphook-core, ramphook-servlet, Jackson, the Servlet API, Spring Boot, HikariCP, the PostgreSQL driver),
 * so the documentation cannot drift from the API. A block that does not compile fails the build with
 * "<file>:<line>: <javac message>", such as "docs/spring-boot.md:120: cannot find symbol".
 *
 * <p>How to add a snippet: write a ```java block in README.md or any docs/*.md; nothing else is needed when it
 * compiles as it stands.
 * <ul>
 *   <li>A block that declares a top-level type (a line starting with {@code class}, {@code public class},
 *       {@code @Component class}, {@code record} …) is compiled as a whole file; any other block is a fragment:
 *       its {@code import} lines stay imports and the rest becomes the body of a method
 *       ({@code void snippet() throws Exception}), so statements and local classes work.</li>
 *   <li>What the reader knows from the text around the block but the block does not declare (a variable, an
 *       application class, an import shown in an earlier block) goes in an HTML comment on the line right before the
 *       fence, which Markdown does not show: {@code <!-- java-given} … {@code -->}. Its {@code import} lines are
 *       added to the imports; its other lines become fields and nested types of the fragment's wrapper class, or
 *       extra top-level types after a whole-file block.</li>
 *   <li>Each block is its own file in its own package ({@code readme.<file>.line<N>}), so blocks never see each
 *       other.</li>
 *   <li>A block that needs a library this module's tests do not have: add it as a {@code test} dependency of
 *       ramphook-servlet (version managed in the parent pom).</li>
 *   <li>A block that is a tested file of another stack, shown word for word and checked by a test of its own
 *       (the stack guides' files, {@code GuidesTest} in core): {@code <!-- java-compiled-by: GuidesTest -->} on the
 *       line right before the fence.</li>
 * </ul>
 * Write {@code …} in code only inside a comment ({@code { /* … *}{@code / }}): it is not Java.
 */
class ReadmeSnippetsTest {

    /** The repository's root, where README.md and docs/ are (the tests run in the servlet module's directory). */
    private static final Path ROOT = Path.of("..");
    private static final JavaCompiler JAVAC = ToolProvider.getSystemJavaCompiler();
    private static StandardJavaFileManager files;

    @BeforeAll
    static void fileManager() {
        files = JAVAC.getStandardFileManager(null, Locale.ROOT, StandardCharsets.UTF_8);
    }

    @AfterAll
    static void close() throws IOException {
        files.close();
    }

    @Test
    void theReadmeHasJavaSnippets() throws IOException {
        assertThat(snippets()).hasSizeGreaterThanOrEqualTo(7);
    }

    @Test
    void theGuidesInDocsAreReadToo() throws IOException {
        assertThat(snippets()).extracting(ReadmeSnippets.Snippet::file)
                .contains("README.md", "docs/handlers.md", "docs/spring-boot.md", "docs/jdk-server.md",
                        "docs/durable-storage.md", "docs/write-a-provider.md", "docs/test-kit.md");
    }

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        return snippets().stream().map(snippet -> DynamicTest.dynamicTest(snippet.file() + ":" + snippet.fenceLine(),
                () -> assertThat(errors(snippet)).as("%s java block at line %d (generated source:%n%s)",
                        snippet.file(), snippet.fenceLine(), numbered(snippet.source())).isEmpty()));
    }

    /** The listener and tracing guides (docs/), compiled as the README is. */
    @TestFactory
    Stream<DynamicTest> everyJavaBlockOfTheListenerAndTracingGuidesCompiles() throws IOException {
        List<DynamicTest> tests = new ArrayList<>();
        for (String guide : List.of("listeners.md", "tracing.md")) {
            List<ReadmeSnippets.Snippet> blocks = ReadmeSnippets.parse(
                    Files.readAllLines(Path.of("..", "docs", guide), StandardCharsets.UTF_8));
            assertThat(blocks).as(guide).isNotEmpty();
            for (ReadmeSnippets.Snippet snippet : blocks) {
                tests.add(DynamicTest.dynamicTest("docs/" + guide + ":" + snippet.fenceLine(),
                        () -> assertThat(errors(snippet)).as("docs/%s java block at line %d (generated source:%n%s)",
                                guide, snippet.fenceLine(), numbered(snippet.source())).isEmpty()));
            }
        }
        return tests.stream();
    }

    @Test
    void aBrokenBlockFailsNamingItsReadmeLine() {
        List<ReadmeSnippets.Snippet> broken = ReadmeSnippets.parse(List.of(
                "Some text.", "", "```java", "import dev.ramphook.receiver.WebhookReceiver;", "",
                "WebhookReceiver receiver = WebhookReceiver.builder().noSuchSetting().build();", "```"));
        assertThat(errors(broken.get(0))).singleElement().asString()
                .startsWith("README.md:6: ").contains("noSuchSetting");
    }

    @Test
    void aBrokenBlockInAGuideFailsNamingTheGuideAndItsLine() {
        List<ReadmeSnippets.Snippet> broken = ReadmeSnippets.parse("docs/handlers.md", List.of(
                "```java", "import dev.ramphook.receiver.WebhookReceiver;", "",
                "WebhookReceiver receiver = WebhookReceiver.builder().noSuchSetting().build();", "```"));
        assertThat(errors(broken.get(0))).singleElement().asString()
                .startsWith("docs/handlers.md:4: ").contains("noSuchSetting");
    }

    @Test
    void givenLinesDeclareWhatTheTextAroundTheBlockProvides() {
        List<String> markdown = List.of(
                "<!-- java-given", "import dev.ramphook.receiver.WebhookReceiver;", "WebhookReceiver receiver;", "-->",
                "```java", "receiver.close();", "```",
                "```java", "receiver.close();", "```");
        List<ReadmeSnippets.Snippet> snippets = ReadmeSnippets.parse(markdown);
        assertThat(errors(snippets.get(0))).isEmpty();
        assertThat(errors(snippets.get(1))).singleElement().asString().startsWith("README.md:9: ");
    }

    /** The snippets of README.md, then of every docs/*.md in name order. */
    private static List<ReadmeSnippets.Snippet> snippets() throws IOException {
        List<String> files = new ArrayList<>();
        files.add("README.md");
        try (Stream<Path> guides = Files.list(ROOT.resolve("docs"))) {
            guides.map(p -> "docs/" + p.getFileName()).filter(name -> name.endsWith(".md")).sorted()
                    .forEach(files::add);
        }
        List<ReadmeSnippets.Snippet> snippets = new ArrayList<>();
        for (String file : files) {
            snippets.addAll(ReadmeSnippets.parse(file, Files.readAllLines(ROOT.resolve(file), StandardCharsets.UTF_8)));
        }
        return snippets;
    }

    /** javac's errors, each as "<file>:<line>: <message>" (the fence's line when javac blames a hidden line). */
    private static List<String> errors(ReadmeSnippets.Snippet snippet) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-proc:none", "-Xlint:none", "-classpath", System.getProperty("java.class.path"));
        boolean ok = JAVAC.getTask(null, new DiscardingOutput(files), diagnostics, options, null,
                List.of(new Source(snippet))).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                int line = snippet.markdownLine(d.getLineNumber());
                errors.add(snippet.file() + ":" + (line == ReadmeSnippets.HIDDEN
                        ? snippet.fenceLine() + " (a hidden line)" : line) + ": " + d.getMessage(Locale.ROOT));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add(snippet.file() + ":" + snippet.fenceLine() + ": javac failed without an error message");
        }
        return errors;
    }

    private static String numbered(String source) {
        String[] lines = source.split("\n");
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < lines.length; i++) {
            out.append(String.format("%4d  %s%n", i + 1, lines[i]));
        }
        return out.toString();
    }

    /** The snippet as a file; any public type name is accepted (javac would want it to match the file name). */
    private static final class Source extends SimpleJavaFileObject {
        private final String code;

        Source(ReadmeSnippets.Snippet snippet) {
            super(URI.create("string:///" + snippet.file().replaceAll("[^A-Za-z0-9]+", "_") + "_line"
                    + snippet.fenceLine() + ".java"), Kind.SOURCE);
            this.code = snippet.source();
        }

        @Override
        public CharSequence getCharContent(boolean ignoreEncodingErrors) {
            return code;
        }

        @Override
        public boolean isNameCompatible(String simpleName, Kind kind) {
            return kind == Kind.SOURCE;
        }
    }

    /** Class files go nowhere: only whether the snippet compiles matters. */
    private static final class DiscardingOutput extends ForwardingJavaFileManager<JavaFileManager> {
        DiscardingOutput(JavaFileManager delegate) {
            super(delegate);
        }

        @Override
        public JavaFileObject getJavaFileForOutput(Location location, String className, JavaFileObject.Kind kind,
                FileObject sibling) {
            return new SimpleJavaFileObject(URI.create("mem:///" + className.replace('.', '/') + kind.extension),
                    kind) {
                @Override
                public java.io.OutputStream openOutputStream() {
                    return java.io.OutputStream.nullOutputStream();
                }
            };
        }
    }
}
