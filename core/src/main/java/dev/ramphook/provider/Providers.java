package dev.ramphook.provider;

import dev.ramphook.Provider;
import dev.ramphook.internal.text.Logs;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.slf4j.Logger;

/**
 * The providers registered for {@link ServiceLoader} ({@code META-INF/services/dev.ramphook.Provider}), by id: the
 * built-in ones and any other jar's on the class path. What {@code ramphook.endpoint.<name>.provider=<id>} names.
 *
 * <pre>{@code
 * Provider moonPay = Providers.find("moonpay").orElseThrow();
 * }</pre>
 *
 * <p>Each call loads afresh (providers are cheap to create); the first registration of an id on the class path wins,
 * as with any service. A registration that cannot be loaded is skipped with a WARN line, so one broken jar does not
 * hide the others. Thread-safe.
 */
public final class Providers {

    private static final Logger log = Logs.get(Providers.class);

    private Providers() {
    }

    /**
     * Every provider visible to {@code classLoader}, by id, in class path order.
     *
     * @param classLoader where to look, such as a web application's class loader
     * @return an unmodifiable map from provider id to provider
     */
    public static Map<String, Provider> all(ClassLoader classLoader) {
        Map<String, Provider> byId = new LinkedHashMap<>();
        Iterator<Provider> found = ServiceLoader.load(Provider.class, classLoader).iterator();
        while (true) {
            try {
                if (!found.hasNext()) {
                    return Collections.unmodifiableMap(byId);
                }
                Provider provider = found.next();
                byId.putIfAbsent(provider.id(), provider);
            } catch (ServiceConfigurationError e) {
                // One broken registration (say, a copy loaded by another class loader) must not hide the others;
                // an endpoint that needs the missing provider still fails, naming its key.
                log.warn("skipping a dev.ramphook.Provider that cannot be loaded: {}", e.getMessage());
            }
        }
    }

    /**
     * Every provider visible to the class loader that loaded ramphook.
     *
     * @return an unmodifiable map from provider id to provider
     */
    public static Map<String, Provider> all() {
        return all(Providers.class.getClassLoader());
    }

    /**
     * The provider with id {@code id} visible to {@code classLoader}.
     *
     * @param id          such as {@code mecash}
     * @param classLoader where to look
     * @return the provider, or empty when none has that id
     */
    public static Optional<Provider> find(String id, ClassLoader classLoader) {
        return Optional.ofNullable(all(classLoader).get(id));
    }

    /**
     * The provider with id {@code id} visible to the class loader that loaded ramphook.
     *
     * @param id such as {@code mecash}
     * @return the provider, or empty when none has that id
     */
    public static Optional<Provider> find(String id) {
        return find(id, Providers.class.getClassLoader());
    }
}
