package dev.ramphook.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
            "jakarta-rest.md, src/test/java/dev/ramphook/jakartarest/JerseyWebhooks.java",
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

    /**
     * A guide's whole {@code pom.xml} asks for what the tested application's build has: each of its dependencies as
     * the application declares it (the guide's released version for the application's {@code @project.version@}),
     * and each of its plugins as the application's begins (which may configure more for its tests).
     */
    @ParameterizedTest(name = "{0} builds as {1}")
    @CsvSource({"quarkus.md, src/it/quarkus-rest/pom.xml", "micronaut.md, src/it/micronaut/pom.xml"})
    void theGuidesPomHasTheTestedApplicationsDependenciesAndPlugins(String guide, String pom) throws IOException {
        String shown = normalized(wholePom(guide)).replace(">0.1.0-SNAPSHOT<", ">@project.version@<");
        String tested = normalized(Files.readString(CORE.resolve(pom), StandardCharsets.UTF_8));

        assertThat(blocks(shown, "dependency")).isNotEmpty().allSatisfy(d -> assertThat(tested).contains(d));
        assertThat(blocks(shown, "plugin")).isNotEmpty().allSatisfy(p -> assertThat(tested)
                .contains(p.substring(0, p.length() - "</plugin>".length())));
    }

    /** The versions of a stack in a guide's Maven and Gradle files are those core's contract runs on. */
    @ParameterizedTest(name = "{0}: {1}:{2} at ${3}")
    @CsvSource({
            "jakarta-rest.md, org.glassfish.jersey.containers, jersey-container-grizzly2-http, jersey.version",
            "jakarta-rest.md, org.glassfish.jersey.inject, jersey-hk2, jersey.version",
            "vertx.md, io.vertx, vertx-web, vertx.version"})
    void theGuidesBuildFilesUseTheTestedVersion(String guide, String group, String artifact, String property)
            throws IOException {
        String parent = Files.readString(CORE.resolve("../pom.xml"), StandardCharsets.UTF_8);
        Matcher version = Pattern.compile("<" + Pattern.quote(property) + ">([^<]+)</").matcher(parent);
        assertThat(version.find()).isTrue();
        String pom = normalized(wholePom(guide));

        assertThat(pom).contains("<groupId>" + group + "</groupId><artifactId>" + artifact
                + "</artifactId><version>" + version.group(1) + "</version>");
        assertThat(Files.readString(DOCS.resolve(guide), StandardCharsets.UTF_8))
                .contains("implementation(\"" + group + ":" + artifact + ":" + version.group(1) + "\")");
    }

    /** The guide's fenced block that is a whole {@code pom.xml}. */
    private static String wholePom(String guide) throws IOException {
        String text = Files.readString(DOCS.resolve(guide), StandardCharsets.UTF_8);
        int start = text.indexOf("```xml\n<?xml");
        assertThat(start).as(guide + " has a whole pom.xml").isNotNegative();
        return text.substring(start, text.indexOf("```\n", start + 3));
    }

    /** Without comments and without the white space between elements. */
    private static String normalized(String xml) {
        return xml.replaceAll("(?s)<!--.*?-->", "").replaceAll(">\\s+<", "><").strip();
    }

    private static List<String> blocks(String xml, String element) {
        List<String> found = new ArrayList<>();
        Matcher block = Pattern.compile("(?s)<" + element + ">.*?</" + element + ">").matcher(xml);
        while (block.find()) {
            found.add(block.group());
        }
        return found;
    }
}
