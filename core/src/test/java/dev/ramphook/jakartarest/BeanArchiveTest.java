package dev.ramphook.jakartarest;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Core's jar is a CDI bean archive: Quarkus REST builds the methods of a sub-resource only for classes in its bean
 * archive index, so without {@code META-INF/beans.xml} every method of {@link WebhookResource} is answered 405 on
 * Quarkus (the run of core/src/it/quarkus-rest says so over HTTP; this says it in a second). Discovery mode
 * {@code annotated}: a full CDI container (Weld) finds no bean in core, which has no bean-defining annotation.
 */
class BeanArchiveTest {

    @Test
    void coresOwnClassesCarryABeansXmlWithAnnotatedDiscovery() throws IOException {
        URL classes = WebhookResource.class.getProtectionDomain().getCodeSource().getLocation();
        URL beansXml = new URL(classes, "META-INF/beans.xml");

        String xml;
        try (InputStream in = beansXml.openStream()) {
            xml = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(xml).contains("<beans").contains("bean-discovery-mode=\"annotated\"");
    }
}
