package dev.ramphook.auth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ramphook.Authenticator;
import dev.ramphook.Verification;
import dev.ramphook.WebhookRequest;
import org.junit.jupiter.api.Test;

class AuthenticatorTest {

    private static final WebhookRequest REQUEST = WebhookRequest.builder().path("/webhooks/x").build();
    private static final byte[] BODY = new byte[0];

    @Test
    void noneAcceptsAndSaysSo() {
        assertThat(Authenticator.none().verify(REQUEST, BODY).isOk()).isTrue();
        assertThat(Authenticator.none()).hasToString("Authenticator.none()");
    }

    @Test
    void allOfAnswersTheFirstRejection() {
        Authenticator all = Authenticator.allOf((r, b) -> Verification.ok(),
                (r, b) -> Verification.forbidden("first"), (r, b) -> Verification.unauthorized("second"));

        assertThat(all.verify(REQUEST, BODY).reason()).hasValue("first");
    }

    @Test
    void allOfKeepsTheEventIdAMemberSupplied() {
        Authenticator all = Authenticator.allOf((r, b) -> Verification.ok("msg_1"), (r, b) -> Verification.ok());

        assertThat(all.verify(REQUEST, BODY).eventId()).hasValue("msg_1");
    }

    @Test
    void allOfNeedsAMember() {
        assertThatThrownBy(Authenticator::allOf).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void allOfDescribesItsMembersWithoutSecrets() {
        Authenticator all = Authenticator.allOf(IpAllowlist.of("10.0.0.0/8"), UrlToken.of("s3cr3t-token"));

        assertThat(all.toString()).contains("IpAllowlist", "UrlToken").doesNotContain("s3cr3t-token");
    }
}
