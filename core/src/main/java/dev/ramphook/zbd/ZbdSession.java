package dev.ramphook.zbd;

import java.util.Map;

/**
 * A step in the user's journey through the widget, with no money attached: {@code SESSION.*},
 * {@code CODE_VERIFICATION.*}, {@code KYC.*} and {@code BANK_CONNECTION.*}. Which step it is, is the event name.
 *
 * <p>{@code email} and {@code sessionId} are always present; {@code metadata} is empty when ZBD sends none.
 * A delivery where one is missing, or has another shape, is not typed: it arrives with its JSON {@code data} node
 * as data, and a WARN line names the field.
 *
 * @param email     the user's email address
 * @param sessionId the ramp session id
 * @param metadata  the integrator's session metadata, possibly empty
 */
public record ZbdSession(String email, String sessionId, Map<String, Object> metadata) implements ZbdRampData {

    /**
     * Creates the record, as the provider does for a delivery (tests may too): collections and maps are copied,
     * unmodifiable.
     *
     * @param email     the user's email address
     * @param sessionId the ramp session id
     * @param metadata  the integrator's session metadata, possibly empty
     */
    public ZbdSession {
        metadata = Metadata.copy(metadata);
    }
}
