package dev.ramphook.httpserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.auth.UrlToken;
import dev.ramphook.zbd.ZbdRamp;
import java.io.File;
import java.io.StringWriter;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The JDK HttpServer recipe of docs/jdk-server.md (the README's front page links to it), word for word: it compiles
 * against this build, and its handler class is accepted by the receiver (the @OnEvent rules), so the recipe cannot
 * drift from the API.
 */
class ReadmeRecipeTest {

    @Test
    void jdkHttpServerRecipeCompilesAndItsHandlerRegisters(@TempDir Path dir) throws Exception {
        String readme = Files.readString(Path.of("..", "docs", "jdk-server.md"), StandardCharsets.UTF_8);
        int section = readme.indexOf("## JDK HttpServer");
        assertThat(section).as("docs/jdk-server.md section").isPositive();
        int start = readme.indexOf("```java\n", section) + "```java\n".length();
        String source = readme.substring(start, readme.indexOf("```", start));
        Files.writeString(dir.resolve("Webhooks.java"), source);

        String classPath = Stream.of(WebhookReceiver.class, JsonNode.class,
                        com.fasterxml.jackson.core.JsonParser.class, org.slf4j.LoggerFactory.class)
                .map(type -> new File(type.getProtectionDomain().getCodeSource().getLocation().getPath()).getPath())
                .collect(Collectors.joining(File.pathSeparator));
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        StringWriter errors = new StringWriter();
        boolean compiled = javac.getTask(errors, null, null,
                List.of("-cp", classPath, "-d", dir.toString(), "--release", "17"), null,
                javac.getStandardFileManager(null, null, StandardCharsets.UTF_8)
                        .getJavaFileObjects(dir.resolve("Webhooks.java").toFile())).call();
        assertThat(compiled).as(errors.toString()).isTrue();

        try (URLClassLoader loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader())) {
            Object payments = loader.loadClass("Webhooks$Payments").getConstructor().newInstance();
            WebhookReceiver receiver = WebhookReceiver.builder()
                    .endpoint("/webhooks/zbd", ZbdRamp.provider(), UrlToken.of("t0k3n"))
                    .handlers(payments)
                    .build();
            receiver.close();
        }
    }
}
