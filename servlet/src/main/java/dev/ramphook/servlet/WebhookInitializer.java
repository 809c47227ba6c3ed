package dev.ramphook.servlet;

import dev.ramphook.receiver.WebhookReceiver;
import dev.ramphook.config.ConfigException;
import dev.ramphook.config.ReceiverSettings;
import dev.ramphook.internal.text.Logs;
import dev.ramphook.store.EventStore;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRegistration;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;

/**
 * The zero-code drop-in: with {@code ramphook-servlet} in {@code WEB-INF/lib}, the container calls this initializer
 * at start-up. When the class path holds {@code ramphook.properties} or the context has {@code ramphook.*} init
 * parameters (which override the file), it validates that configuration, registers a {@link WebhookFilter} for the
 * configured endpoint paths ahead of the application's own filters, and closes the receiver when the context
 * stops. Without such configuration it does nothing. A configuration error stops the application at start-up with a
 * message naming the key.
 *
 * <p>Hook for dependency-injection containers: a {@code ServletContextListener} (which runs after this initializer
 * and before the filter starts) may put ready objects into the servlet context:
 * <ul>
 *   <li>{@value #HANDLERS_ATTRIBUTE}: a {@code Collection} of handler beans, added to {@code ramphook.handlers};</li>
 *   <li>{@value #STORE_ATTRIBUTE}: an {@link EventStore} (a JDBC store on the container's DataSource, say), used
 *       instead of {@code ramphook.store}.</li>
 * </ul>
 * Applications that build the {@link WebhookReceiver} themselves register {@code new WebhookFilter(receiver)} and
 * leave the configuration out.
 */
public final class WebhookInitializer implements ServletContainerInitializer {

    /** The classpath resource read for configuration. */
    public static final String CONFIG_RESOURCE = "ramphook.properties";
    /** Servlet-context attribute: a {@code Collection} of handler beans from a DI container. */
    public static final String HANDLERS_ATTRIBUTE = "dev.ramphook.handlers";
    /** Servlet-context attribute: the {@link EventStore} to use. */
    public static final String STORE_ATTRIBUTE = "dev.ramphook.store";

    private static final String PREFIX = "ramphook.";

    private static final Logger log = Logs.get(WebhookInitializer.class);

    private final Function<String, Optional<String>> secrets;

    /** Called by the container; secrets come from environment variables, then system properties. */
    public WebhookInitializer() {
        this(ReceiverSettings::environmentSecret);
    }

    WebhookInitializer(Function<String, Optional<String>> secrets) {
        this.secrets = secrets;
    }

    @Override
    public void onStartup(Set<Class<?>> ignored, ServletContext context) throws ServletException {
        ClassLoader classLoader = classLoaderOf(context);
        ReceiverSettings config;
        try {
            Map<String, String> keys = read(context, classLoader);
            if (keys.isEmpty()) {
                log.debug("no {} and no ramphook.* init parameter: webhook filter not registered", CONFIG_RESOURCE);
                return;
            }
            config = ReceiverSettings.from(keys, secrets, classLoader);
            config.validate(); // a bad handler method fails here, not later as "Filters failed to start"
        } catch (ConfigException e) {
            log.error("ramphook configuration error: {}", e.getMessage());
            throw new ServletException("ramphook configuration error: " + e.getMessage());
        }
        FilterRegistration.Dynamic filter = context.addFilter("ramphook",
                new WebhookFilter(ctx -> config.build(handlersFrom(ctx), storeFrom(ctx))));
        if (filter == null) {
            throw new ServletException("ramphook configuration error: a filter named ramphook is already registered");
        }
        filter.setAsyncSupported(true); // the filter is in the chain of these paths only, but must not veto async
        List<String> patterns = config.urlPatterns();
        for (ReceiverSettings.Endpoint endpoint : config.endpoints()) {
            log.info("ramphook: {} deliveries at {}{} ({})", endpoint.provider().id(), context.getContextPath(),
                    endpoint.path(), endpoint.authenticator());
        }
        config.consolePath().ifPresent(path -> log.info("ramphook: console at {}{}/", context.getContextPath(), path));
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, patterns.toArray(String[]::new));
        asyncSupportedChain(context, patterns);
    }

    /** An async-supported servlet at the endpoint paths, so the filter can read bodies without holding a thread. */
    private static void asyncSupportedChain(ServletContext context, List<String> patterns) {
        ServletRegistration.Dynamic servlet = context.addServlet("ramphook-endpoints", new EndpointFallback());
        if (servlet == null) {
            return; // the application registered that name itself
        }
        servlet.setAsyncSupported(true);
        Set<String> taken = servlet.addMapping(patterns.toArray(String[]::new));
        if (!taken.isEmpty()) {
            log.info("ramphook: the application maps its own servlet at {}; make it async-supported so that webhook"
                    + " bodies are read without holding a thread", taken);
        }
    }

    // Embedded containers may leave the context without its own class loader (Jetty's ServletContextHandler does).
    private static ClassLoader classLoaderOf(ServletContext context) {
        ClassLoader loader = context.getClassLoader();
        if (loader == null) {
            loader = Thread.currentThread().getContextClassLoader();
        }
        return loader != null ? loader : WebhookInitializer.class.getClassLoader();
    }

    /** The file's keys, then the context's {@code ramphook.*} init parameters over them. */
    static Map<String, String> read(ServletContext context, ClassLoader classLoader) {
        Map<String, String> values = new HashMap<>();
        URL file = classLoader.getResource(CONFIG_RESOURCE);
        if (file != null) {
            Properties properties = new Properties();
            try (InputStream in = file.openStream(); Reader reader = new InputStreamReader(in, StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException | IllegalArgumentException e) {
                throw new ConfigException(CONFIG_RESOURCE + " (" + file + ") cannot be read: " + e.getMessage(), e);
            }
            for (String key : properties.stringPropertyNames()) {
                if (!key.startsWith(PREFIX)) {
                    throw new ConfigException(key + " in " + CONFIG_RESOURCE + " is not a ramphook.* key");
                }
                values.put(key, properties.getProperty(key));
            }
        }
        for (String name : Collections.list(context.getInitParameterNames())) {
            if (name.startsWith(PREFIX)) {
                values.put(name, context.getInitParameter(name));
            }
        }
        return values;
    }

    private static Collection<?> handlersFrom(ServletContext context) {
        Object beans = context.getAttribute(HANDLERS_ATTRIBUTE);
        if (beans == null) {
            return List.of();
        }
        if (beans instanceof Collection<?> collection) {
            return collection;
        }
        throw new ConfigException("servlet context attribute " + HANDLERS_ATTRIBUTE + " must be a Collection of"
                + " handler objects, got " + beans.getClass().getName());
    }

    private static EventStore storeFrom(ServletContext context) {
        Object store = context.getAttribute(STORE_ATTRIBUTE);
        if (store == null || store instanceof EventStore) {
            return (EventStore) store;
        }
        throw new ConfigException("servlet context attribute " + STORE_ATTRIBUTE + " must be a"
                + " dev.ramphook.store.EventStore, got " + store.getClass().getName());
    }
}
