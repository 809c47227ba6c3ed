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
 * Every ```java block of the top-level README.md compiles against this module's test class path (ramphook-core,
 * ramphook-servlet, Jackson, the Servlet API, Spring Boot, HikariCP, the PostgreSQL driver), so the README cannot
 * drift from the API. A block that does not compile fails the build with "README.md:<line>: <javac message>".
 *
 * <p>How to add a snippet: write a ```java block in README.md; nothing else is needed when it compiles as it stands.
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
 *   <li>Each block is its own file in its own package ({@code readme.line<N>}), so blocks never see each other.</li>
 *   <li>A block that needs a library this module's tests do not have: add it as a {@code test} dependency of
 *       ramphook-servlet (version managed in the parent pom).</li>
 * </ul>
 * Write {@code …} in code only inside a comment ({@code { /* … *}{@code / }}): it is not Java.
 */
class ReadmeSnippetsTest {

    private static final Path README = Path.of("..", "README.md");
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

    @TestFactory
    Stream<DynamicTest> everyJavaBlockCompiles() throws IOException {
        return snippets().stream().map(snippet -> DynamicTest.dynamicTest("README.md:" + snippet.fenceLine(),
                () -> assertThat(errors(snippet)).as("README.md java block at line %d (generated source:%n%s)",
                        snippet.fenceLine(), numbered(snippet.source())).isEmpty()));
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
                "Some text.", "", "```java", "import dev.ramphook.WebhookReceiver;", "",
                "WebhookReceiver receiver = WebhookReceiver.builder().noSuchSetting().build();", "```"));
        assertThat(errors(broken.get(0))).singleElement().asString()
                .startsWith("README.md:6: ").contains("noSuchSetting");
    }

    @Test
    void givenLinesDeclareWhatTheTextAroundTheBlockProvides() {
        List<String> markdown = List.of(
                "<!-- java-given", "import dev.ramphook.WebhookReceiver;", "WebhookReceiver receiver;", "-->",
                "```java", "receiver.close();", "```",
                "```java", "receiver.close();", "```");
        List<ReadmeSnippets.Snippet> snippets = ReadmeSnippets.parse(markdown);
        assertThat(errors(snippets.get(0))).isEmpty();
        assertThat(errors(snippets.get(1))).singleElement().asString().startsWith("README.md:9: ");
    }

    private static List<ReadmeSnippets.Snippet> snippets() throws IOException {
        return ReadmeSnippets.parse(Files.readAllLines(README, StandardCharsets.UTF_8));
    }

    /** javac's errors, each as "README.md:<line>: <message>" (line 0 when javac blames a hidden line). */
    private static List<String> errors(ReadmeSnippets.Snippet snippet) {
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        List<String> options = List.of("-proc:none", "-Xlint:none", "-classpath", System.getProperty("java.class.path"));
        boolean ok = JAVAC.getTask(null, new DiscardingOutput(files), diagnostics, options, null,
                List.of(new Source(snippet))).call();
        List<String> errors = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            if (d.getKind() == Diagnostic.Kind.ERROR) {
                int line = snippet.markdownLine(d.getLineNumber());
                errors.add("README.md:" + (line == ReadmeSnippets.HIDDEN ? snippet.fenceLine() + " (a hidden line)"
                        : line) + ": " + d.getMessage(Locale.ROOT));
            }
        }
        if (!ok && errors.isEmpty()) {
            errors.add("README.md:" + snippet.fenceLine() + ": javac failed without an error message");
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
            super(URI.create("string:///README_line" + snippet.fenceLine() + ".java"), Kind.SOURCE);
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
