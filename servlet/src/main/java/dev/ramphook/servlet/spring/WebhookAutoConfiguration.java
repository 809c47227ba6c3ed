package dev.ramphook.servlet.spring;

import dev.ramphook.DeliveryListener;
import dev.ramphook.WebhookReceiver;
import dev.ramphook.config.ConfigException;
import dev.ramphook.config.ReceiverSettings;
import dev.ramphook.internal.text.Logs;
import dev.ramphook.servlet.WebhookFilter;
import dev.ramphook.store.EventStore;
import dev.ramphook.store.JdbcEventStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.Ordered;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;

/**
 * Spring Boot (3.5 and 4.x) auto-configuration: with {@code ramphook-servlet} on the class path of a servlet web
 * application and {@code ramphook.*} keys in its {@code Environment}, builds the {@link WebhookReceiver} from those
 * keys (the same keys, checks and messages as {@code ramphook.properties}), with every bean that has
 * {@code @OnEvent} methods as a handler, and registers a {@link WebhookFilter} for the endpoint paths only, ahead of
 * Spring Security. The store is the application's {@link EventStore} bean when it has one, a {@link JdbcEventStore}
 * on its {@link DataSource} with {@code ramphook.store=jdbc}, else what {@code ramphook.store} names (in memory by
 * default). An application that defines its own {@link WebhookReceiver} bean keeps it, and
 * {@link WebhookFilterAutoConfiguration} only registers the filter for it. The receiver is closed with the context.
 *
 * <p>Loaded only by Spring Boot, through {@code META-INF/spring/}{@code
 * org.springframework.boot.autoconfigure.AutoConfiguration.imports}: applications without Spring never touch it.
 */
// "exports": Spring Boot is optional (requires static); only Spring Boot, which the application requires, reads
// these annotations.
@SuppressWarnings("exports")
@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration", // Spring Boot 4
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration"}) // Spring Boot 3
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass({FilterRegistrationBean.class, jakarta.servlet.Filter.class})
@ConditionalOnMissingBean(WebhookReceiver.class)
@Conditional(WebhookAutoConfiguration.RamphookKeysPresent.class)
public class WebhookAutoConfiguration {

    /**
     * The filter's order: after the character-encoding and observation filters (which neither read nor answer a
     * request), before every Spring filter that can read a body or refuse a request (HiddenHttpMethodFilter at
     * -10000, Spring Security's chain at -100), so CSRF protection and login pages never see a provider's POST.
     */
    public static final int FILTER_ORDER = Ordered.HIGHEST_PRECEDENCE + 100;
    /** The filter's name in the servlet context, the same as the WAR drop-in's: only one of them can register. */
    static final String FILTER_NAME = "ramphook";
    private static final String STORE_KEY = "ramphook.store";
    private static final String JDBC = "jdbc";

    private static final Logger log = Logs.get(WebhookAutoConfiguration.class);

    /** Creates the configuration; Spring Boot calls this. */
    public WebhookAutoConfiguration() {
    }

    /** The validated configuration; a bad key stops start-up here, naming the key. */
    @Bean
    ReceiverSettings ramphookConfiguration(Environment environment, ConfigurableListableBeanFactory beans) {
        Map<String, String> values = SpringSettings.read(environment);
        ClassLoader classLoader = Optional.ofNullable(beans.getBeanClassLoader())
                .orElseGet(WebhookAutoConfiguration.class::getClassLoader);
        try {
            ReceiverSettings settings = ReceiverSettings.from(values, name -> secret(environment, name), classLoader);
            if (settings.database().isPresent()) {
                // Spring Boot builds the pool: one place to name the database, spring.datasource.*.
                throw new ConfigException("ramphook.jdbc.url: in Spring Boot, ramphook.store=jdbc uses the"
                        + " application's DataSource bean; configure it with spring.datasource.url instead");
            }
            return settings;
        } catch (ConfigException e) {
            log.error("ramphook configuration error: {}", e.getMessage());
            throw e;
        }
    }

    /** The receiver, with the application's handler and listener beans; closed when the context closes. */
    @Bean(destroyMethod = "close")
    WebhookReceiver webhookReceiver(ReceiverSettings configuration, Environment environment,
                                    ConfigurableListableBeanFactory beans, ObjectProvider<EventStore> stores,
                                    ObjectProvider<DataSource> dataSources,
                                    ObjectProvider<DeliveryListener> listeners) {
        EventStore store = store(environment, beans, stores, dataSources);
        List<Object> handlers = SpringHandlers.find(beans);
        // Every listener bean, in @Order: metrics of the application's own, an audit trail, tracing.
        WebhookReceiver receiver = configuration.build(handlers, store, listeners.orderedStream().toList());
        List<String> names = new ArrayList<>();
        handlers.forEach(h -> names.add(org.springframework.util.ClassUtils.getUserClass(h).getSimpleName()));
        log.info("ramphook: handler beans {}, store {}", names, store == null ? "as configured (in memory unless"
                + " ramphook.store names a class)" : store.getClass().getSimpleName());
        return receiver;
    }

    /** The filter for the configured endpoint paths (and one segment below them, for path tokens). */
    @Bean
    FilterRegistrationBean<WebhookFilter> ramphookFilter(ReceiverSettings configuration, WebhookReceiver receiver) {
        List<String> patterns = configuration.urlPatterns();
        configuration.consolePath().ifPresent(path -> log.info("ramphook: console at {}/", path));
        for (ReceiverSettings.Endpoint endpoint : configuration.endpoints()) {
            log.info("ramphook: {} deliveries at {} ({})", endpoint.provider().id(), endpoint.path(),
                    endpoint.authenticator());
        }
        return WebhookFilterAutoConfiguration.registration(receiver, patterns);
    }

    /** A secret by name: any property source of the application, so also the environment and system properties. */
    private static Optional<String> secret(Environment environment, String name) {
        String value = environment.getProperty(name);
        return value == null || value.isEmpty() ? Optional.empty() : Optional.of(value);
    }

    /** The EventStore bean, or a JDBC store for {@code ramphook.store=jdbc}; null leaves it to the configuration. */
    private static EventStore store(Environment environment, ConfigurableListableBeanFactory beans,
                                    ObjectProvider<EventStore> stores, ObjectProvider<DataSource> dataSources) {
        // Read as the receiver's keys are (one rule for environment variables), not by a second look-up.
        String key = Optional.ofNullable(SpringSettings.read(environment).get(STORE_KEY)).map(String::trim)
                .orElse(null);
        String[] storeBeans = beans.getBeanNamesForType(EventStore.class);
        if (storeBeans.length > 0) {
            if (key != null && !key.isBlank()) {
                throw new ConfigException(STORE_KEY + "=" + key + " and the EventStore bean '" + storeBeans[0]
                        + "' both choose the store: keep one");
            }
            EventStore store = stores.getIfUnique();
            if (store == null) {
                throw new ConfigException("several EventStore beans " + List.of(storeBeans) + ": mark the one"
                        + " ramphook should use @Primary");
            }
            return store;
        }
        if (!JDBC.equals(key)) {
            return null; // in memory, or the class ramphook.store names, as in ramphook.properties
        }
        DataSource dataSource = dataSources.getIfUnique();
        if (dataSource == null) {
            throw new ConfigException(STORE_KEY + "=jdbc needs one DataSource bean (spring-boot-starter-jdbc and"
                    + " spring.datasource.url, for instance); found " + dataSources.stream().count());
        }
        return JdbcEventStore.of(dataSource);
    }

    /** Matches when any property source holds a {@code ramphook.*} key: without configuration, nothing happens. */
    static final class RamphookKeysPresent implements Condition {
        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            return SpringSettings.present(context.getEnvironment());
        }
    }
}
