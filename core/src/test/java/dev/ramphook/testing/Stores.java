package dev.ramphook.testing;

import dev.ramphook.store.EventStore;
import dev.ramphook.store.StoreException;
import java.lang.reflect.Proxy;

/** Event stores for tests of what the receiver does when its store misbehaves. */
public final class Stores {

    private Stores() {
    }

    /**
     * A store whose database is gone: every call throws {@link StoreException} ("connection refused"), as the JDBC
     * store does when it cannot connect. It says it is not durable (so handling defaults to inline, as for the
     * in-memory store) and its {@code toString()} is {@code down}.
     */
    public static EventStore down() {
        return (EventStore) Proxy.newProxyInstance(EventStore.class.getClassLoader(), new Class<?>[] {EventStore.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("durable")) {
                        return false;
                    }
                    if (method.getName().equals("toString")) {
                        return "down";
                    }
                    throw new StoreException("connection refused");
                });
    }
}
