package dev.ramphook;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that handles webhook events whose name matches one of the patterns.
 *
 * <p>A pattern is a dot-separated event name. It matches the provider's full name
 * ({@code RAMP_WIDGET.V1.PAYMENT.SETTLED}, {@code ramp.payout.completed}) or its short name, where the
 * provider has one ({@code PAYMENT.SETTLED} for ZBD Ramp). Matching ignores ASCII case. A segment {@code *}
 * matches exactly one segment, except as the last segment, where it matches one or more
 * ({@code PAYMENT.*}, {@code ramp.payout.*}); the pattern {@code *} alone matches every event, including
 * event names no provider documents yet.
 *
 * <p>Parameters bind by type, in any order: the typed event data (for example
 * {@code dev.ramphook.zbd.ZbdPayment}), {@link WebhookEvent}, {@link com.fasterxml.jackson.databind.JsonNode}
 * (the whole delivered JSON) and {@link DeliveryContext}. A method whose data parameter type no matched event
 * can carry, or with a parameter that cannot be bound, fails
 * {@link dev.ramphook.receiver.WebhookReceiver.Builder#build()}.
 *
 * <p>The method must be an instance method, public, protected or package-private, with at least one parameter;
 * a private or static method, or one without parameters, fails
 * {@link dev.ramphook.receiver.WebhookReceiver.Builder#build()} naming it
 * (private: make it package-private or public). It is resolved once, when the receiver is built. Each instance
 * passed to {@code handlers(…)} registers its methods once.
 */
@Documented
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.METHOD)
public @interface OnEvent {

    /**
     * The event names this method handles.
     *
     * @return one or more event name patterns, as described above
     */
    String[] value();

    /**
     * Restricts the method to one provider's events, such as {@code "zbd"} or {@code "mecash"}.
     *
     * @return a {@link Provider#id()}; empty (the default) means any provider
     */
    String provider() default "";
}
