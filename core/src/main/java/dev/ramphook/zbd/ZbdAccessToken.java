package dev.ramphook.zbd;

import java.time.Instant;
import java.util.Map;

/**
 * {@code USER_ACCESS_TOKEN.CREATED}: ZBD issued tokens that let the integrator act for the user. The tokens are
 * {@link ZbdSecretToken}s, so {@link #toString()} never shows them; the whole delivered JSON still holds them, so do
 * not log {@link dev.ramphook.WebhookEvent#json()} for this event.
 *
 * <p>All fields are always present ({@code metadata} is empty when ZBD sends none). A delivery where one is
 * missing, or has another shape (an expiry that is no ISO-8601 instant), is not typed: it arrives with its JSON
 * {@code data} node as data, and a WARN line names the field.
 *
 * @param email                 the user's email address
 * @param sessionId             the ramp session id
 * @param accessTokenId         the access token's id ({@code tok_…}), safe to log
 * @param accessToken           the access token
 * @param accessTokenExpiresAt  when the access token expires
 * @param refreshToken          the refresh token
 * @param refreshTokenExpiresAt when the refresh token expires
 * @param metadata              the integrator's session metadata, possibly empty
 */
public record ZbdAccessToken(String email, String sessionId, String accessTokenId, ZbdSecretToken accessToken,
                             Instant accessTokenExpiresAt, ZbdSecretToken refreshToken, Instant refreshTokenExpiresAt,
                             Map<String, Object> metadata) implements ZbdRampData {

    /**
     * Creates the record, as the provider does for a delivery (tests may too): collections and maps are copied,
     * unmodifiable.
     *
     * @param email                 the user's email address
     * @param sessionId             the ramp session id
     * @param accessTokenId         the access token's id ({@code tok_…}), safe to log
     * @param accessToken           the access token
     * @param accessTokenExpiresAt  when the access token expires
     * @param refreshToken          the refresh token
     * @param refreshTokenExpiresAt when the refresh token expires
     * @param metadata              the integrator's session metadata, possibly empty
     */
    public ZbdAccessToken {
        metadata = Metadata.copy(metadata);
    }
}
