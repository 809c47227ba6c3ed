package dev.ramphook.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The stack guides in docs/ show the tested code word for word: each block is the file a contract run compiles and
 * serves (Jersey's resource, the Vert.x application, the Quarkus application's files), without its package line.
 */
class GuidesTest {

    private static final Path CORE = Path.of("");
    private static final Path DOCS = Path.of("..", "docs");

    @ParameterizedTest(name = "{0} shows {1}")
    @CsvSource({
            "jakarta-rest.md, src/test/java/dev/ramphook/jakartarest/Webhooks.java",
            "vertx.md, src/test/java/dev/ramphook/vertx/VertxWebhooks.java",
            "quarkus.md, src/it/quarkus-rest/src/main/java/com/example/webhooks/Webhooks.java",
            "quarkus.md, src/it/quarkus-rest/src/main/java/com/example/webhooks/Receivers.java",
            "quarkus.md, src/it/quarkus-rest/src/main/java/com/example/webhooks/Payments.java",
            "quarkus.md, src/it/quarkus-rest/src/main/resources/application.properties"})
    void theGuideShowsTheTestedFileAsItIs(String guide, String file) throws IOException {
        String shown = Files.readString(DOCS.resolve(guide), StandardCharsets.UTF_8);
        String tested = Files.readString(CORE.resolve(file), StandardCharsets.UTF_8);
        if (tested.startsWith("package ")) {
            tested = tested.substring(tested.indexOf('\n') + 1).strip();
        }

        assertThat(shown).contains(tested.strip());
    }
}
