package dev.ramphook.zbd;

import java.util.Map;

/**
 * What every typed ZBD Ramp event carries: the user, the widget session and the integrator's metadata. A handler
 * that takes this type receives every documented ZBD Ramp event.
 */
public sealed interface ZbdRampData permits ZbdSession, ZbdAccessToken, ZbdPayment, ZbdWithdrawal {

    /** {@return the user's email address, as given when the session was created} */
    String email();

    /** {@return the ramp session id ({@code sess_…}); one session emits many events} */
    String sessionId();

    /** {@return the metadata the integrator attached to the session; empty when the delivery has none} */
    Map<String, Object> metadata();
}
