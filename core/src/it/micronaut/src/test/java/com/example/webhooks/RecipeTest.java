package com.example.webhooks;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * docs/micronaut.md shows this application as it is: each Java file and application.yml word for word in a fenced
 * block, and the Micronaut version its build file imports is the one this build imports.
 */
class RecipeTest {

    private static final Path APP = Path.of(System.getProperty("app.dir", "."));
    private static final Path GUIDE = Path.of(System.getProperty("core.dir", "."), "..", "docs", "micronaut.md");

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"java/com/example/webhooks/WebhookController.java",
            "java/com/example/webhooks/Receivers.java", "java/com/example/webhooks/Payments.java",
            "java/com/example/webhooks/Application.java",
            "resources/application.yml", "resources/logback.xml"})
    void theGuideShowsTheTestedSourceWordForWord(String file) throws Exception {
        String source = read(APP.resolve(Path.of("src", "main")).resolve(file));
        String fence = "```" + (file.endsWith(".java") ? "java" : file.endsWith(".xml") ? "xml" : "yaml") + "\n";

        assertThat(read(GUIDE)).contains(fence + source + "```\n");
    }

    @Test
    void theGuidesBuildFilesImportTheTestedMicronautVersion() throws Exception {
        Matcher tested = Pattern.compile("<micronaut.version>([^<]+)</micronaut.version>")
                .matcher(read(APP.resolve("pom.xml")));
        assertThat(tested.find()).isTrue();

        assertThat(read(GUIDE))
                .contains("<micronaut.version>" + tested.group(1) + "</micronaut.version>")
                .contains("platform(\"io.micronaut.platform:micronaut-platform:" + tested.group(1) + "\")");
    }

    private static String read(Path file) throws Exception {
        return Files.readString(file, StandardCharsets.UTF_8);
    }
}
