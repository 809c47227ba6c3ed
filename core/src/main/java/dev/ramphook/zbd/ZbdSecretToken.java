package dev.ramphook.zbd;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A bearer token ZBD hands to the integrator. It never prints itself: {@link #toString()} is a fixed mask, so a
 * record or log line that contains it cannot leak it. Read it with {@link #reveal()} where it is actually used.
 */
public final class ZbdSecretToken {

    private final String value;

    /**
     * Wraps a token (the provider does, for ZBD's access and refresh tokens; tests may).
     *
     * @param value the token, not {@code null}
     * @throws NullPointerException when {@code value} is null
     */
    public ZbdSecretToken(String value) {
        this.value = Objects.requireNonNull(value, "value");
    }

    /** {@return the token itself, to use it (as a bearer token to ZBD's API); never log it} */
    public String reveal() {
        return value;
    }

    /** Compares in constant time, so equality checks cannot be timed to guess a token. */
    @Override
    public boolean equals(Object other) {
        return other instanceof ZbdSecretToken that
                && MessageDigest.isEqual(value.getBytes(StandardCharsets.UTF_8),
                                         that.value.getBytes(StandardCharsets.UTF_8));
    }

    /** Constant, so the hash reveals nothing about the token. */
    @Override
    public int hashCode() {
        return ZbdSecretToken.class.hashCode();
    }

    @Override
    public String toString() {
        return "ZbdSecretToken[***]";
    }
}
