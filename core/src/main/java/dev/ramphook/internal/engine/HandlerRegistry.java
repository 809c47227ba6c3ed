package dev.ramphook.internal.engine;

import dev.ramphook.Provider;
import dev.ramphook.WebhookEvent;
import dev.ramphook.internal.text.Logs;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.slf4j.Logger;

/** All handlers, validated against the configured providers at build time; a cached look-up per event name. */
final class HandlerRegistry {

    private static final Logger log = Logs.get(HandlerRegistry.class);
    private static final int MAX_CACHED_NAMES = 4096;

    private final List<Binding> bindings;
    /**
     * The handlers of each name, for one provider, short name and data type: a documented name's from its provider's
     * table (built with the registry, for a final data type), any other name's from the first delivery of it. The
     * look-up a delivery makes (its name's hash is the String's own, already computed by its provider's table, or the
     * table's own String), then three identity or equality checks, and nothing allocated.
     */
    private final Map<String, Route> byName = new ConcurrentHashMap<>();
    /** The same for any other provider, short name or data type a name comes with (typed data degraded to JSON). */
    private final Map<Variant, List<Binding>> byVariant = new ConcurrentHashMap<>();

    /** What decides an event's handlers besides its name: all of it, checked on every look-up. */
    private record Variant(String provider, String name, String shortName, Class<?> dataType) {
        static Variant of(WebhookEvent<?> event) {
            return new Variant(event.provider(), event.name(), event.shortName(), event.data().getClass());
        }
    }

    private record Route(String provider, String shortName, boolean shortIsName, Class<?> dataType,
                         List<Binding> handlers) {
        boolean fits(WebhookEvent<?> event) {
            String s = event.shortName();
            return dataType == event.data().getClass() && provider.equals(event.provider())
                    && (s == event.name() ? shortIsName : shortName.equals(s));
        }
    }

    private HandlerRegistry(List<Binding> bindings, Collection<Provider> providers) {
        this.bindings = bindings;
        for (Provider p : providers) { // a name two providers document: the first one's route, the other's variant
            for (Map.Entry<String, Class<?>> e : p.eventTypes().entrySet()) {
                Class<?> type = e.getValue();
                if (!Modifier.isFinal(type.getModifiers())) {
                    continue; // its data is of some subclass: the first delivery's decides the route
                }
                String name = e.getKey();
                String shortName = p.shortName(name);
                List<Binding> found = bindings.stream().filter(b -> b.wants(p.id(), type, name, shortName)).toList();
                byName.putIfAbsent(name, new Route(p.id(), shortName, shortName.equals(name), type, found));
            }
        }
    }

    static HandlerRegistry build(List<Object> beans, List<EngineConfig.HandlerSpec> specs,
                                 Collection<Provider> providers) {
        List<Binding> all = new ArrayList<>();
        for (Object bean : beans) {
            all.addAll(AnnotatedHandlers.scan(bean));
        }
        for (int i = 0; i < specs.size(); i++) {
            EngineConfig.HandlerSpec s = specs.get(i);
            String id = "on[" + i + "]:" + s.pattern();
            EventPattern pattern;
            try {
                pattern = EventPattern.parse(s.pattern());
            } catch (IllegalArgumentException bad) {
                throw new IllegalArgumentException(bad.getMessage() + "\n    for handler " + id);
            }
            all.add(new Binding(id, s.provider(), List.of(pattern), null, s.handler()));
        }
        for (Binding b : all) {
            validate(b, providers);
        }
        return new HandlerRegistry(List.copyOf(all), providers);
    }

    /** Fails for a handler that can never be called; warns for one that only undocumented events can reach. */
    private static void validate(Binding b, Collection<Provider> providers) {
        String where = "\n    for " + (b.id().startsWith("on[") ? "handler " : "method ") + b.id();
        Set<String> ids = providers.stream().map(Provider::id).collect(Collectors.toCollection(TreeSet::new));
        if (!b.provider().isEmpty() && !ids.contains(b.provider())) {
            throw new IllegalArgumentException("provider '" + b.provider() + "' has no endpoint (configured: "
                    + ids + ")" + where);
        }
        Set<String> matched = new TreeSet<>();
        Set<String> carried = new TreeSet<>();
        boolean bindable = false;
        for (Provider p : providers) {
            if (!b.provider().isEmpty() && !b.provider().equals(p.id())) {
                continue;
            }
            for (Map.Entry<String, Class<?>> e : p.eventTypes().entrySet()) {
                if (b.matchesName(e.getKey(), p.shortName(e.getKey()))) {
                    matched.add(e.getKey());
                    carried.add(e.getValue().getSimpleName());
                    bindable |= b.dataType() == null || b.dataType().isAssignableFrom(e.getValue());
                }
            }
        }
        if (b.dataType() != null && !bindable) {
            String owner = unconfiguredProviderOf(b.dataType(), ids);
            if (owner != null) {
                throw new IllegalArgumentException("parameter type " + b.dataType().getName() + " is data of provider '"
                        + owner + "', which has no endpoint (configured: " + ids + "); add an endpoint for '" + owner
                        + "' or remove this handler" + where);
            }
            throw new IllegalArgumentException("parameter type " + b.dataType().getName()
                    + " cannot be bound to any event matched by " + b.patterns()
                    + (matched.isEmpty() ? " (no documented event matches)" : " (those events carry " + carried + ")")
                    + where);
        }
        if (matched.isEmpty()) {
            log.warn("@OnEvent patterns {} match no documented event of {}; they will only match undocumented names{}",
                    b.patterns(), ids, where.replace('\n', ' '));
        }
    }

    /**
     * The id of a provider on the class path, not configured with an endpoint, whose documented events carry
     * {@code dataType}; null when there is none. Found through {@link ServiceLoader}, as the zero-code set-up
     * finds providers.
     */
    private static String unconfiguredProviderOf(Class<?> dataType, Set<String> configured) {
        try {
            for (Provider p : ServiceLoader.load(Provider.class, dataType.getClassLoader())) {
                if (!configured.contains(p.id())
                        && p.eventTypes().values().stream().anyMatch(dataType::isAssignableFrom)) {
                    return p.id();
                }
            }
        } catch (ServiceConfigurationError | RuntimeException e) {
            log.debug("could not list providers to explain an unbindable handler: {}", e.toString());
        }
        return null;
    }

    /** The handlers for this event, in registration order. */
    List<Binding> handlersFor(WebhookEvent<?> event) {
        Route route = byName.get(event.name());
        if (route != null && route.fits(event)) {
            return route.handlers();
        }
        if (route == null) {
            List<Binding> found = find(event);
            if (byName.size() < MAX_CACHED_NAMES) { // names come from the (authenticated) provider, still bound them
                String shortName = event.shortName();
                byName.putIfAbsent(event.name(), new Route(event.provider(), shortName,
                        shortName.equals(event.name()), event.data().getClass(), found));
            }
            return found;
        }
        Variant variant = Variant.of(event);
        List<Binding> cached = byVariant.get(variant);
        if (cached != null) {
            return cached;
        }
        List<Binding> found = find(event);
        if (byVariant.size() < MAX_CACHED_NAMES) {
            byVariant.put(variant, found);
        }
        return found;
    }

    private List<Binding> find(WebhookEvent<?> event) {
        return bindings.stream().filter(b -> b.wants(event)).toList();
    }

    int size() {
        return bindings.size();
    }
}
