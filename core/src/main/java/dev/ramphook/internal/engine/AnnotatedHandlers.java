package dev.ramphook.internal.engine;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ramphook.DeliveryContext;
import dev.ramphook.EventHandler;
import dev.ramphook.OnEvent;
import dev.ramphook.WebhookEvent;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Turns {@link OnEvent} methods into {@link Binding}s, once, when the receiver is built. Every misuse fails with a
 * message that names the class and method, in the manner of Retrofit's {@code methodError}.
 */
final class AnnotatedHandlers {

    /** What each parameter position receives. */
    private enum Arg { EVENT, DATA, JSON, CONTEXT }

    private AnnotatedHandlers() {
    }

    static List<Binding> scan(Object bean) {
        List<Binding> bindings = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Class<?> c = bean.getClass(); c != null && c != Object.class; c = c.getSuperclass()) {
            for (Method m : sorted(c.getDeclaredMethods())) {
                OnEvent on = m.getAnnotation(OnEvent.class);
                if (on == null || m.isBridge() || m.isSynthetic()) {
                    continue;
                }
                // An override that is annotated again replaces its superclass method; it runs once.
                if (seen.add(m.getName() + Arrays.toString(m.getParameterTypes()))) {
                    bindings.add(bind(bean, m, on));
                }
            }
        }
        if (bindings.isEmpty()) {
            throw new IllegalArgumentException(bean.getClass().getName() + " has no @OnEvent method");
        }
        return bindings;
    }

    // Declaration order is unspecified by reflection: sort by name for a stable handler order across runs.
    private static Method[] sorted(Method[] methods) {
        Method[] copy = methods.clone();
        Arrays.sort(copy, (a, b) -> (a.getName() + Arrays.toString(a.getParameterTypes()))
                .compareTo(b.getName() + Arrays.toString(b.getParameterTypes())));
        return copy;
    }

    private static Binding bind(Object bean, Method m, OnEvent on) {
        String where = m.getDeclaringClass().getName() + "." + m.getName();
        if (on.value().length == 0) {
            throw error(where, "@OnEvent needs at least one pattern");
        }
        List<EventPattern> patterns = new ArrayList<>();
        for (String p : on.value()) {
            try {
                patterns.add(EventPattern.parse(p));
            } catch (IllegalArgumentException bad) {
                throw error(where, bad.getMessage());
            }
        }
        checkShape(m, where);
        Class<?>[] types = m.getParameterTypes();
        Type[] generic = m.getGenericParameterTypes();
        Arg[] args = new Arg[types.length];
        Class<?> dataType = null;
        for (int i = 0; i < types.length; i++) {
            Arg arg = kind(types[i]);
            for (int j = 0; j < i; j++) {
                if (args[j] == arg) {
                    throw error(where, "two parameters would both receive the " + arg.name().toLowerCase()
                            + " (parameter " + (j + 1) + " and " + (i + 1) + ")");
                }
            }
            args[i] = arg;
            Class<?> wanted = arg == Arg.DATA ? types[i] : arg == Arg.EVENT ? typeArgument(generic[i]) : null;
            if (wanted != null) {
                if (dataType != null && !dataType.equals(wanted)) {
                    throw error(where, "the event data cannot be both " + dataType.getSimpleName() + " and "
                            + wanted.getSimpleName());
                }
                dataType = wanted;
            }
        }
        if (dataType != null && (dataType.isPrimitive() || dataType.isArray())) {
            throw error(where, "parameter type " + dataType.getSimpleName() + " cannot be bound to any event");
        }
        String id = m.getDeclaringClass().getName() + "." + m.getName()
                + Arrays.stream(types).map(Class::getSimpleName).toList().toString()
                .replace('[', '(').replace(']', ')');
        return new Binding(id, on.provider(), List.copyOf(patterns), dataType, invoker(bean, m, args, where));
    }

    /**
     * What a handler method may be: an instance method, public, protected or package-private, with at least one
     * parameter. Private: it looks unused to the compiler and IDEs, and calling it needs deep reflection that the
     * module system can refuse. Static: handlers are registered per object, so two instances of the class would
     * run it twice for one event. No parameter: it could not key its side effects on the event, which is how a
     * handler survives running again after a crash.
     */
    private static void checkShape(Method m, String where) {
        int modifiers = m.getModifiers();
        if (Modifier.isPrivate(modifiers)) {
            throw error(where, "@OnEvent method is private; make it package-private or public");
        }
        if (Modifier.isStatic(modifiers)) {
            throw error(where, "@OnEvent method is static; make it an instance method (handlers are registered per "
                    + "object, so a static one would run once per registered instance)");
        }
        if (m.getParameterCount() == 0) {
            throw error(where, "@OnEvent method has no parameter; take at least one of WebhookEvent, the event's "
                    + "data type, JsonNode or DeliveryContext (side effects should be keyed on event.key())");
        }
    }

    private static Arg kind(Class<?> type) {
        if (type == WebhookEvent.class) {
            return Arg.EVENT;
        }
        if (type == DeliveryContext.class) {
            return Arg.CONTEXT;
        }
        if (type == JsonNode.class) {
            return Arg.JSON;
        }
        return Arg.DATA;
    }

    /** The {@code T} of a {@code WebhookEvent<T>} parameter, or null for {@code WebhookEvent<?>} and raw use. */
    private static Class<?> typeArgument(Type type) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c
                && c != Object.class) {
            return c;
        }
        return null;
    }

    private static EventHandler invoker(Object bean, Method m, Arg[] args, String where) {
        MethodHandle handle;
        try {
            m.setAccessible(true);
            handle = MethodHandles.lookup().unreflect(m);
        } catch (RuntimeException | IllegalAccessException e) {
            throw error(where, "cannot be called: " + e.getMessage());
        }
        handle = handle.bindTo(bean); // checkShape refused static methods
        MethodHandle spread = handle
                .asType(MethodType.genericMethodType(args.length))
                .asSpreader(Object[].class, args.length);
        return (event, context) -> {
            Object[] values = new Object[args.length];
            for (int i = 0; i < args.length; i++) {
                values[i] = switch (args[i]) {
                    case EVENT -> event;
                    case DATA -> event.data();
                    case JSON -> event.json();
                    case CONTEXT -> context;
                };
            }
            try {
                Object ignored = spread.invoke(values);
            } catch (Exception | Error e) {
                throw e;
            } catch (Throwable t) {
                throw new IllegalStateException(t);
            }
        };
    }

    static IllegalArgumentException error(String where, String message) {
        return new IllegalArgumentException(message + "\n    for method " + where);
    }
}
