/**
 * ramphook servlet: the {@code jakarta.servlet} filter and the zero-code drop-in for WARs
 * ({@code dev.ramphook.servlet}), and the Spring Boot auto-configuration ({@code dev.ramphook.servlet.spring}).
 * Containers run web applications on the class path, where this descriptor is ignored; it matters to applications
 * that start an embedded container on the module path.
 *
 * <p>The {@code javax} classifier jar (made by the Eclipse Transformer) carries no descriptor: see servlet/pom.xml.
 */
// Spring Boot's jars have no descriptors (automatic module names only); javac compiles main sources with -Werror.
@SuppressWarnings("requires-automatic")
module dev.ramphook.servlet {
    requires transitive dev.ramphook.core;
    // WebhookFilter and WebhookInitializer are Servlet API types; a container provides the API jar.
    requires transitive jakarta.servlet;
    requires org.slf4j;

    // Spring Boot is optional: the auto-configuration classes are loaded only by Spring Boot.
    requires static spring.aop;
    requires static spring.beans;
    requires static spring.boot;
    requires static spring.boot.autoconfigure;
    requires static spring.boot.health;
    requires static spring.context;
    requires static spring.core;
    // OpenTelemetry is optional: RamphookTracingAutoConfiguration loads only when Spring Boot finds its API.
    requires static io.opentelemetry.api;

    exports dev.ramphook.servlet;
    // The Spring Boot auto-configuration (found through META-INF/spring/...AutoConfiguration.imports), its own
    // package so that dev.ramphook.servlet holds no Spring type: arrows go spring -> servlet only.
    exports dev.ramphook.servlet.spring;
    // Spring instantiates the auto-configuration's package-private conditions and calls its @Bean methods.
    opens dev.ramphook.servlet.spring to spring.core, spring.beans, spring.context;

    uses dev.ramphook.Provider;
    provides jakarta.servlet.ServletContainerInitializer with dev.ramphook.servlet.WebhookInitializer;
}
