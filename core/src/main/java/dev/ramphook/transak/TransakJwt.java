package dev.ramphook.transak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ramphook.InvalidPayloadException;
import dev.ramphook.WebhookRequest;
import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.internal.crypto.ConstantTime;
import dev.ramphook.internal.crypto.HmacKey;
import dev.ramphook.internal.json.Json;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import javax.crypto.spec.SecretKeySpec;

/**
 * Transak's webhook authentication: the body is {@code {"data": "<JWT>"}}, a JSON Web Token signed with HS256
 * (HMAC-SHA256) keyed with your partner access token. The algorithm is pinned: a token whose header names any
 * other {@code alg} ({@code none}, {@code HS512}, {@code RS256} …) or carries a {@code crit} header is refused
 * before any signature is computed, so a forger cannot choose how the token is checked. As the
 * {@code jsonwebtoken} library Transak points to does, an {@code exp} or {@code nbf} claim, when present, must
 * hold at the time of receipt.
 *
 * <p>Transak access tokens expire (they are refreshed with the Refresh Access Token API), so give the current and
 * the previous token while you switch. Immutable and thread-safe; reasons never hold a token or a signature.
 */
public final class TransakJwt implements Authenticator {

    private static final String ALGORITHM = "HS256";
    private static final int MAX_TOKEN_CHARS = 1 << 20;

    private final List<HmacKey> keys;
    private final Clock clock;
    private final boolean clockSet; // set on this authenticator: the receiver's clock does not replace it

    private TransakJwt(List<HmacKey> keys, Clock clock, boolean clockSet) {
        this.keys = keys;
        this.clock = clock;
        this.clockSet = clockSet;
    }

    /**
     * Checks tokens signed with any of {@code accessTokens}.
     *
     * @param accessTokens the partner access tokens
     * @return a new authenticator
     * @throws IllegalArgumentException when no access token or an empty one is given
     */
    public static TransakJwt of(String... accessTokens) {
        if (accessTokens == null || accessTokens.length == 0) {
            throw new IllegalArgumentException("TransakJwt needs at least one access token");
        }
        List<HmacKey> keys = new ArrayList<>(accessTokens.length);
        for (String token : accessTokens) {
            if (token == null || token.isEmpty()) {
                throw new IllegalArgumentException("TransakJwt: an access token must not be null or empty");
            }
            keys.add(new HmacKey(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA256")));
        }
        return new TransakJwt(List.copyOf(keys), Clock.systemUTC(), false);
    }

    /**
     * This check with another clock for {@code exp} and {@code nbf}, for this authenticator alone. An explicit clock wins: a receiver built with this authenticator does not replace it with its own
     * ({@link #withDefaultClock}). Without one, the receiver's {@code WebhookReceiver.Builder.clock}
     * is used, and on its own (calling {@code verify} directly) the UTC system clock.
     *
     * @param newClock the clock for {@code exp} and {@code nbf}
     * @return a new authenticator with that clock
     * @throws NullPointerException when it is null
     */
    public TransakJwt clock(Clock newClock) {
        return new TransakJwt(keys, Objects.requireNonNull(newClock, "clock"), true);
    }

    /** A copy on the receiver's clock, unless {@link #clock} was set. */
    @Override
    public TransakJwt withDefaultClock(Clock receiverClock) {
        Objects.requireNonNull(receiverClock, "clock");
        return clockSet ? this : new TransakJwt(keys, receiverClock, false);
    }

    @Override
    public Verification verify(WebhookRequest request, byte[] body) {
        String token;
        try {
            token = TransakTokens.token(body); // streamed: no tree of an unauthenticated body
        } catch (TransakTokens.NotEnvelope e) {
            return Verification.unauthorized(e.getMessage());
        }
        if (token.length() > MAX_TOKEN_CHARS) {
            return Verification.unauthorized("body is not {\"data\": \"<JWT>\"}");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            return Verification.unauthorized("data is not a signed JWT");
        }
        ObjectNode header = TransakTokens.decodeObject(parts[0]);
        if (header == null) {
            return Verification.unauthorized("malformed JWT header");
        }
        JsonNode alg = header.get("alg");
        if (alg == null || !alg.isTextual() || !ALGORITHM.equals(alg.textValue())) {
            return Verification.unauthorized("JWT alg is not HS256");
        }
        if (header.has("crit")) {
            return Verification.unauthorized("JWT header has crit parameters");
        }
        byte[] given = TransakTokens.base64Url(parts[2]);
        if (given == null) {
            return Verification.unauthorized("malformed JWT signature");
        }
        byte[] signingInput = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
        if (!ConstantTime.anyMatch(keys, key -> key.mac(signingInput), List.of(given))) {
            return Verification.unauthorized("no matching signature");
        }
        ObjectNode claims = TransakTokens.decodeObject(parts[1]);
        if (claims == null) {
            return Verification.unauthorized("malformed JWT payload");
        }
        return timeClaims(claims);
    }

    /**
     * Transak's signature is the body: signs as Transak does, with the first access token. A body
     * {@code {"data": "<JWT>"}} (a catalog sample) keeps its text and the token's header and claims byte for byte;
     * only the token's signature part is replaced. Any other JSON object is taken as the claims
     * ({@code {"webhookData": {…}, "eventID": "ORDER_COMPLETED"}}) and becomes {@code {"data": "<JWT>"}} with the
     * header {@code {"alg":"HS256","typ":"JWT"}}. The returned request carries the new body.
     *
     * @throws IllegalArgumentException when the body is not a JSON object, or its token's header is not HS256
     */
    @Override
    public WebhookRequest sign(WebhookRequest request, byte[] body) {
        ObjectNode json;
        try {
            json = Json.parseObject(body);
        } catch (InvalidPayloadException e) {
            throw new IllegalArgumentException("a Transak body is a JSON object: {\"data\": \"<JWT>\"} or the claims");
        }
        String token = TransakTokens.token(json);
        String[] parts = token == null ? new String[0] : token.split("\\.", -1);
        byte[] signed;
        if (parts.length == 3) {
            ObjectNode header = TransakTokens.decodeObject(parts[0]);
            if (header == null || !header.path("alg").asText("").equals(ALGORITHM)) {
                throw new IllegalArgumentException("the token's header does not name alg HS256");
            }
            String resigned = parts[0] + "." + parts[1] + "." + signature(parts[0] + "." + parts[1]);
            String text = new String(body, StandardCharsets.UTF_8);
            int at = text.indexOf(token);
            signed = (text.substring(0, at) + resigned + text.substring(at + token.length()))
                    .getBytes(StandardCharsets.UTF_8);
        } else {
            Base64.Encoder url = Base64.getUrlEncoder().withoutPadding();
            String input = url.encodeToString("{\"alg\":\"HS256\",\"typ\":\"JWT\"}".getBytes(StandardCharsets.UTF_8))
                    + "." + url.encodeToString(body);
            signed = ("{\"data\":\"" + input + "." + signature(input) + "\"}").getBytes(StandardCharsets.UTF_8);
        }
        return request.toBuilder().body(signed).build();
    }

    private String signature(String signingInput) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString(keys.get(0).mac(signingInput.getBytes(StandardCharsets.US_ASCII)));
    }

    /**
     * {@code exp} and {@code nbf} compared exactly with now: {@code asLong()} would wrap a value beyond a long
     * ({@code 2^64} reads as 0, {@code 1e19} as a negative number), so a token not valid before the far future would
     * pass and one expiring in it would not. {@code compareTo} looks at the exponents first, so {@code 1e999999999}
     * costs nothing.
     */
    private Verification timeClaims(ObjectNode claims) {
        BigDecimal now = BigDecimal.valueOf(clock.instant().getEpochSecond());
        JsonNode exp = claims.get("exp");
        if (exp != null && (!exp.isNumber() || exp.decimalValue().compareTo(now) <= 0)) {
            return Verification.unauthorized("JWT expired");
        }
        JsonNode nbf = claims.get("nbf");
        if (nbf != null && (!nbf.isNumber() || nbf.decimalValue().compareTo(now) > 0)) {
            return Verification.unauthorized("JWT not yet valid");
        }
        return Verification.ok();
    }

    /** Names the scheme; never a token. */
    @Override
    public String toString() {
        return "TransakJwt[HS256, accessTokens=" + keys.size() + "]";
    }
}
