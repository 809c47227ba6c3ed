package dev.ramphook.internal.engine;

import dev.ramphook.DeliveryListener;
import dev.ramphook.EventHandler;
import dev.ramphook.WebhookRequest;
import dev.ramphook.store.StoredEvent;

/**
 * The engine's tracing seam: a listener that must act around the work, not only after it. A delivery's span is
 * current while the delivery runs (so spans the store or inline handlers open are its children), and its context is
 * stored with the event it records, so that a handler run in any process, after a restart too, can link to it.
 * Implemented by {@code dev.ramphook.opentelemetry.RamphookTracing}; the engine finds it among the builder's
 * listeners. Public only for that package: not API.
 */
public interface DeliveryTracer {

    /**
     * A delivery starts on this thread: its span is started and made current until {@link DeliverySpan#end}.
     *
     * @param request the request as received (its headers may carry the sender's {@code traceparent})
     * @return never null
     */
    DeliverySpan startDelivery(WebhookRequest request);

    /**
     * One handler run of {@code event} starts: its span is started (not made current: see {@link RunSpan#wrap}).
     *
     * @param event   the event as stored, with the trace context of the delivery that recorded it
     * @param handler the handler's id
     * @param queued  true on a queued worker, false inline (within the delivery's own span)
     * @return never null
     */
    RunSpan startRun(StoredEvent event, String handler, boolean queued);

    /** One delivery's span, current on the thread that started it until it ends. */
    interface DeliverySpan {

        /** {@return the W3C traceparent to store with the recorded event, or null} */
        String traceParent();

        /**
         * Ends the span with what the delivery's report says, and makes the previous context current again. Called
         * once, on the thread that started it.
         *
         * @param delivery the delivery's report
         */
        void end(DeliveryListener.Delivery delivery);
    }

    /** One handler run's span. */
    interface RunSpan {

        /**
         * {@return {@code handler}, run with this span current on whichever thread calls it}
         *
         * @param handler the handler to run
         */
        EventHandler wrap(EventHandler handler);

        /**
         * Ends the span.
         *
         * @param outcome how the run ended
         * @param failure what it threw, or null
         */
        void end(DeliveryListener.RunOutcome outcome, Throwable failure);
    }
}
