package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryListener;
import dev.ramphook.internal.text.Logs;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.slf4j.Logger;

/**
 * The engine's observers, called one after the other. One that throws is logged (once per observer class, then at
 * debug) and skipped: an observer never breaks a delivery, a handler run or a store call.
 */
final class Observers implements DeliveryListener {

    private static final Logger log = Logs.get(Observers.class);

    private final List<DeliveryListener> observers = new CopyOnWriteArrayList<>();
    private final Set<Class<?>> warned = ConcurrentHashMap.newKeySet();

    void add(DeliveryListener observer) {
        observers.add(java.util.Objects.requireNonNull(observer, "observer"));
    }

    void remove(DeliveryListener observer) {
        observers.remove(observer);
    }

    @Override
    public void delivered(Delivery delivery) {
        each(o -> o.delivered(delivery));
    }

    @Override
    public void handlerRan(HandlerRun run) {
        each(o -> o.handlerRan(run));
    }

    @Override
    public void attemptEnded(AttemptEnd end) {
        each(o -> o.attemptEnded(end));
    }

    @Override
    public void storeCalled(StoreCall call) {
        each(o -> o.storeCalled(call));
    }

    boolean isEmpty() {
        return observers.isEmpty();
    }

    /**
     * True when someone observes. The engine builds reports (and takes the clock readings and strings they carry)
     * only then: with nobody listening, the observer seam costs one volatile read per step.
     */
    boolean active() {
        return !observers.isEmpty();
    }

    private void each(Consumer<DeliveryListener> report) {
        if (observers.isEmpty()) {
            return;
        }
        for (DeliveryListener observer : observers) {
            try {
                report.accept(observer);
            } catch (RuntimeException | LinkageError | StackOverflowError e) {
                if (warned.add(observer.getClass())) {
                    log.warn("observer {} failed and is ignored (further failures are logged at debug)",
                            observer.getClass().getName(), e);
                } else {
                    log.debug("observer {} failed: {}", observer.getClass().getName(), e.toString());
                }
            }
        }
    }
}
