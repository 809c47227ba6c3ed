package dev.ramphook.testing;

import dev.ramphook.DeliveryListener;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A listener for tests: keeps every report, in order, safe to read from the test's thread. */
public final class RecordingListener implements DeliveryListener {
    public final List<Delivery> deliveries = new CopyOnWriteArrayList<>();
    public final List<HandlerRun> runs = new CopyOnWriteArrayList<>();
    public final List<AttemptEnd> attempts = new CopyOnWriteArrayList<>();
    public final List<StoreCall> storeCalls = new CopyOnWriteArrayList<>();

    @Override
    public void delivered(Delivery delivery) {
        deliveries.add(delivery);
    }

    @Override
    public void handlerRan(HandlerRun run) {
        runs.add(run);
    }

    @Override
    public void attemptEnded(AttemptEnd end) {
        attempts.add(end);
    }

    @Override
    public void storeCalled(StoreCall call) {
        storeCalls.add(call);
    }
}
