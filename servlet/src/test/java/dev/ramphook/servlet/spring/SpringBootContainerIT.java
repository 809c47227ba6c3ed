package dev.ramphook.servlet.spring;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ramphook.servlet.spring.app.down.DownStore;
import dev.ramphook.servlet.spring.app.flaky.FlakyApplication;
import dev.ramphook.servlet.spring.app.shop.ShopApplication;
import dev.ramphook.testing.http.BrokenBodyContract;
import dev.ramphook.testing.http.FailingStore;
import dev.ramphook.testing.http.FlakyHandler;
import dev.ramphook.testing.http.WebhookContainerContract;
import dev.ramphook.store.EventStore;
import java.io.InputStream;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootVersion;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The container contract against real Spring Boot applications on embedded Tomcat, with {@code ramphook-servlet}
 * as a plain dependency: {@link ShopApplication} is configured by {@code application.properties} and a
 * {@code @Component} handler only; the down, fenced and flaky applications add an {@code EventStore} bean,
 * command-line keys and a failing handler bean. The build runs this class once per supported Spring Boot line.
 */
class SpringBootContainerIT extends WebhookContainerContract {

    private static ConfigurableApplicationContext shop;
    private static ConfigurableApplicationContext down;
    private static ConfigurableApplicationContext fenced;
    private static ConfigurableApplicationContext flaky;

    @BeforeAll
    static void start() {
        setSecrets();
        shop = SpringApps.run(ShopApplication.class);
        down = SpringApps.run(new Class<?>[] {ShopApplication.class, DownStore.class});
        fenced = SpringApps.run(new Class<?>[] {ShopApplication.class}, SpringApps.args(fencedParameters()));
        flaky = SpringApps.run(FlakyApplication.class);
    }

    @AfterAll
    static void stop() {
        SpringApps.close(shop, down, fenced, flaky);
    }

    @Override
    protected URI base() {
        return SpringApps.base(shop);
    }

    @Override
    protected URI downBase() {
        return SpringApps.base(down);
    }

    @Override
    protected URI fencedBase() {
        return SpringApps.base(fenced);
    }

    @Override
    protected URI flakyBase() {
        return SpringApps.base(flaky);
    }

    @Override
    protected void fixFlakyHandlers() {
        FlakyHandler.fix();
    }

    @Test
    void runsOnTheSpringBootVersionThisExecutionIsFor() {
        assertThat(SpringBootVersion.getVersion()).isEqualTo(System.getProperty("expected.spring-boot",
                SpringBootVersion.getVersion()));
    }

    @Test
    void applicationPropertiesHoldExactlyTheContractsConfiguration() throws Exception {
        Properties file = new Properties();
        try (InputStream in = getClass().getResourceAsStream("/application.properties")) {
            file.load(in);
        }
        Map<String, String> ramphookKeys = new HashMap<>();
        file.stringPropertyNames().stream().filter(k -> k.startsWith("ramphook."))
                .forEach(k -> ramphookKeys.put(k, file.getProperty(k)));

        assertThat(ramphookKeys).isEqualTo(parameters());
    }

    @Test
    void theApplicationsEventStoreBeanIsTheStoreTheDownApplicationUses() {
        assertThat(down.getBean(EventStore.class)).isInstanceOf(FailingStore.class);
        assertThat(shop.getBeansOfType(EventStore.class)).isEmpty();
    }

    /** Broken chunk framing and truncated bodies (the rest of HostileSenderContract assumes onRead 100 Continue). */
    @Nested
    class BrokenBodies extends BrokenBodyContract {
        @Override
        protected URI base() {
            return SpringBootContainerIT.this.base();
        }
    }
}
